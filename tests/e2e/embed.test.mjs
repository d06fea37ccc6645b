// End-to-end: plain HTML host pages (tests/e2e/hosts/) that embed the release build in dist/
// as a portal would, served by a small static server with the headers a portal would send,
// against a stub API that this file starts and stops. Needs `trunk build --release` first.
//   node --test tests/e2e/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { root, startStub, serveHosts, launchChromium, openPage, plainOrg } from "./support.mjs";

const dist = path.join(root, "dist");
const stubPort = Number(process.env.THENA_E2E_EMBED_STUB_PORT ?? 8796);
const strictCsp = (apiBase) =>
  `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' ${apiBase}`;

let stub;
let server;
let site;
let browser;

before(async () => {
  stub = await startStub(stubPort);
  server = await serveHosts((pathname) =>
    pathname === "/hosts/csp.html" ? { "Content-Security-Policy": strictCsp(stub.url) } : {});
  site = server.url;
  // gc() lets a test check that a collected handle does not unmount the widget.
  browser = await launchChromium(["--js-flags=--expose-gc"]);
});

after(async () => {
  await browser?.close();
  server?.close();
  stub?.stop();
});


/** Options under which a widget asks the API for nothing but the create (and its token only then). */
const onlyTheCreate = { contactTypes: false, customFields: false, checkDuplicates: false, searchAccounts: false };

async function openModuleHost(t) {
  const org1 = await plainOrg(stub, "embed-a");
  const org2 = await plainOrg(stub, "embed-b");
  const page = await openPage(browser, t, `${site}/hosts/module.html?api=${encodeURIComponent(stub.url)}&org1=${org1}&org2=${org2}`);
  await page.waitForFunction(() => window.host?.loaded && window.host.events.filter((e) => e.type === "contact:ready").length === 2);
  return { page, org1, org2 };
}

const events = (page, widget, type) =>
  page.evaluate(([w, t]) => window.host.events.filter((e) => e.widget === w && e.type === t).map((e) => e.detail), [widget, type]);

async function fillAndSubmit(page, scope, firstName, email) {
  await page.fill(`${scope} [name="firstName"]`, firstName);
  await page.fill(`${scope} [name="email"]`, email);
  await page.click(`${scope} .thena-submit`);
}

test("module embedding: events carry their details; two widgets work independently", async (t) => {
  const { page, org1, org2 } = await openModuleHost(t);
  await fillAndSubmit(page, "#first", "Ada", "ada@example.com");
  await page.locator('#first .thena-add-contact[data-state="created"]').waitFor();
  assert.equal(await page.locator('#second .thena-add-contact').getAttribute("data-state"), "editing");

  const [submitted] = await events(page, "first", "contact:submit");
  assert.deepEqual(submitted, { firstName: "Ada", email: "ada@example.com" });
  const [created] = await events(page, "first", "contact:created");
  assert.equal(created.email, "ada@example.com");
  assert.match(created.id, /^ct_/);
  const [request] = await stub.requests(org1);
  assert.equal(request.headers.authorization, "Bearer token-first");
  assert.deepEqual(await events(page, "second", "contact:created"), []);

  // The second widget takes its token from getToken.
  await fillAndSubmit(page, "#second", "Grace", "grace@example.com");
  await page.locator('#second .thena-add-contact[data-state="created"]').waitFor();
  const [second] = await stub.requests(org2);
  assert.equal(second.headers.authorization, "Bearer refreshed-1");
  // Ids stay unique with two widgets on the page.
  const duplicateIds = await page.evaluate(() => {
    const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
  assert.deepEqual(duplicateIds, []);
});

test("a 401 makes the widget call getToken again and retry once", async (t) => {
  const { page, org2 } = await openModuleHost(t);
  await stub.next(org2, { status: 401, body: { statusCode: 401, message: "Unauthorized" } });
  await fillAndSubmit(page, "#second", "Grace", "grace@example.com");
  await page.locator('#second .thena-add-contact[data-state="created"]').waitFor();
  const tokens = (await stub.requests(org2)).map((r) => r.headers.authorization);
  assert.deepEqual(tokens, ["Bearer refreshed-1", "Bearer refreshed-2"]);
  // The token is in no URL, no storage and no attribute.
  const leaked = await page.evaluate(() =>
    [location.href, document.documentElement.outerHTML, JSON.stringify(localStorage), JSON.stringify(sessionStorage)]
      .some((text) => text.includes("refreshed-")));
  assert.equal(leaked, false);
});

test("contact:error carries kind, status, message and field errors", async (t) => {
  const { page, org1 } = await openModuleHost(t);
  await stub.next(org1, { status: 409, body: { statusCode: 409, message: "Conflict" } });
  await fillAndSubmit(page, "#first", "Ada", "ada@example.com");
  await page.locator('#first .thena-add-contact[data-state="failed"]').waitFor();
  const [error] = await events(page, "first", "contact:error");
  assert.equal(error.kind, "conflict");
  assert.equal(error.status, 409);
  assert.match(error.message, /already exists/);
  assert.match(error.fieldErrors.email, /already exists/);
});

test("preventDefault() on contact:submit sends nothing", async (t) => {
  const { page, org1 } = await openModuleHost(t);
  await page.evaluate(() => { window.host.cancelSubmit = true; });
  await fillAndSubmit(page, "#first", "Ada", "ada@example.com");
  assert.equal((await events(page, "first", "contact:submit")).length, 1);
  assert.equal(await page.locator('#first .thena-add-contact').getAttribute("data-state"), "editing");
  // Allowed the second time: once it is created, the stopped one would have arrived before it.
  await page.evaluate(() => { window.host.cancelSubmit = false; });
  await page.click("#first .thena-submit");
  await page.locator('#first .thena-add-contact[data-state="created"]').waitFor();
  assert.equal((await events(page, "first", "contact:submit")).length, 2);
  assert.equal((await stub.requests(org1)).length, 1);
});

/** How the page's next create request ends: its error (`net::ERR_ABORTED`), or "answered". */
function createOutcome(page) {
  const isCreate = (request) => request.url().endsWith("/v1/accounts/contacts") && request.method() === "POST";
  return new Promise((resolve) => {
    page.on("requestfailed", (request) => isCreate(request) && resolve(request.failure()?.errorText));
    page.on("requestfinished", (request) => isCreate(request) && resolve("answered"));
  });
}

test("destroy() unmounts the widget and abandons the request in flight", async (t) => {
  const { page, org1 } = await openModuleHost(t);
  await stub.next(org1, { delayMs: 1500 });
  const outcome = createOutcome(page);
  await fillAndSubmit(page, "#first", "Ada", "ada@example.com");
  await page.locator('#first .thena-add-contact[data-state="sending"]').waitFor();
  await page.evaluate(() => window.host.destroy("first"));
  assert.equal(await page.locator("#first").innerHTML(), "");
  // The browser cancelled the request on the wire: it did not wait for the answer.
  assert.equal(await outcome, "net::ERR_ABORTED");
  assert.deepEqual(await events(page, "first", "contact:created"), []);
  assert.deepEqual(await events(page, "first", "contact:error"), []);
  // The other widget is untouched and still works.
  assert.equal(await page.locator('#second .thena-add-contact').getAttribute("data-state"), "editing");
});

test("after destroy() nothing is sent: not when getToken answers late, not between a 401 and its retry", { timeout: 60_000 }, async (t) => {
  const { page } = await openModuleHost(t);
  const org = await plainOrg(stub, "late");
  await stub.next(org, { status: 401, body: { statusCode: 401, message: "Unauthorized" } });
  const sent = await page.evaluate(async ([apiBase, org, onlyTheCreate]) => {
    const { mount } = await import("/thena_add_contact.js");
    const until = async (check) => { while (!check()) await new Promise((r) => setTimeout(r, 10)); };
    // getToken answers at once the first time of each widget, then waits for release().
    let release;
    const held = () => new Promise((resolve) => { release = resolve; });
    const widget = (firstAtOnce) => {
      const element = document.createElement("div");
      document.body.append(element);
      let calls = 0;
      const handle = mount(element, {
        apiBase, orgId: org, ...onlyTheCreate,
        getToken: () => (++calls === 1 && firstAtOnce ? "first-token" : held()),
        values: { firstName: "Late", email: `late${firstAtOnce}@example.com` },
      });
      element.querySelector(".thena-submit").click();
      return { handle, calls: () => calls };
    };
    // 1. Destroyed while the token is awaited.
    const waiting = widget(false);
    await until(() => waiting.calls() === 1);
    waiting.handle.destroy();
    release("late-token");
    // 2. The first request gets the 401 (queued above); destroyed while the new token is awaited.
    const retrying = widget(true);
    await until(() => retrying.calls() === 2);
    retrying.handle.destroy();
    release("late-token-2");
    // Once the marker is created, anything the destroyed widgets sent would be there.
    await window.host.createMarker(org);
    return true;
  }, [stub.url, org, onlyTheCreate]);
  assert.equal(sent, true);
  const requests = await stub.requests(org);
  assert.deepEqual(requests.map((r) => [r.headers.authorization, r.body.email]),
    [["Bearer first-token", "latetrue@example.com"], ["Bearer marker", "marker@example.com"]]);
});

test("a throwing listener or callback is reported and the widget goes on; a listener may destroy it", { timeout: 60_000 }, async (t) => {
  const { page } = await openModuleHost(t);
  const org = await plainOrg(stub, "throwing");
  const result = await page.evaluate(async ([apiBase, org]) => {
    const { mount } = await import("/thena_add_contact.js");
    const reported = [];
    window.addEventListener("error", (e) => { reported.push(e.message); e.preventDefault(); });
    const element = document.createElement("div");
    document.body.append(element);
    for (const type of ["contact:submit", "contact:created"]) {
      element.addEventListener(type, () => { throw new Error(`listener ${type}`); });
    }
    const created = new Promise((resolve) => element.addEventListener("contact:created", (e) => resolve(e.detail)));
    const widget = mount(element, {
      apiBase, orgId: org, token: "t",
      values: { firstName: "Thrown", email: "thrown@example.com" },
      onSubmit: () => { throw new Error("callback onSubmit"); },
      onCreated: () => { throw new Error("callback onCreated"); },
    });
    element.querySelector(".thena-submit").click();
    const contact = await created;
    await new Promise((r) => setTimeout(r, 0));
    const state = element.querySelector(".thena-add-contact").dataset.state;
    widget.reset(); // still answers
    // A listener that destroys the widget from inside contact:submit: nothing is sent.
    const second = document.createElement("div");
    document.body.append(second);
    const doomed = mount(second, { apiBase, orgId: org, token: "t", values: { firstName: "D", email: "doomed@example.com" } });
    second.addEventListener("contact:submit", () => doomed.destroy());
    second.querySelector(".thena-submit").click();
    const left = second.childElementCount;
    // Once the marker is created, a request of the doomed widget would be there.
    await window.host.createMarker(org);
    return { reported, email: contact.email, state, left };
  }, [stub.url, org]);
  assert.deepEqual(result.reported.sort(), ["Uncaught Error: callback onCreated", "Uncaught Error: callback onSubmit",
    "Uncaught Error: listener contact:created", "Uncaught Error: listener contact:submit"]);
  assert.equal(result.email, "thrown@example.com");
  assert.equal(result.state, "created");
  assert.equal(result.left, 0);
  // The doomed widget, destroyed in its own listener, sent nothing before the marker.
  assert.deepEqual((await stub.requests(org)).map((r) => r.body.email), ["thrown@example.com", "marker@example.com"]);
});

test("the host's timeouts: a request without an answer and a getToken that never answers", { timeout: 60_000 }, async (t) => {
  const { page } = await openModuleHost(t);
  const org = await plainOrg(stub, "timeouts");
  await stub.next(org, { delayMs: 4000 });
  const outcome = createOutcome(page);
  const errors = await page.evaluate(async ([apiBase, org]) => {
    const { mount } = await import("/thena_add_contact.js");
    const failure = (options) => new Promise((resolve) => {
      const element = document.createElement("div");
      document.body.append(element);
      mount(element, { apiBase, orgId: org, values: { firstName: "T", email: "t@example.com" }, onError: resolve, ...options });
      element.querySelector(".thena-submit").click();
    });
    return [
      await failure({ token: "t", requestTimeoutMs: 1000 }),
      await failure({ getToken: () => new Promise(() => {}), tokenTimeoutMs: 300 }),
    ];
  }, [stub.url, org]);
  assert.deepEqual(errors.map((e) => [e.kind, e.status]), [["network", null], ["unauthorized", null]]);
  assert.match(errors[0].message, /didn.t answer within 1 second\./);
  // The request that took too long was cancelled on the wire, not left running.
  assert.equal(await outcome, "net::ERR_ABORTED");
  assert.match(errors[1].message, /session has expired/);
  // Only the first sent anything.
  assert.equal((await stub.requests(org)).length, 1);
});

test("host values the widget cannot read are refused, and the handle keeps working", { timeout: 60_000 }, async (t) => {
  const { page } = await openModuleHost(t);
  const org = await plainOrg(stub, "hostile-values");
  const result = await page.evaluate(async ([apiBase, org]) => {
    const { mount } = await import("/thena_add_contact.js");
    const element = document.createElement("div");
    document.body.append(element);
    // Options without a prototype (Object.create(null)) are plain data too.
    const options = Object.assign(Object.create(null), { apiBase, orgId: org, token: "t" });
    const widget = mount(element, options);
    const attempt = (values) => { try { widget.setValues(values); return "set"; } catch (e) { return e.message; } };
    const refused = [
      attempt({ get email() { throw new Error("no email here"); } }),
      attempt(new Proxy({}, { ownKeys() { throw new Error("no keys"); } })),
      attempt({ accountIds: new Proxy(["A1"], { get(target, key) { if (key === "0") throw new Error("no item"); return target[key]; } }) }),
    ];
    widget.setValues({ firstName: "Still", email: "still@example.com" });
    const values = widget.getValues();
    widget.destroy();
    return { refused, values, left: element.childElementCount };
  }, [stub.url, org]);
  assert.deepEqual(result.refused, [
    "thena-add-contact: values: could not be read (no email here)",
    "thena-add-contact: values: could not be read (no keys)",
    "thena-add-contact: values.accountIds[0]: could not be read (no item)",
  ]);
  assert.equal(result.values.firstName, "Still");
  assert.equal(result.left, 0);
});

test("contact:error reports the status the server sent", { timeout: 60_000 }, async (t) => {
  const { page, org1 } = await openModuleHost(t);
  await stub.next(org1, { status: 422, body: { statusCode: 422, message: ["phoneNumber must be a valid phone number"] } });
  await fillAndSubmit(page, "#first", "Ada", "ada@example.com");
  await page.locator('#first .thena-add-contact[data-state="failed"]').waitFor();
  await stub.next(org1, { status: 400, body: { statusCode: 400, message: "No account exists for this email domain" } });
  await page.click("#first .thena-submit");
  await page.waitForFunction(() => window.host.events.filter((e) => e.type === "contact:error").length === 2);
  const errors = await events(page, "first", "contact:error");
  assert.deepEqual(errors.map((e) => [e.kind, e.status]), [["validation", 422], ["validation", 400]]);
  assert.match(errors[0].fieldErrors.phoneNumber, /Phone must be a valid phone number/);
  assert.equal(errors[1].message, "No account exists for this email domain");
  assert.deepEqual(errors[1].fieldErrors, {});
});

test("bad options make mount throw an Error that names the option, and mount nothing", async (t) => {
  const { page } = await openModuleHost(t);
  const failures = await page.evaluate(async () => {
    const { mount } = await import("/thena_add_contact.js");
    const element = document.createElement("div");
    document.body.append(element);
    const base = { apiBase: "https://platform.thena.ai", orgId: "org_1", token: "t" };
    const attempts = [
      {},
      { ...base, orgId: undefined },
      { ...base, apiBase: "not a url" },
      { ...base, apiBase: "http://platform.thena.ai" },
      { ...base, token: 5 },
      { ...base, token: undefined },
      { ...base, getToken: "nope" },
      { ...base, values: { nickname: "x" } },
      { ...base, values: { accountIds: "A1" } },
      { ...base, hidden: [5] },
      { ...base, readOnly: "email" },
      { ...base, strings: { Submit: "x" } },
      { ...base, strings: { submit: 1 } },
      { ...base, onCreated: "yes" },
      { ...base, hidden: ["email"] },
      { ...base, contactTypes: "yes" },
      { ...base, customFields: [{ name: "No uid" }] },
      { ...base, checkDuplicates: "no" },
    ];
    return attempts.map((options) => {
      try {
        mount(element, options);
        return "mounted";
      } catch (error) {
        return `${error instanceof Error} ${error.message} children=${element.childElementCount}`;
      }
    });
  });
  const expected = [/apiBase is required/, /orgId is required/, /apiBase must be an absolute https/,
    /apiBase must use https/, /token must be a string/, /token \(a string\) or getToken/,
    /getToken must be a function/, /values has no field named "nickname"/,
    /values.accountIds must be an array of strings/, /hidden\[0\] must be a string, not number `5`/,
    /readOnly must be an array of field names/, /strings has no text named "Submit"/,
    /strings.submit must be a string/, /onCreated must be a function/,
    /hidden field email needs a valid value: Enter an email address/,
    /contactTypes must be true, false or an array of definitions, not a string/,
    /customFields\[0\] cannot be read: missing field `uid`/, /checkDuplicates must be a boolean/];
  assert.equal(failures.length, expected.length);
  failures.forEach((failure, i) => {
    assert.match(failure, /^true /, failure);
    assert.match(failure, expected[i]);
    assert.match(failure, /children=0$/);
  });
});

test("the strict-CSP host page works and reports no violation", async (t) => {
  const org = await plainOrg(stub, "embed-csp");
  const page = await openPage(browser, t, `${site}/hosts/csp.html?api=${encodeURIComponent(stub.url)}&org=${org}`);
  await page.waitForFunction(() => window.events?.some((e) => e.type === "contact:ready"));
  // csp.js keeps no reference to the handle mount() returned: collecting it must not unmount
  // the widget (it did, once: the handle's finalizer dropped the mounted view).
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => window.gc());
    await page.waitForTimeout(100);
  }
  assert.equal(await page.locator("#add-contact .thena-add-contact").count(), 1);
  await fillAndSubmit(page, "#add-contact", "Csp", "csp@example.com");
  await page.locator('.thena-add-contact[data-state="created"]').waitFor();
  assert.equal((await stub.requests(org)).length, 1);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  // The widget's stylesheet applied under style-src 'self' (errors hidden while empty).
  assert.equal(await page.locator(".thena-error").first().evaluate((e) => getComputedStyle(e).display), "none");
});

test("callbacks get the events' details; onSubmit returning false sends nothing", async (t) => {
  const { page, org1 } = await openModuleHost(t);
  const seen = await page.evaluate(async (org) => {
    const { mount } = await import("/thena_add_contact.js");
    const element = document.createElement("div");
    document.body.append(element);
    const calls = [];
    const events = [];
    for (const type of ["ready", "submit", "created", "error"]) {
      element.addEventListener(`contact:${type}`, (e) => events.push([type, e.detail]));
    }
    let stop = true;
    const widget = mount(element, {
      apiBase: new URLSearchParams(location.search).get("api"),
      orgId: org,
      token: "callbacks",
      onReady: (d) => calls.push(["ready", d]),
      onSubmit: (d) => { calls.push(["submit", d]); return !stop; },
      onCreated: (d) => calls.push(["created", d]),
      onError: (d) => calls.push(["error", d]),
    });
    // The organization's contact types have arrived (the default is then sent).
    while (element.querySelector('[name="contactType"]').disabled) await new Promise((r) => setTimeout(r, 10));
    widget.setValues({ firstName: "Ada", email: "ada@example" });
    element.querySelector(".thena-submit").click();               // invalid: error
    await new Promise((r) => setTimeout(r, 50));
    widget.setValues({ email: "ada@example.com" });
    element.querySelector(".thena-submit").click();               // stopped by onSubmit
    await new Promise((r) => setTimeout(r, 300));
    stop = false;
    element.querySelector(".thena-submit").click();               // sent
    await new Promise((r) => setTimeout(r, 1000));
    return { calls, events };
  }, org1);
  assert.deepEqual(seen.calls.map(([type]) => type), ["ready", "error", "submit", "submit", "created"]);
  assert.deepEqual(seen.calls, seen.events);
  assert.equal(seen.calls[1][1].kind, "validation");
  assert.match(seen.calls[1][1].fieldErrors.email, /example\.com/);
  // The organization's default contact type is preselected, and so sent.
  assert.deepEqual(seen.calls[2][1], { firstName: "Ada", email: "ada@example.com", contactType: "CT_PRIMARY" });
  assert.equal(seen.calls[4][1].email, "ada@example.com");
  // Only the third click reached the API.
  assert.equal((await stub.requests(org1)).length, 1);
});

test("values, readOnly, hidden and strings shape the form; reset() and getValues() work", async (t) => {
  const { page, org1 } = await openModuleHost(t);
  // A custom field the host hides by its slug: its value passes through unchanged.
  await stub.seed(org1, { customFields: [{ uid: "cf1", name: "Region", slug: "region", fieldType: "single_line" }] });
  await page.evaluate(async (org) => {
    const { mount } = await import("/thena_add_contact.js");
    const element = document.createElement("div");
    element.id = "shaped";
    document.body.append(element);
    window.shaped = mount(element, {
      apiBase: new URLSearchParams(location.search).get("api"),
      orgId: org,
      token: "shaped",
      values: { accountIds: ["A1", "B2"], avatarUrl: "https://example.com/a.png",
        customFieldValues: [{ customFieldId: "cf1", data: [{ value: "EMEA" }] }] },
      readOnly: ["accountIds"],
      hidden: ["avatarUrl", "region"],
      strings: { "firstName.label": "Vorname", submit: "Anlegen", "firstName.required": "Bitte {label} angeben." },
    });
  }, org1);
  const form = "#shaped";
  // The organization's contact types have arrived (getValues() then holds the default).
  await page.waitForFunction(() => !document.querySelector('#shaped [name="contactType"]').disabled);
  assert.equal(await page.locator(`${form} label[for$="-firstName"]`).textContent(), "Vorname");
  assert.equal(await page.locator(`${form} .thena-submit`).textContent(), "Anlegen");
  const chips = () => page.locator(`${form} .thena-chip > span`).allTextContents();
  assert.deepEqual(await chips(), ["A1", "B2"]);
  assert.equal(await page.locator(`${form} [name="accountIds"]`).getAttribute("readonly"), "");
  assert.equal(await page.locator(`${form} .thena-chip-remove`).count(), 0);
  assert.equal(await page.locator(`${form} [name="avatarUrl"]`).isVisible(), false);
  // A person cannot change a read-only field.
  await page.locator(`${form} [name="accountIds"]`).press("End");
  await page.keyboard.type("X,");
  assert.equal(await page.locator(`${form} [name="accountIds"]`).inputValue(), "");
  assert.deepEqual(await chips(), ["A1", "B2"]);
  await page.click(`${form} .thena-submit`);
  assert.equal(await page.locator(`${form} [name="firstName"] ~ .thena-error`).textContent(), "Bitte Vorname angeben.");
  await page.fill(`${form} [name="firstName"]`, "Ada");
  assert.deepEqual(await page.evaluate(() => window.shaped.getValues()), {
    firstName: "Ada", lastName: "", email: "", phoneNumber: "", contactType: "CT_PRIMARY",
    avatarUrl: "https://example.com/a.png", accountIds: ["A1", "B2"],
  });
  await page.evaluate(() => window.shaped.reset());
  assert.equal(await page.locator(`${form} [name="firstName"]`).inputValue(), "");
  assert.deepEqual(await chips(), ["A1", "B2"]);
  assert.equal(await page.locator(`${form} .thena-error:not(:empty)`).count(), 0);
  await page.fill(`${form} [name="firstName"]`, "Ada");
  await page.fill(`${form} [name="email"]`, "ada@example.com");
  await page.click(`${form} .thena-submit`);
  await page.locator(`${form} .thena-add-contact[data-state="created"]`).waitFor();
  const [request] = await stub.requests(org1);
  assert.deepEqual(request.body, {
    firstName: "Ada", email: "ada@example.com", contactType: "CT_PRIMARY", avatarUrl: "https://example.com/a.png",
    accountIds: ["A1", "B2"], customFieldValues: [{ customFieldId: "cf1", data: [{ value: "EMEA" }] }],
  });
  // setValues refuses what mount would refuse, and after destroy() nothing is read.
  const refused = await page.evaluate(() => {
    try { window.shaped.setValues({ email: 5 }); return "set"; } catch (e) { return e.message; }
  });
  assert.match(refused, /values.email must be a string/);
  assert.equal(await page.evaluate(() => { window.shaped.destroy(); return window.shaped.getValues(); }), null);
});

test("the custom element: attributes and a token property mount it; changes keep what was typed", async (t) => {
  const org = await plainOrg(stub, "element");
  const org2 = `${org}-b`;
  const page = await openPage(browser, t, `${site}/hosts/element.html?api=${encodeURIComponent(stub.url)}&org=${org}`,
    [/apiBase must use https/]);
  await page.waitForFunction(() => window.events?.some((e) => e.type === "contact:ready"));
  assert.equal(await page.evaluate(() => window.mountedBeforeToken), 0);
  // The element whose token was set before init() mounted with it.
  await page.locator("#early .thena-add-contact").waitFor();
  assert.equal(await page.evaluate(() => Object.hasOwn(document.getElementById("early"), "token")), false);
  await fillAndSubmit(page, "#early", "Early", "early@example.com");
  await page.locator('#early .thena-add-contact[data-state="created"]').waitFor();
  assert.equal((await stub.requests(`${org}-early`))[0].headers.authorization, "Bearer early-token");
  const widget = "thena-add-contact:not(#early)";
  assert.equal(await page.locator(`${widget} .thena-submit`).textContent(), "Save contact");
  assert.deepEqual(await page.locator(`${widget} .thena-chip > span`).allTextContents(), ["A1"]);
  // The token is a property, never an attribute.
  assert.equal(await page.evaluate(() => /element-token|early-token/.test(document.body.outerHTML)), false);

  await page.fill(`${widget} [name="firstName"]`, "Ada");
  await page.evaluate((o) => window.element.setAttribute("org-id", o), org2);
  await page.waitForFunction(() => window.events.filter((e) => e.type === "contact:ready").length === 2);
  assert.equal(await page.locator(`${widget} [name="firstName"]`).inputValue(), "Ada");
  await page.fill(`${widget} [name="email"]`, "ada@example.com");
  await page.click(`${widget} .thena-submit`);
  await page.locator(`${widget} .thena-add-contact[data-state="created"]`).waitFor();
  assert.deepEqual(await stub.requests(org), []);
  const [request] = await stub.requests(org2);
  assert.equal(request.headers.authorization, "Bearer element-token");
  assert.deepEqual(request.body.accountIds, ["A1"]);
  const created = await page.evaluate(() => window.events.find((e) => e.type === "contact:created").detail);
  assert.equal(created.email, "ada@example.com");

  // Removed: unmounted. Added again: mounted again, fresh.
  await page.evaluate(() => window.element.remove());
  assert.equal(await page.evaluate(() => window.element.childElementCount), 0);
  await page.evaluate(() => document.getElementById("place").append(window.element));
  await page.waitForFunction(() => window.events.filter((e) => e.type === "contact:ready").length === 3);
  assert.equal(await page.locator(`${widget} .thena-add-contact`).count(), 1);
  assert.equal(await page.locator(`${widget} [name="firstName"]`).inputValue(), "");

  // A bad attribute is reported, not thrown at the page, and unmounts the form.
  await page.evaluate(() => window.element.setAttribute("api-base", "http://example.com"));
  assert.equal(await page.locator(`${widget} .thena-add-contact`).count(), 0);
  assert.match((await page.evaluate(() => window.errors)).join(" "), /apiBase must use https/);
});

test("the custom element waits for a request in flight before an attribute change remounts it", { timeout: 60_000 }, async (t) => {
  const org = await plainOrg(stub, "element-wait");
  const page = await openPage(browser, t, `${site}/hosts/element.html?api=${encodeURIComponent(stub.url)}&org=${org}`);
  await page.waitForFunction(() => window.events?.some((e) => e.type === "contact:ready"));
  const widget = "thena-add-contact:not(#early)";
  // A host that stops the events on their way (capturing at the document) changes nothing.
  await page.evaluate(() => {
    for (const type of ["contact:created", "contact:error"]) {
      document.addEventListener(type, (e) => { window.events.push({ type, detail: e.detail }); e.stopPropagation(); }, true);
    }
  });
  await stub.next(org, { delayMs: 1500 });
  await fillAndSubmit(page, widget, "Wait", "wait@example.com");
  await page.locator(`${widget} .thena-add-contact[data-state="sending"]`).waitFor();
  await page.evaluate((o) => window.element.setAttribute("org-id", o), `${org}-b`);
  // Still the same form, still sending: the change waits.
  assert.equal(await page.locator(`${widget} .thena-add-contact[data-state="sending"]`).count(), 1);
  assert.equal(await page.evaluate(() => window.events.filter((e) => e.type === "contact:ready").length), 1);
  // The request finishes and reports; then the new configuration is mounted.
  await page.waitForFunction(() => window.events.filter((e) => e.type === "contact:ready").length === 2);
  const created = await page.evaluate(() => window.events.filter((e) => e.type === "contact:created").map((e) => e.detail.email));
  assert.deepEqual(created, ["wait@example.com"]);
  assert.equal((await stub.requests(org)).length, 1);
  await fillAndSubmit(page, widget, "After", "after@example.com");
  await page.locator(`${widget} .thena-add-contact[data-state="created"]`).waitFor();
  assert.equal((await stub.requests(`${org}-b`)).length, 1);
});

test("the custom element with persist-draft keeps what was typed across a reload until it is sent", async (t) => {
  const org = await plainOrg(stub, "element-draft");
  const key = `thena-add-contact:draft:${org}:crm`;
  const page = await openPage(browser, t, `${site}/hosts/element.html?api=${encodeURIComponent(stub.url)}&org=${org}`);
  const addDrafting = async () => {
    await page.waitForFunction(() => window.events?.some((e) => e.type === "contact:ready"));
    await page.evaluate(([api, org]) => {
      const element = document.createElement("thena-add-contact");
      element.id = "drafting";
      element.setAttribute("api-base", api);
      element.setAttribute("org-id", org);
      element.setAttribute("persist-draft", "local");
      element.setAttribute("draft-key", "crm");
      element.options = { contactTypes: false, customFields: false, checkDuplicates: false, searchAccounts: false };
      element.token = "draft-token";
      document.body.append(element);
    }, [stub.url, org]);
    await page.locator("#drafting .thena-form").waitFor();
  };
  await addDrafting();
  assert.equal(await page.locator("#drafting .thena-draft").isVisible(), false);
  await page.fill("#drafting [name=firstName]", "Kept");
  await page.fill("#drafting [name=email]", "kept@example.com");
  await page.waitForFunction((k) => localStorage.getItem(k)?.includes("kept@example.com"), key);
  // Typed just before the reload, before the pause that saves: saved as the page goes.
  await page.fill("#drafting [name=lastName]", "Quick");
  await page.reload();
  await addDrafting();
  await page.locator("#drafting .thena-draft").waitFor({ state: "visible" });
  assert.match(await page.locator("#drafting .thena-draft").textContent(), /Restored your unsent draft/);
  assert.equal(await page.inputValue("#drafting [name=firstName]"), "Kept");
  assert.equal(await page.inputValue("#drafting [name=email]"), "kept@example.com");
  assert.equal(await page.inputValue("#drafting [name=lastName]"), "Quick");
  assert.doesNotMatch(await page.evaluate((k) => localStorage.getItem(k), key), /draft-token/);
  await page.click("#drafting .thena-submit");
  await page.locator('#drafting .thena-add-contact[data-state="created"]').waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), null);
  const [request] = await stub.requests(org);
  assert.deepEqual(request.body, { firstName: "Kept", lastName: "Quick", email: "kept@example.com" });
});

/** The member names of `export interface <name>` in the typings (own members only). */
function typedMembers(typings, name) {
  const start = typings.indexOf(`export interface ${name} `);
  assert.notEqual(start, -1, name);
  const body = typings.slice(typings.indexOf("{", start) + 1, typings.indexOf("\n}", start));
  return [...body.matchAll(/^  "?([\w:]+)"?\??[(:]/gm)].map((m) => m[1]);
}

test("the typings describe what the module does", async (t) => {
  const typings = await readFile(path.join(dist, "thena_add_contact.d.ts"), "utf8");
  const options = [...typedMembers(typings, "MountOptions"), ...typedMembers(typings, "WidgetOptions")];
  const handleMethods = typedMembers(typings, "WidgetHandle");
  const elementMembers = typedMembers(typings, "ThenaAddContactElement");
  const events = typedMembers(typings, "ContactEventMap");
  const { page, org1 } = await openModuleHost(t);
  const seen = await page.evaluate(async ([options, org, events]) => {
    const { mount } = await import("/thena_add_contact.js");
    const element = document.createElement("div");
    document.body.append(element);
    const base = { apiBase: new URLSearchParams(location.search).get("api"), orgId: org, token: "typed" };
    // Every typed option is read and checked: a value of no type it accepts is refused by name.
    const refusals = options.map((name) => {
      try {
        mount(element, { ...base, [name]: Symbol("wrong") });
        return `${name}: accepted`;
      } catch (error) {
        return `${name}: ${error.message}`;
      }
    });
    const fired = new Set();
    for (const type of events) element.addEventListener(type, () => fired.add(type));
    const handle = mount(element, base);
    await new Promise((r) => setTimeout(r, 50));
    element.querySelector(".thena-submit").click(); // empty: contact:error
    // An address a contact of the organization has, leaving the field: contact:duplicate.
    handle.setValues({ email: "jane.doe@acme.com" });
    element.querySelector('[name="email"]').focus();
    element.querySelector('[name="email"]').blur();
    await new Promise((r) => setTimeout(r, 500));
    handle.setValues({ firstName: "Typed", email: "typed@example.com" });
    element.querySelector(".thena-submit").click(); // contact:submit, then contact:created
    await new Promise((r) => setTimeout(r, 1000));
    const prototype = customElements.get("thena-add-contact").prototype;
    return {
      fired: [...fired],
      refusals,
      handle: Object.keys(handle),
      element: Object.getOwnPropertyNames(prototype).filter((n) => n !== "constructor" && !n.endsWith("Callback")),
    };
  }, [options, org1, events]);
  for (const [i, refusal] of seen.refusals.entries()) {
    assert.match(refusal, new RegExp(`^${options[i]}: thena-add-contact: ${options[i]} `), refusal);
  }
  assert.deepEqual([...seen.handle].sort(), [...handleMethods].sort());
  assert.deepEqual([...seen.element].sort(), [...elementMembers].sort());
  assert.deepEqual([...seen.fired].sort(), [...events].sort());
  assert.equal(events.length, 5);
});
