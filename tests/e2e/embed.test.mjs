// End-to-end: plain HTML host pages (tests/e2e/hosts/) that embed the release build in dist/
// as a portal would, served by a small static server with the headers a portal would send,
// against a stub API that this file starts and stops. Needs `trunk build --release` first.
//   node --test tests/e2e/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { root, startStub, launchChromium, openPage } from "./support.mjs";

const dist = path.join(root, "dist");
const hosts = path.join(root, "tests/e2e/hosts");
const stubPort = Number(process.env.THENA_E2E_EMBED_STUB_PORT ?? 8796);
const strictCsp = (apiBase) =>
  `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' ${apiBase}`;
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };

let stub;
let server;
let site;
let browser;

before(async () => {
  assert.ok(existsSync(path.join(dist, "thena_add_contact.js")), "run trunk build --release first");
  stub = await startStub(stubPort);
  server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://host");
    const file = url.pathname.startsWith("/hosts/")
      ? path.join(hosts, path.basename(url.pathname))
      : path.join(dist, path.basename(url.pathname));
    try {
      const body = await readFile(file);
      const headers = { "Content-Type": types[path.extname(file)] ?? "application/octet-stream" };
      if (url.pathname === "/hosts/csp.html") headers["Content-Security-Policy"] = strictCsp(stub.url);
      response.writeHead(200, headers).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  site = `http://127.0.0.1:${server.address().port}`;
  // gc() lets a test check that a collected handle does not unmount the widget.
  browser = await launchChromium(["--js-flags=--expose-gc"]);
});

after(async () => {
  await browser?.close();
  server?.close();
  stub?.stop();
});

async function openModuleHost(t) {
  const org1 = `embed-a-${Date.now()}`;
  const org2 = `embed-b-${Date.now()}`;
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
  await page.waitForTimeout(300);
  assert.equal((await events(page, "first", "contact:submit")).length, 1);
  assert.deepEqual(await stub.requests(org1), []);
  assert.equal(await page.locator('#first .thena-add-contact').getAttribute("data-state"), "editing");
});

test("destroy() unmounts the widget and abandons the request in flight", async (t) => {
  const { page, org1 } = await openModuleHost(t);
  await stub.next(org1, { delayMs: 1500 });
  await fillAndSubmit(page, "#first", "Ada", "ada@example.com");
  await page.locator('#first .thena-add-contact[data-state="sending"]').waitFor();
  await page.evaluate(() => window.host.destroy("first"));
  assert.equal(await page.locator("#first").innerHTML(), "");
  await page.waitForTimeout(2000);
  assert.deepEqual(await events(page, "first", "contact:created"), []);
  assert.deepEqual(await events(page, "first", "contact:error"), []);
  // The other widget is untouched and still works.
  assert.equal(await page.locator('#second .thena-add-contact').getAttribute("data-state"), "editing");
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
    /values.accountIds must be an array of strings/];
  assert.equal(failures.length, expected.length);
  failures.forEach((failure, i) => {
    assert.match(failure, /^true /, failure);
    assert.match(failure, expected[i]);
    assert.match(failure, /children=0$/);
  });
});

test("the strict-CSP host page works and reports no violation", async (t) => {
  const org = `embed-csp-${Date.now()}`;
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
