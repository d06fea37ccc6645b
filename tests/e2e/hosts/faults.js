// A portal page for the fault matrix (tests/e2e/faults.test.mjs): one widget at a time, in a
// fresh element, with what the host hears (events) and what a screen reader hears of a submit
// (each new text of the status and alert regions) recorded on window.host.
import init, { mount } from "/thena_add_contact.js";

const apiBase = new URLSearchParams(location.search).get("api");
const types = ["contact:ready", "contact:submit", "contact:created", "contact:error", "contact:duplicate"];
await init();

window.host = {
  widget: null,
  events: [],
  announcements: [],
  /** Mounts a widget of `orgId` (the previous one is destroyed), asking only for the create. */
  start(orgId, options = {}) {
    this.destroy();
    const element = document.createElement("div");
    document.getElementById("slot").replaceChildren(element);
    const events = (this.events = []);
    const announcements = (this.announcements = []);
    for (const type of types) element.addEventListener(type, (e) => events.push({ type, detail: e.detail }));
    // A live region speaks when its text changes to something new.
    const last = new Map();
    new MutationObserver(() => {
      // The regions that speak about a submit: the status and the alert (the notes about the
      // organization's data are not about it).
      for (const region of element.querySelectorAll("[role=status], [role=alert]")) {
        // What is rendered (innerText): a hidden note says nothing.
        const text = region.innerText.trim();
        if (text !== (last.get(region) ?? "") && text !== "") announcements.push(text);
        last.set(region, text);
      }
    }).observe(element, { subtree: true, childList: true, characterData: true });
    this.widget = mount(element, {
      apiBase,
      orgId,
      token: "token-faults",
      contactTypes: false,
      customFields: false,
      checkDuplicates: false,
      searchAccounts: false,
      requestTimeoutMs: 1000,
      ...options,
    });
  },
  destroy() {
    this.widget?.destroy();
    this.widget = null;
  },
};
window.host.loaded = true;
