#!/usr/bin/env bash
# What the release wasm is made of, by crate (docs/size.md's table comes from here).
# Builds the release library, keeps the function names through wasm-bindgen and wasm-opt -Oz,
# and sums twiggy's sizes by the first crate each function's name mentions: generic code is
# counted where it is instantiated (serde's derive code for the widget's types counts as
# thena_add_contact). Bytes are uncompressed code and data; the name section is left out.
# Needs twiggy (`cargo install twiggy`, ~3 min); not part of the checks.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
command -v twiggy >/dev/null || { echo "size-by-crate: twiggy is missing: cargo install twiggy" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo build -q --release --lib --target wasm32-unknown-unknown
wasm-bindgen --target web --keep-debug --out-dir "$out" target/wasm32-unknown-unknown/release/thena_add_contact.wasm
wasm-opt -Oz -g --detect-features "$out/thena_add_contact_bg.wasm" -o "$out/named.wasm"
twiggy top -n 100000 --format csv "$out/named.wasm" >"$out/top.csv"
node - "$out/top.csv" <<'JS'
const rows = require("node:fs").readFileSync(process.argv[2], "utf8").trim().split("\n").slice(1);
const sizes = new Map();
let total = 0;
for (const row of rows) {
  const [, quoted, size] = row.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/) ?? [];
  const name = quoted?.startsWith('"') ? quoted.slice(1, -1).replaceAll('""', '"') : quoted;
  if (name === undefined || name.includes("function names")) continue;
  const crate = name.startsWith("data segment") ? "(data: strings, tables)"
    : name.startsWith("import ") ? "(imports from the JS glue)"
    : (name.match(/([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/)?.[1] ?? `(${name.split(" ")[0]})`);
  sizes.set(crate, (sizes.get(crate) ?? 0) + Number(size));
  total += Number(size);
}
console.log(`${"crate".padEnd(28)} ${"bytes".padStart(8)}  share`);
for (const [crate, size] of [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 16)) {
  console.log(`${crate.padEnd(28)} ${String(size).padStart(8)}  ${((100 * size) / total).toFixed(1)}%`);
}
console.log(`${"total".padEnd(28)} ${String(total).padStart(8)}`);
JS
