// The form's shell: the default form, rendered from the Leptos view at build time
// (src/bin/thena-shell.rs writes thena_add_contact_shells.js), shown by mount() and the element
// before the wasm has arrived. A person can type into it; when the live form is ready it takes
// over what was typed, the focus and the selection, and a submit pressed meanwhile goes out
// once. The shell is plain markup of our own; nothing the host gives is written into it as HTML.
import { idMark, shells } from "./thena_add_contact_shells.js";

/** Shells shown on this page so far: each gets its own ids. */
let count = 0;

// Options the shell does not draw skip it: the form then shows when the wasm is live, as before.
// Those are the host's texts, the organization's data when it is not loaded (false: no loading
// note) or given (definitions: their fields), the account search turned off, and prefilled
// values other than the plain inputs'. `hidden` and `readOnly` are drawn (lists of names; a
// custom field's waits for the live form).
const plainInputs = ["firstName", "lastName", "email", "phoneNumber", "avatarUrl"];
const empty = (value) =>
  value == null || (typeof value === "object" && Object.keys(value).length === 0);
const markupSources = { contactTypes: (v) => v !== true, customFields: (v) => v !== true, searchAccounts: (v) => v === false };
const names = (list) => list == null || (Array.isArray(list) && list.every((name) => typeof name === "string"));

/** Whether `options` (mount's) can start with the shell. */
export function shellFits(options) {
  if (options === null || typeof options !== "object") return false;
  if (!empty(options.strings) || !names(options.hidden) || !names(options.readOnly)) return false;
  if (Object.entries(markupSources).some(([name, changes]) => options[name] != null && changes(options[name]))) return false;
  const values = options.values ?? {};
  if (typeof values !== "object") return false;
  return Object.entries(values).every(([name, value]) =>
    plainInputs.includes(name) ? value == null || typeof value === "string" : empty(value));
}

/**
 * The shipped language for a BCP 47 tag, as the wasm picks it (src/i18n/locale.rs
 * `Locale::for_tag`; tests/e2e/shell.test.mjs compares the two): the tag, else its language
 * (any Portuguese is pt-BR); English for a language not shipped.
 */
export function shellLanguage(tag) {
  if (typeof tag !== "string") return "en";
  const clean = tag.trim().replaceAll("_", "-").toLowerCase();
  const exact = Object.keys(shells).find((t) => t.toLowerCase() === clean);
  if (exact) return exact;
  const language = clean.split("-")[0];
  if (language === "pt") return "pt-BR";
  return Object.hasOwn(shells, language) ? language : "en";
}

/** The nearest `lang` of `element`, through shadow roots, then the document's. */
function nearestLang(element) {
  for (let at = element; at; at = at.parentElement ?? at.getRootNode?.().host) {
    const lang = at.getAttribute?.("lang");
    if (lang && lang.trim()) return lang;
  }
  return document.documentElement.getAttribute("lang");
}

/** The control of `root` named `name` (compared, never put in a selector: the host gives it). */
const named = (root, name) =>
  [...root.querySelectorAll("input[name], select[name], textarea[name]")].find((control) => control.name === name);

export class Shell {
  #root;
  #texts;
  #submitted = false;
  /** What the plain inputs were shown with: a value that differs was typed. */
  #prefill = {};

  /** Shows the shell in `target` for mount's `options`; `null` when they do not fit it. */
  static show(target, options, onSubmit) {
    try {
      if (!(target instanceof HTMLElement) || !shellFits(options)) return null;
      return new Shell(target, options, onSubmit);
    } catch {
      return null; // options that cannot be read (a throwing getter): the wasm says what is wrong
    }
  }

  /** `onSubmit` runs when a person presses the shell's submit (it may retry a failed load). */
  constructor(target, options, onSubmit = () => {}) {
    const shell = shells[shellLanguage(options.locale ?? nearestLang(target))];
    const holder = document.createElement("div");
    holder.innerHTML = shell.html.replaceAll(idMark, `thena-shell-${++count}`);
    this.#root = holder.firstElementChild;
    this.#root.dataset.shell = "";
    if (["light", "dark", "auto"].includes(options.theme)) this.#root.dataset.theme = options.theme;
    for (const [name, value] of Object.entries(options.values ?? {})) {
      if (!plainInputs.includes(name) || typeof value !== "string") continue;
      named(this.#root, name).value = this.#prefill[name] = value;
    }
    // As the live form draws them: a hidden field's frame hidden, a read-only input readonly (a
    // select is disabled until its options arrive either way).
    for (const name of options.hidden ?? []) named(this.#root, name)?.closest(".thena-field")?.setAttribute("hidden", "");
    for (const name of options.readOnly ?? []) {
      const input = named(this.#root, name);
      if (input?.tagName === "INPUT") input.readOnly = true;
    }
    this.#texts = shell;
    this.#root.querySelector("form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.#waiting(true);
      onSubmit();
    });
    target.append(this.#root);
  }

  // A submit pressed before the form is live is shown as under way, and sent once the form
  // takes over; `false`: not (any more).
  #waiting(waiting, status = waiting ? this.#texts.sending : "") {
    this.#submitted = waiting;
    this.#root.querySelector(".thena-submit").setAttribute("aria-disabled", String(waiting));
    this.#root.dataset.state = waiting ? "submitting" : "editing";
    this.#root.querySelector(".thena-status").textContent = status;
  }

  /** The wasm could not be loaded: a submit pressed is not waiting any more, and it says so. */
  failed() {
    if (this.#submitted) this.#waiting(false, this.#texts.failed);
  }

  /** The plain inputs whose values are not what they were shown with, by name. */
  values() {
    const typed = {};
    for (const name of plainInputs) {
      const input = named(this.#root, name);
      if (input.value !== (this.#prefill[name] ?? "")) typed[name] = input.value;
    }
    return typed;
  }

  /** Sets plain inputs as the host's setValues() does (as if typed); the rest waits for the form. */
  set(values) {
    for (const [name, value] of Object.entries(values ?? {})) {
      if (plainInputs.includes(name) && typeof value === "string") named(this.#root, name).value = value;
    }
  }

  /** Back to the values it was shown with, nothing waiting. */
  reset() {
    for (const name of plainInputs) named(this.#root, name).value = this.#prefill[name] ?? "";
    named(this.#root, "accountIds").value = "";
    this.#waiting(false);
  }

  /** Gone, with nothing taken over. */
  remove() {
    this.#root.remove();
  }

  /**
   * The live form in `target` (the other `.thena-add-contact` there) takes over: every typed
   * value as if typed into it (not into a field it shows read-only or hides), the focus and the
   * selection, and a submit pressed meanwhile, sent once the organization's data has arrived
   * (the live form's `data-loading`). Then the shell is gone. Same markup, same place: nothing
   * moves.
   */
  handOver(target) {
    const live = [...target.children].find((c) => c !== this.#root && c.classList.contains("thena-add-contact"));
    if (!live || !this.#root.isConnected) return this.remove();
    const controls = (root) => [...root.querySelectorAll("input, select, button, textarea")];
    const [from, to] = [controls(this.#root), controls(live)];
    const typed = this.values();
    const search = named(this.#root, "accountIds").value;
    if (search) typed.accountIds = search;
    for (const [name, value] of Object.entries(typed)) {
      const into = named(live, name);
      if (!into || into.readOnly || into.disabled || into.closest("[hidden]")) continue;
      into.value = value;
      into.dispatchEvent(new Event("input", { bubbles: true }));
    }
    const focused = from.indexOf(this.#root.getRootNode().activeElement);
    const selection = focused >= 0 && selectionOf(from[focused]);
    this.remove();
    if (focused >= 0) {
      const into = (from[focused].name && named(live, from[focused].name)) || to[focused];
      into?.focus({ preventScroll: true });
      // After the form has taken the typed values in (its effects run in a microtask).
      if (selection) setTimeout(() => into?.setSelectionRange?.(...selection));
    }
    if (this.#submitted) whenLoaded(live, () => live.querySelector("form")?.requestSubmit());
  }
}

/** Calls `then` once the live form `root` has its organization's data (or gave up on it). */
function whenLoaded(root, then) {
  if (!root.hasAttribute("data-loading")) return then();
  const observer = new MutationObserver(() => {
    if (root.hasAttribute("data-loading")) return;
    observer.disconnect();
    if (root.isConnected) then();
  });
  observer.observe(root, { attributes: true, attributeFilter: ["data-loading"] });
}

/** An input's selection, where its type has one (not email or number). */
function selectionOf(input) {
  try {
    return input.selectionStart === null ? null : [input.selectionStart, input.selectionEnd, input.selectionDirection];
  } catch {
    return null;
  }
}
