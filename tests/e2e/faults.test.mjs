// End-to-end fault matrix: every fault the stub can inject (each status, bad bodies, dropped
// connections before and after the create, slow and endless replies, offline, 429 in each form,
// destroy mid-request) × the phase it hits (the first submit, or the Try again after a 503).
// For each case: no typed value lost, the stub holds the contact at most once (exactly once when
// the person got to "created"; the stub is told to take an email twice, so that a second create
// would show), one announcement per outcome, and one outcome event per request the host saw
// submitted. Needs `trunk build --release` first.
//   node --test tests/e2e/faults.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { hostsUnderTest, openPage } from "./support.mjs";

const stubPort = Number(process.env.THENA_E2E_FAULTS_STUB_PORT ?? 8799);
const SEARCH = "/v1/accounts/contacts/search";

const hosts = hostsUnderTest(stubPort);

const nest = (status, message) => ({ statusCode: status, message, error: "Error" });
const inSeconds = (s) => new Date(Date.now() + s * 1000).toUTCString();
const resetIn = (s) => String(Math.ceil(Date.now() / 1000) + s);

/**
 * Each fault: what the stub does to the request it hits (`create`, and `search` for the searches
 * after it), or what happens to the browser (`offline`) or the host (`destroy`); and the outcome
 * the host hears for that request: an error kind, "created" or "recovered" (the reply was lost
 * and the search found the contact it created).
 */
const faults = [
  { name: "400 naming a field", create: () => ({ status: 400, body: nest(400, ["phoneNumber must be a valid phone number"]) }), outcome: "validation" },
  { name: "401", create: () => ({ status: 401, body: nest(401, "Unauthorized") }), outcome: "unauthorized" },
  { name: "403", create: () => ({ status: 403, body: nest(403, "Forbidden resource") }), outcome: "forbidden" },
  { name: "404", create: () => ({ status: 404 }), outcome: "bad_response" },
  { name: "409", create: () => ({ status: 409, body: nest(409, "Contact with this email already exists") }), outcome: "conflict" },
  { name: "422", create: () => ({ status: 422, body: nest(422, ["something is off"]) }), outcome: "validation" },
  { name: "429 Retry-After in seconds", create: () => ({ status: 429, headers: { "Retry-After": "1" } }), outcome: "rate_limited" },
  { name: "429 Retry-After as an HTTP-date", create: () => ({ status: 429, headers: { "Retry-After": inSeconds(2) } }), outcome: "rate_limited" },
  { name: "429 X-RateLimit-Reset", create: () => ({ status: 429, headers: { "X-RateLimit-Reset": resetIn(1) } }), outcome: "rate_limited" },
  { name: "429 with no wait (back-off)", create: () => ({ status: 429 }), outcome: "rate_limited" },
  { name: "429 with a garbage Retry-After", create: () => ({ status: 429, headers: { "Retry-After": "later!" } }), outcome: "rate_limited" },
  { name: "429 asking for ten years", create: () => ({ status: 429, headers: { "Retry-After": "315360000" } }), outcome: "rate_limited" },
  { name: "500", create: () => ({ status: 500, body: nest(500, "Internal server error") }), outcome: "server" },
  { name: "502 HTML page from a proxy", create: () => ({ status: 502, contentType: "text/html", body: "<html><h1>502 Bad Gateway</h1><script>window.__pwned = 1</script></html>" }), outcome: "server" },
  { name: "503", create: () => ({ status: 503 }), outcome: "server" },
  { name: "504", create: () => ({ status: 504 }), outcome: "server" },
  { name: "markup in the message", create: () => ({ status: 400, body: nest(400, '<img src=x onerror="window.__pwned = 1">') }), outcome: "validation" },
  { name: "malformed 201 (nothing created)", create: () => ({ malformed: true }), outcome: "bad_response" },
  { name: "created, 201 with an empty body", create: () => ({ emptyBody: true }), outcome: "recovered" },
  { name: "created, empty body, the search fails", create: () => ({ emptyBody: true }), search: () => ({ status: 500, times: 1 }), outcome: "bad_response" },
  { name: "created, 200 instead of 201", create: () => ({ replaceStatus: 200 }), outcome: "created" },
  { name: "created, wrong Content-Type", create: () => ({ contentType: "text/html" }), outcome: "created" },
  { name: "10 MB body", create: () => ({ bodyBytes: 10_000_000 }), outcome: "bad_response" },
  { name: "created, the contact padded to 1.5 MB", create: () => ({ padTo: 1_500_000 }), outcome: "created" },
  { name: "created, the contact padded past 2 MiB (not read)", create: () => ({ padTo: 3_000_000 }), outcome: "recovered" },
  { name: "JSON nested 100,000 deep", create: () => ({ deepJson: 100_000 }), outcome: "bad_response" },
  { name: "dropped before the create", create: () => ({ drop: true }), outcome: "network" },
  { name: "dropped after the create", create: () => ({ dropAfter: true }), outcome: "recovered" },
  { name: "dropped after the create, the search fails", create: () => ({ dropAfter: true }), search: () => ({ status: 503, times: 1 }), outcome: "network" },
  { name: "slow reply", create: () => ({ delayMs: 500 }), outcome: "created" },
  { name: "no reply in time", create: () => ({ delayMs: 3000 }), outcome: "network" },
  { name: "a body that never ends", create: () => ({ stall: true }), outcome: "network" },
  { name: "created, then a body that never ends", create: () => ({ stallAfter: true }), outcome: "recovered" },
  { name: "offline at submit", offline: "at submit", outcome: "created" },
  { name: "offline during the request", create: () => ({ drop: true, delayMs: 400 }), offline: "during", outcome: "network" },
  { name: "destroyed mid-request", create: () => ({ delayMs: 800 }), destroy: true, outcome: null },
];
const phases = ["first submit", "retry"];

let page;
let context;
let serial = 0;
const tally = { cases: 0, valuesLost: 0, duplicates: 0, announcementsOff: 0, eventsOff: 0 };

test("the fault matrix", async (t) => {
  page = await openPage(hosts.browser, t, `${hosts.server.url}/hosts/faults.html?api=${encodeURIComponent(hosts.stub.url)}`, [
    // The browser logs failed loads and aborted reads of the faults on purpose.
    /net::ERR_/,
  ]);
  context = page.context();
  await page.waitForFunction(() => window.host?.loaded);
  for (const fault of faults) {
    for (const phase of phases) {
      await t.test(`${fault.name} × ${phase}`, () => runCase(fault, phase));
    }
  }
  console.log(
    `fault matrix: ${tally.cases} cases (${faults.length} faults × ${phases.length} phases); ` +
      `values lost: ${tally.valuesLost}; duplicates created: ${tally.duplicates}; ` +
      `announcement mismatches: ${tally.announcementsOff}; outcome-event mismatches: ${tally.eventsOff}`,
  );
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

const state = () => page.locator("#slot .thena-add-contact").getAttribute("data-state");
const waitState = (...states) =>
  page.waitForFunction((s) => s.includes(document.querySelector("#slot .thena-add-contact")?.dataset.state), states, { timeout: 15_000 });
const field = (name) => page.locator(`#slot [name="${name}"]`);

async function typedValues() {
  const values = {};
  for (const name of ["firstName", "lastName", "email", "phoneNumber"]) values[name] = await field(name).inputValue();
  return values;
}

async function contactsWith(org, email) {
  const url = `${hosts.stub.url}${SEARCH}?email=${encodeURIComponent(email)}`;
  const response = await fetch(url, { headers: { authorization: "Bearer check", "x-org-id": org } });
  return response.json();
}

/** Presses whatever lets the person send again: Try again once its wait is over, else submit. */
async function sendAgain() {
  const shown = await page.locator("#slot .thena-alert").getAttribute("data-shown");
  if (shown === "retry") {
    await page.waitForFunction(
      () => document.querySelector("#slot .thena-retry")?.getAttribute("aria-disabled") === "false",
      null,
      { timeout: 15_000 },
    );
    await page.click("#slot .thena-retry");
  } else {
    await page.click("#slot .thena-submit");
  }
}

async function runCase(fault, phase) {
  tally.cases += 1;
  const n = ++serial;
  const org = `faults-${n}-${Date.now()}`;
  // Without the platform's unique emails, a second create of the contact would show as a
  // second contact.
  await hosts.stub.seed(org, { customFields: [], uniqueEmails: false });
  const typed = { firstName: "Fay", lastName: `Case ${n} <b>`, email: `fault-${n}@example.com`, phoneNumber: "+1 415 555 0100" };
  await page.evaluate((o) => window.host.start(o), org);
  await page.waitForFunction(() => window.host.events.some((e) => e.type === "contact:ready"));
  for (const [name, value] of Object.entries(typed)) await field(name).fill(value);
  const problems = [];
  const checkValues = async (when) => {
    const now = await typedValues();
    if (JSON.stringify(now) !== JSON.stringify(typed)) {
      tally.valuesLost += 1;
      problems.push(`values changed ${when}: ${JSON.stringify(now)}`);
    }
  };

  // The retry phase: a 503 first, then the fault hits the Try again.
  if (phase === "retry") {
    await hosts.stub.next(org, { status: 503 });
    await page.click("#slot .thena-submit");
    await waitState("failed");
    await checkValues("after the 503");
  }
  if (fault.create) await hosts.stub.next(org, fault.create());
  if (fault.search) await hosts.stub.next(org, fault.search(), SEARCH);
  if (fault.offline === "at submit") await context.setOffline(true);
  const press = phase === "retry" ? "#slot .thena-retry" : "#slot .thena-submit";
  const eventsBefore = await page.evaluate(() => window.host.events.length);
  await page.click(press);

  if (fault.destroy) {
    await waitState("sending");
    await page.evaluate(() => window.host.destroy());
    await page.waitForTimeout(1500);
    const after = await page.evaluate((from) => window.host.events.slice(from).map((e) => e.type), eventsBefore);
    const outcomes = after.filter((type) => type === "contact:created" || type === "contact:error");
    if (outcomes.length !== 0) {
      tally.eventsOff += 1;
      problems.push(`outcome events after destroy: ${after}`);
    }
    const stored = await contactsWith(org, typed.email);
    if (stored.length > 1) tally.duplicates += 1;
    assert.ok(stored.length <= 1, `created ${stored.length} times`);
    assert.deepEqual(problems, []);
    return;
  }
  if (fault.offline === "during") {
    await waitState("sending");
    await context.setOffline(true);
  }
  if (fault.offline) {
    await waitState("offline");
    await checkValues("while offline");
    await context.setOffline(false);
  }

  // The fault's own outcome.
  await waitState("created", "failed");
  const outcomeEvent = await page.evaluate(
    (from) => window.host.events.slice(from).find((e) => e.type === "contact:created" || e.type === "contact:error"),
    eventsBefore,
  );
  const heard = outcomeEvent.type === "contact:created"
    ? (outcomeEvent.detail.recovered ? "recovered" : "created")
    : outcomeEvent.detail.kind;
  assert.equal(heard, fault.outcome, `the host heard ${JSON.stringify(outcomeEvent.detail)}`);
  if (heard === "recovered") assert.equal(outcomeEvent.detail.email, typed.email);
  // Until the person sees "created", they send again; the stub answers normally now.
  for (let attempt = 0; (await state()) === "failed"; attempt += 1) {
    assert.ok(attempt < 3, "still failing after three more tries");
    await checkValues(`after ${heard}`);
    await sendAgain();
    await waitState("created", "failed");
  }

  // One contact, with what was typed.
  const stored = await contactsWith(org, typed.email);
  if (stored.length !== 1) tally.duplicates += stored.length > 1 ? 1 : 0;
  assert.equal(stored.length, 1, `the stub holds ${stored.length} contacts with the email`);
  assert.equal(stored[0].lastName, typed.lastName);
  assert.equal(stored[0].phoneNumber, "+14155550100");
  // Every request the host saw submitted got exactly one outcome event (a request lost as the
  // browser went offline ends as a network error), and each outcome one announcement (the
  // status while sending is none; the offline notice is that network error's).
  const events = await page.evaluate(() => window.host.events.map((e) => e.type));
  const submits = events.filter((type) => type === "contact:submit").length;
  const outcomes = events.filter((type) => type === "contact:created" || type === "contact:error").length;
  if (submits !== outcomes) {
    tally.eventsOff += 1;
    problems.push(`${submits} submits, ${outcomes} outcomes: ${events}`);
  }
  const announcements = await page.evaluate(() => window.host.announcements);
  // Offline at submit, the notice comes before any request (and so before any outcome).
  const notices = fault.offline === "at submit" ? 1 : 0;
  const spoken = announcements.filter((text) => text !== "Adding contact…");
  if (spoken.length !== outcomes + notices) {
    tally.announcementsOff += 1;
    problems.push(`${outcomes} outcomes, announced: ${JSON.stringify(announcements)}`);
  }
  assert.ok(spoken.at(-1).startsWith("Added Fay"), JSON.stringify(announcements));
  assert.deepEqual(problems, []);
}
