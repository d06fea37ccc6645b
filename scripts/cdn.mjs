// The CDN layout: node scripts/cdn.mjs <package dir> <out dir> <version> (scripts/package.sh runs
// it). Copies the package's browser files to <out>/thena-add-contact/<version>/, a path that never
// changes once published (serve it with Cache-Control: public, max-age=31536000, immutable, and
// Access-Control-Allow-Origin: *), and writes snippet.html beside them: the copy-paste embed with
// Subresource Integrity hashes (sha384) of the stylesheet, the module and the wasm, its
// addresses starting with {{base}} (where the folder is published).
//
// No content hashes in the file names: the version in the path already makes every address
// immutable, and the module finds the wasm, the stylesheet and the translations by their fixed
// names beside it.
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const [from, out, version] = process.argv.slice(2);
if (!from || !out || !version) throw new Error("usage: node scripts/cdn.mjs <package dir> <out dir> <version>");
const folder = path.join(out, "thena-add-contact", version);
rmSync(folder, { recursive: true, force: true });
mkdirSync(folder, { recursive: true });
// The parts of the wasm (split_*.wasm, chunk_*.wasm) need no hash here: the module fetches each
// with its own integrity hash, and the module's hash covers those.
const parts = readdirSync(from).filter((name) => /^(split|chunk)_.*\.wasm$/.test(name));
for (const name of ["thena_add_contact.js", "thena_add_contact_bg.wasm", "thena-add-contact.css", "thena_add_contact.d.ts",
  "element.js", "element.d.ts", "locales", "LICENSE", ...parts]) {
  cpSync(path.join(from, name), path.join(folder, name), { recursive: true });
}

const sri = (name) => `sha384-${createHash("sha384").update(readFileSync(path.join(folder, name))).digest("base64")}`;
const base = `{{base}}/thena-add-contact/${version}`;
const snippet = `<!-- thena-add-contact ${version}: the stylesheet, the module and the wasm, each checked
     against its hash before it is used (Subresource Integrity). -->
<link rel="stylesheet" href="${base}/thena-add-contact.css"
      integrity="${sri("thena-add-contact.css")}" crossorigin="anonymous">
<link rel="modulepreload" href="${base}/thena_add_contact.js"
      integrity="${sri("thena_add_contact.js")}" crossorigin="anonymous">
<script type="module">
  import init from "${base}/thena_add_contact.js";
  await init(fetch("${base}/thena_add_contact_bg.wasm",
    { integrity: "${sri("thena_add_contact_bg.wasm")}" }));
</script>
`;
writeFileSync(path.join(folder, "snippet.html"), snippet);
console.log(`cdn: ${folder}/ (snippet.html holds the embed with its hashes)`);
