// The custom element with `shadow`, under the strict CSP: records violations and the events the
// element reports (with their targets).
import init from "/thena_add_contact.js";

window.violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.violations.push(`${e.violatedDirective} ${e.blockedURI}`);
});
const params = new URLSearchParams(location.search);
window.events = [];
await init();
const element = document.createElement("thena-add-contact");
for (const type of ["contact:ready", "contact:submit", "contact:created", "contact:error"]) {
  // On the page, as a portal listens: the events leave the shadow root (composed).
  document.addEventListener(type, (event) =>
    window.events.push({ type, target: event.target === element ? "element" : String(event.target) }));
}
element.setAttribute("shadow", "");
element.setAttribute("api-base", params.get("api"));
element.setAttribute("org-id", params.get("org"));
element.options = { contactTypes: false, customFields: false, checkDuplicates: false, searchAccounts: false };
element.token = "shadow-token";
document.getElementById("place").append(element);
