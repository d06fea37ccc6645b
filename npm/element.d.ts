// Typings of element.js. Importing it defines <thena-add-contact> (the element's typings, and
// those of its events, come with the main module's).
export type { ThenaAddContactElement, ContactEventMap } from "./thena_add_contact.js";

/**
 * Resolves once the wasm is loaded (the element is defined before); rejects if it cannot load.
 * On a server (server-side rendering) nothing is loaded, and it resolves at once.
 */
export declare const ready: Promise<unknown>;
