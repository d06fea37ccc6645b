// End-to-end: the wasm's parts (split_*.wasm beside the module), fetched when the form first
// needs them. A part that cannot load never breaks the form: the core form still creates
// contacts, the part says it could not load and offers to load again. Needs `trunk build
// --release` first.
//   node --test tests/e2e/parts.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { startStub, serveHosts, launchChromium, openPage, plainOrg, distFolder } from "./support.mjs";

const stubPort = Number(process.env.THENA_E2E_PARTS_STUB_PORT ?? 8803);
let stub;
let server;
let browser;

before(async () => {
  stub = await startStub(stubPort);
  server = await serveHosts();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  stub?.stop();
});

const live = ".thena-add-contact:not([data-shell])";

test("the release build has its parts beside the module", () => {
  const parts = readdirSync(distFolder()).filter((name) => /^split_.*\.wasm$/.test(name));
  assert.deepEqual(parts, ["split_org_data.wasm"]);
});

test("the organization's data part: nothing fetched until the form is live, then once", async (t) => {
  const org = await plainOrg(stub, "parts");
  const asked = [];
  const page = await openPage(browser, t, `${server.url}/hosts/shell.html?api=${encodeURIComponent(stub.url)}&org=${org}`, [],
    async (page) => page.on("request", (r) => asked.push(new URL(r.url()).pathname)));
  await page.locator(`${live} select[name="contactType"] option[value="CT_PRIMARY"]`).waitFor({ state: "attached" });
  const partAt = asked.indexOf("/split_org_data.wasm");
  assert.ok(partAt > asked.indexOf("/thena_add_contact_bg.wasm"), `the part after the main wasm: ${asked}`);
  assert.equal(asked.filter((p) => p === "/split_org_data.wasm").length, 1);
});

test("a part that cannot load: the form still creates a contact, says so, and loads it again", async (t) => {
  const org = await plainOrg(stub, "parts-missing");
  let fail = true;
  let asked = 0;
  const page = await openPage(browser, t, `${server.url}/hosts/shell.html?api=${encodeURIComponent(stub.url)}&org=${org}`,
    [/split_org_data\.wasm|Failed to fetch|TypeError/], async (page) => {
      await page.route("**/split_org_data.wasm", (route) => {
        asked += 1;
        return fail ? route.abort("internetdisconnected") : route.continue();
      });
    });
  await page.locator(live).waitFor();
  const note = page.getByText("Couldn't load the contact types");
  await note.waitFor();
  // The core form works without the part.
  await page.fill(`${live} [name="firstName"]`, "Ada");
  await page.fill(`${live} [name="email"]`, "ada.parts@example.com");
  await page.click(`${live} .thena-submit`);
  await page.locator(`${live}[data-state="created"]`).waitFor();
  const [request] = await stub.requests(org);
  assert.deepEqual(request.body, { firstName: "Ada", email: "ada.parts@example.com" });
  await page.click(`${live} .thena-add-another`);
  // "Load again" fetches the part again; it arrives this time, and the types are offered.
  fail = false;
  await page.click(`${live} .thena-live-note:not([hidden]) .thena-load-again`);
  await page.locator(`${live} select[name="contactType"] option[value="CT_PRIMARY"]`).waitFor({ state: "attached" });
  assert.equal(await note.isHidden(), true);
  assert.equal(asked, 2);
});
