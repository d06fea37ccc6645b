// thena-add-contact/element: importing this module loads the wasm (beside the module) and
// defines <thena-add-contact>; `ready` settles once the element is defined. For hosts that use
// only the element; others call init() from the main module.
import init from "./thena_add_contact.js";

/** Resolves once the wasm is loaded and <thena-add-contact> is defined; rejects if it cannot load. */
export const ready = init();
