#!/usr/bin/env bash
# Trunk post_build hook (see Trunk.toml).
# 1. Stable module names: Trunk names the bindings after the package (thena-add-contact.js);
#    hosts import the crate's module names, thena_add_contact.js and thena_add_contact_bg.wasm.
# 2. Release builds: minify the wasm-bindgen JS glue with esbuild (Trunk's own JS minifier
#    cannot parse it and leaves it as it is).
set -euo pipefail
dir=${TRUNK_STAGING_DIR:?this runs as a Trunk hook}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -f "$dir/thena-add-contact.js" ]; then
  sed 's/thena-add-contact_bg\.wasm/thena_add_contact_bg.wasm/g' "$dir/thena-add-contact.js" >"$dir/thena_add_contact.js"
  rm "$dir/thena-add-contact.js"
fi
if [ -f "$dir/thena-add-contact_bg.wasm" ]; then
  mv "$dir/thena-add-contact_bg.wasm" "$dir/thena_add_contact_bg.wasm"
fi
if [ "${TRUNK_PROFILE:-debug}" = "release" ]; then
  esbuild="$root/node_modules/.bin/esbuild"
  if [ ! -x "$esbuild" ]; then
    echo "trunk-post-build: $esbuild is missing; run scripts/setup.sh (npm ci)" >&2
    exit 1
  fi
  "$esbuild" "$dir/thena_add_contact.js" --minify --format=esm --target=es2020 \
    --log-level=warning --outfile="$dir/thena_add_contact.min.js"
  mv "$dir/thena_add_contact.min.js" "$dir/thena_add_contact.js"
fi
