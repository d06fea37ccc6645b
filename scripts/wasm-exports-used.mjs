// Prints a wasm-metadce graph whose roots are the wasm exports the bundled JS module uses.
//   node scripts/wasm-exports-used.mjs module.wasm module.js > graph.json
// The bindings export leptos's server_fn stream classes (IntoUnderlying*) that the widget
// never calls; the bundle leaves their JS out, and this lets binaryen drop their wasm.
import { readFileSync } from "node:fs";

const [wasmFile, jsFile] = process.argv.slice(2);
const exports = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(wasmFile)));
const js = readFileSync(jsFile, "utf8");
// The bindings reach every export as a property of the instance's exports (`x.name`); the
// parts' loader (__wasm_split.js) takes what it hands the parts by destructuring (`{ name: a }`,
// once minified). Any mention of the name as a whole word keeps the export; the table, the
// memory and the split's shared globals are kept whatever the bundle says.
const mentioned = (name) => new RegExp(`(^|[^\\w$])${name.replace(/\$/g, "\\$")}($|[^\\w$])`).test(js);
const forParts = (name) => name === "__indirect_function_table" || name === "memory" || name.startsWith("__wasm_split");
const used = exports.filter(({ name }) => mentioned(name) || forParts(name));
process.stdout.write(JSON.stringify(used.map(({ name }) => ({ name: `export:${name}`, root: true, export: name }))));
