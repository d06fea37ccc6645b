// A portal page for the fault matrix (tests/e2e/faults.test.mjs): one widget at a time, in a
// fresh element, with what the host hears (events) and what a screen reader hears (each new
// rendered text of a live region) recorded on window.host.
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
      for (const region of element.querySelectorAll("[role=status], [role=alert], [aria-live]")) {
        // What is rendered: a region or note not shown says nothing (innerText of an element
        // that is not rendered would be all its text).
        const text = region.getClientRects().length ? region.innerText.trim() : "";
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
