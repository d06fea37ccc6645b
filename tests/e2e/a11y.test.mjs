// End-to-end accessibility: the widget on a plain host page (tests/e2e/hosts/a11y.html) in every
// state a person meets, in every look it ships, checked the ways a person relies on:
//   1. axe-core (WCAG 2.0/2.1 A and AA, 2.2 AA) finds nothing, in states × looks; a planted
//      fault shows that axe sees into each look (the shadow root too).
//   2. The keyboard alone: Tab reaches every control with a visible focus indicator and leaves
//      the widget again (both ways); a contact is filled in, submitted, retried and created.
//   3. Targets are at least 24×24 CSS px, or spaced as WCAG 2.5.8 allows.
//   4. Contrast axe does not check: borders and the focus outline ≥ 3:1, label, hint, error and
//      placeholder text ≥ 4.5:1 against the widget's background, light and dark; and every text
//      measured in the page (axe skips Arabic words, which it takes for icon ligatures).
//   5. The live regions announce each outcome once.
// Needs the release build (`trunk build --release`, or THENA_DIST naming a copy of it). Starts
// the stub API on THENA_E2E_A11Y_STUB_PORT (default 8801) and stops it.
//   node --test tests/e2e/a11y.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { root, hostsUnderTest, openPage } from "./support.mjs";

const stubPort = Number(process.env.THENA_E2E_A11Y_STUB_PORT ?? 8801);
const axeSource = readFileSync(path.join(root, "node_modules/axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const hosts = hostsUnderTest(stubPort);

// ---------------------------------------------------------------------------------------------
// The looks and the states

/** How the widget looks: its options, the page's colour scheme, mount() or the shadow root. */
const looks = [
  { name: "light", options: { theme: "light", locale: "en" } },
  { name: "dark", options: { theme: "dark", locale: "en" }, dark: true },
  { name: "auto, dark scheme", options: { theme: "auto", locale: "en" }, colorScheme: "dark", dark: true },
  { name: "Arabic RTL", options: { theme: "light", locale: "ar" }, rtl: true },
  { name: "shadow root", options: { theme: "light", locale: "en" }, shadow: true },
];
const look = (name) => looks.find((l) => l.name === name);

const valid = (n) => ({ firstName: "Ada", lastName: "Lovelace", email: `ada-${n}@example.com` });
const VALIDATION_ERRORS = { firstName: "", email: "jane.doe@acme.com", phoneNumber: "12345", avatarUrl: "javascript:alert(1)" };

/**
 * The states a person meets. `custom`: the organization's seeded custom fields (one of every
 * type, stub-api/src/seed.rs) are loaded, else it has none; `options`: mount options beyond the
 * look's; `prepare` runs before the widget mounts; `reach` brings the mounted widget (`w`, see
 * `mountWidget`) to the state; `cleanup` undoes what it did to the page.
 */
const states = [
  { name: "empty", reach: async () => {} },
  {
    name: "errors shown",
    // Field errors, the duplicate warning (Jane Doe is seeded with that email) and the email
    // domain's account suggestion with its Add button.
    reach: async (w) => {
      await w.fill(VALIDATION_ERRORS);
      await w.submit();
      await w.until(() => window.host.root().querySelector('[name="phoneNumber"][aria-invalid="true"]') &&
        window.host.root().querySelector(".thena-warning")?.textContent &&
        window.host.root().querySelector(".thena-suggestion button"));
    },
  },
  {
    name: "sending",
    reach: async (w) => {
      await hosts.stub.next(w.org, { stall: true }); // headers, then a body that never ends
      await w.fill(valid(w.n));
      await w.submit();
      await w.state("sending");
    },
  },
  {
    name: "failed with Try again",
    reach: async (w) => {
      await hosts.stub.next(w.org, { status: 503 });
      await w.fill(valid(w.n));
      await w.submit();
      await w.state("failed");
      await w.until(() => window.host.root().querySelector(".thena-alert")?.dataset.shown === "retry");
    },
  },
  {
    name: "rate limited, Try again counting down",
    reach: async (w) => {
      await hosts.stub.next(w.org, { status: 429, headers: { "Retry-After": "30" } });
      await w.fill(valid(w.n));
      await w.submit();
      await w.state("failed");
      await w.until(() => window.host.root().querySelector('.thena-retry[aria-disabled="true"] .thena-wait')?.textContent);
    },
  },
  {
    name: "offline, waiting to send",
    reach: async (w) => {
      await w.page.context().setOffline(true);
      await w.fill(valid(w.n));
      await w.submit();
      await w.state("offline");
    },
    cleanup: (page) => page.context().setOffline(false),
  },
  {
    name: "created",
    reach: async (w) => {
      await w.fill(valid(w.n));
      await w.submit();
      await w.state("created");
    },
  },
  { name: "custom fields loaded", custom: true, reach: async () => {} },
  {
    name: "custom-field errors",
    custom: true,
    reach: async (w) => {
      await w.fill({
        ...valid(w.n), "custom.employee_id": "ab1234", "custom.employee_count": "1.5", "custom.health_score": "x",
        "custom.billing_email": "billing@", "custom.linkedin": "linkedin.com/in/ada", "custom.office_ip": "999.1.1.1",
      });
      await w.page.selectOption('#slot [name="custom.customer_tier"]', "");
      await w.submit();
      await w.until(() => window.host.root().querySelectorAll('[aria-invalid="true"]').length >= 6);
    },
  },
  {
    name: "account picker open",
    reach: async (w) => {
      await w.page.click('#slot [name="accountIds"]');
      await w.page.keyboard.type("corp");
      await w.until(() => window.host.root().querySelectorAll(".thena-option-account").length >= 2);
      await w.page.keyboard.press("ArrowDown");
      await w.until(() => window.host.root().querySelector('.thena-option-account[aria-selected="true"]'));
    },
  },
  {
    name: "draft restored",
    options: { persistDraft: "session" },
    reach: async (w) => {
      await w.fill({ firstName: "Ada" });
      await w.until((org) => Object.keys(sessionStorage).some((key) => key.endsWith(org)), w.org);
      await w.remount();
      await w.until(() => window.host.root().querySelector(".thena-draft:not([hidden])"));
    },
  },
  {
    name: "organization's data failed to load",
    custom: true,
    prepare: async (org) => {
      await hosts.stub.next(org, { status: 503 }, "/v1/accounts/attributes");
      await hosts.stub.next(org, { status: 503 }, "/v1/custom-field");
    },
    reach: async (w) => {
      await w.until(() => [...window.host.root().querySelectorAll(".thena-load-again")].filter((b) => b.getClientRects().length).length === 2);
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Helpers

let serial = 0;

/** A fresh organization (its own data and queue of misbehaviours at the stub). */
async function freshOrg(prefix, custom) {
  const org = `a11y-${prefix}-${++serial}-${Date.now()}`.replace(/[^\w-]/g, "_");
  if (!custom) await hosts.stub.seed(org, { customFields: [] });
  return org;
}

/** The host page in a fresh context (fails its test on console errors), in the look's scheme. */
async function openHost(t, lookUsed) {
  // A request given up when its widget is destroyed mid-state is logged by the browser.
  const page = await openPage(hosts.browser, t, `${hosts.server.url}/hosts/a11y.html?api=${encodeURIComponent(hosts.stub.url)}`, [/net::ERR_/]);
  if (lookUsed.colorScheme) await page.emulateMedia({ colorScheme: lookUsed.colorScheme });
  await page.waitForFunction(() => window.host?.loaded);
  return page;
}

/**
 * Mounts a widget of `org` in `lookUsed` (with `options` beyond the look's), waits until it is
 * on the page with the organization's data it loads, and returns the handle the states use.
 */
async function mountWidget(page, lookUsed, org, { custom = false, options = {} } = {}) {
  const start = { orgId: org, shadow: !!lookUsed.shadow, ...lookUsed.options, ...options };
  const w = {
    page,
    org,
    n: serial,
    /** Waits until `check` (run in the page) is truthy. */
    until: (check, arg) => page.waitForFunction(check, arg, { timeout: 10_000 }),
    state: (name) => w.until((s) => window.host.form()?.dataset.state === s, name),
    fill: async (values) => {
      for (const [name, value] of Object.entries(values)) await page.fill(`#slot [name="${name}"]`, value);
    },
    submit: () => page.click("#slot .thena-submit"),
    /** A fresh widget with the same options, as after a reload. */
    remount: async () => {
      await page.evaluate((o) => window.host.start(o), start);
      await ready();
    },
  };
  const ready = async () => {
    await w.until(() => window.host.form() && window.host.events.some((e) => e.type === "contact:ready"));
    // The contact types and the custom fields have arrived (or failed: "Load again").
    await w.until(() => {
      const root = window.host.root();
      const types = root.querySelector('[name="contactType"]');
      const notes = [...root.querySelectorAll(".thena-live-note")].filter((p) => !p.hidden);
      return types && !types.disabled && !notes.some((p) => !p.querySelector("button"));
    });
    if (custom) {
      await w.until(() => window.host.root().querySelector('[name="custom.customer_tier"]') ||
        window.host.root().querySelector(".thena-load-again:not([hidden])"));
    }
  };
  await w.remount();
  return w;
}

/** The look is what it says: theme, direction, shadow root, and a dark or light background. */
async function assertLook(page, lookUsed) {
  const seen = await page.evaluate(() => {
    const form = window.host.form();
    const [r, g, b] = window.probe.rgba(getComputedStyle(form).backgroundColor);
    return { theme: form.dataset.theme, dir: form.dir, shadow: !!window.host.element.shadowRoot, bright: (r + g + b) / 3 };
  });
  assert.equal(seen.theme, lookUsed.options.theme, "data-theme");
  assert.equal(seen.dir, lookUsed.rtl ? "rtl" : "ltr", "dir");
  assert.equal(seen.shadow, !!lookUsed.shadow, "rendered in a shadow root");
  assert.ok(lookUsed.dark ? seen.bright < 64 : seen.bright > 192, `background brightness ${seen.bright} for ${lookUsed.name}`);
}

/**
 * axe-core's violations in the widget (shadow roots included), under the WCAG tags, and how many
 * elements its colour-contrast rule looked at.
 */
async function axe(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run("#slot", { runOnly: { type: "tag", values: tags } });
    const contrastLookedAt = ["passes", "violations", "incomplete"]
      .reduce((sum, kind) => sum + (result[kind].find((r) => r.id === "color-contrast")?.nodes.length ?? 0), 0);
    const violations = result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((node) => ({ target: JSON.stringify(node.target), summary: node.failureSummary })),
    }));
    return { violations, contrastLookedAt };
  }, AXE_TAGS);
}

const formatViolations = (violations) =>
  violations.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.map((node) => `    ${node.target}\n      ${node.summary.replaceAll("\n", "\n      ")}`).join("\n")).join("\n");

// ---------------------------------------------------------------------------------------------
// 1, 3 and part of 4: every state in every look, audited by axe; targets and text contrast
// measured on the way

let matrix;

/**
 * A control for the audit: an unlabelled input and faint text put into the widget (inside its
 * shadow root in that look) must be found, or axe is not looking where the widget is.
 */
async function axeControl(page) {
  await page.evaluate(() => window.host.form().insertAdjacentHTML("beforeend",
    // Its own font: axe-core stops checking a font's text once it takes three of its texts for
    // icon ligatures (Arabic words, to it).
    '<input class="a11y-control"><p class="a11y-control" style="color: #777; background: #888; font-family: monospace">faint text</p>'));
  const found = (await axe(page)).violations.map((v) => v.id);
  await page.evaluate(() => window.host.root().querySelectorAll(".a11y-control").forEach((e) => e.remove()));
  return found;
}

/**
 * Visits every state in every look once (each look in a page of its own), and keeps for each
 * what axe found, which targets are too small and too crowded, and which texts lack contrast.
 * Shared by the tests that assert on it; the first one that asks runs it.
 */
function visitMatrix(t) {
  matrix ??= (async () => {
    const cases = [];
    const controls = [];
    for (const lookUsed of looks) {
      const page = await openHost(t, lookUsed);
      for (const state of states) {
        const name = `${state.name} × ${lookUsed.name}`;
        try {
          const org = await freshOrg(state.name, state.custom);
          await state.prepare?.(org);
          const w = await mountWidget(page, lookUsed, org, state);
          await state.reach(w);
          await assertLook(page, lookUsed);
          const { violations, contrastLookedAt } = await axe(page);
          const targets = await page.evaluate(() => window.probe.smallTargets());
          const texts = await page.evaluate(() => window.probe.textContrast());
          cases.push({ name, look: lookUsed.name, state: state.name, violations, contrastLookedAt, targets, texts });
        } catch (error) {
          cases.push({ name, error });
        } finally {
          await state.cleanup?.(page);
        }
      }
      controls.push({ look: lookUsed.name, found: await axeControl(page) });
      await page.evaluate(() => window.host.destroy());
    }
    return { cases, controls };
  })();
  return matrix;
}

test("axe matrix: every state × every look has no WCAG A/AA violations", { timeout: 300_000 }, async (t) => {
  const { cases, controls } = await visitMatrix(t);
  const violations = cases.reduce((sum, c) => sum + (c.violations?.length ?? 0), 0);
  const nodes = cases.reduce((sum, c) => sum + (c.violations ?? []).reduce((s, v) => s + v.nodes.length, 0), 0);
  const unreached = cases.filter((c) => c.error).length;
  console.log(`axe matrix: ${cases.length} states (${states.length} states × ${looks.length} looks), ` +
    `${violations} violations (${nodes} elements)${unreached ? `, ${unreached} states not reached` : ""}`);
  for (const c of cases) {
    await t.test(c.name, () => {
      if (c.error) throw c.error;
      assert.deepEqual(c.violations.map((v) => v.id), [], `axe in ${c.name}:\n${formatViolations(c.violations)}`);
    });
  }
  await t.test("axe sees the widget's content in every look (shadow root included)", () => {
    for (const control of controls) {
      assert.ok(control.found.includes("label") && control.found.includes("color-contrast"),
        `${control.look}: an unlabelled input and faint text planted in the widget gave ${JSON.stringify(control.found)}`);
    }
  });
});

test("targets are at least 24×24 CSS px, or spaced so (WCAG 2.5.8), in every state × look", { timeout: 300_000 }, async (t) => {
  const cases = (await visitMatrix(t)).cases.filter((c) => c.targets);
  const checked = cases.reduce((sum, c) => sum + c.targets.checked, 0);
  const small = cases.reduce((sum, c) => sum + c.targets.small, 0);
  const failing = cases.flatMap((c) => c.targets.failing.map((f) => ({ ...f, in: c.name })));
  console.log(`target size: ${checked} targets in ${cases.length} states; ${small} under 24×24, ` +
    `${failing.length} of them too close to another target`);
  assert.deepEqual(failing, [], "targets under 24×24 CSS px without the spacing WCAG 2.5.8 asks for");
});

test("every text ≥ 4.5:1 against what is behind it, measured in the page, in every state × look", { timeout: 300_000 }, async (t) => {
  const cases = (await visitMatrix(t)).cases.filter((c) => c.texts);
  // axe-core skips text it takes for icon-font ligatures: Arabic words, to it. How much it
  // looked at in Arabic against English says how much of the Arabic look only this check covers.
  const lookedAt = (lookName) => cases.filter((c) => c.look === lookName).reduce((sum, c) => sum + c.contrastLookedAt, 0);
  const checked = cases.reduce((sum, c) => sum + c.texts.checked, 0);
  const failing = cases.flatMap((c) => c.texts.failing.map((f) => ({ ...f, in: c.name })));
  console.log(`text contrast: ${checked} texts in ${cases.length} states, ${failing.length} below 4.5:1 ` +
    `(axe's color-contrast looked at ${lookedAt("Arabic RTL")} elements in Arabic RTL, ${lookedAt("light")} in light)`);
  assert.deepEqual(failing, [], "text below its contrast minimum");
});

// ---------------------------------------------------------------------------------------------
// 2: the keyboard alone

/**
 * Presses Tab (or Shift+Tab) from where focus is until it reaches `#stop`, at most `limit`
 * times, and returns each step: which control had focus, and its focus indicator.
 */
async function tabThrough(page, { stop, back = false, limit = 120 }) {
  const tabbables = await page.evaluateHandle(() => window.probe.tabbables());
  const steps = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const step = await page.evaluate((list) => window.probe.focusStep(list), tabbables);
    steps.push(step);
    if (step.what === `${stop} (page)`) break;
  }
  const expected = await page.evaluate((list) => list.map((c) => ({ what: window.probe.describe(c), radio: c.type === "radio" ? c.name : null })), tabbables);
  await tabbables.dispose();
  return { steps, expected };
}

/** A focus indicator a person can see: an outline of at least 2 px, or a box-shadow. */
const visibleFocus = (step) =>
  (step.outlineStyle !== "none" && step.outlineWidth >= 2) || (step.boxShadow && step.boxShadow !== "none");

/**
 * From the link before the widget, Tab visits every control of the widget (one radio per group:
 * arrows move within it), then leaves for the button after the widget; Shift+Tab leaves
 * backwards to the link. Returns the names of the widget's controls visited, and the Tab stops
 * that showed no visible focus indicator (asserted apart, so that the phase goes on).
 */
async function assertTabTour(page, when) {
  await page.focus("#before");
  const { steps, expected } = await tabThrough(page, { stop: "#after" });
  const visited = new Set(steps.filter((s) => s.index >= 0).map((s) => s.index));
  const radioGroupsVisited = new Set([...visited].map((i) => expected[i].radio).filter(Boolean));
  const missed = expected.filter((c, i) => !visited.has(i) && !(c.radio && radioGroupsVisited.has(c.radio))).map((c) => c.what);
  assert.deepEqual(missed, [], `${when}: controls Tab never reached`);
  assert.equal(steps.at(-1).what, "#after (page)", `${when}: Tab leaves the widget for the page's next control (no trap); ` +
    `last stops: ${steps.slice(-5).map((s) => s.what).join(", ")}`);
  const strays = steps.slice(0, -1).filter((s) => !s.inWidget).map((s) => s.what);
  assert.deepEqual(strays, [], `${when}: Tab stops between the link and the button that are not the widget's`);
  const back = await tabThrough(page, { stop: "#before", back: true });
  assert.equal(back.steps.at(-1).what, "#before (page)", `${when}: Shift+Tab leaves the widget for the link before it`);
  const invisible = steps.filter((s) => s.inWidget && !visibleFocus(s)).map((s) =>
    `${s.what}${s.ownFocus ? "" : " (focus on the browser's own part of it: the picker button)"}: ` +
    `outline ${s.outlineStyle} ${s.outlineWidth}px, box-shadow ${s.boxShadow}`);
  return { visited: [...new Set(steps.filter((s) => s.inWidget).map((s) => s.what))], invisible: [...new Set(invisible)] };
}

const focused = (page) => page.evaluate(() => window.probe.describe(window.probe.active()));

/** Presses Tab until `what` has focus (at most `limit` times); fails naming where focus went. */
async function tabTo(page, what, limit = 60) {
  const seen = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (now === what) return;
    seen.push(now);
  }
  assert.fail(`Tab never reached ${what}; it went through ${seen.join(", ")}`);
}

for (const lookName of ["light", "shadow root"]) {
  test(`keyboard only (${lookName}): every control reached with a visible focus, no trap, a contact created`, { timeout: 120_000 }, async (t) => {
    const lookUsed = look(lookName);
    const page = await openHost(t, lookUsed);
    const org = await freshOrg("keyboard", true);
    const w = await mountWidget(page, lookUsed, org, { custom: true });
    const email = `ada-kbd-${w.n}@example.com`;
    const tours = {};
    // Each phase is a subtest, so that one failing does not hide what the next ones find.

    await t.test("editing: Tab reaches every built-in and custom control and the button", async () => {
      tours.editing = await assertTabTour(page, "editing");
      for (const name of ["input[name=firstName]", "select[name=contactType]", "input[name=accountIds]",
        "select[name=custom.customer_tier]", "input[name=custom.preferred_channel=Email]", "textarea[name=custom.notes]",
        "input[name=custom.birthday]", "input[name=custom.interests=Security]", "input[name=custom.newsletter]",
        'button.thena-submit "Add contact"']) {
        assert.ok(tours.editing.visited.includes(name), `Tab reaches ${name}; it reached ${tours.editing.visited.join(", ")}`);
      }
    });

    await t.test("filled in and submitted with keys alone (the stub answers 503)", async () => {
      await hosts.stub.next(org, { status: 503 });
      await page.focus("#before");
      await page.keyboard.press("Tab");
      assert.equal(await focused(page), "input[name=firstName]", "the widget's first Tab stop");
      const typeInto = async (name, text) => {
        await tabTo(page, name, 3);
        await page.keyboard.type(text);
      };
      await page.keyboard.type("Ada");
      await typeInto("input[name=lastName]", "Lovelace");
      await typeInto("input[name=email]", email);
      await typeInto("input[name=phoneNumber]", "+44 20 7946 0958");
      await typeInto("select[name=contactType]", "LEGAL"); // a select is chosen by typing an option's start
      await typeInto("input[name=avatarUrl]", "https://example.com/ada.png");
      await tabTo(page, "input[name=accountIds]", 1);
      await typeInto("select[name=custom.customer_tier]", "Gold");
      await tabTo(page, "input[name=custom.preferred_channel=Email]", 1);
      await page.keyboard.press("ArrowDown"); // within a radio group, arrows choose
      assert.equal(await focused(page), "input[name=custom.preferred_channel=Phone]", "ArrowDown moves within the radio group");
      await typeInto("input[name=custom.employee_id]", "AB-1234");
      await tabTo(page, "input[name=custom.newsletter]");
      await page.keyboard.press("Space");
      await tabTo(page, 'button.thena-submit "Add contact"');
      await page.keyboard.press("Enter");
      await w.state("failed");
    });

    await t.test("failed: Tab reaches Try again; Enter on it creates the contact", async () => {
      tours.failed = await assertTabTour(page, "failed");
      assert.ok(tours.failed.visited.includes('button.thena-retry "Try again"'), `Tab reaches Try again; it reached ${tours.failed.visited.join(", ")}`);
      await page.focus("#before");
      await tabTo(page, 'button.thena-retry "Try again"');
      await page.keyboard.press("Enter");
      await w.state("created");
      await w.until(() => window.probe.describe(window.probe.active()) === 'button.thena-add-another "Add another"');
    });

    await t.test("created: Tab reaches Add another, then leaves", async () => {
      tours.created = await assertTabTour(page, "created");
      assert.deepEqual(tours.created.visited, ['button.thena-add-another "Add another"'], "the Tab stops once the contact is created");
    });

    await t.test("every focused control shows a visible focus indicator (outline ≥ 2px or box-shadow)", () => {
      const invisible = Object.fromEntries(Object.entries(tours).map(([phase, tour]) => [phase, tour.invisible]));
      const none = Object.fromEntries(Object.keys(tours).map((phase) => [phase, []]));
      assert.deepEqual(invisible, none, "Tab stops, by phase, where focus showed no outline ≥ 2px and no box-shadow");
    });

    await t.test("the stub received what the keys typed", async () => {
      const requests = await hosts.stub.requests(org);
      assert.equal(requests.length, 2, "the 503, then the retry");
      assert.deepEqual(requests[1].body, {
        firstName: "Ada", lastName: "Lovelace", email, phoneNumber: "+442079460958",
        contactType: "CT_LEGAL", avatarUrl: "https://example.com/ada.png",
        customFieldValues: [
          { customFieldId: "cf_tier", data: [{ value: "Gold" }] },
          { customFieldId: "cf_channel", data: [{ value: "Phone" }] },
          { customFieldId: "cf_employee_id", data: [{ value: "AB-1234" }] },
          { customFieldId: "cf_newsletter", data: [{ value: "true" }] },
        ],
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// 4: non-text contrast, and the text colours, against the widget's background

for (const lookName of ["light", "dark", "auto, dark scheme", "shadow root"]) {
  test(`contrast (${lookName}): borders and focus outline ≥ 3:1; label, hint, error, placeholder text ≥ 4.5:1`, { timeout: 60_000 }, async (t) => {
    const lookUsed = look(lookName);
    const page = await openHost(t, lookUsed);
    const w = await mountWidget(page, lookUsed, await freshOrg("contrast", true), { custom: true });
    await states.find((s) => s.name === "errors shown").reach(w);
    await assertLook(page, lookUsed);
    // Keyboard focus on a valid field, so that :focus-visible draws its outline.
    await page.focus("#before");
    await tabTo(page, "input[name=lastName]");
    const pairs = await page.evaluate(() => {
      const root = window.host.root();
      const background = getComputedStyle(window.host.form()).backgroundColor;
      const style = (selector) => getComputedStyle(root.querySelector(selector));
      const focus = getComputedStyle(window.probe.active());
      const ratio = (what, colour, needed) => ({ what, colour, background, needed, ratio: window.probe.contrast(colour, background) });
      return [
        ratio("input border (valid email)", style('[name="email"]').borderTopColor, 3),
        ratio("input border (invalid phone)", style('[name="phoneNumber"]').borderTopColor, 3),
        ratio("select border", style('[name="contactType"]').borderTopColor, 3),
        ratio(`focus outline (${focus.outlineStyle} ${focus.outlineWidth})`, focus.outlineColor, 3),
        ratio("label text", style('label[for$="-email"]').color, 4.5),
        ratio("hint text", style(".thena-hint:not(:empty)").color, 4.5),
        ratio("error text", style(".thena-error:not(:empty)").color, 4.5),
        ratio("warning text", style(".thena-warning:not(:empty)").color, 4.5),
        ratio("required mark", getComputedStyle(root.querySelector(".thena-field--required > label"), "::after").color, 3),
        // Placeholders are text too (axe does not check them): "AB-1234" shows the format.
        ratio("placeholder text", getComputedStyle(root.querySelector('[name="custom.employee_id"]'), "::placeholder").color, 4.5),
      ];
    });
    for (const p of pairs) console.log(`  ${lookName}: ${p.what} ${p.colour} on ${p.background}: ${p.ratio.toFixed(2)}:1`);
    const low = pairs.filter((p) => !(p.ratio >= p.needed)).map((p) => `${p.what}: ${p.colour} on ${p.background} is ${p.ratio.toFixed(2)}:1, needs ${p.needed}:1`);
    assert.deepEqual(low, [], `contrast too low (${lookName})`);
  });
}

// ---------------------------------------------------------------------------------------------
// 5: the live regions announce each outcome once

for (const lookName of ["light", "shadow root"]) {
  test(`live regions (${lookName}): each outcome is announced once`, { timeout: 60_000 }, async (t) => {
    const lookUsed = look(lookName);
    const page = await openHost(t, lookUsed);
    const org = await freshOrg("live");
    const w = await mountWidget(page, lookUsed, org);
    const SENDING = "Adding contact…";

    /**
     * What the live regions say while `act` runs and until `done` (plus a quiet 300 ms, in which
     * a repeat would show): the observer is set up before the action.
     */
    const heardDuring = async (what, act, done) => {
      await page.evaluate(() => window.host.watch());
      await act();
      await done();
      await page.waitForTimeout(300);
      const heard = await page.evaluate(() => window.host.announcements);
      console.log(`  ${lookName}, ${what}: ${heard.map((a) => `[${a.role}] ${a.text}`).join(" → ")}`);
      return heard;
    };
    /** `text` was said exactly once, by a region of `role`, and nothing but it (and "Adding contact…" at most once). */
    const saidOnce = (heard, text, role, what) => {
      const said = JSON.stringify(heard);
      assert.deepEqual(heard.filter((a) => a.text === text).map((a) => a.role), [role], `${what}: "${text}" once, by the ${role} region; heard ${said}`);
      assert.deepEqual(heard.filter((a) => a.text !== text && a.text !== SENDING), [], `${what}: nothing else; heard ${said}`);
      assert.ok(heard.filter((a) => a.text === SENDING).length <= 1, `${what}: "${SENDING}" at most once; heard ${said}`);
    };

    // Submit with errors: the count, once.
    const invalid = await heardDuring("submit with errors", () => w.submit(),
      () => w.until(() => window.host.root().querySelector('[name="firstName"][aria-invalid="true"]')));
    saidOnce(invalid, "Check the 2 highlighted fields.", "status", "submit with errors");

    // submit → sending → created.
    const email = `ada-live-${w.n}@example.com`;
    await w.fill({ firstName: "Ada", lastName: "Lovelace", email });
    await hosts.stub.next(org, { delayMs: 600 });
    const created = await heardDuring("submit → sending → created", () => w.submit(), async () => {
      await w.state("sending");
      await w.state("created");
    });
    saidOnce(created, `Added Ada Lovelace (${email}).`, "status", "submit → created");

    // Add another, then submit → sending → failed (503).
    await page.click("#slot .thena-add-another");
    await w.state("editing");
    await w.fill({ firstName: "Grace", email: `grace-live-${w.n}@example.com` });
    await hosts.stub.next(org, { status: 503, delayMs: 600 });
    const failed = await heardDuring("submit → sending → failed (503)", () => w.submit(), async () => {
      await w.state("sending");
      await w.state("failed");
    });
    const message = await page.evaluate(() => window.host.root().querySelector(".thena-alert-message").innerText.trim());
    assert.match(message, /503/);
    saidOnce(failed, message, "alert", "submit → failed");

    // Try again → created: the new outcome once; the failure is not said again.
    const retried = await heardDuring("Try again → created", () => page.click("#slot .thena-retry"), () => w.state("created"));
    saidOnce(retried, `Added Grace (grace-live-${w.n}@example.com).`, "status", "Try again → created");
  });
}
