// A portal that mounts the widget without waiting for anything: mount() shows the shell at once
// and loads the wasm itself. `?locale=` (repeatable) mounts one widget per language given;
// `?element` uses <thena-add-contact> instead. The test drives it through window.host.
import { mount } from "/thena_add_contact.js";

const params = new URLSearchParams(location.search);
const apiBase = params.get("api");
const orgId = params.get("org");
const place = document.getElementById("widgets");
window.host = { events: [], widgets: [] };
const listen = (element) => {
  for (const type of ["contact:ready", "contact:created", "contact:error"]) {
    element.addEventListener(type, (event) => window.host.events.push({ type, detail: event.detail }));
  }
};

if (params.has("element")) {
  const element = document.createElement("thena-add-contact");
  element.setAttribute("api-base", apiBase);
  element.setAttribute("org-id", orgId);
  element.token = "element-token";
  listen(element);
  place.append(element);
} else {
  const locales = params.getAll("locale");
  for (const locale of locales.length ? locales : [undefined]) {
    const element = document.createElement("div");
    place.append(element);
    listen(element);
    // ?options= (JSON) adds options, as a host would give them.
    const more = JSON.parse(params.get("options") ?? "{}");
    window.host.widgets.push(mount(element, { apiBase, orgId, token: "shell-token", locale, ...more }));
  }
}
