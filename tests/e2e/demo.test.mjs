// End-to-end: the demo portal as `trunk serve` serves it (release build, /v1 proxied to a stub
// API that this file starts and stops), driven in Debian's chromium by playwright-core, with the
// keyboard where a person would use it, and audited with axe-core.
//   node --test tests/e2e/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { root, startStub, launchChromium, openPage } from "./support.mjs";

const stubPort = Number(process.env.THENA_E2E_STUB_PORT ?? 8797);
const webPort = Number(process.env.THENA_E2E_WEB_PORT ?? 8098);
const site = `http://127.0.0.1:${webPort}/`;
const config = path.join(root, ".trunk-e2e.toml");
const axeSource = readFileSync(path.join(root, "node_modules/axe-core/axe.min.js"), "utf8");

const children = [];
let stub;
let browser;

function start(command, args, readyText, seconds) {
  const child = spawn(command, args, { cwd: root, env: process.env, detached: true });
  children.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} not ready in ${seconds}s:\n${output}`)), seconds * 1000);
    const onData = (data) => {
      output += data;
      if (output.includes(readyText)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${command} exited (${code}):\n${output}`)));
  });
}

async function waitForUrl(url, seconds) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer in ${seconds}s`);
}

before(async () => {
  stub = await startStub(stubPort);
  execFileSync("bash", ["scripts/trunk-config.sh", stub.url, config], { cwd: root });
  await start(
    "trunk",
    ["serve", "--config", config, "--release", "--port", String(webPort), "--no-autoreload",
      "--dist", "target/e2e-dist"],
    "server listening at",
    900,
  );
  await waitForUrl(site, 60);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  stub?.stop();
  for (const child of children) {
    try { process.kill(-child.pid, "SIGTERM"); } catch {}
  }
  rmSync(config, { force: true });
});

/** A fresh page on the demo, with the widget ready. */
async function openDemo(t) {
  const page = await openPage(browser, t, site);
  await page.locator('.thena-add-contact[data-state="editing"]').waitFor();
  await page.locator("#events li", { hasText: "contact:ready" }).waitFor();
  return page;
}

async function remount(page, { apiBase, orgId, token }) {
  if (apiBase !== undefined) await page.fill("#setting-api-base", apiBase);
  if (orgId !== undefined) await page.fill("#setting-org-id", orgId);
  if (token !== undefined) await page.fill("#setting-token", token);
  await page.getByRole("button", { name: "Apply and remount" }).click();
}

const field = (page, name) => page.locator(`.thena-add-contact [name="${name}"]`);
const focusedName = (page) => page.evaluate(() => document.activeElement?.getAttribute("name") ?? document.activeElement?.textContent);
// After a change of state the widget moves focus in a timeout of its own: wait for it.
async function focusMovesTo(page, name) {
  await page
    .waitForFunction((n) => (document.activeElement?.getAttribute("name") ?? document.activeElement?.textContent) === n, name, { timeout: 2000 })
    .catch(() => {});
  assert.equal(await focusedName(page), name);
}

test("a person adds a contact with the keyboard alone, through the trunk proxy", async (t) => {
  const page = await openDemo(t);
  const org = `e2e-keyboard-${Date.now()}`;
  await remount(page, { orgId: org });
  await page.locator('.thena-add-contact[data-state="editing"]').waitFor();

  // The organization's data has arrived: custom fields (the first holds its default), types.
  await page.locator('.thena-add-contact [name="custom.customer_tier"]').waitFor();
  await page.waitForFunction(() => !document.querySelector('.thena-add-contact [name="contactType"]').disabled);
  await field(page, "firstName").focus();
  const typed = [
    ["firstName", "Ada"], ["lastName", "Lovelace"], ["email", "ada@example.com"],
    // A select is chosen by typing the start of an option's name.
    ["phoneNumber", "+44 20 7946 0958"], ["contactType", "LEGAL"],
    ["avatarUrl", "https://example.com/ada.png"],
    // The account picker: an ID the search does not find is added with Enter once it has looked.
    ["accountIds", async () => {
      for (const id of ["A1", "A2"]) {
        await page.keyboard.type(id);
        await page.locator(".thena-option-none", { hasText: `“${id}”` }).waitFor();
        await page.keyboard.press("Enter");
      }
    }],
    ["custom.customer_tier", "Gold"], ["custom.preferred_channel", " "], ["custom.employee_id", "AB-1234"],
  ];
  for (const [name, text] of typed) {
    assert.equal(await focusedName(page), name, "Tab order follows the form");
    if (typeof text === "function") await text();
    else await page.keyboard.type(text);
    await page.keyboard.press("Tab");
  }
  // Every other custom field is reached in form order (a date input's parts are Tab stops of
  // their own in Chromium), then the button.
  const visited = [];
  for (let i = 0; i < 60 && (await focusedName(page)) !== "Add contact"; i++) {
    const name = await focusedName(page);
    if (visited.at(-1) !== name) visited.push(name);
    await page.keyboard.press("Tab");
  }
  assert.deepEqual(visited, ["notes", "bio", "employee_count", "health_score", "annual_revenue", "birthday",
    "last_call", "best_time", "interests", "newsletter", "billing_email", "mobile", "linkedin", "office_ip",
    "badge_colour"].map((slug) => `custom.${slug}`));
  assert.equal(await focusedName(page), "Add contact", "Tab reaches the button next");
  await page.keyboard.press("Enter");
  await page.locator('.thena-add-contact[data-state="created"]').waitFor();
  assert.equal(await page.locator(".thena-status").textContent(), "Added Ada Lovelace (ada@example.com).");
  await focusMovesTo(page, "Add another");

  const [request] = await stub.requests(org);
  assert.equal(request.headers.authorization, "Bearer demo-token");
  assert.equal(request.headers["x-org-id"], org);
  assert.deepEqual(request.body, {
    firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", phoneNumber: "+442079460958",
    contactType: "CT_LEGAL", avatarUrl: "https://example.com/ada.png", accountIds: ["A1", "A2"],
    customFieldValues: [
      { customFieldId: "cf_tier", data: [{ value: "Gold" }] },
      { customFieldId: "cf_channel", data: [{ value: "Email" }] },
      { customFieldId: "cf_employee_id", data: [{ value: "AB-1234" }] },
    ],
  });
  await page.locator("#events li", { hasText: "contact:created" }).waitFor();
  assert.match(await page.locator("#events").textContent(), /contact:submit[\s\S]*"phoneNumber": "\+442079460958"/);

  await page.keyboard.press("Enter"); // "Add another"
  await page.locator('.thena-add-contact[data-state="editing"]').waitFor();
  await focusMovesTo(page, "firstName");
  assert.equal(await field(page, "firstName").inputValue(), "");
});

test("invalid input: errors on the fields, focus on the first, announced, nothing sent, no axe violations", async (t) => {
  const page = await openDemo(t);
  const org = `e2e-invalid-${Date.now()}`;
  await remount(page, { orgId: org });
  await page.locator('.thena-add-contact[data-state="editing"]').waitFor();
  await field(page, "phoneNumber").fill("415 555 0123");
  await field(page, "avatarUrl").fill("javascript:alert(1)");
  await field(page, "email").press("Enter");
  await page.waitForFunction(() => document.activeElement?.getAttribute("name") === "firstName");
  for (const name of ["firstName", "email", "phoneNumber", "avatarUrl"]) {
    assert.equal(await field(page, name).getAttribute("aria-invalid"), "true", name);
    const describedBy = await field(page, name).getAttribute("aria-describedby");
    const errorId = describedBy.split(" ").find((id) => id.endsWith("-error"));
    assert.ok(await page.locator(`#${errorId}`).isVisible(), `${name} error visible`);
  }
  assert.match(await page.locator(`#${(await field(page, "phoneNumber").getAttribute("aria-describedby")).split(" ").pop()}`).textContent(), /country code/);
  assert.equal(await page.locator(".thena-status").textContent(), "Check the 4 highlighted fields.");
  assert.equal(await page.locator(".thena-status").getAttribute("role"), "status");
  assert.deepEqual(await stub.requests(org), []);

  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => window.axe.run("#add-contact"));
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help}`), []);
});

test("a server error keeps every value, says what happened and offers a retry", async (t) => {
  const page = await openDemo(t);
  const org = `e2e-retry-${Date.now()}`;
  await remount(page, { orgId: org });
  await page.locator('.thena-add-contact[data-state="editing"]').waitFor();
  await stub.next(org, { status: 503, body: { statusCode: 503, message: "Service Unavailable" } });
  await field(page, "firstName").fill("Grace");
  await field(page, "email").fill("grace@example.com");
  await page.getByRole("button", { name: "Add contact" }).click();
  await page.locator('.thena-add-contact[data-state="failed"]').waitFor();
  assert.match(await page.locator(".thena-alert").textContent(), /error 503/);
  assert.equal(await field(page, "firstName").inputValue(), "Grace");
  assert.equal(await field(page, "email").inputValue(), "grace@example.com");
  await page.getByRole("button", { name: "Try again" }).click();
  await page.locator('.thena-add-contact[data-state="created"]').waitFor();
  assert.equal((await stub.requests(org)).length, 2);
  assert.match(await page.locator("#events").textContent(), /contact:error[\s\S]*"kind": "server"/);
});

test("the organization's data: types by name, custom fields, a duplicate warning, accounts by name, a failed load loaded again", async (t) => {
  const page = await openDemo(t);
  const org = `e2e-org-data-${Date.now()}`;
  await stub.next(org, { status: 503, body: { statusCode: 503, message: "Service Unavailable" } }, "/v1/custom-field");
  await remount(page, { orgId: org });
  // The custom fields could not be loaded: a note says so; the form works without them.
  const note = page.locator(".thena-live-note", { hasText: "contact fields" });
  await note.waitFor();
  assert.equal(await page.locator('.thena-add-contact [name^="custom."]').count(), 0);
  const contactType = field(page, "contactType");
  await page.waitForFunction(() => !document.querySelector('.thena-add-contact [name="contactType"]').disabled);
  assert.deepEqual(await contactType.locator("option").allTextContents(), ["PRIMARY", "BILLING", "LEGAL", "EXECUTIVE", "OTHER"]);
  assert.equal(await contactType.inputValue(), "CT_PRIMARY");
  await note.getByRole("button", { name: "Load again" }).click();
  await field(page, "custom.customer_tier").waitFor();
  assert.equal(await note.isVisible(), false);

  // An address a contact already has: a warning naming it, and the event for the host.
  await field(page, "firstName").fill("Janet");
  await field(page, "email").fill("jane.doe@acme.com");
  await field(page, "phoneNumber").focus();
  await page.locator(".thena-warning", { hasText: "Jane Doe already has this email." }).waitFor();
  await page.locator("#events li", { hasText: "contact:duplicate" }).waitFor();
  assert.match(await page.locator("#events").textContent(), /contact:duplicate[\s\S]*"id": "ct_seed_jane"/);

  // The account picker: found by name, chosen with the keyboard; the email's domain suggests
  // its account, added with one click.
  await field(page, "email").fill("janet@acme.com");
  await field(page, "accountIds").focus();
  await page.locator(".thena-suggestion", { hasText: "Add to Acme Corp (acme.com)?" }).waitFor();
  await page.keyboard.type("glob");
  await page.locator(".thena-option-account", { hasText: "Globex Corporation (globex.com)" }).waitFor();
  assert.equal(await field(page, "accountIds").getAttribute("aria-expanded"), "true");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.locator(".thena-suggestion").getByRole("button", { name: "Add" }).click();
  assert.deepEqual(await page.locator(".thena-chip > span").allTextContents(), ["Globex Corporation", "Acme Corp"]);

  // Custom fields are checked like the built-in ones; the errors pass axe.
  await field(page, "custom.employee_count").fill("twelve");
  await field(page, "custom.employee_id").fill("12");
  await page.getByRole("button", { name: "Add contact" }).click();
  await focusMovesTo(page, "custom.employee_id");
  assert.equal(await page.locator(".thena-status").textContent(), "Check the 2 highlighted fields.");
  assert.equal(await page.locator(".thena-warning").textContent(), "");
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => window.axe.run("#add-contact"));
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help}`), []);

  await field(page, "custom.employee_count").fill("12");
  await field(page, "custom.employee_id").fill("JD-0012");
  await contactType.selectOption({ label: "BILLING" });
  await page.getByRole("button", { name: "Add contact" }).click();
  await page.locator('.thena-add-contact[data-state="created"]').waitFor();
  const [request] = await stub.requests(org);
  assert.equal(request.body.contactType, "CT_BILLING");
  assert.deepEqual(request.body.accountIds, ["acc_globex", "acc_acme"]);
  assert.deepEqual(request.body.customFieldValues, [
    { customFieldId: "cf_tier", data: [{ value: "Silver" }] },
    { customFieldId: "cf_channel", data: [{ value: "Email" }] },
    { customFieldId: "cf_employee_id", data: [{ value: "JD-0012" }] },
    { customFieldId: "cf_employees", data: [{ value: "12" }] },
  ]);
});

test("the settings panel turns the organization's data off", async (t) => {
  const page = await openDemo(t);
  const org = `e2e-org-off-${Date.now()}`;
  await stub.seed(org, { customFields: [] });
  await page.uncheck('#settings [name="contactTypes"]');
  await page.uncheck('#settings [name="customFields"]');
  await page.uncheck('#settings [name="checkDuplicates"]');
  await remount(page, { orgId: org });
  await page.locator('.thena-add-contact[data-state="editing"]').waitFor();
  assert.deepEqual(await field(page, "contactType").locator("option").allTextContents(), ["Organization default"]);
  await field(page, "firstName").fill("Jane");
  await field(page, "email").fill("jane.doe@acme.com");
  await page.getByRole("button", { name: "Add contact" }).click();
  await page.locator('.thena-add-contact[data-state="failed"]').waitFor();
  assert.equal(await page.locator(".thena-warning").count(), 0);
  for (const path of ["/v1/custom-field", "/v1/accounts/attributes", "/v1/accounts/contacts/search"]) {
    assert.deepEqual(await stub.requests(org, path), [], path);
  }
});

test("the settings panel names a bad option instead of mounting", async (t) => {
  const page = await openDemo(t);
  await remount(page, { apiBase: "http://example.com" });
  assert.match(await page.locator("#settings-problem").textContent(), /apiBase must use https/);
  assert.equal(await page.locator(".thena-add-contact").count(), 0);
  await remount(page, { apiBase: `http://127.0.0.1:${webPort}`, orgId: "" });
  assert.match(await page.locator("#settings-problem").textContent(), /orgId is required/);
  await remount(page, { orgId: "demo-org" });
  await page.locator('.thena-add-contact[data-state="editing"]').waitFor();
  assert.equal(await page.locator("#settings-problem").textContent(), "");
});
