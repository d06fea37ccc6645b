// What the end-to-end test files share: the stub API, the browser, and a page that fails its
// test on console errors.
import assert from "node:assert/strict";
import { before, after } from "node:test";
import { spawn, execFileSync } from "node:child_process";
import { createServer, request as httpRequest } from "node:http";
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { chromium } from "playwright-core";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
};

/**
 * A static server on a free port, for the tests, the screenshots and the benchmark. A request's
 * path, normalized (a rooted path cannot climb above a folder), goes to `fileFor(pathname)`: the
 * file to answer with, or null for a 404. `headers(pathname, file)` adds headers; `transform(
 * pathname, body)` may rewrite a file before it is sent; with `proxy` (a URL), `/v1/…` is passed
 * to it, method, headers and body. Resolves to `{url, close}`.
 */
export async function serveFiles(fileFor, { headers = () => ({}), transform, proxy } = {}) {
  const upstream = proxy && new URL(proxy);
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://host");
    if (upstream && (url.pathname === "/v1" || url.pathname.startsWith("/v1/"))) {
      const forwarded = httpRequest(
        { hostname: upstream.hostname, port: upstream.port, method: request.method, path: request.url,
          headers: { ...request.headers, host: upstream.host } },
        (answer) => {
          response.writeHead(answer.statusCode, answer.headers);
          answer.pipe(response);
        },
      );
      forwarded.on("error", (error) => {
        if (!response.headersSent) response.writeHead(502, { "Content-Type": "text/plain" });
        response.end(`stub API unreachable: ${error.message}`);
      });
      request.pipe(forwarded);
      return;
    }
    try {
      const pathname = path.posix.normalize(decodeURIComponent(url.pathname));
      const file = fileFor(pathname);
      if (!file) throw new Error("not found");
      let body = await readFile(file);
      if (transform) body = await transform(pathname, body);
      const type = { "Content-Type": types[path.extname(file)] ?? "application/octet-stream" };
      response.writeHead(200, { ...type, ...headers(pathname, file) }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}

/** The release build: `dist/`, or the folder THENA_DIST names; fails when it is not built. */
export function distFolder() {
  const dist = process.env.THENA_DIST ?? path.join(root, "dist");
  assert.ok(existsSync(path.join(dist, "thena_add_contact.js")), `no build in ${dist}: run trunk build --release first`);
  return dist;
}

/**
 * Serves the release build (its folders kept: `locales/`) and the host pages (`/hosts/…` from
 * tests/e2e/hosts) as a portal would; `extraHeaders(pathname)` adds headers to an answer.
 */
export function serveHosts(extraHeaders = () => ({})) {
  const dist = distFolder();
  const hosts = path.join(root, "tests/e2e/hosts");
  return serveFiles(
    (pathname) =>
      pathname.startsWith("/hosts/") ? path.join(hosts, path.basename(pathname)) : path.join(dist, pathname),
    { headers: extraHeaders },
  );
}

/**
 * For a test file of host pages: the stub API on `stubPort`, the hosts' server (serveHosts) and
 * a browser, started before its tests and stopped after them. The object returned holds them as
 * `stub`, `server` and `browser` once they are up.
 */
export function hostsUnderTest(stubPort) {
  const hosts = {};
  before(async () => {
    hosts.stub = await startStub(stubPort);
    hosts.server = await serveHosts();
    hosts.browser = await launchChromium();
  });
  after(async () => {
    await hosts.browser?.close();
    hosts.server?.close();
    hosts.stub?.stop();
  });
  return hosts;
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

/**
 * A fresh organization of `stub` with one optional custom field, "Nickname" (a text field): its
 * form fetches the part that draws custom fields (split_custom_inputs.wasm).
 */
export async function orgWithOneField(stub, prefix) {
  const org = `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const now = new Date().toISOString();
  await stub.seed(org, {
    customFields: [{
      uid: "CF_NICK", name: "Nickname", slug: "nickname", organizationId: org, source: "customer_contact",
      fieldType: "single_line", options: [], metadata: {}, isActive: true, teamId: null, autoAddToAllForms: true,
      hintText: null, placeholderText: null, mandatoryOnCreation: false, mandatoryOnClose: false,
      visibleToCustomer: false, editableByCustomer: false, defaultValue: null, createdAt: now, updatedAt: now,
    }],
  });
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
 * except those matching one of `expected` (errors the test provokes on purpose). `prepare(page)`
 * runs before the page is opened (routes, init scripts).
 */
export async function openPage(browser, t, url, expected = [], prepare = async () => {}) {
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
  await prepare(page);
  await page.goto(url);
  return page;
}
