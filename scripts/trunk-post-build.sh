#!/usr/bin/env bash
# Trunk post_build hook (see Trunk.toml): makes the module hosts import.
# 1. Stable names: Trunk names the wasm after the package (thena-add-contact_bg.wasm); hosts
#    load thena_add_contact_bg.wasm.
# 2. One module: src/js/thena_add_contact.js (init, mount, the custom element), src/js/shell.js,
#    the shells (the default form per language, rendered from the view by src/bin/thena-shell.rs,
#    natively) and the wasm-bindgen bindings (with any snippets) are bundled by esbuild into
#    thena_add_contact.js, minified in release builds (Trunk's own JS minifier cannot parse the
#    bindings).
# 3. The typings, src/js/thena_add_contact.d.ts, go beside it.
# 4. Release builds: wasm exports the bundle never calls are removed (see below).
# 5. The translations, src/locales/<tag>.json, go to locales/ beside it, without whitespace.
set -euo pipefail
dir=${TRUNK_STAGING_DIR:?this runs as a Trunk hook}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
esbuild="$root/node_modules/.bin/esbuild"
if [ ! -x "$esbuild" ]; then
  echo "trunk-post-build: $esbuild is missing; run scripts/setup.sh (npm ci)" >&2
  exit 1
fi
if [ -f "$dir/thena-add-contact_bg.wasm" ]; then
  mv "$dir/thena-add-contact_bg.wasm" "$dir/thena_add_contact_bg.wasm"
fi
# The wasm's stable name, in a URL written "./…" as the module's other files are (bundlers copy
# it either way). The bindings also export leptos's server_fn stream classes (IntoUnderlying*),
# which the widget never uses; without their Symbol.dispose lines, esbuild can leave them out.
sed -e "s|new URL('thena-add-contact_bg\\.wasm'|new URL('./thena-add-contact_bg.wasm'|" \
  -e 's/thena-add-contact_bg\.wasm/thena_add_contact_bg.wasm/g' \
  -e '/^if (Symbol\.dispose) IntoUnderlying[A-Za-z]*\.prototype/d' \
  "$dir/thena-add-contact.js" >"$dir/thena_add_contact_bindings.js"
rm "$dir/thena-add-contact.js"
cp "$root/src/js/thena_add_contact.js" "$dir/thena_add_contact_entry.js"
cp "$root/src/js/shell.js" "$dir/shell.js"
# The shells, rendered natively with Leptos's ssr (the `shell` feature, only in this build); its
# reactive-access notes on stderr are kept unless it fails.
if ! cargo run -q --manifest-path "$root/Cargo.toml" --features shell --bin thena-shell -- \
  "$dir/thena_add_contact_shells.js" 2>"$dir/shell.log"; then
  cat "$dir/shell.log" >&2
  exit 1
fi
rm "$dir/shell.log"
minify=()
[ "${TRUNK_PROFILE:-debug}" = "release" ] && minify=(--minify)
"$esbuild" "$dir/thena_add_contact_entry.js" --bundle "${minify[@]}" --pure:FinalizationRegistry --format=esm --target=es2022 \
  --log-level=warning --outfile="$dir/thena_add_contact.js"
if [ "${TRUNK_PROFILE:-debug}" = "release" ]; then
  # 4. Release: drop the wasm exports the bundle never calls (and the code only they reach),
  #    then optimize again as index.html's data-wasm-opt-params do.
  node "$root/scripts/wasm-exports-used.mjs" "$dir/thena_add_contact_bg.wasm" "$dir/thena_add_contact.js" \
    >"$dir/graph.json"
  "$root/node_modules/.bin/wasm-metadce" --detect-features "$dir/thena_add_contact_bg.wasm" \
    --graph-file "$dir/graph.json" -o "$dir/dce.wasm" >/dev/null
  "$root/node_modules/.bin/wasm-opt" --detect-features --low-memory-unused --strip-producers -Oz \
    "$dir/dce.wasm" -o "$dir/thena_add_contact_bg.wasm"
  rm "$dir/graph.json" "$dir/dce.wasm"
fi
rm -rf "$dir/thena_add_contact_entry.js" "$dir/thena_add_contact_bindings.js" "$dir/shell.js" \
  "$dir/thena_add_contact_shells.js" "$dir/snippets"
cp "$root/src/js/thena_add_contact.d.ts" "$dir/"
mkdir -p "$dir/locales"
node -e 'const fs = require("node:fs"), path = require("node:path");
  const [from, to] = process.argv.slice(1);
  for (const name of fs.readdirSync(from).filter((n) => n.endsWith(".json")))
    fs.writeFileSync(path.join(to, name), JSON.stringify(JSON.parse(fs.readFileSync(path.join(from, name), "utf8"))));' \
  "$root/src/locales" "$dir/locales"
