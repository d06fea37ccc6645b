// End-to-end: the shipped languages as a page gets them (the locale option, the nearest lang,
// one request per language per page, none for English, English when a file is missing), and the
// custom element in a shadow root (a portal's CSS kept out, the widget's kept in, under the
// strict CSP, with labels, keyboard and events working). Needs `trunk build --release` first.
//   node --test tests/e2e/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { root, startStub, serveHosts, launchChromium, openPage, plainOrg } from "./support.mjs";

const stubPort = Number(process.env.THENA_E2E_LANGUAGES_STUB_PORT ?? 8795);
const strictCsp = (apiBase) =>
  `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' ${apiBase}`;
/** A language's texts as shipped (src/locales/<tag>.json). */
const texts = (tag) => JSON.parse(readFileSync(path.join(root, "src/locales", `${tag}.json`), "utf8"));

let stub;
let server;
let browser;

before(async () => {
  stub = await startStub(stubPort);
  server = await serveHosts((pathname) =>
    pathname === "/hosts/shadow.html" ? { "Content-Security-Policy": strictCsp(stub.url) } : {});
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  stub?.stop();
});


/** The languages page, counting the translation files it fetches. */
async function openLanguages(t, org) {
  const page = await openPage(browser, t, "about:blank");
  const fetched = [];
  page.on("request", (r) => r.url().includes("/locales/") && fetched.push(new URL(r.url()).pathname));
  await page.goto(`${server.url}/hosts/languages.html?api=${encodeURIComponent(stub.url)}&org=${org}`);
  await page.waitForFunction(() => window.host?.loaded);
  return { page, fetched };
}

/** What a widget's form shows: its lang, dir and submit button, once it is there. */
async function shown(page, scope) {
  const form = page.locator(`${scope} .thena-add-contact`);
  await form.waitFor();
  return form.evaluate((root) => ({
    lang: root.lang,
    dir: root.dir,
    submit: root.querySelector(".thena-submit").textContent,
    emailDir: root.querySelector('[name="email"]').dir,
  }));
}

test("the language: the locale option, else the nearest lang, else the document's; others are English", async (t) => {
  const org = await plainOrg(stub, "languages");
  const { page, fetched } = await openLanguages(t, org);
  const cases = [
    ["#austrian", {}, { lang: "de", dir: "ltr", submit: texts("de").submit }],
    ["#chinese", {}, { lang: "en", dir: "ltr", submit: "Add contact" }],
    ["#arabic", {}, { lang: "ar", dir: "rtl", submit: texts("ar").submit }],
    ["#told-french", { locale: "fr-CA" }, { lang: "fr", dir: "ltr", submit: texts("fr").submit }],
    ["#page-language", {}, { lang: "en", dir: "ltr", submit: "Add contact" }],
    ["#unknown-language", {}, { lang: "en", dir: "ltr", submit: "Add contact" }],
    ["#page-language", { locale: "pt" }, { lang: "pt-BR", dir: "ltr", submit: texts("pt-BR").submit }],
    ["#page-language", { locale: "JA-jp" }, { lang: "ja", dir: "ltr", submit: texts("ja").submit }],
    ["#page-language", { locale: "es-419" }, { lang: "es", dir: "ltr", submit: texts("es").submit }],
  ];
  for (const [scope, options, expected] of cases) {
    const handle = await page.evaluateHandle(([id, o]) => window.host.mount(id, o), [scope.slice(1), options]);
    const seen = await shown(page, scope);
    assert.deepEqual(seen, { ...expected, emailDir: "ltr" }, `${scope} ${JSON.stringify(options)}`);
    await handle.evaluate((h) => h.destroy());
  }
  // Each language's file once; English none.
  assert.deepEqual(fetched.sort(), ["/locales/ar.json", "/locales/de.json", "/locales/es.json",
    "/locales/fr.json", "/locales/ja.json", "/locales/pt-BR.json"]);
});

test("a host's strings win over the language; numbers and durations follow it; a created contact is announced in it", async (t) => {
  const org = await plainOrg(stub, "strings");
  const { page } = await openLanguages(t, org);
  await page.evaluate(() => window.host.mount("austrian", { strings: { submit: "Speichern" } }));
  await shown(page, "#austrian");
  assert.equal(await page.locator("#austrian .thena-submit").textContent(), "Speichern");
  await page.click("#austrian .thena-submit");
  const german = texts("de");
  // Two required fields empty: the summary counts them, in German.
  const summary = german.invalidFields.replace("{count}", "2");
  await page.locator("#austrian [role=status]", { hasText: summary }).waitFor();
  assert.equal(await page.locator("#austrian [name=email] ~ .thena-error").first().textContent(), german["email.required"]);
  await page.fill("#austrian [name=firstName]", "Grete");
  await page.fill("#austrian [name=email]", "grete@example.at");
  await page.click("#austrian .thena-submit");
  const created = german.created.replace("{name}", "Grete").replace("{email}", "grete@example.at");
  await page.locator("#austrian [role=status]", { hasText: created }).waitFor();
  assert.equal((await stub.requests(org)).length, 1);
  // A wait the service asks for, written in the language.
  await page.click("#austrian .thena-add-another");
  await stub.next(org, { status: 429, headers: { "Retry-After": "42" } });
  await page.fill("#austrian [name=firstName]", "Hans");
  await page.fill("#austrian [name=email]", "hans@example.at");
  await page.click("#austrian .thena-submit");
  const limited = german["api.rateLimited"].replace("{seconds}", "42 Sekunden");
  await page.locator("#austrian .thena-alert-message", { hasText: limited }).waitFor();
});

test("ten widgets in one language fetch its file once; a page of English widgets fetches none", async (t) => {
  const org = await plainOrg(stub, "ten");
  const { page, fetched } = await openLanguages(t, org);
  await page.evaluate(() => {
    for (let i = 0; i < 10; i++) window.host.mount(null, { locale: "de" });
  });
  await page.waitForFunction(() => document.querySelectorAll('.thena-add-contact[lang="de"]').length === 10);
  assert.deepEqual(fetched, ["/locales/de.json"]);
  const english = await openLanguages(t, org);
  await english.page.evaluate(() => {
    for (let i = 0; i < 3; i++) window.host.mount(null);
  });
  await english.page.waitForFunction(() => document.querySelectorAll(".thena-add-contact").length === 3);
  assert.deepEqual(english.fetched, []);
});

test("a language file that cannot be loaded gives the English form, with a warning", async (t) => {
  const org = await plainOrg(stub, "missing");
  const page = await openPage(browser, t, "about:blank");
  const warnings = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  await page.route("**/locales/fr.json", (route) => route.fulfill({ status: 404, body: "" }));
  await page.goto(`${server.url}/hosts/languages.html?api=${encodeURIComponent(stub.url)}&org=${org}`);
  await page.waitForFunction(() => window.host?.loaded);
  await page.evaluate(() => window.host.mount("page-language", { locale: "fr", values: { firstName: "Zoé" } }));
  assert.deepEqual(await shown(page, "#page-language"), { lang: "en", dir: "ltr", submit: "Add contact", emailDir: "ltr" });
  assert.equal(await page.inputValue("#page-language [name=firstName]"), "Zoé");
  assert.ok(warnings.some((w) => w.includes("fr") && w.includes("English")), warnings.join("\n"));
});

test("in a shadow root: the page's CSS stays out, the widget's stays in, under the strict CSP; labels, keyboard and events work", async (t) => {
  const org = await plainOrg(stub, "shadow");
  const page = await openPage(browser, t, `${server.url}/hosts/shadow.html?api=${encodeURIComponent(stub.url)}&org=${org}`);
  await page.waitForFunction(() => window.events.some((e) => e.type === "contact:ready"));
  const form = page.locator("thena-add-contact .thena-add-contact");
  await form.waitFor();
  // In the shadow root, not the light DOM; French from the nearest lang, across the boundary.
  assert.equal(await page.evaluate(() => document.querySelector("thena-add-contact").children.length), 0);
  assert.equal(await form.getAttribute("lang"), "fr");
  // The page's rules (inputs 4px high and red, labels hidden, buttons unset) do not reach it...
  const inside = await page.locator("thena-add-contact [name=firstName]").evaluate((input) => {
    const style = getComputedStyle(input);
    const label = input.getRootNode().querySelector(`label[for="${input.id}"]`);
    return { height: input.getBoundingClientRect().height, radius: style.borderRadius, background: style.backgroundColor,
      label: getComputedStyle(label).display, submit: getComputedStyle(input.getRootNode().querySelector(".thena-submit")).backgroundColor };
  });
  assert.ok(inside.height >= 24, `input height ${inside.height}`);
  assert.deepEqual({ ...inside, height: undefined },
    { height: undefined, radius: "6px", background: "rgb(255, 255, 255)", label: "block", submit: "rgb(43, 89, 195)" });
  // ...and the widget's rules do not reach the page's own elements of the same names.
  const decoy = await page.evaluate(() => ({
    maxWidth: getComputedStyle(document.getElementById("decoy")).maxInlineSize,
    buttonRadius: getComputedStyle(document.getElementById("page-button")).borderRadius,
    inputRadius: getComputedStyle(document.getElementById("page-input")).borderRadius,
  }));
  assert.deepEqual(decoy, { maxWidth: "none", buttonRadius: "0px", inputRadius: "0px" });
  // A label click focuses its input.
  await page.locator("thena-add-contact label", { hasText: texts("fr")["email.label"] }).click();
  assert.equal(await page.evaluate(() => document.querySelector("thena-add-contact").shadowRoot.activeElement?.name), "email");
  // The keyboard alone: into the form from the link before it, through the fields, and out.
  await page.focus("#before");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.querySelector("thena-add-contact").shadowRoot.activeElement?.name), "firstName");
  await page.keyboard.type("Élodie");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.type("elodie@example.fr");
  await page.keyboard.press("Enter");
  await form.and(page.locator('[data-state="created"]')).waitFor();
  const received = await stub.requests(org);
  assert.equal(received.length, 1);
  assert.equal(received[0].body.firstName, "Élodie");
  for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.id)) !== "after"; i++) {
    await page.keyboard.press("Tab");
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), "after", "Tab leaves the widget");
  // The events reached the page, targeted at the element (composed, retargeted).
  assert.deepEqual(await page.evaluate(() => window.events.map((e) => `${e.type}@${e.target}`)),
    ["contact:ready@element", "contact:submit@element", "contact:created@element"]);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
});

test("themes: light, dark and auto follow color-scheme; forced colours and reduced motion are respected", async (t) => {
  const org = await plainOrg(stub, "themes");
  const { page } = await openLanguages(t, org);
  const colours = async (scope) => page.locator(`${scope} .thena-add-contact`).evaluate((root) => {
    const style = getComputedStyle(root);
    const submit = getComputedStyle(root.querySelector(".thena-submit"));
    // The focus ring moves as focus arrives, not as it leaves.
    const input = root.querySelector("[name=firstName]");
    input.focus();
    const transition = getComputedStyle(input).transitionDuration;
    input.blur();
    const left = getComputedStyle(input).transitionDuration;
    return { background: style.backgroundColor, text: style.color, submit: submit.backgroundColor, transition: `${transition}, ${left}` };
  });
  const light = { background: "rgb(255, 255, 255)", text: "rgb(31, 35, 40)", submit: "rgb(43, 89, 195)", transition: "0.12s, 0s" };
  const dark = { background: "rgb(22, 27, 34)", text: "rgb(230, 237, 243)", submit: "rgb(108, 164, 248)", transition: "0.12s, 0s" };
  await page.evaluate(() => {
    window.host.mount("page-language", { theme: "light" });
    window.host.mount("austrian", { theme: "dark", locale: "en" });
    window.host.mount("chinese", { theme: "auto" });
  });
  await page.locator("#chinese .thena-add-contact").waitFor();
  assert.deepEqual(await colours("#page-language"), light);
  assert.deepEqual(await colours("#austrian"), dark);
  assert.deepEqual(await colours("#chinese"), light);
  await page.emulateMedia({ colorScheme: "dark" });
  assert.deepEqual(await colours("#chinese"), dark, "auto follows prefers-color-scheme");
  assert.deepEqual(await colours("#page-language"), light, "light stays light");
  // The host's custom properties recolour each theme.
  await page.evaluate(() => {
    document.body.style.setProperty("--thena-accent", "rgb(0, 90, 0)");
    document.body.style.setProperty("--thena-dark-accent", "rgb(120, 220, 120)");
  });
  assert.equal((await colours("#page-language")).submit, "rgb(0, 90, 0)");
  assert.equal((await colours("#austrian")).submit, "rgb(120, 220, 120)");
  await page.emulateMedia({ reducedMotion: "reduce" });
  assert.equal((await colours("#page-language")).transition, "0s, 0s");
  // Windows high contrast: system colours, the submit button framed, focus in Highlight.
  await page.emulateMedia({ forcedColors: "active", reducedMotion: "no-preference" });
  await page.focus("#austrian [name=firstName]");
  const forced = await page.locator("#austrian").evaluate((host) => {
    const submit = getComputedStyle(host.querySelector(".thena-submit"));
    const focused = getComputedStyle(host.querySelector("[name=firstName]"));
    return { border: submit.borderTopWidth, outline: focused.outlineStyle, outlineWidth: focused.outlineWidth };
  });
  assert.deepEqual(forced, { border: "2px", outline: "solid", outlineWidth: "3px" });
});

test("the element's theme, locale and lang attributes remount it with what was typed", async (t) => {
  const org = await plainOrg(stub, "attributes");
  const { page } = await openLanguages(t, org);
  await page.evaluate(([api, org]) => {
    const element = document.createElement("thena-add-contact");
    element.id = "element";
    element.setAttribute("api-base", api);
    element.setAttribute("org-id", org);
    element.options = { contactTypes: false, customFields: false, checkDuplicates: false, searchAccounts: false };
    element.token = "t";
    document.getElementById("arabic").append(element);
  }, [stub.url, org]);
  const root = page.locator("#element .thena-add-contact");
  await root.waitFor();
  assert.deepEqual([await root.getAttribute("lang"), await root.getAttribute("dir")], ["ar", "rtl"]);
  await page.fill("#element [name=firstName]", "Layla");
  await page.evaluate(() => {
    const element = document.getElementById("element");
    element.setAttribute("theme", "dark");
    element.setAttribute("locale", "es");
  });
  await page.locator('#element .thena-add-contact[lang="es"][data-theme="dark"]').waitFor();
  assert.equal(await page.inputValue("#element [name=firstName]"), "Layla");
  await page.evaluate(() => {
    const element = document.getElementById("element");
    element.removeAttribute("locale");
    element.setAttribute("lang", "ja");
  });
  await page.locator('#element .thena-add-contact[lang="ja"]').waitFor();
  assert.equal(await page.inputValue("#element [name=firstName]"), "Layla");
});
