// A portal's code, in TypeScript, built by Vite from the packed tarball: the module API with
// typed options (tsc --noEmit checks this file against the package's typings).
import init, { mount, type CreatedContact, type MountOptions, type WidgetHandle } from "thena-add-contact";
import "thena-add-contact/style.css";

const params = new URLSearchParams(location.search);

await init();
const options: MountOptions = {
  apiBase: params.get("api") ?? "",
  orgId: params.get("org") ?? "",
  getToken: async () => "vite-portal-token",
  locale: params.get("locale") ?? undefined,
  onCreated: (contact: CreatedContact) => {
    document.body.dataset.created = contact.id;
  },
};
const handle: WidgetHandle = mount(document.getElementById("app") as HTMLElement, options);
handle.setValues({ lastName: "Lovelace" });
