// The demo portal: loads the widget as any host would, mounts it with the settings panel's
// values and lists the events it reports. Everything the widget reports is shown as text.
import { mount } from "./thena_add_contact.js";

const host = document.getElementById("add-contact");
const settings = document.getElementById("settings");
const problem = document.getElementById("settings-problem");
const events = document.getElementById("events");
let widget = null;

// The settings can also come from the address: ?locale=ar&theme=dark (the screenshots use it).
const query = new URLSearchParams(location.search);
const defaults = {
  apiBase: location.origin,
  orgId: "demo-org",
  token: "demo-token",
  locale: query.get("locale") ?? "",
  theme: query.get("theme") ?? "light",
};

function logEvent(type, detail) {
  const item = document.createElement("li");
  const time = document.createElement("time");
  time.textContent = new Date().toLocaleTimeString();
  const name = document.createElement("strong");
  name.textContent = type;
  item.append(time, " ", name);
  if (detail !== null && detail !== undefined) {
    const body = document.createElement("pre");
    body.textContent = JSON.stringify(detail, null, 2);
    item.append(body);
  }
  events.prepend(item);
}

for (const type of ["contact:ready", "contact:submit", "contact:created", "contact:error", "contact:duplicate"]) {
  host.addEventListener(type, (event) => logEvent(type, event.detail));
}

function remount() {
  if (widget) {
    widget.destroy();
    widget = null;
  }
  problem.textContent = "";
  const { locale, theme } = settings.elements;
  // The page follows the widget's theme, as a portal with a dark mode would.
  document.documentElement.dataset.theme = theme.value;
  // A right-to-left language sits at the right of the card, as on a right-to-left portal.
  host.dir = locale.value === "ar" ? "rtl" : "";
  try {
    widget = mount(host, {
      ...(locale.value ? { locale: locale.value } : {}),
      theme: theme.value,
      apiBase: settings.elements.apiBase.value,
      orgId: settings.elements.orgId.value,
      token: settings.elements.token.value,
      contactTypes: settings.elements.contactTypes.checked,
      customFields: settings.elements.customFields.checked,
      checkDuplicates: settings.elements.checkDuplicates.checked,
    });
    // Before the wasm has loaded, a wrong setting is found once it has.
    widget.ready.catch((error) => (problem.textContent = error.message));
  } catch (error) {
    problem.textContent = error.message;
  }
}

settings.addEventListener("submit", (event) => {
  event.preventDefault();
  remount();
});
document.getElementById("clear-events").addEventListener("click", () => events.replaceChildren());

for (const [name, value] of Object.entries(defaults)) settings.elements[name].value = value;
// At once: the form's shell shows while the wasm loads, and the form takes over when it has.
remount();
