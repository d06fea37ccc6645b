#!/usr/bin/env bash
# scripts/trunk-config.sh BACKEND OUT: writes OUT, a copy of Trunk.toml whose /v1 proxy goes to
# BACKEND (e.g. https://platform.thena.ai or http://127.0.0.1:8797) instead of the stub on 8787.
# OUT must sit in the repository root: Trunk reads the paths in it relative to its folder.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
backend=${1:?usage: trunk-config.sh BACKEND OUT}
out=${2:?usage: trunk-config.sh BACKEND OUT}
backend=${backend%/}
case "$backend" in
  http://* | https://*) ;;
  *) echo "trunk-config: BACKEND must start with http:// or https://, got $backend" >&2; exit 2 ;;
esac
grep -q '^backend = "http://127.0.0.1:8787/v1"$' "$root/Trunk.toml" ||
  { echo "trunk-config: Trunk.toml has no stub proxy line to replace" >&2; exit 1; }
sed "s|^backend = \"http://127.0.0.1:8787/v1\"\$|backend = \"$backend/v1\"|" "$root/Trunk.toml" >"$out"
