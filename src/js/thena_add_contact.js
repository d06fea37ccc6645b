// The widget's JavaScript API: init(), mount(), the <thena-add-contact> element and the events.
// scripts/trunk-post-build.sh bundles this file with wasm-bindgen's bindings into one module,
// thena_add_contact.js; the typings are thena_add_contact.d.ts beside it.
//
// This side checks every option's type and names (a check here costs a fraction of its wasm)
// and hands them to the wasm as JSON, with the whole table of texts; the wasm checks the API
// address and the values of hidden fields, and runs the form.
import initWasm, { mount_widget } from "./thena_add_contact_bindings.js";
import ENGLISH from "./strings.en.json";

// The form's fields, named as in the request body (src/field.rs; a test keeps them equal).
const FIELDS = ["firstName", "lastName", "email", "phoneNumber", "contactType", "avatarUrl", "accountIds"];
const CALLBACKS = { ready: "onReady", submit: "onSubmit", created: "onCreated", error: "onError" };
// A getToken that never settles must not leave the form "sending" for ever.
const TOKEN_TIMEOUT_MS = 30000;

const fail = (message) => {
  throw new Error(`thena-add-contact: ${message}`);
};

// JSON text of host data; undefined members and functions are left out, as JSON.stringify does.
function json(value, name) {
  try {
    return JSON.stringify(value) ?? "null";
  } catch {
    return fail(`${name} must be plain data (no cycles, no BigInt)`);
  }
}

// The host's values as the wasm reads them: strings, account IDs one per line.
function fieldValues(values, name) {
  const out = {};
  if (values == null) return out;
  if (typeof values !== "object" || Array.isArray(values)) fail(`${name} must be an object`);
  for (const [key, value] of Object.entries(values)) {
    const must = (what) => fail(`${name}.${key} must be ${what}`);
    if (value == null) continue;
    if (key === "customFieldValues") {
      if (!Array.isArray(value)) must("an array");
    } else if (!FIELDS.includes(key)) {
      fail(`${name} has no field named "${key}"`);
    } else if (key === "accountIds") {
      if (!Array.isArray(value) || value.some((id) => typeof id !== "string")) must("an array of strings");
      out[key] = value.join("\n");
      continue;
    } else if (typeof value !== "string") {
      must("a string");
    }
    out[key] = value;
  }
  return out;
}

function fieldNames(names, name) {
  if (names == null) return [];
  if (!Array.isArray(names)) fail(`${name} must be an array of field names`);
  for (const field of names) {
    if (!FIELDS.includes(field)) fail(`${name} names no field "${field}"`);
  }
  return names;
}

/** Loads the wasm (once) and defines the <thena-add-contact> element. */
export default async function init(input) {
  const wasm = await initWasm(input);
  if (globalThis.customElements && !customElements.get("thena-add-contact")) {
    customElements.define("thena-add-contact", ThenaAddContact);
  }
  return wasm;
}

/** Mounts the form into `element`; throws an Error naming the option when one is wrong. */
export function mount(element, options) {
  if (!(element instanceof HTMLElement)) fail("mount needs an HTML element to mount into");
  if (options === null || typeof options !== "object") fail("options must be an object");
  for (const name of ["apiBase", "orgId"]) {
    if (options[name] == null) fail(`${name} is required`);
    if (typeof options[name] !== "string") fail(`${name} must be a string`);
  }
  const { token, getToken } = options;
  const refreshes = typeof getToken === "function";
  if (!refreshes && getToken != null) fail("getToken must be a function");
  if (!refreshes && token != null && typeof token !== "string") fail("token must be a string");
  if (!refreshes && (typeof token !== "string" || !token.trim())) {
    fail("token (a string) or getToken (a function) is required");
  }
  const callbacks = {};
  for (const [type, name] of Object.entries(CALLBACKS)) {
    const callback = options[name];
    if (callback != null && typeof callback !== "function") fail(`${name} must be a function`);
    callbacks[type] = callback;
  }
  // Timers of getToken calls still waiting, cleared by destroy().
  const timers = new Set();
  const askToken = () => {
    let timer;
    return Promise.race([
      new Promise((resolve) => resolve(refreshes ? getToken() : token)),
      new Promise((_, reject) => {
        timer = setTimeout(reject, TOKEN_TIMEOUT_MS);
        timers.add(timer);
      }),
    ]).finally(() => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  };
  // Events first, then the callback; either can stop a submit. A throwing callback is
  // reported like a throwing event listener, and does not break the widget.
  const emit = (type, detailJson) => {
    const detail = detailJson ? JSON.parse(detailJson) : null;
    const event = new CustomEvent(`contact:${type}`, {
      bubbles: true,
      composed: true,
      cancelable: type === "submit",
      detail,
    });
    let allowed = element.dispatchEvent(event);
    try {
      if (callbacks[type]?.(detail) === false) allowed = false;
    } catch (error) {
      reportError(error);
    }
    return allowed;
  };
  const { strings } = options;
  if (strings != null && typeof strings !== "object") fail("strings must be an object");
  for (const [key, text] of Object.entries(strings ?? {})) {
    if (!Object.hasOwn(ENGLISH, key)) fail(`strings has no text named "${key}"`);
    if (typeof text !== "string") fail(`strings.${key} must be a string`);
  }
  const config = json(
    {
      apiBase: options.apiBase,
      orgId: options.orgId,
      values: fieldValues(options.values, "values"),
      readOnly: fieldNames(options.readOnly, "readOnly"),
      hidden: fieldNames(options.hidden, "hidden"),
      // The whole table in the English file's order (the wasm reads texts by position).
      texts: Object.values({ ...ENGLISH, ...strings }),
    },
    "options",
  );
  const handle = mount_widget(element, config, askToken, refreshes, emit);
  let mounted = true;
  const input = (name) => element.querySelector(`.thena-add-contact [name="${name}"]`);
  return {
    destroy() {
      mounted = false;
      handle.destroy();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
    reset() {
      handle.reset();
    },
    // Values are set through the inputs, as if typed: an error shown under a field follows
    // its new value.
    setValues(values) {
      const update = fieldValues(values, "values");
      if (update.customFieldValues) fail("setValues cannot change customFieldValues; give them to mount");
      for (const [name, value] of Object.entries(update)) {
        const field = input(name);
        if (mounted && field && field.value !== value) {
          field.value = value;
          field.dispatchEvent(new Event("input", { bubbles: true }));
        }
      }
    },
    getValues() {
      if (!mounted) return null;
      const values = {};
      for (const name of FIELDS) values[name] = input(name)?.value ?? "";
      values.accountIds = values.accountIds
        .split(/[,\n\r]/)
        .map((id) => id.trim())
        .filter(Boolean);
      return values;
    },
  };
}

/**
 * <thena-add-contact api-base="…" org-id="…">: `token`, `getToken`, `values` and `options`
 * (every other option of mount) are properties, never attributes. It mounts once it is in the
 * document with api-base, org-id and a token or getToken; removing it unmounts the form.
 */
class ThenaAddContact extends HTMLElement {
  static observedAttributes = ["api-base", "org-id"];
  #widget = null;
  #token;
  #getToken;
  #values;
  #options = {};
  // What was typed when a new configuration could not be mounted, for the next one.
  #typed = null;

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
  }
  attributeChangedCallback() {
    this.#remount();
  }

  // A new configuration mounts a new form with what the person had typed.
  #remount() {
    if (!this.isConnected) return;
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
      this.#widget = mount(this, {
        ...this.#options,
        apiBase,
        orgId,
        values: this.#values,
        token: undefined,
        // Read at every request, so a new token property is used without remounting.
        getToken: () => (this.#getToken ? this.#getToken() : this.#token),
      });
      if (this.#typed) this.#widget.setValues(this.#typed);
      this.#typed = null;
    } catch (error) {
      reportError(error);
    }
  }
}
