// A portal that embeds the widget as an ES module. The test drives it through window.host.
import init, { mount } from "/thena_add_contact.js";

const params = new URLSearchParams(location.search);
const apiBase = params.get("api");
const events = [];
window.host = { events, widgets: {} };

for (const id of ["first", "second"]) {
  const element = document.getElementById(id);
  for (const type of ["contact:ready", "contact:submit", "contact:created", "contact:error", "contact:duplicate"]) {
    element.addEventListener(type, (event) => {
      events.push({ widget: id, type, detail: event.detail });
      if (type === "contact:submit" && window.host.cancelSubmit) event.preventDefault();
    });
  }
}

await init();
// These widgets ask the API for nothing but the create (the organization's data is tested on the
// demo page), so that the tests here see only what embedding does.
const onlyTheCreate = { contactTypes: false, customFields: false, checkDuplicates: false, searchAccounts: false };
window.host.mount = (id, options) => {
  window.host.widgets[id] = mount(document.getElementById(id), { apiBase, token: `token-${id}`, ...onlyTheCreate, ...options });
};
window.host.destroy = (id) => window.host.widgets[id].destroy();
// Creates a marker contact for `org` in a widget of its own and resolves once it is created:
// a request some other widget sent before it would have reached the stub first.
window.host.createMarker = (org) => {
  const element = document.createElement("div");
  document.body.append(element);
  const marker = mount(element, { apiBase, orgId: org, token: "marker", ...onlyTheCreate, values: { firstName: "M", email: "marker@example.com" } });
  return new Promise((resolve) => {
    element.addEventListener("contact:created", () => {
      marker.destroy();
      resolve();
    });
    element.querySelector(".thena-submit").click();
  });
};
window.host.mount("first", { orgId: params.get("org1") });
// The second widget asks for its token each time, as a host with expiring sessions would.
let refreshes = 0;
window.host.mount("second", { orgId: params.get("org2"), getToken: async () => `refreshed-${++refreshes}`, token: undefined });
window.host.loaded = true;
