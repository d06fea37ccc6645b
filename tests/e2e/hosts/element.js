// A portal that uses <thena-add-contact>. The attributes say where; the token is a property.
import init from "/thena_add_contact.js";

const params = new URLSearchParams(location.search);
window.events = [];
window.errors = [];
window.addEventListener("error", (e) => window.errors.push(e.message));
// A page that sets the token before the element is defined (before init()).
const early = document.createElement("thena-add-contact");
early.id = "early";
early.setAttribute("api-base", params.get("api"));
early.setAttribute("org-id", `${params.get("org")}-early`);
early.token = "early-token";
document.getElementById("place").append(early);
await init();
const element = document.createElement("thena-add-contact");
for (const type of ["contact:ready", "contact:submit", "contact:created", "contact:error"]) {
  element.addEventListener(type, (event) => window.events.push({ type, detail: event.detail }));
}
element.setAttribute("api-base", params.get("api"));
element.setAttribute("org-id", params.get("org"));
element.values = { accountIds: ["A1"] };
element.options = { readOnly: ["accountIds"], strings: { submit: "Save contact" } };
document.getElementById("place").append(element);
// Not mounted yet: no token. Setting the property mounts it.
window.mountedBeforeToken = element.childElementCount;
element.token = "element-token";
window.element = element;
