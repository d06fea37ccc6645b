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
# 0. Release builds first replace Trunk's wasm with the split one: the crate built again with
#    the `split` feature and relocations, cut by wasm-split-cli into the main wasm and a file per
#    part (split_*.wasm, shared chunk_*.wasm, beside the module; their loader __wasm_split.js is
#    bundled in, each fetch with the part's integrity hash), then wasm-bindgen with
#    --keep-lld-exports (the parts use the main wasm's table and memory) and wasm-opt on each.
# 5. The translations, src/locales/<tag>.json, go to locales/ beside it, without whitespace.
set -euo pipefail
dir=${TRUNK_STAGING_DIR:?this runs as a Trunk hook}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
esbuild="$root/node_modules/.bin/esbuild"
if [ ! -x "$esbuild" ]; then
  echo "trunk-post-build: $esbuild is missing; run scripts/setup.sh (npm ci)" >&2
  exit 1
fi
release=false
[ "${TRUNK_PROFILE:-debug}" = "release" ] && release=true
wasm_opt() { "$root/node_modules/.bin/wasm-opt" --detect-features "$@"; }
if $release; then
  split="$dir/split-work"
  rm -rf "$split" && mkdir -p "$split"
  # Only the crate itself is built again (its dependencies are Trunk's): relocations for the
  # splitter, without RUSTFLAGS (which would rebuild every dependency).
  cargo rustc -q --locked --manifest-path "$root/Cargo.toml" --lib --release --target wasm32-unknown-unknown \
    --features split -- -Clink-arg=--emit-relocs
  # Where Cargo put it (CARGO_TARGET_DIR or a config's target-dir are honoured).
  target_dir=$(cargo metadata -q --locked --format-version 1 --no-deps --manifest-path "$root/Cargo.toml" |
    node -e 'let j = ""; process.stdin.on("data", (d) => (j += d)).on("end", () => process.stdout.write(JSON.parse(j).target_directory));')
  wasm-split-cli --target web --out-name thena-add-contact \
    "$target_dir/wasm32-unknown-unknown/release/thena_add_contact.wasm" "$split/cut"
  compgen -G "$split/cut/split_*.wasm" >/dev/null ||
    { echo "trunk-post-build: the split made no part (split_*.wasm)" >&2; exit 1; }
  wasm-bindgen --target web --keep-lld-exports --out-dir "$split" --out-name thena-add-contact \
    "$split/cut/thena-add-contact.wasm"
  # The main wasm as index.html's wasm-opt settings would have it (Trunk's own run is off for it).
  wasm_opt --low-memory-unused --strip-producers -Oz --flatten --rereloop -Oz -Oz \
    "$split/thena-add-contact_bg.wasm" -o "$dir/thena-add-contact_bg.wasm"
  cp "$split/thena-add-contact.js" "$dir/thena-add-contact.js"
  # Each part, optimized, and its hash in the loader's fetch: the module's own integrity (the
  # CDN snippet's) then covers every part.
  loader=$(cat "$split/cut/__wasm_split.js")
  for part in "$split"/cut/split_*.wasm "$split"/cut/chunk_*.wasm; do
    [ -f "$part" ] || continue
    name=$(basename "$part")
    wasm_opt --strip-producers -Oz "$part" -o "$dir/$name"
    hash=$(node -e 'const { createHash } = require("node:crypto");
      process.stdout.write("sha384-" + createHash("sha384").update(require("node:fs").readFileSync(process.argv[1])).digest("base64"));' "$dir/$name")
    loader=${loader//"new URL(\"./$name\", import.meta.url))"/"new URL(\"./$name\", import.meta.url), { integrity: \"$hash\" })"}
    grep -q "$hash" <<<"$loader" || { echo "trunk-post-build: no fetch of $name in the split loader" >&2; exit 1; }
  done
  # The loader imports the bindings by the name wasm-bindgen gave them.
  printf '%s\n' "$loader" | sed 's|"\./thena-add-contact\.js"|"./thena_add_contact_bindings.js"|' >"$dir/__wasm_split.js"
  grep -q '"./thena_add_contact_bindings.js"' "$dir/__wasm_split.js" ||
    { echo "trunk-post-build: the split loader does not import the bindings as expected" >&2; exit 1; }
  rm -rf "$split"
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
if ! cargo run -q --locked --manifest-path "$root/Cargo.toml" --features shell --bin thena-shell -- \
  "$dir/thena_add_contact_shells.js" 2>"$dir/shell.log"; then
  cat "$dir/shell.log" >&2
  exit 1
fi
rm "$dir/shell.log"
minify=()
$release && minify=(--minify)
"$esbuild" "$dir/thena_add_contact_entry.js" --bundle "${minify[@]}" --pure:FinalizationRegistry --format=esm --target=es2022 \
  --log-level=warning --outfile="$dir/thena_add_contact.js"
if $release; then
  # 4. Release: drop the wasm exports neither the bundle nor the parts use (and the code only
  #    they reach), then optimize again.
  node "$root/scripts/wasm-exports-used.mjs" "$dir/thena_add_contact_bg.wasm" "$dir/thena_add_contact.js" \
    >"$dir/graph.json"
  "$root/node_modules/.bin/wasm-metadce" --detect-features "$dir/thena_add_contact_bg.wasm" \
    --graph-file "$dir/graph.json" -o "$dir/dce.wasm" >/dev/null
  wasm_opt --low-memory-unused --strip-producers -Oz "$dir/dce.wasm" -o "$dir/thena_add_contact_bg.wasm"
  rm "$dir/graph.json" "$dir/dce.wasm"
fi
rm -rf "$dir/thena_add_contact_entry.js" "$dir/thena_add_contact_bindings.js" "$dir/shell.js" \
  "$dir/thena_add_contact_shells.js" "$dir/__wasm_split.js" "$dir/snippets"
cp "$root/src/js/thena_add_contact.d.ts" "$dir/"
mkdir -p "$dir/locales"
node -e 'const fs = require("node:fs"), path = require("node:path");
  const [from, to] = process.argv.slice(1);
  for (const name of fs.readdirSync(from).filter((n) => n.endsWith(".json")))
    fs.writeFileSync(path.join(to, name), JSON.stringify(JSON.parse(fs.readFileSync(path.join(from, name), "utf8"))));' \
  "$root/src/locales" "$dir/locales"
