#!/usr/bin/env bash
# Prints the transfer size of the release bundle in dist/ (what a browser downloads to show the
# widget: wasm + JS module + CSS), gzip -9 and brotli -q 11 (what CDNs serve), and fails when the
# gzip total is above the guard: 248 KB, 248,000 bytes (issue 19's components, controllers and
# per-field signals measure ~245 KB; see docs/size.md for what each part costs). The guard
# catches accidents; it is not a target. The translations (locales/, one file fetched by a
# page in that language) are listed but not counted: an English page never loads them.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dist=${1:-$root/dist}
budget=${THENA_SIZE_BUDGET_BYTES:-248000}
# Node's zlib has brotli, so no other tool is needed.
brotli() {
  node -e 'const z = require("node:zlib"); const d = require("node:fs").readFileSync(process.argv[1]);
    process.stdout.write(String(z.brotliCompressSync(d, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11,
      [z.constants.BROTLI_PARAM_SIZE_HINT]: d.length } }).length));' "$1"
}
total_raw=0
total_gz=0
total_br=0
printf '%-32s %10s %10s %10s\n' "file" "bytes" "gzip -9" "brotli 11"
for name in thena_add_contact_bg.wasm thena_add_contact.js thena-add-contact.css; do
  file="$dist/$name"
  if [ ! -f "$file" ]; then
    echo "size-report: $file is missing; run trunk build --release first" >&2
    exit 1
  fi
  raw=$(wc -c <"$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  br=$(brotli "$file")
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  total_br=$((total_br + br))
  printf '%-32s %10d %10d %10d\n' "$name" "$raw" "$gz" "$br"
done
printf '%-32s %10d %10d %10d\n' "total" "$total_raw" "$total_gz" "$total_br"
# Each translation, added to the total by a page in that language (one request).
for file in "$dist"/locales/*.json; do
  [ -f "$file" ] || continue
  printf '%-32s %10d %10d %10d\n' "+ locales/$(basename "$file")" "$(wc -c <"$file")" \
    "$(gzip -9 -c "$file" | wc -c)" "$(brotli "$file")"
done
printf 'gzip total %s KB (KB = 1000 bytes); guard %s KB\n' \
  "$(awk "BEGIN{printf \"%.1f\", $total_gz/1000}")" "$(awk "BEGIN{printf \"%.1f\", $budget/1000}")"
if [ "$total_gz" -gt "$budget" ]; then
  echo "size-report: the bundle is $total_gz bytes gzip, over the guard of $budget" >&2
  exit 1
fi
