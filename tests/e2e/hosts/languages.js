// A portal whose parts declare their languages with lang; the test mounts widgets into them.
import init, { mount } from "/thena_add_contact.js";

const params = new URLSearchParams(location.search);
await init();
const onlyTheCreate = { contactTypes: false, customFields: false, checkDuplicates: false, searchAccounts: false };
window.host = {
  /** Mounts a widget into the element with `id` (or a new one at the end of the page). */
  mount: (id, options = {}) => {
    let element = id && document.getElementById(id);
    if (!element) {
      element = document.createElement("div");
      document.body.append(element);
    }
    return mount(element, { apiBase: params.get("api"), orgId: params.get("org"), token: "t", ...onlyTheCreate, ...options });
  },
};
window.host.loaded = true;
