// The widget's JavaScript API: init(), mount() and the <thena-add-contact> element.
// scripts/trunk-post-build.sh bundles this file with wasm-bindgen's bindings into one module,
// thena_add_contact.js; the typings are thena_add_contact.d.ts beside it.
//
// The wasm reads and checks the options (src/embed/), runs the form and dispatches the events.
// What is here has to be JavaScript: loading the wasm, and the custom element class.
import initWasm, { mount_widget } from "./thena_add_contact_bindings.js";

// The translations and the stylesheet sit beside this module. Each is named by a literal
// `new URL("./…", import.meta.url)`, as the wasm is by the bindings, so that a bundler (Vite,
// webpack) copies it with the module and gives its new name here.
const localeFiles = {
  de: new URL("./locales/de.json", import.meta.url),
  fr: new URL("./locales/fr.json", import.meta.url),
  es: new URL("./locales/es.json", import.meta.url),
  "pt-BR": new URL("./locales/pt-BR.json", import.meta.url),
  ja: new URL("./locales/ja.json", import.meta.url),
  ar: new URL("./locales/ar.json", import.meta.url),
};
const locales = (tag) => localeFiles[tag]?.href;
const stylesheet = new URL("./thena-add-contact.css", import.meta.url).href;

const fail = (message) => {
  throw new Error(`thena-add-contact: ${message}`);
};

/** The wasm's load: the first init() call's, shared by every later call (until one fails). */
let loading;

/**
 * Loads the wasm (once) and defines the <thena-add-contact> element. Without `input`, the wasm
 * beside this module; else where `input` says: a URL or its string, a Request, a Response (or a
 * promise of one, e.g. `fetch(url, { integrity })`), the bytes, a compiled WebAssembly.Module, or
 * wasm-bindgen's `{ module_or_path }` holding one of those. The first call decides: a later
 * one, with or without `input`, gets the same load. After a failed load the next call tries again.
 */
export default function init(input) {
  loading ??= load(input).catch((error) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(input) {
  // wasm-bindgen's own form: a plain object holding module_or_path (its check, not `in`).
  const given = input === undefined || (input !== null && Object.getPrototypeOf(input) === Object.prototype);
  const wasm = await initWasm(given ? input : { module_or_path: input });
  if (globalThis.customElements && !customElements.get("thena-add-contact")) {
    customElements.define("thena-add-contact", ThenaAddContact);
  }
  return wasm;
}

/** Mounts the form into `element`; throws an Error naming the option when one is wrong. */
export function mount(element, options) {
  const widget = mount_widget(element, options, undefined, locales);
  return {
    destroy: () => widget.destroy(),
    reset: () => widget.reset(),
    setValues: (values) => widget.setValues(values),
    getValues: () => widget.getValues(),
  };
}

/**
 * <thena-add-contact api-base="…" org-id="…" [persist-draft="session|local" draft-key="…"
 * locale="de" theme="light|dark|auto" shadow]>:
 * `token`, `getToken`, `values` and `options` (every other option of mount) are properties,
 * never attributes; an empty persist-draft means "session". Without locale, the language is
 * the element's nearest `lang`. With `shadow` (read when first connected), the form renders in
 * the element's shadow root with the widget's stylesheet linked there: the page's CSS does not
 * reach it and its CSS does not leak out. It mounts once it is in the document with api-base,
 * org-id and a token or getToken; removing it unmounts the form.
 */
// Importing this module on a server (server-side rendering) must not throw: there is no
// HTMLElement there, and the element is only defined by init(), in a browser.
class ThenaAddContact extends (globalThis.HTMLElement ?? class {}) {
  static observedAttributes = [
    "api-base",
    "org-id",
    "persist-draft",
    "draft-key",
    "locale",
    "theme",
    "lang",
  ];
  #widget = null;
  #token;
  #getToken;
  #values;
  #options = {};
  // What was typed when a new configuration could not be mounted, for the next one.
  #typed = null;
  // A change that came while a request was in flight, applied once the request has ended.
  #changedWhileSending = false;
  // Where the form is mounted: the element itself, or a container in its shadow root.
  #target = null;

  constructor() {
    super();
    // Properties a page set before init() defined the element are plain own properties that
    // hide the accessors below: take them over.
    for (const name of ["token", "getToken", "values", "options"]) {
      if (Object.hasOwn(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
  }

  get token() {
    return this.#token;
  }
  set token(token) {
    if (token != null && typeof token !== "string") fail("token must be a string");
    this.#token = token;
    if (!this.#widget) this.#remount();
  }
  get getToken() {
    return this.#getToken;
  }
  set getToken(getToken) {
    if (getToken != null && typeof getToken !== "function") fail("getToken must be a function");
    this.#getToken = getToken;
    if (!this.#widget) this.#remount();
  }
  /** What the form holds now (before mounting: the values it will start with). */
  get values() {
    return this.#widget ? this.#widget.getValues() : this.#values;
  }
  set values(values) {
    if (this.#widget) this.#widget.setValues(values);
    this.#values = values;
  }
  get options() {
    return this.#options;
  }
  set options(options) {
    if (options != null && typeof options !== "object") fail("options must be an object");
    this.#options = options ?? {};
    this.#remount();
  }

  reset() {
    this.#widget?.reset();
  }

  connectedCallback() {
    this.#remount();
  }
  disconnectedCallback() {
    this.#widget?.destroy();
    this.#widget = null;
    this.#typed = null;
    this.#changedWhileSending = false;
  }
  attributeChangedCallback() {
    this.#remount();
  }

  // The element, or (with `shadow`) a container in its shadow root after the widget's
  // stylesheet, shown once the stylesheet has loaded so that the form never shows unstyled. A
  // <link> works under a strict CSP (style-src 'self'), and the browser loads it once per page.
  #mountTarget() {
    if (this.#target) return this.#target;
    if (!this.hasAttribute("shadow")) return (this.#target = this);
    const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = stylesheet;
    const container = document.createElement("div");
    container.hidden = true;
    const show = () => (container.hidden = false);
    link.addEventListener("load", show, { once: true });
    link.addEventListener("error", show, { once: true });
    root.replaceChildren(link, container);
    return (this.#target = container);
  }

  // A new configuration mounts a new form with what the person had typed. During a request it
  // waits for the request to end, so that the request reports its outcome.
  #remount() {
    if (!this.isConnected) return;
    if (this.#widget?.isSending()) {
      this.#changedWhileSending = true;
      return;
    }
    if (this.#widget) {
      this.#typed = this.#widget.getValues();
      this.#widget.destroy();
      this.#widget = null;
    }
    const apiBase = this.getAttribute("api-base");
    const orgId = this.getAttribute("org-id");
    if (apiBase === null || orgId === null || (this.#token == null && this.#getToken == null)) {
      return; // not configured yet
    }
    try {
      const persistDraft = this.getAttribute("persist-draft");
      const attribute = (name, option = name) => {
        const value = this.getAttribute(name);
        return value === null ? {} : { [option]: value };
      };
      const options = {
        ...this.#options,
        ...(persistDraft === null ? {} : { persistDraft: persistDraft || "session" }),
        ...attribute("draft-key", "draftKey"),
        ...attribute("locale"),
        ...attribute("theme"),
        apiBase,
        orgId,
        values: this.#values,
        token: undefined,
        // Read at every request, so a new token property is used without remounting.
        getToken: () => (this.#getToken ? this.#getToken() : this.#token),
      };
      // Called once a request has ended and reported: a change that waited is applied then.
      const settled = () => {
        if (!this.#changedWhileSending) return;
        this.#changedWhileSending = false;
        queueMicrotask(() => this.#remount());
      };
      this.#widget = mount_widget(this.#mountTarget(), options, settled, locales);
      // Hidden fields keep the host's values; the person typed only into the others.
      const hidden = Array.isArray(this.#options.hidden) ? this.#options.hidden : [];
      for (const name of hidden) delete this.#typed?.[name];
      if (this.#typed) this.#widget.setValues(this.#typed);
      this.#typed = null;
    } catch (error) {
      reportError(error);
    }
  }
}
