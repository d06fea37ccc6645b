// What the end-to-end test files share: the stub API, the browser, and a page that fails its
// test on console errors.
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { chromium } from "playwright-core";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const types = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".json": "application/json",
};

/**
 * Serves the release build (`dist/`, needs `trunk build --release`; THENA_DIST names another)
 * and the host pages
 * (`/hosts/…` from tests/e2e/hosts) as a portal would, on a free port; `extraHeaders(pathname)`
 * adds headers to an answer. Resolves to `{url, close}`.
 */
export async function serveHosts(extraHeaders = () => ({})) {
  const dist = process.env.THENA_DIST ?? path.join(root, "dist");
  const hosts = path.join(root, "tests/e2e/hosts");
  assert.ok(existsSync(path.join(dist, "thena_add_contact.js")), "run trunk build --release first");
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://host");
    // dist/ keeps its folders (locales/); a rooted path normalizes to nothing above dist/.
    const file = url.pathname.startsWith("/hosts/")
      ? path.join(hosts, path.basename(url.pathname))
      : path.join(dist, path.posix.normalize(url.pathname));
    try {
      const body = await readFile(file);
      const headers = { "Content-Type": types[path.extname(file)] ?? "application/octet-stream" };
      response.writeHead(200, { ...headers, ...extraHeaders(url.pathname) }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** Builds and starts the stub API on `port`; resolves once it listens. */
export async function startStub(port) {
  execFileSync("cargo", ["build", "-q", "-p", "stub-api"], { cwd: root, stdio: "inherit" });
  const child = spawn(path.join(root, "target/debug/stub-api"), ["--port", String(port)]);
  await new Promise((resolve, reject) => {
    child.stdout.on("data", (d) => String(d).includes("listening") && resolve());
    child.on("exit", (code) => reject(new Error(`stub-api exited (${code})`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const orgUrl = (what, org) => `${url}/__stub/${what}?org=${encodeURIComponent(org)}`;
  return {
    url,
    stop: () => child.kill(),
    /** What the create endpoint received from `org` (or, with `path`, what that path received). */
    requests: async (org, path) =>
      (await fetch(orgUrl("requests", org) + (path ? `&path=${encodeURIComponent(path)}` : ""))).json(),
    /** Replaces parts of `org`'s seeded data (contactTypes, customFields, accounts, contacts). */
    seed: async (org, seed) => {
      const response = await fetch(orgUrl("seed", org), { method: "POST", body: JSON.stringify(seed) });
      assert.equal(response.status, 200);
    },
    /** Makes the next request(s) of `org` (to `path`, by default the create) misbehave. */
    next: async (org, misbehaviour, path) => {
      const url = orgUrl("next", org) + (path ? `&path=${encodeURIComponent(path)}` : "");
      const response = await fetch(url, { method: "POST", body: JSON.stringify(misbehaviour) });
      assert.equal(response.status, 200);
    },
  };
}

/**
 * A fresh organization of `stub` without custom fields, for tests about embedding: a widget that
 * submits before the organization's fields arrive must not be refused for a mandatory one.
 */
export async function plainOrg(stub, prefix) {
  const org = `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  await stub.seed(org, { customFields: [] });
  return org;
}

/** Debian's chromium, headless, with the flags this machine needs. */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", ...extraArgs],
  });
}

/**
 * Opens `url` in a fresh context; the test fails on console errors or uncaught exceptions,
 * except those matching one of `expected` (errors the test provokes on purpose).
 */
export async function openPage(browser, t, url, expected = []) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  // The browser itself logs every failed HTTP status ("Failed to load resource"); those are the
  // server errors a test asks for. Anything else logged as an error is a problem.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(String(e)));
  t.after(async () => {
    await context.close();
    const unexpected = problems.filter((p) => !expected.some((re) => re.test(p)));
    assert.deepEqual(unexpected, [], "console errors or uncaught exceptions");
  });
  await page.goto(url);
  return page;
}
