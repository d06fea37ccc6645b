// Prints a wasm-metadce graph whose roots are the wasm exports the bundled JS module uses.
//   node scripts/wasm-exports-used.mjs module.wasm module.js > graph.json
// The bindings export leptos's server_fn stream classes (IntoUnderlying*) that the widget
// never calls; the bundle leaves their JS out, and this lets binaryen drop their wasm.
import { readFileSync } from "node:fs";

const [wasmFile, jsFile] = process.argv.slice(2);
const exports = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(wasmFile)));
const js = readFileSync(jsFile, "utf8");
// The bindings reach every export as a property of the instance's exports: `x.name`. The
// parts' loader (__wasm_split.js) hands the parts the table, the memory and the shared globals.
const forParts = (name) => name === "__indirect_function_table" || name === "memory" || name.startsWith("__wasm_split");
const used = exports.filter(({ name }) => js.includes(`.${name}`) || forParts(name));
process.stdout.write(JSON.stringify(used.map(({ name }) => ({ name: `export:${name}`, root: true, export: name }))));
