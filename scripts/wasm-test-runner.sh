#!/usr/bin/env bash
# Cargo's runner for wasm32 test binaries: starts the stub API the browser tests talk to
# (127.0.0.1:${THENA_TEST_STUB_PORT:-8788}), runs wasm-bindgen-test-runner, stops the stub.
# Which browser: set exactly one of CHROMEDRIVER or GECKODRIVER (see scripts/check.sh).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port=${THENA_TEST_STUB_PORT:-8788}
stub="$root/target/debug/stub-api"
if [ ! -x "$stub" ]; then
  echo "wasm-test-runner: $stub is missing; build it first: cargo build -p stub-api" >&2
  exit 1
fi
log=$(mktemp)
"$stub" --port "$port" >"$log" 2>&1 &
stub_pid=$!
trap 'kill "$stub_pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  if grep -q "listening" "$log"; then break; fi
  if ! kill -0 "$stub_pid" 2>/dev/null; then
    echo "wasm-test-runner: the stub API did not start:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.05
done
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-300}
wasm-bindgen-test-runner "$@"
