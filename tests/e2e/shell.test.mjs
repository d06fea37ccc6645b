// End-to-end: the shell, the form rendered at build time and shown by mount() and the element
// before the wasm has arrived. The wasm's response is held back by the test (a slow network),
// then let through; the organization's data is held too, so that nothing but the take-over
// changes the form while it is measured. Needs `trunk build --release` first.
//   node --test tests/e2e/shell.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { hostsUnderTest, openPage, plainOrg } from "./support.mjs";

const stubPort = Number(process.env.THENA_E2E_SHELL_STUB_PORT ?? 8802);
const hosts = hostsUnderTest(stubPort);

/**
 * Opens the shell host page with the wasm held back: resolves to `{page, org, release}`;
 * `release()` lets the wasm through. `failFirst`: the first request for the wasm fails (offline).
 * `holdData`: the organization's data never arrives (the form stays as first drawn).
 */
async function openHeld(t, query = "", { failFirst = false, expected = [], holdData = true } = {}) {
  const org = await plainOrg(hosts.stub, "shell");
  let release;
  const released = new Promise((resolve) => (release = resolve));
  let asked = 0;
  const page = await openPage(hosts.browser, t, `${hosts.server.url}/hosts/shell.html?api=${encodeURIComponent(hosts.stub.url)}&org=${org}${query}`,
    expected, async (page) => {
      await page.route("**/thena_add_contact_bg.wasm", async (route) => {
        asked += 1;
        if (failFirst && asked === 1) return route.abort("internetdisconnected");
        await released;
        await route.continue();
      });
      if (holdData) await page.route(/\/v1\/(accounts\/attributes|custom-field)/, () => {});
    });
  return { page, org, release, asked: () => asked };
}

const shell = '[data-shell]';
const liveForm = '.thena-add-contact:not([data-shell])';

/** The form's markup with its ids and Leptos's empty marker comments taken out. */
const markup = (page, selector) =>
  page.$eval(selector, (root) => {
    const copy = root.cloneNode(true);
    copy.removeAttribute("data-shell");
    const walker = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
    const comments = [];
    while (walker.nextNode()) comments.push(walker.currentNode);
    for (const comment of comments) comment.remove();
    copy.normalize();
    // Attributes in one order: the browser keeps them as written, and the live form writes
    // `class` first.
    for (const element of [copy, ...copy.querySelectorAll("*")]) {
      const attributes = [...element.attributes].map((a) => [a.name, a.value]).sort(([a], [b]) => (a < b ? -1 : 1));
      for (const [name] of attributes) element.removeAttribute(name);
      for (const [name, value] of attributes) element.setAttribute(name, value);
    }
    return copy.outerHTML.replace(/thena-(shell|ac)-\d+/g, "ID");
  });

/** Where each control of the form is drawn. */
const boxes = (page, selector) =>
  page.$$eval(`${selector} input, ${selector} select, ${selector} button, ${selector} label`, (all) =>
    all.filter((e) => e.offsetParent).map((e) => {
      const r = e.getBoundingClientRect();
      return [e.tagName, e.name ?? "", Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
    }));

for (const [name, options] of [
  ["the default form", {}],
  ["hidden and read-only fields, a theme, prefilled values", {
    hidden: ["lastName", "avatarUrl", "a_custom_slug"], readOnly: ["email", "accountIds", "contactType"], theme: "dark",
    values: { firstName: "Ada", email: "ada@example.com" },
  }],
]) {
  test(`the shell is the form as the wasm draws it (${name}): the same markup, in the same place`, async (t) => {
    const { page, release } = await openHeld(t, `&options=${encodeURIComponent(JSON.stringify(options))}`);
    await page.locator(shell).waitFor();
    assert.equal(await page.locator(liveForm).count(), 0, "nothing live before the wasm");
    const drawn = await markup(page, shell);
    const where = await boxes(page, shell);
    const values = await page.$$eval(`${shell} input`, (all) => all.map((i) => i.value));
    release();
    await page.waitForFunction(() => window.host.events.some((e) => e.type === "contact:ready"));
    assert.equal(await page.locator(shell).count(), 0, "the shell is gone once the form is live");
    assert.equal(await markup(page, liveForm), drawn);
    assert.deepEqual(await boxes(page, liveForm), where);
    assert.deepEqual(await page.$$eval(`${liveForm} input`, (all) => all.map((i) => i.value)), values);
  });
}

test("the shell's labels are the form's", async (t) => {
  const { page, release } = await openHeld(t);
  await page.locator(shell).waitFor();
  assert.equal(await page.locator(liveForm).count(), 0, "nothing live before the wasm");
  assert.equal(await page.locator(`${shell} label[for$="-firstName"]`).innerText(), "First name");
  // A label click focuses its input: the shell's ids are its own.
  await page.click(`${shell} label[for$="-email"]`);
  assert.equal(await page.evaluate(() => document.activeElement?.name), "email");
  release();
  await page.waitForFunction(() => window.host.events.some((e) => e.type === "contact:ready"));
  assert.equal(await page.evaluate(() => document.activeElement?.closest("[data-shell]")), null);
});

test("typed into the shell before the wasm: values, focus and selection carried over", async (t) => {
  const { page, release } = await openHeld(t);
  await page.locator(shell).waitFor();
  await page.fill(`${shell} [name="firstName"]`, "Ada");
  await page.fill(`${shell} [name="email"]`, "ada@example.com");
  await page.fill(`${shell} [name="lastName"]`, "Lovelace");
  await page.$eval(`${shell} [name="lastName"]`, (input) => input.setSelectionRange(2, 5, "backward"));
  assert.deepEqual(await page.evaluate(() => window.host.widgets[0].getValues()),
    { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", phoneNumber: "", avatarUrl: "", contactType: "", accountIds: [] });
  release();
  await page.waitForFunction(() => window.host.events.some((e) => e.type === "contact:ready"));
  assert.equal(await page.locator(shell).count(), 0);
  assert.equal(await page.inputValue(`${liveForm} [name="firstName"]`), "Ada");
  assert.equal(await page.inputValue(`${liveForm} [name="email"]`), "ada@example.com");
  await page.waitForFunction(() => document.activeElement?.selectionStart === 2);
  const focus = await page.evaluate(() => {
    const input = document.activeElement;
    return [input.name, input.closest("[data-shell]") === null, input.selectionStart, input.selectionEnd, input.selectionDirection];
  });
  assert.deepEqual(focus, ["lastName", true, 2, 5, "backward"]);
  // The live form has the values, not only its inputs: they are what the handle reads.
  const values = await page.evaluate(() => window.host.widgets[0].getValues());
  assert.equal(values.firstName, "Ada");
  assert.equal(values.lastName, "Lovelace");
});

test("a submit pressed before the wasm waits visibly and goes out once, with the organization's data", async (t) => {
  const { page, org, release } = await openHeld(t, "", { holdData: false });
  await page.locator(shell).waitFor();
  await page.fill(`${shell} [name="firstName"]`, "Grace");
  await page.fill(`${shell} [name="email"]`, "grace@example.com");
  await page.click(`${shell} .thena-submit`);
  // Pressed again while it waits (aria-disabled, not disabled: it keeps the focus).
  await page.$eval(`${shell} .thena-submit`, (button) => button.click());
  assert.equal(await page.getAttribute(`${shell} .thena-submit`, "aria-disabled"), "true");
  assert.equal(await page.locator(`${shell} .thena-status`).innerText(), "Adding contact…");
  assert.deepEqual(await hosts.stub.requests(org), [], "nothing is sent before the form is live");
  release();
  await page.locator(`${liveForm}[data-state="created"]`).waitFor();
  const requests = await hosts.stub.requests(org);
  assert.equal(requests.length, 1, "sent once");
  // Sent once the contact types had arrived: the organization's default type is in it.
  assert.deepEqual(requests[0].body, { firstName: "Grace", email: "grace@example.com", contactType: "CT_PRIMARY" });
});

test("destroyed before the form takes over: the shell goes, and no form mounts", async (t) => {
  const { page, release } = await openHeld(t, "&locale=de");
  // The German texts are held too: the live form waits for them after the wasm has arrived.
  let releaseTexts;
  const texts = new Promise((resolve) => (releaseTexts = resolve));
  let textsAsked;
  const asked = new Promise((resolve) => (textsAsked = resolve));
  await page.route("**/locales/de.json", async (route) => {
    textsAsked();
    await texts;
    await route.continue();
  });
  await page.locator(shell).waitFor();
  await page.fill(`${shell} [name="firstName"]`, "Ada");
  release();
  await asked; // the wasm is live, the form mounted and waiting for its language
  await page.evaluate(() => window.host.widgets[0].destroy());
  assert.equal(await page.locator(shell).count(), 0);
  assert.equal(await page.evaluate(() => window.host.widgets[0].getValues()), null);
  assert.equal(await page.evaluate(() => window.host.widgets[0].ready.then(() => "settled")), "settled");
  releaseTexts();
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/locales/de.json")));
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
  assert.equal(await page.locator(".thena-add-contact").count(), 0);
  assert.deepEqual(await page.evaluate(() => window.host.events), []);
});

test("the element shows the shell too, and carries what was typed", async (t) => {
  const { page, release } = await openHeld(t, "&element");
  await page.locator(`thena-add-contact ${shell}`).waitFor();
  await page.fill(`${shell} [name="email"]`, "kay@example.com");
  assert.equal(await page.evaluate(() => document.querySelector("thena-add-contact").values.email), "kay@example.com");
  release();
  await page.waitForFunction(() => window.host.events.some((e) => e.type === "contact:ready"));
  assert.equal(await page.locator(shell).count(), 0);
  assert.equal(await page.inputValue(`thena-add-contact ${liveForm} [name="email"]`), "kay@example.com");
  assert.equal(await page.evaluate(() => document.activeElement?.name), "email");
});

test("the shell speaks the language the live form will: the same rule for every tag", async (t) => {
  const tags = ["de-AT", "pt_PT", "EN-gb", "zh-Hant", "ar", "ja-JP", "fr", "es-419", "xx"];
  const { page, release } = await openHeld(t, tags.map((tag) => `&locale=${encodeURIComponent(tag)}`).join(""));
  await page.waitForFunction((n) => document.querySelectorAll("[data-shell]").length === n, tags.length);
  const langs = (selector) => page.$$eval(selector, (all) => all.map((e) => [e.lang, e.dir]));
  const shells = await langs(shell);
  release();
  await page.waitForFunction((n) => window.host.events.filter((e) => e.type === "contact:ready").length === n, tags.length);
  assert.deepEqual(await langs(liveForm), shells);
  assert.deepEqual(shells.map(([lang]) => lang), ["de", "pt-BR", "en", "en", "ar", "ja", "fr", "es", "en"]);
});

test("a wasm that cannot load leaves the shell; a press of submit loads it again and sends once", async (t) => {
  const { page, org, release, asked } = await openHeld(t, "", { failFirst: true, holdData: false,
    expected: [/thena_add_contact_bg\.wasm|WebAssembly|Failed to fetch|fetch/i] });
  await page.locator(shell).waitFor();
  await page.waitForFunction(() => window.host.widgets[0].ready.then(() => false, () => true));
  await page.fill(`${shell} [name="firstName"]`, "Lin");
  await page.fill(`${shell} [name="email"]`, "lin@example.com");
  release();
  await page.click(`${shell} .thena-submit`);
  await page.locator(`${liveForm}[data-state="created"]`).waitFor();
  assert.equal(asked(), 2);
  const requests = await hosts.stub.requests(org);
  assert.equal(requests.length, 1);
  assert.deepEqual(requests[0].body, { firstName: "Lin", email: "lin@example.com", contactType: "CT_PRIMARY" });
});

test("a prefilled value cleared in the shell stays cleared; a host's setValues before the wasm shows at once", async (t) => {
  const options = { values: { lastName: "Byron" } };
  const { page, release } = await openHeld(t, `&options=${encodeURIComponent(JSON.stringify(options))}`);
  await page.locator(shell).waitFor();
  assert.equal(await page.inputValue(`${shell} [name="lastName"]`), "Byron");
  await page.fill(`${shell} [name="lastName"]`, "");
  await page.evaluate(() => window.host.widgets[0].setValues({ phoneNumber: "+1 415 555 0123" }));
  assert.equal(await page.inputValue(`${shell} [name="phoneNumber"]`), "+1 415 555 0123");
  release();
  await page.waitForFunction(() => window.host.events.some((e) => e.type === "contact:ready"));
  const values = await page.evaluate(() => window.host.widgets[0].getValues());
  assert.equal(values.lastName, "");
  assert.equal(values.phoneNumber, "+1 415 555 0123");
});

test("the element draws its shell again when its options change before the wasm, keeping what was typed", async (t) => {
  const { page, release } = await openHeld(t, "&element");
  await page.locator(`thena-add-contact ${shell}`).waitFor();
  await page.fill(`${shell} [name="firstName"]`, "Grace");
  await page.evaluate(() => (document.querySelector("thena-add-contact").options = { readOnly: ["email"] }));
  assert.equal(await page.locator(shell).count(), 1);
  assert.equal(await page.$eval(`${shell} [name="email"]`, (input) => input.readOnly), true);
  assert.equal(await page.inputValue(`${shell} [name="firstName"]`), "Grace");
  release();
  await page.waitForFunction(() => window.host.events.some((e) => e.type === "contact:ready"));
  assert.equal(await page.inputValue(`${liveForm} [name="firstName"]`), "Grace");
  assert.equal(await page.$eval(`${liveForm} [name="email"]`, (input) => input.readOnly), true);
});

test("init(source) after mount() has started the load beside the module is refused, saying why", async (t) => {
  const { page, release } = await openHeld(t);
  await page.locator(shell).waitFor();
  const refused = await page.evaluate(async () => {
    const { default: init } = await import("/thena_add_contact.js");
    return init("/elsewhere.wasm").then(() => "accepted", (error) => error.message);
  });
  assert.match(refused, /init\(source\) came after mount\(\) or the element/);
  release();
  await page.waitForFunction(() => window.host.events.some((e) => e.type === "contact:ready"));
});

test("the element keeps its shell when its new values cannot be drawn in it (a prefilled account)", async (t) => {
  const { page, release } = await openHeld(t, "&element");
  await page.locator(`thena-add-contact ${shell}`).waitFor();
  await page.fill(`${shell} [name="firstName"]`, "Kay");
  await page.evaluate(() => (document.querySelector("thena-add-contact").values = { accountIds: ["A1"] }));
  assert.equal(await page.locator(shell).count(), 1, "the form does not vanish until the wasm");
  assert.equal(await page.inputValue(`${shell} [name="firstName"]`), "Kay");
  release();
  await page.waitForFunction(() => window.host.events.some((e) => e.type === "contact:ready"));
  assert.equal(await page.locator(shell).count(), 0);
  const values = await page.evaluate(() => document.querySelector("thena-add-contact").values);
  assert.equal(values.firstName, "Kay");
  assert.deepEqual(values.accountIds, ["A1"]);
});
