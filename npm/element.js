// thena-add-contact/element: importing this module defines <thena-add-contact> (the main module
// does, when it runs) and starts loading the wasm beside the module at once; `ready` settles once
// it is loaded. For hosts that use only the element. A host that serves the wasm elsewhere does
// not import this, but calls init(itsUrl) from the main module.
import init from "./thena_add_contact.js";

/**
 * Resolves once the wasm is loaded (the element is defined before); rejects if it cannot load.
 * On a server (server-side rendering) nothing is loaded, and it resolves at once.
 */
export const ready = globalThis.customElements ? init() : Promise.resolve(undefined);
