// The strict-CSP host: records every CSP violation the page reports.
import init, { mount } from "/thena_add_contact.js";

window.violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.violations.push(`${e.violatedDirective} ${e.blockedURI}`);
});
const params = new URLSearchParams(location.search);
const element = document.getElementById("add-contact");
window.events = [];
for (const type of ["contact:ready", "contact:created", "contact:error"]) {
  element.addEventListener(type, (event) => window.events.push({ type, detail: event.detail }));
}
await init();
mount(element, { apiBase: params.get("api"), orgId: params.get("org"), token: "csp-token" });
