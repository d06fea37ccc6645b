// The widget's JavaScript API: init(), mount() and the <thena-add-contact> element.
// scripts/trunk-post-build.sh bundles this file with wasm-bindgen's bindings into one module,
// thena_add_contact.js; the typings are thena_add_contact.d.ts beside it.
//
// The wasm reads and checks the options (src/embed/), runs the form and dispatches the events.
// What is here has to be JavaScript: loading the wasm, the custom element class, and the shell
// shown until the wasm is live (./shell.js).
import initWasm, { mount_widget } from "./thena_add_contact_bindings.js";
import { Shell, shellFits } from "./shell.js";

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
/** Whether the wasm is loaded: mount() then mounts the live form at once. */
let live = false;
/** Whether a host gave init() where the wasm comes from: only the host tries that again. */
let hostChose = false;
/** Whether the load under way is one mount() or the element started (beside the module). */
let ownLoad = false;
/** What waits for the wasm (shells), called once it is loaded. */
const onLive = new Set();

/**
 * Loads the wasm (once); mount() and the element call it themselves. Without `input`, the wasm
 * beside this module; else where `input` says: a URL or its string, a Request, a Response (or a
 * promise of one, e.g. `fetch(url, { integrity })`), the bytes, a compiled WebAssembly.Module, or
 * wasm-bindgen's `{ module_or_path }` holding one of those. The first call decides: a later
 * one, with or without `input`, gets the same load. After a failed load the next call tries again.
 */
export default function init(input) {
  if (input !== undefined && loading && ownLoad) {
    // Too late to say where: the form already loads the wasm from beside the module.
    return Promise.reject(new Error("thena-add-contact: init(source) came after mount() or the element had started " +
      "loading the wasm from beside the module; call init(source) first, in the same module script"));
  }
  if (!loading) [hostChose, ownLoad] = [input !== undefined, false];
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
  live = true;
  for (const then of onLive) {
    try {
      then();
    } catch (error) {
      reportError(error);
    }
  }
  onLive.clear();
  return wasm;
}

/**
 * Calls `then` once the wasm is loaded, starting the load beside the module unless init() has
 * been called. A microtask later, so that a module script that imports this one and then calls
 * init(itsUrl) (the CDN snippet, with its integrity hash) decides where the wasm comes from. A
 * load that fails calls `failed`; the function returned (called when a person presses the
 * shell's submit) tries again, unless the host chose the source: then only the host's next
 * init() call does (a retry from beside the module would skip the host's integrity check).
 */
function whenLive(then, failed = () => {}) {
  onLive.add(then);
  const attempt = () => {
    if (live) return;
    if (loading) return loading.catch(failed);
    if (hostChose) return failed(new Error("thena-add-contact: the wasm could not be loaded from where init() said"));
    init().catch(failed);
    ownLoad = true;
  };
  queueMicrotask(attempt);
  return attempt;
}

/**
 * Mounts the live form into `target`. With a `shell` there, the live form takes over from it
 * once ready (typed values, focus, selection, a pressed submit); `after(widget)` runs just before
 * (at once without a shell). Throws what mount_widget throws, with the shell removed. Returns the
 * widget and `stop()`, which forgets the take-over (for a widget destroyed before it).
 */
function mountLive(target, options, settled, shell, after = () => {}) {
  let handed = !shell;
  let widget;
  const stop = () => {
    handed = true;
    target.removeEventListener("contact:ready", handOver, true);
  };
  const handOver = () => {
    if (handed) return;
    stop();
    // What the host asked meanwhile first; what the person typed over it.
    after(widget);
    shell.handOver(target);
  };
  let given = options;
  // The host's onReady still runs; a wrong one is left as it is, for mount_widget to refuse.
  if (shell && (options.onReady == null || typeof options.onReady === "function")) {
    given = { ...options, onReady: (detail) => (handOver(), options.onReady?.(detail)) };
  }
  // Before any listener of the host's on the element hears the form is ready.
  if (shell) target.addEventListener("contact:ready", handOver, true);
  try {
    widget = mount_widget(target, given, settled, locales);
  } catch (error) {
    stop();
    shell?.remove();
    throw error;
  }
  if (!shell) after(widget);
  return { widget, stop };
}

/**
 * Mounts the form into `element`. With the wasm loaded, at once: a wrong option throws an Error
 * naming it. Before that, the shell shows at once (for the options it fits) and the live form
 * takes its place when the wasm has loaded (starting the load if nothing has): a wrong option
 * is then reported as an uncaught error and `ready` rejects with it, as it does when the wasm
 * cannot load. The handle works meanwhile; what it is asked is done once the form is live.
 */
export function mount(element, options) {
  if (live) return handle(mountLive(element, options).widget);
  let widget = null; // once the live form has taken over
  let mounted = null; // the live form, from its mount on
  let gone = false;
  let stop = () => {};
  let pending = [];
  let settle;
  const ready = new Promise((resolve, reject) => (settle = { resolve, reject }));
  ready.catch(() => {}); // the host's to read; no unhandled rejection when it does not
  const start = () => {
    if (gone) return;
    try {
      ({ stop, widget: mounted } = mountLive(element, options, undefined, shell, (taken) => {
        widget = taken;
        for (const call of pending.splice(0)) {
          try {
            call(widget);
          } catch (error) {
            reportError(error); // a setValues refused: the take-over goes on
          }
        }
        settle.resolve();
      }));
    } catch (error) {
      reportError(error);
      settle.reject(error);
    }
  };
  const shell = Shell.show(element, options, () => retry());
  const retry = whenLive(start, (error) => {
    shell?.failed();
    settle.reject(error);
  });
  const later = (call) => (gone ? undefined : widget ? call(widget) : pending.push(call));
  return {
    ready,
    destroy: () => {
      gone = true;
      pending = [];
      stop();
      shell?.remove();
      mounted?.destroy();
      settle.resolve();
    },
    reset: () => (widget ? widget.reset() : (shell?.reset(), pending.splice(0))),
    // Shown in the shell at once (its plain inputs); applied to the form before what is typed.
    setValues: (values) => (widget || gone ? undefined : shell?.set(values), later((w) => w.setValues(values))),
    // Before the form is live: every field, as the live form's getValues gives them.
    getValues: () => {
      if (widget || gone) return gone ? null : widget.getValues();
      const none = { firstName: "", lastName: "", email: "", phoneNumber: "", contactType: "", avatarUrl: "", accountIds: [] };
      const { customFieldValues, ...given } = options?.values ?? {};
      return { ...none, ...given, ...(shell?.values() ?? {}) };
    },
  };
}

/** The handle of a live widget. */
function handle(widget) {
  return {
    ready: Promise.resolve(),
    destroy: () => widget.destroy(),
    reset: () => widget.reset(),
    setValues: (values) => widget.setValues(values),
    getValues: () => widget.getValues(),
  };
}

/** What a shell shows for `options` in `target`: when it changes, the element draws it again. */
function shellKey(options, target) {
  try {
    const { locale, theme, hidden, readOnly, strings, values, contactTypes, customFields, searchAccounts } = options;
    const lang = target.closest?.("[lang]")?.getAttribute("lang");
    const search = typeof searchAccounts === "function" ? "function" : searchAccounts;
    return JSON.stringify([locale, lang, theme, hidden, readOnly, strings, values, contactTypes, customFields, search]);
  } catch {
    return String(Math.random()); // unreadable: drawn again, and refused by the wasm later
  }
}

/**
 * <thena-add-contact api-base="…" org-id="…" [persist-draft="session|local" draft-key="…"
 * locale="de" theme="light|dark|auto" shadow]>:
 * `token`, `getToken`, `values` and `options` (every other option of mount) are properties,
 * never attributes; an empty persist-draft means "session". Without locale, the language is
 * the element's nearest `lang`. With `shadow` (read when first connected), the form renders in
 * the element's shadow root with the widget's stylesheet linked there: the page's CSS does not
 * reach it and its CSS does not leak out. In the document, it shows the form's shell at once; the
 * live form mounts once the wasm is loaded and it has api-base, org-id and a token or getToken;
 * removing it unmounts the form.
 */
// Importing this module on a server (server-side rendering) must not throw: there is no
// HTMLElement there, and the element is only defined in a browser.
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
  // The shell, shown from the moment the element is connected until the wasm is live, and what
  // it was drawn for.
  #shell = null;
  #drawnFor = null;
  // Until the live form has taken over from the shell: that shell, and how to stop the take-over.
  #handing = null;
  // Tries to load the wasm again (a press of the shell's submit after a failed load).
  #retry = null;

  constructor() {
    super();
    // Properties a page set before this module defined the element are plain own properties that
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
    if (this.#widget) return this.#widget.getValues();
    return this.#shell ? { ...this.#values, ...this.#shell.values() } : this.#values;
  }
  set values(values) {
    if (this.#widget) this.#widget.setValues(values);
    this.#values = values;
    if (!live && this.isConnected) this.#waitForWasm();
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
    if (this.#widget) this.#widget.reset();
    else this.#shell?.reset();
  }

  connectedCallback() {
    this.#remount();
  }
  disconnectedCallback() {
    this.#dropHandOver();
    this.#widget?.destroy();
    this.#widget = null;
    this.#shell?.remove();
    this.#shell = null;
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

  // Options as the attributes and the properties give them, attributes first.
  #given() {
    const persistDraft = this.getAttribute("persist-draft");
    const attribute = (name, option = name) => {
      const value = this.getAttribute(name);
      return value === null ? {} : { [option]: value };
    };
    return {
      ...this.#options,
      ...(persistDraft === null ? {} : { persistDraft: persistDraft || "session" }),
      ...attribute("draft-key", "draftKey"),
      ...attribute("locale"),
      ...attribute("theme"),
      values: this.#values,
    };
  }

  // Until the wasm is live: the shell (when the options fit it), drawn again with what was typed
  // when what it shows changes, and the form once the wasm is live.
  #waitForWasm() {
    const given = this.#given();
    const drawnFor = shellKey(given, this.#mountTarget());
    // Options the shell cannot draw keep the one drawn before: a form that shows beats one that
    // vanishes until the wasm arrives.
    if (this.#shell && drawnFor !== this.#drawnFor && shellFits(given)) {
      const typed = this.#shell.values();
      this.#shell.remove();
      this.#shell = Shell.show(this.#mountTarget(), given, () => this.#retry());
      this.#shell?.set(typed);
    }
    this.#shell ??= Shell.show(this.#mountTarget(), given, () => this.#retry());
    this.#drawnFor = drawnFor;
    this.#retry ??= whenLive(() => this.#remount(), () => this.#shell?.failed());
  }

  // A take-over not done yet is dropped, its shell with it (what was typed there is kept).
  #dropHandOver() {
    if (!this.#handing) return;
    this.#handing.stop();
    this.#typed = { ...this.#typed, ...this.#handing.shell.values() };
    this.#handing.shell.remove();
    this.#handing = null;
  }

  // A new configuration mounts a new form with what the person had typed. During a request it
  // waits for the request to end, so that the request reports its outcome.
  #remount() {
    if (!this.isConnected) return;
    if (!live) return this.#waitForWasm();
    if (this.#widget?.isSending()) {
      this.#changedWhileSending = true;
      return;
    }
    if (this.#widget) {
      this.#typed = this.#widget.getValues();
      this.#dropHandOver();
      this.#widget.destroy();
      this.#widget = null;
    }
    const apiBase = this.getAttribute("api-base");
    const orgId = this.getAttribute("org-id");
    if (apiBase === null || orgId === null || (this.#token == null && this.#getToken == null)) {
      return; // not configured yet
    }
    try {
      const options = {
        ...this.#given(),
        apiBase,
        orgId,
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
      const shell = this.#shell;
      this.#shell = null;
      const handing = mountLive(this.#mountTarget(), options, settled, shell, () => (this.#handing = null));
      this.#widget = handing.widget;
      if (shell) this.#handing = { stop: handing.stop, shell };
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

// Defined as soon as the module runs in a browser, so that an element shows its shell before the
// wasm has arrived.
if (globalThis.customElements && !customElements.get("thena-add-contact")) {
  customElements.define("thena-add-contact", ThenaAddContact);
}
