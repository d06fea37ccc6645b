#!/usr/bin/env bash
# Prints the transfer size of the release bundle in dist/ (what a browser downloads to show the
# widget: wasm + JS module + CSS, each gzip -9) and fails above the budget: 90 KB, 90,000 bytes.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dist=${1:-$root/dist}
budget=${THENA_SIZE_BUDGET_BYTES:-130000}
total_raw=0
total_gz=0
printf '%-32s %10s %10s\n' "file" "bytes" "gzip -9"
for name in thena_add_contact_bg.wasm thena_add_contact.js thena-add-contact.css; do
  file="$dist/$name"
  if [ ! -f "$file" ]; then
    echo "size-report: $file is missing; run trunk build --release first" >&2
    exit 1
  fi
  raw=$(wc -c <"$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-32s %10d %10d\n' "$name" "$raw" "$gz"
done
printf '%-32s %10d %10d  (%.1f KB gzip, KB = 1000 bytes; budget %.1f KB)\n' "total" "$total_raw" "$total_gz" \
  "$(awk "BEGIN{print $total_gz/1000}")" "$(awk "BEGIN{print $budget/1000}")"
if [ "$total_gz" -gt "$budget" ]; then
  echo "size-report: the bundle is $total_gz bytes gzip, over the budget of $budget" >&2
  exit 1
fi
