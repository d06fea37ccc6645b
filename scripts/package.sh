#!/usr/bin/env bash
# The npm package and the CDN layout, from the release build in dist/ (trunk build --release):
#   target/npm/                                   the package's files (npm/ + dist/ + LICENSE, CHANGELOG)
#   target/thena-add-contact-<version>.tgz        `npm pack` of it: what `npm install` takes
#   target/cdn/thena-add-contact/<version>/       the same files under an immutable versioned path,
#                                                 with snippet.html (Subresource Integrity hashes)
# With --readme, the README's CDN snippet is replaced by this build's.
# The version is Cargo.toml's; npm/package.json must say the same (a unit test checks).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
dist=${THENA_DIST:-dist}
[ -f "$dist/thena_add_contact_bg.wasm" ] || { echo "package: no release build in $dist (trunk build --release)" >&2; exit 1; }
# A debug build's wasm is several MB (the release one about 0.55 MB).
[ "$(wc -c <"$dist/thena_add_contact_bg.wasm")" -lt 2000000 ] ||
  { echo "package: $dist holds a debug build; run trunk build --release" >&2; exit 1; }
# The [package] section's version.
version=$(sed -n '/^\[package\]/,/^\[/ s/^version = "\(.*\)"/\1/p' Cargo.toml)
npm_version=$(node -p 'require("./npm/package.json").version')
[ "$version" = "$npm_version" ] || { echo "package: Cargo.toml says $version, npm/package.json $npm_version" >&2; exit 1; }

out=target/npm
rm -rf "$out" && mkdir -p "$out/locales"
cp "$dist"/{thena_add_contact.js,thena_add_contact.d.ts,thena_add_contact_bg.wasm,thena-add-contact.css} "$out/"
# The parts of the wasm fetched when first needed (split_*.wasm, shared chunk_*.wasm).
parts=("$dist"/split_*.wasm)
[ -f "${parts[0]}" ] || { echo "package: no split_*.wasm in $dist (a release build makes them)" >&2; exit 1; }
cp "$dist"/split_*.wasm "$out/"
cp "$dist"/chunk_*.wasm "$out/" 2>/dev/null || true
cp "$dist"/locales/*.json "$out/locales/"
cp npm/{package.json,README.md,element.js,element.d.ts} LICENSE CHANGELOG.md "$out/"
rm -f target/thena-add-contact-*.tgz
tarball=$(cd "$out" && npm pack --silent --pack-destination "$root/target")
files=$(tar tzf "target/$tarball" | wc -l)
unpacked=$(tar xzOf "target/$tarball" | wc -c)
echo "package: target/$tarball: $(wc -c <"target/$tarball") bytes, $files files, $unpacked bytes unpacked"

node scripts/cdn.mjs "$out" "target/cdn" "$version"
# --readme: the README's CDN snippet becomes this build's (its hashes change with every build
# of different code; tests/e2e/bundlers.test.mjs checks that the README shows this build's).
if [ "${1:-}" = "--readme" ]; then
  node -e 'const fs = require("node:fs");
    const [readme, snippet] = process.argv.slice(1);
    const text = fs.readFileSync(readme, "utf8");
    const start = "<!-- cdn-snippet: scripts/package.sh --readme -->\n```html\n", end = "```\n<!-- /cdn-snippet -->";
    const from = text.indexOf(start), to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error("README.md has no cdn-snippet markers");
    const shown = fs.readFileSync(snippet, "utf8").replaceAll("{{base}}", "https://cdn.example.com");
    fs.writeFileSync(readme, text.slice(0, from + start.length) + shown + text.slice(to));' \
    README.md "target/cdn/thena-add-contact/$version/snippet.html"
  echo "package: README.md shows this build's CDN snippet"
fi
