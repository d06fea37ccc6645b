// A portal page for the accessibility tests (tests/e2e/a11y.test.mjs): one widget at a time in
// #slot, between a link before it and a button after it, mounted with mount() into a <div> or
// as <thena-add-contact shadow> (the form then lives in the element's open shadow root).
// window.host mounts and records what the host hears (events) and what a screen reader would
// hear (each new rendered text of a live region); window.probe measures what the tests check
// (focus, targets, colours), looking into the shadow root where the form is.
import init, { mount } from "/thena_add_contact.js";

const apiBase = new URLSearchParams(location.search).get("api");
const types = ["contact:ready", "contact:submit", "contact:created", "contact:error", "contact:duplicate"];
await init();

window.host = {
  widget: null,
  element: null,
  events: [],
  announcements: [],
  /**
   * Mounts a widget of `orgId` (the previous one is destroyed). `shadow`: as the custom element
   * with `shadow`, `locale` and `theme` as its attributes and the rest as its `options`;
   * otherwise mount() with every option.
   */
  start({ orgId, shadow = false, ...options }) {
    this.destroy();
    this.events = [];
    this.announcements = [];
    const slot = document.getElementById("slot");
    if (shadow) {
      const { locale, theme, ...rest } = options;
      const element = document.createElement("thena-add-contact");
      element.setAttribute("shadow", "");
      element.setAttribute("api-base", apiBase);
      element.setAttribute("org-id", orgId);
      if (locale) element.setAttribute("locale", locale);
      if (theme) element.setAttribute("theme", theme);
      this.listen(element);
      element.options = rest;
      slot.replaceChildren(element);
      this.element = element;
      element.token = "token-a11y";
    } else {
      const element = document.createElement("div");
      slot.replaceChildren(element);
      this.listen(element);
      this.element = element;
      this.widget = mount(element, { apiBase, orgId, token: "token-a11y", ...options });
    }
  },
  listen(element) {
    for (const type of types) element.addEventListener(type, (e) => this.events.push({ type, detail: e.detail }));
  },
  /** Where the form's nodes are: the element, or its shadow root. */
  root() {
    return this.element?.shadowRoot ?? this.element;
  },
  /** The widget's root (.thena-add-contact) once it is rendered (with `shadow`: once styled). */
  form() {
    const form = this.root()?.querySelector(".thena-add-contact");
    return form?.getClientRects().length ? form : null;
  },
  /**
   * From now on, records in `announcements` each new rendered text of a live region
   * ([role=status], [role=alert], [aria-live]): a region speaks when its text changes to
   * something new.
   */
  watch() {
    const announcements = (this.announcements = []);
    const root = this.root();
    const regions = () => root.querySelectorAll("[role=status], [role=alert], [aria-live]");
    // A region that is not rendered says nothing (the innerText of an element that is not
    // rendered would be all its text).
    const rendered = (region) => (region.getClientRects().length ? region.innerText.trim() : "");
    const last = new Map([...regions()].map((region) => [region, rendered(region)]));
    this.observer?.disconnect();
    this.observer = new MutationObserver(() => {
      for (const region of regions()) {
        const text = rendered(region);
        if (text !== (last.get(region) ?? "") && text !== "") {
          const role = region.getAttribute("role") ?? `aria-live=${region.getAttribute("aria-live")}`;
          announcements.push({ role, text });
        }
        last.set(region, text);
      }
    });
    // Attributes too: a region shown by a class or attribute change speaks as well.
    this.observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  },
  destroy() {
    this.observer?.disconnect();
    this.widget?.destroy();
    this.widget = null;
    this.element?.remove();
    this.element = null;
  },
};

const CONTROLS = "input, select, textarea, button";
const rendered = (element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden";

window.probe = {
  /** The focused element, inside shadow roots. */
  active() {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  },
  /** A short, readable name for an element: `input[name=email]`, `button.thena-retry "Try again"`. */
  describe(element) {
    if (!element) return "(nothing)";
    if (element.id === "before" || element.id === "after") return `#${element.id} (page)`;
    const tag = element.tagName.toLowerCase();
    const name = element.getAttribute("name");
    const type = element.getAttribute("type");
    const value = type === "radio" || (type === "checkbox" && element.value !== "true") ? `=${element.value}` : "";
    const cls = element.classList[0] ? `.${element.classList[0]}` : "";
    const text = tag === "button" ? ` "${element.innerText.trim()}"` : "";
    return name ? `${tag}[name=${name}${value}]` : `${tag}${cls}${text}`;
  },
  /** The widget's controls a person can reach with Tab: rendered, enabled, not tabindex=-1. */
  tabbables() {
    return [...window.host.root().querySelectorAll(CONTROLS)].filter(
      (c) => rendered(c) && !c.disabled && c.tabIndex >= 0 && !c.closest("[inert]"),
    );
  },
  /** Index of the focused element among `tabbables` (taken once); -1 outside the widget. */
  focusStep(tabbables) {
    const active = this.active();
    const style = active ? getComputedStyle(active) : null;
    return {
      index: tabbables.indexOf(active),
      what: this.describe(active),
      inWidget: window.host.element?.contains(active) || window.host.root()?.contains(active),
      // False when focus is on a part the browser draws inside the control (a date input's
      // picker button): the control is the active element but does not match :focus.
      ownFocus: active?.matches(":focus") ?? false,
      outlineStyle: style?.outlineStyle,
      outlineWidth: style ? parseFloat(style.outlineWidth) : 0,
      boxShadow: style?.boxShadow,
    };
  },
  /**
   * WCAG 2.5.8 (target size, minimum) for every rendered control: at least 24×24 CSS px, or a
   * 24 px circle on its centre that touches no other target and no other small target's circle.
   * Returns what fails, with its size.
   */
  smallTargets() {
    const targets = [...window.host.root().querySelectorAll(CONTROLS)].filter(rendered).map((element) => {
      const r = element.getBoundingClientRect();
      const small = r.width < 24 || r.height < 24;
      return { element, r, small, cx: r.left + r.width / 2, cy: r.top + r.height / 2 };
    });
    const circleTouchesRect = (t, r) => {
      const dx = Math.max(r.left - t.cx, 0, t.cx - r.right);
      const dy = Math.max(r.top - t.cy, 0, t.cy - r.bottom);
      return dx * dx + dy * dy < 12 * 12;
    };
    const failing = [];
    for (const t of targets.filter((t) => t.small)) {
      const crowded = targets.filter((o) => o !== t && (circleTouchesRect(t, o.r) ||
        (o.small && Math.hypot(o.cx - t.cx, o.cy - t.cy) < 24)));
      if (crowded.length) {
        failing.push({
          target: this.describe(t.element),
          size: `${t.r.width.toFixed(1)}×${t.r.height.toFixed(1)}`,
          crowdedBy: crowded.map((o) => this.describe(o.element)),
        });
      }
    }
    return { checked: targets.length, small: targets.filter((t) => t.small).length, failing };
  },
  /** [r, g, b, a] of a computed colour ("rgb(…)", "rgba(…)", "color(srgb …)"). */
  rgba(text) {
    const srgb = text.match(/^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)$/);
    if (srgb) return [srgb[1] * 255, srgb[2] * 255, srgb[3] * 255, srgb[4] === undefined ? 1 : Number(srgb[4])];
    const rgb = text.match(/^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:[,/] ?([\d.]+))?\)$/);
    if (!rgb) throw new Error(`cannot read the colour ${text}`);
    return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
  },
  /** WCAG contrast ratio of colour `fg` (blended over `bg` when translucent) against `bg`. */
  contrast(fgText, bgText) {
    return this.ratio(this.rgba(fgText), this.rgba(bgText));
  },
  ratio([r, g, b, a], bg) {
    const fg = [r, g, b].map((c, i) => c * a + bg[i] * (1 - a));
    const luminance = (rgb) => {
      const [R, G, B] = rgb.map((c) => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  },
  /** The opaque colour behind `element`: its and its ancestors' backgrounds over the canvas. */
  background(element) {
    const layers = [];
    for (let e = element; e; e = e.parentElement ?? e.getRootNode().host) {
      const colour = this.rgba(getComputedStyle(e).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    let bg = [255, 255, 255]; // the page's canvas (the host page has no colour scheme of its own)
    for (const [r, g, b, a] of layers.reverse()) bg = [r, g, b].map((c, i) => c * a + bg[i] * (1 - a));
    return bg;
  },
  /**
   * WCAG 1.4.3 measured directly (axe-core skips text it takes for icon-font ligatures, which
   * Arabic words look like to it): every rendered text of the widget, and the text of its text
   * inputs, against the backgrounds behind it: 4.5:1, or 3:1 for large text. Inactive controls
   * (disabled, aria-disabled) are exempt, as WCAG says.
   */
  textContrast() {
    const elements = new Set();
    const walker = document.createTreeWalker(window.host.root(), NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) if (node.nodeValue.trim()) elements.add(node.parentElement);
    for (const control of window.host.root().querySelectorAll("input:not([type=checkbox], [type=radio]), select, textarea")) elements.add(control);
    const failing = [];
    let checked = 0;
    for (const element of elements) {
      if (!rendered(element) || element.closest('[aria-disabled="true"], :disabled, option')) continue;
      const style = getComputedStyle(element);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const ratio = this.ratio(this.rgba(style.color), this.background(element));
      checked += 1;
      if (ratio < (large ? 3 : 4.5)) {
        failing.push({ text: this.describe(element) + ` "${(element.innerText ?? element.value).trim().slice(0, 40)}"`, colour: style.color, ratio: Number(ratio.toFixed(2)) });
      }
    }
    return { checked, failing };
  },
};
window.host.loaded = true;
