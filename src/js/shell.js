// The form's shell: the default form, rendered from the Leptos view at build time
// (src/bin/thena-shell.rs writes thena_add_contact_shells.js), shown by mount() and the element
// before the wasm has arrived. A person can type into it; when the live form is ready it takes
// over what was typed, the focus and the selection, and a submit pressed meanwhile goes out
// once. The shell is plain markup of our own; nothing the host gives is written into it as HTML.
import { idMark, shells } from "./thena_add_contact_shells.js";

/** Shells shown on this page so far: each gets its own ids. */
let count = 0;

// Options that change the markup are not drawn by the shell: with any of them the form shows
// when the wasm is live, as before. `values` is honoured for the fields that are plain inputs.
const plainInputs = ["firstName", "lastName", "email", "phoneNumber", "avatarUrl"];
const empty = (value) =>
  value == null || (typeof value === "object" && Object.keys(value).length === 0);
// Lists and texts that change what shows; the organization's data when it is not loaded (false:
// no loading note) or given (definitions: their fields), and the account search turned off.
const markupLists = ["hidden", "readOnly", "strings"];
const markupSources = { contactTypes: (v) => v !== true, customFields: (v) => v !== true, searchAccounts: (v) => v === false };

/** Whether `options` (mount's) can start with the shell. */
export function shellFits(options) {
  if (options === null || typeof options !== "object") return false;
  if (markupLists.some((name) => !empty(options[name]))) return false;
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
  return shells[language] ? language : "en";
}

/** The nearest `lang` of `element`, through shadow roots, then the document's. */
function nearestLang(element) {
  for (let at = element; at; at = at.parentElement ?? at.getRootNode?.().host) {
    const lang = at.getAttribute?.("lang");
    if (lang && lang.trim()) return lang;
  }
  return document.documentElement.getAttribute("lang");
}

export class Shell {
  #root;
  #sending;
  #submitted = false;

  /** Shows the shell in `target` for mount's `options`; `null` when they do not fit it. */
  static show(target, options, onSubmit) {
    if (!(target instanceof HTMLElement) || !shellFits(options)) return null;
    return new Shell(target, options, onSubmit);
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
      const input = plainInputs.includes(name) && typeof value === "string" && this.#named(name);
      if (input) input.value = value;
    }
    this.#sending = shell.sending;
    this.#root.querySelector("form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.#wait();
      onSubmit();
    });
    target.append(this.#root);
  }

  #named(name) {
    return this.#root.querySelector(`[name="${name}"]`);
  }

  // A submit before the form is live: shown as under way, sent once the form takes over.
  #wait() {
    this.#submitted = true;
    this.#root.querySelector(".thena-submit").setAttribute("aria-disabled", "true");
    this.#root.dataset.state = "submitting";
    this.#root.querySelector(".thena-status").textContent = this.#sending;
  }

  /** The fields' values as typed, by name (not the account picker's search text). */
  values() {
    const typed = {};
    for (const input of this.#root.querySelectorAll("input[name]")) {
      if (plainInputs.includes(input.name)) typed[input.name] = input.value;
    }
    return typed;
  }

  /** Back to the values it was shown with. */
  reset() {
    this.#root.querySelector("form").reset();
  }

  /** Gone, with nothing taken over. */
  remove() {
    this.#root.remove();
  }

  /**
   * The live form in `target` (the other `.thena-add-contact` there) takes over: every typed
   * value as if typed into it, the focus and the selection, and a submit pressed meanwhile. Then
   * the shell is gone. Same markup, same place: nothing moves.
   */
  handOver(target) {
    const live = [...target.children].find((c) => c !== this.#root && c.classList.contains("thena-add-contact"));
    if (!live || !this.#root.isConnected) return this.remove();
    const controls = (root) => [...root.querySelectorAll("input, select, button, textarea")];
    const [from, to] = [controls(this.#root), controls(live)];
    for (const input of from) {
      if (!input.name || input.value === input.defaultValue) continue;
      const into = live.querySelector(`[name="${input.name}"]`);
      if (!into) continue;
      into.value = input.value;
      into.dispatchEvent(new Event("input", { bubbles: true }));
    }
    const focused = from.indexOf(this.#root.getRootNode().activeElement);
    const selection = focused >= 0 && selectionOf(from[focused]);
    this.remove();
    if (focused >= 0) {
      const into = (from[focused].name && live.querySelector(`[name="${from[focused].name}"]`)) || to[focused];
      into?.focus({ preventScroll: true });
      // After the form has taken the typed values in (its effects run in a microtask).
      if (selection) setTimeout(() => into?.setSelectionRange?.(...selection));
    }
    if (this.#submitted) live.querySelector("form")?.requestSubmit();
  }
}

/** An input's selection, where its type has one (not email or number). */
function selectionOf(input) {
  try {
    return input.selectionStart === null ? null : [input.selectionStart, input.selectionEnd, input.selectionDirection];
  } catch {
    return null;
  }
}
