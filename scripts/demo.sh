#!/usr/bin/env bash
# Starts the demo: the stub API on 127.0.0.1:8787 and `trunk serve` on http://127.0.0.1:8080/,
# which serves the demo portal and proxies /v1 to the stub. Ctrl-C stops both.
#   THENA_API_UPSTREAM=https://platform.thena.ai scripts/demo.sh
# proxies /v1 to the real platform instead (no stub); enter your org id and token in the page.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash scripts/setup.sh
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

config=Trunk.toml
if [ -n "${THENA_API_UPSTREAM:-}" ]; then
  config=.trunk-upstream.toml
  bash scripts/trunk-config.sh "$THENA_API_UPSTREAM" "$config"
  echo "demo: proxying /v1 to $THENA_API_UPSTREAM (no stub API)"
else
  cargo build -q -p stub-api
  target/debug/stub-api --port 8787 &
  stub_pid=$!
  trap 'kill "$stub_pid" 2>/dev/null || true' EXIT
  sleep 0.5
  kill -0 "$stub_pid" 2>/dev/null || { echo "demo: the stub API did not start (is port 8787 taken?)" >&2; exit 1; }
fi
echo
echo "demo: open http://127.0.0.1:8080/ once trunk says it is serving (the first build takes a few minutes)"
echo
trunk serve --config "$config"
