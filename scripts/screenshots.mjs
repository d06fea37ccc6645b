// Screenshots of the widget on the demo portal, for the README and reviews:
//   node scripts/screenshots.mjs [outDir]        (default: demo/screenshots)
// Needs the release build (`trunk build --release`; THENA_DIST names another dist folder).
// Starts the stub API (port 8811, THENA_SHOTS_STUB_PORT to change it), serves dist/ with /v1/*
// proxied to the stub, and writes PNGs of the card holding the widget, taken in Debian's
// chromium through playwright-core: light, dark, errors, arabic, custom-fields, german.
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { root, startStub, launchChromium, serveFiles, distFolder } from "../tests/e2e/support.mjs";

const outDir = path.resolve(process.argv[2] ?? path.join(root, "demo/screenshots"));
const stubPort = Number(process.env.THENA_SHOTS_STUB_PORT ?? 8811);
const viewport = { width: 1100, height: 900 };

const widget = ".thena-add-contact";
const card = "section.portal-card:has(#add-contact)";
const field = (page, name) => page.locator(`${widget} [name="${name}"]`);

/** Waits until the widget is mounted, in its language, with its organization's data loaded. */
async function widgetSettled(page, { locale }) {
  await page.locator(`${widget}[data-state="editing"]`).waitFor({ timeout: 30_000 });
  await page.locator("#events li", { hasText: "contact:ready" }).waitFor({ timeout: 30_000 });
  await field(page, "custom.customer_tier").waitFor({ timeout: 30_000 });
  await page.waitForFunction(
    (w) => {
      const root = document.querySelector(w);
      const type = root?.querySelector('[name="contactType"]');
      const notes = [...(root?.querySelectorAll(".thena-live-note") ?? [])];
      // No "Loading…" (nor "could not be loaded") note shows; the contact types are there.
      return type && !type.disabled && notes.every((n) => n.hidden || n.offsetParent === null);
    },
    widget,
    { timeout: 30_000 },
  );
  if (locale && locale !== "en") {
    // The translation arrived (after 5 s without it the widget falls back to English).
    const lang = await page.locator(widget).getAttribute("lang");
    const button = (await page.locator(`${widget} button[type="submit"]`).textContent()).trim();
    if (!lang?.startsWith(locale) || button === "Add contact") {
      throw new Error(`the widget is not in ${locale} (lang=${lang}, submit button "${button}")`);
    }
  }
}

/** Fonts loaded, layout done, no focus (so no caret or focus ring), the mouse out of the way. */
async function quiet(page) {
  await page.mouse.move(0, 0);
  await page.evaluate(async () => {
    await document.fonts.ready;
    document.activeElement?.blur?.();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

const shots = [
  { file: "light.png", query: { theme: "light" } },
  { file: "dark.png", query: { theme: "dark" } },
  {
    file: "errors.png",
    query: { theme: "light" },
    async act(page) {
      // First name left empty; bad values elsewhere, built-in and custom.
      await field(page, "email").fill("ada@example");
      await field(page, "phoneNumber").fill("415 555 0123");
      await field(page, "avatarUrl").fill("javascript:alert(1)");
      await field(page, "custom.employee_id").fill("12");
      await field(page, "custom.employee_count").fill("twelve");
      await page.locator(`${widget} button[type="submit"]`).click();
      await page.locator(`${widget} .thena-status`, { hasText: /\S/ }).waitFor();
      // The widget moves focus to the first invalid field in a timeout of its own: let it, then
      // take focus away so that no caret shows.
      await page
        .waitForFunction(() => document.activeElement?.getAttribute("aria-invalid") === "true", null, { timeout: 3000 })
        .catch(() => {});
      const shown = await page.locator(`${widget} .thena-error`).evaluateAll(
        (errors) => errors.filter((e) => e.textContent.trim() && e.offsetParent !== null).length,
      );
      if (shown === 0) throw new Error("no error message shows after submitting bad input");
    },
  },
  {
    file: "arabic.png",
    query: { locale: "ar", theme: "light" },
    browserLocale: "ar",
    async check(page) {
      const dir = await page.locator(widget).getAttribute("dir");
      if (dir !== "rtl") throw new Error(`the Arabic widget has dir=${dir}, not rtl`);
    },
  },
  {
    file: "custom-fields.png",
    query: { theme: "light" },
    async act(page) {
      await field(page, "firstName").fill("Ada");
      await field(page, "lastName").fill("Lovelace");
      await field(page, "custom.customer_tier").selectOption("Gold");
      await page.locator(`${widget} [name="custom.preferred_channel"][value="Phone"]`).check();
      await field(page, "custom.employee_id").fill("AB-1234");
      await field(page, "custom.notes").fill("Prefers calls after 3 pm.\nAsk for the analytics team.");
      await field(page, "custom.employee_count").fill("250");
      await field(page, "custom.annual_revenue").fill("1250000.00");
      await field(page, "custom.birthday").fill("1815-12-10");
      await field(page, "custom.best_time").fill("15:30");
      await page.locator(`${widget} [name="custom.interests"][value="Product"]`).check();
      await page.locator(`${widget} [name="custom.interests"][value="Security"]`).check();
      await field(page, "custom.newsletter").check();
      await field(page, "custom.linkedin").fill("https://www.linkedin.com/in/ada");
      await field(page, "custom.badge_colour").fill("#7b61ff");
    },
  },
  // theme=auto follows the system: a dark one here.
  { file: "german.png", query: { locale: "de", theme: "auto" }, colorScheme: "dark", browserLocale: "de-DE" },
];

async function takeShot(browser, site, shot) {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    colorScheme: shot.colorScheme ?? "light",
    reducedMotion: "reduce",
    // navigator.language and Accept-Language follow the shot's language (headless Chromium's
    // date and time inputs keep the format of the process's own locale).
    locale: shot.browserLocale ?? "en-US",
    timezoneId: "UTC",
  });
  try {
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(m.text());
    });
    const url = `${site}/?${new URLSearchParams(shot.query)}`;
    try {
      await page.goto(url);
      await widgetSettled(page, shot.query);
      await shot.act?.(page);
      await shot.check?.(page);
      await quiet(page);
    } catch (error) {
      // What the page reported explains a timeout better than the timeout does; the demo shows
      // a failed mount in its settings panel, not in the console.
      const mountProblem = await page.locator("#settings-problem").textContent({ timeout: 1000 }).catch(() => "");
      if (mountProblem?.trim()) problems.push(`the demo could not mount the widget: ${mountProblem.trim()}`);
      if (problems.length) error.message += `\nerrors on ${url}:\n  ${problems.join("\n  ")}`;
      throw error;
    }
    if (problems.length) throw new Error(`errors on ${url}:\n  ${problems.join("\n  ")}`);
    const file = path.join(outDir, shot.file);
    await page.locator(card).screenshot({ path: file, animations: "disabled", caret: "hide", scale: "css" });
    return file;
  } finally {
    await context.close();
  }
}

async function main() {
  const dist = distFolder();
  await mkdir(outDir, { recursive: true });
  const cleanups = [];
  const cleanUp = async () => {
    while (cleanups.length) {
      try {
        await cleanups.pop()();
      } catch {}
    }
  };
  const onSignal = (signal) => {
    cleanUp().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const stub = await startStub(stubPort);
    cleanups.push(() => stub.stop());
    // dist/ as the demo's server has it (index.html at /), with /v1 going to the stub.
    const web = await serveFiles((pathname) => path.join(dist, pathname.endsWith("/") ? `${pathname}index.html` : pathname), {
      headers: () => ({ "Cache-Control": "no-store" }),
      proxy: stub.url,
    });
    cleanups.push(() => web.close());
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    for (const shot of shots) {
      let file;
      try {
        file = await takeShot(browser, web.url, shot);
      } catch (error) {
        error.message = `${shot.file}: ${error.message}`;
        throw error;
      }
      const { size } = await stat(file);
      const shown = path.relative(process.cwd(), file);
      console.log(`${shown.startsWith("..") ? file : shown}\t${size} bytes`);
    }
  } finally {
    await cleanUp();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    // The message names the shot and what the page reported (a stack's copy of it would not).
    console.error(`screenshots failed: ${error?.message ?? error}`);
    if (process.env.THENA_SHOTS_DEBUG && error?.stack) console.error(error.stack);
    process.exit(1);
  },
);
