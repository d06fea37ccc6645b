// Type-checked with main.ts (tsconfig.json), not built: the element entry's typings make the
// element, its properties and its events typed.
import { ready } from "thena-add-contact/element";

const element = document.querySelector("thena-add-contact");
if (element) {
  element.getToken = async () => "a token";
  element.options = { theme: "dark", checkDuplicates: false };
  element.addEventListener("contact:created", (event) => console.log(event.detail.id.toUpperCase()));
}
ready.then(() => element?.reset());
