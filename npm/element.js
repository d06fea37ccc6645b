// thena-add-contact/element: importing this module loads the wasm (beside the module) and
// defines <thena-add-contact>; `ready` settles once the element is defined. For hosts that use
// only the element; others call init() from the main module. The wasm comes from beside the
// module: a host that serves it elsewhere does not import this, but calls init(itsUrl) from the
// main module, which defines the element too.
import init from "./thena_add_contact.js";

/**
 * Resolves once the wasm is loaded and <thena-add-contact> is defined; rejects if it cannot load.
 * On a server (server-side rendering) nothing is loaded, and it resolves at once.
 */
export const ready = globalThis.customElements ? init() : Promise.resolve(undefined);
