// A portal's code built by webpack 5 from the packed tarball: only the element (its entry defines
// <thena-add-contact>) and the stylesheet, imported through the package's exports map. The page
// is German: the widget fetches the translation webpack copied.
import { ready } from "thena-add-contact/element";
import "thena-add-contact/style.css";

const params = new URLSearchParams(location.search);
const element = document.getElementById("add-contact");
element.token = "webpack-portal-token";
element.addEventListener("contact:created", (event) => {
  document.body.dataset.created = event.detail.id;
});
element.setAttribute("api-base", params.get("api"));
element.setAttribute("org-id", params.get("org"));
ready.then(() => (document.body.dataset.defined = "yes"));
