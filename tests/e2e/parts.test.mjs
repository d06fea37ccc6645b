// End-to-end: the wasm's parts (split_*.wasm beside the module), fetched when the form first
// needs them. A part that cannot load never breaks the form: the core form still creates
// contacts, the part says it could not load and offers to load again. Needs `trunk build
// --release` first.
//   node --test tests/e2e/parts.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { hostsUnderTest, openPage, plainOrg, orgWithOneField, distFolder } from "./support.mjs";

const stubPort = Number(process.env.THENA_E2E_PARTS_STUB_PORT ?? 8803);
const hosts = hostsUnderTest(stubPort);

const live = ".thena-add-contact:not([data-shell])";
const part = "/split_custom_inputs.wasm";
const hostPage = (org) => `${hosts.server.url}/hosts/shell.html?api=${encodeURIComponent(hosts.stub.url)}&org=${org}`;

/** Opens the shell host page for `org`, noting every path the page asks for. */
async function open(t, org, expected = [], prepare = async () => {}) {
  const asked = [];
  const page = await openPage(hosts.browser, t, hostPage(org), expected, async (page) => {
    page.on("request", (r) => asked.push(new URL(r.url()).pathname));
    await prepare(page);
  });
  return { page, asked };
}

test("the release build has its parts beside the module", () => {
  const parts = readdirSync(distFolder()).filter((name) => /^split_.*\.wasm$/.test(name));
  assert.deepEqual(parts, ["split_custom_inputs.wasm"]);
});

test("an organization without custom fields never fetches the custom inputs' part", async (t) => {
  const { page, asked } = await open(t, await plainOrg(hosts.stub, "parts-none"));
  // The organization's data has arrived (its default contact type is chosen).
  await page.locator(`${live} select[name="contactType"] option[value="CT_PRIMARY"]`).waitFor({ state: "attached" });
  await page.waitForFunction(() => !document.querySelector(".thena-live-note:not([hidden])"));
  assert.ok(!asked.includes(part), `${part} was not fetched: ${asked}`);
});

test("an organization with custom fields fetches the part once, after the main wasm, and shows them", async (t) => {
  const { page, asked } = await open(t, await orgWithOneField(hosts.stub, "parts-one"));
  await page.getByLabel("Nickname").waitFor();
  assert.ok(asked.indexOf(part) > asked.indexOf("/thena_add_contact_bg.wasm"), `the part after the main wasm: ${asked}`);
  assert.equal(asked.filter((p) => p === part).length, 1);
});

test("a part that cannot load: the form still creates a contact, says so, and loads it again", async (t) => {
  const org = await orgWithOneField(hosts.stub, "parts-missing");
  let fail = true;
  let tries = 0;
  const { page } = await open(t, org, [/split_custom_inputs\.wasm|Failed to fetch|TypeError/], async (page) => {
    await page.route(`**${part}`, (route) => {
      tries += 1;
      return fail ? route.abort("internetdisconnected") : route.continue();
    });
  });
  await page.locator(live).waitFor();
  const note = page.getByText("Couldn't load your organization's contact fields");
  await note.waitFor();
  // The core form works without the part.
  await page.fill(`${live} [name="firstName"]`, "Ada");
  await page.fill(`${live} [name="email"]`, "ada.parts@example.com");
  await page.click(`${live} .thena-submit`);
  await page.locator(`${live}[data-state="created"]`).waitFor();
  const [request] = await hosts.stub.requests(org);
  assert.deepEqual(request.body, { firstName: "Ada", email: "ada.parts@example.com", contactType: "CT_PRIMARY" });
  await page.click(`${live} .thena-add-another`);
  // "Load again" fetches the part again; it arrives this time, and the field shows.
  fail = false;
  await page.click(`${live} .thena-live-note:not([hidden]) .thena-load-again`);
  await page.getByLabel("Nickname").waitFor();
  assert.equal(await note.isHidden(), true);
  assert.equal(tries, 2);
});
