// End-to-end: the npm package as portals consume it. scripts/package.sh packs the release build
// (dist/) into target/thena-add-contact-<version>.tgz; two tiny portals (tests/e2e/bundlers/) are
// copied to target/bundlers/, install that tarball with npm, and are built by Vite and by
// webpack 5 (the project's own devDependencies); each build is served as a portal serves its
// files and driven in Chromium against the stub API: the form renders, a contact is created. The
// Vite portal is TypeScript, type-checked by tsc against the package's typings. The CDN layout
// (target/cdn/) is served from a second origin and embedded with its snippet's integrity hashes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { root, startStub, launchChromium, openPage, plainOrg, orgWithOneField, serveFiles, distFolder } from "./support.mjs";

const stubPort = Number(process.env.THENA_E2E_BUNDLERS_STUB_PORT ?? 8798);
const work = path.join(root, "target/bundlers");
const bin = (name) => path.join(root, "node_modules", name);
const version = readFileSync(path.join(root, "Cargo.toml"), "utf8").match(/^version = "(.+)"/m)[1];
const tarball = path.join(root, `target/thena-add-contact-${version}.tgz`);
/** The wasm's parts in the release build (split_*.wasm, chunk_*.wasm), fetched when needed. */
const parts = readdirSync(distFolder()).filter((name) => /^(split|chunk)_.*\.wasm$/.test(name)).sort();

let stub;
let browser;

before(async () => {
  distFolder(); // fails with its reason when there is no release build
  execFileSync("bash", [path.join(root, "scripts/package.sh")], { cwd: root, stdio: "inherit" });
  stub = await startStub(stubPort);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  stub?.stop();
});

/** A copy of the portal `name` in target/bundlers/, with the packed tarball installed by npm. */
function portal(name) {
  const dir = path.join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(path.join(root, "tests/e2e/bundlers", name), dir, { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `${name}-portal`, private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", tarball], {
    cwd: dir,
    stdio: "inherit",
  });
  return dir;
}

/** Every file under `dir`, as paths relative to it. */
function files(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/** Serves `dir` as a static site. */
function serveBuild(dir) {
  return serveFiles((pathname) => {
    const file = path.join(dir, pathname === "/" ? "index.html" : pathname);
    return existsSync(file) ? file : null;
  });
}

/** Fills the form under `scope`, submits it and waits for the portal to see the contact. */
async function createContact(page, scope, firstName, email) {
  await page.locator(`${scope} .thena-add-contact`).waitFor();
  await page.fill(`${scope} [name="firstName"]`, firstName);
  await page.fill(`${scope} [name="email"]`, email);
  await page.click(`${scope} .thena-submit`);
  await page.waitForFunction(() => document.body.dataset.created);
  return page.evaluate(() => document.body.dataset.created);
}

/** The widget's stylesheet applies to the form under `scope`: its submit button has the accent. */
async function assertStyled(page, scope) {
  const background = await page.locator(`${scope} .thena-submit`).evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(background, "rgb(43, 89, 195)", "the widget's stylesheet applies");
}

test("the packed tarball: package.json, exports and files as portals need them", () => {
  const listing = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).trim().split("\n").sort();
  const locales = ["ar", "de", "es", "fr", "ja", "pt-BR"].map((tag) => `package/locales/${tag}.json`);
  assert.ok(parts.length > 0, "the release build has parts (split_*.wasm)");
  assert.deepEqual(listing, [
    "package/CHANGELOG.md", "package/LICENSE", "package/README.md", "package/element.d.ts", "package/element.js",
    ...locales, "package/package.json", "package/thena-add-contact.css", "package/thena_add_contact.d.ts",
    "package/thena_add_contact.js", "package/thena_add_contact_bg.wasm", ...parts.map((name) => `package/${name}`),
  ].sort());
  const pkg = JSON.parse(execFileSync("tar", ["xzOf", tarball, "package/package.json"], { encoding: "utf8" }));
  assert.equal(pkg.name, "thena-add-contact");
  assert.equal(pkg.version, version);
  assert.equal(pkg.type, "module");
  assert.equal(pkg.license, "MIT");
  assert.equal(pkg.types, "./thena_add_contact.d.ts");
  assert.deepEqual(pkg.exports["."], { types: "./thena_add_contact.d.ts", default: "./thena_add_contact.js" });
  assert.equal(pkg.exports["./style.css"], "./thena-add-contact.css");
  assert.equal(pkg.exports["./locales/*"], "./locales/*");
  assert.deepEqual(pkg.sideEffects, ["./thena-add-contact.css", "./element.js"]);
  // Every export points into the package.
  for (const target of Object.values(pkg.exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)))) {
    if (!target.includes("*")) assert.ok(listing.includes(`package/${target.slice(2)}`), `${target} is packed`);
  }
});

test("Vite: a TypeScript portal type-checks against the typings, builds, and creates a contact", async (t) => {
  const dir = portal("vite");
  execFileSync("node", [bin("typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: dir, stdio: "inherit" });
  execFileSync("node", [bin("vite/bin/vite.js"), "build", "--logLevel", "warn"], { cwd: dir, stdio: "inherit" });
  const built = files(path.join(dir, "dist"));
  // Vite copied the wasm, its parts and the translations (hashed names) beside its bundle.
  assert.ok(built.some((f) => /^assets\/thena_add_contact_bg-.+\.wasm$/.test(f)), `a wasm in ${built}`);
  for (const part of parts) assert.ok(built.some((f) => f.startsWith(`assets/${part.replace(".wasm", "-")}`)), `${part} in ${built}`);
  assert.ok(built.some((f) => /^assets\/de-.+\.json$/.test(f)), `the German translation in ${built}`);

  // A wrong type is refused: the typings are what tsc reads, not `any`.
  writeFileSync(path.join(dir, "wrong.ts"), 'import { mount } from "thena-add-contact";\nmount(document.body, { apiBase: "x", orgId: 7 });\n');
  assert.throws(
    () => execFileSync("node", [bin("typescript/bin/tsc"), "--noEmit", "--strict", "--module", "esnext", "--moduleResolution", "bundler",
      "--target", "es2022", "--lib", "es2022,dom", "wrong.ts"], { cwd: dir, stdio: "pipe" }),
    (error) => /wrong\.ts\(2,\d+\): error TS2322/.test(String(error.stdout)),
  );

  const site = await serveBuild(path.join(dir, "dist"));
  t.after(() => site.close());
  // A custom field: the part that draws it comes from where Vite copied it.
  const org = await orgWithOneField(stub, "vite-portal");
  const page = await openPage(browser, t, `${site.url}/?api=${encodeURIComponent(stub.url)}&org=${org}&locale=fr`);
  // French: the translation Vite copied was found and fetched.
  await page.locator('.thena-add-contact[lang="fr"]').waitFor();
  // The stylesheet Vite bundled applies.
  await assertStyled(page, "#app");
  await page.getByLabel("Nickname").waitFor();
  const id = await createContact(page, "#app", "Ada", "ada.vite@example.com");
  assert.match(id, /^ct_/);
  const [request] = await stub.requests(org);
  assert.equal(request.headers.authorization, "Bearer vite-portal-token");
  // The organization's default contact type: the part that loads it came from Vite's copy.
  assert.deepEqual(request.body, { firstName: "Ada", lastName: "Lovelace", email: "ada.vite@example.com", contactType: "CT_PRIMARY" });
});

/** A free port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

test("Vite's dev server serves the same portal from the tarball: the wasm and a translation load, a contact is created", async (t) => {
  const dir = path.join(work, "vite");
  if (!existsSync(path.join(dir, "node_modules/thena-add-contact"))) portal("vite");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const vite = spawn("node", [bin("vite/bin/vite.js"), "--port", String(port), "--strictPort", "--host", "127.0.0.1"], {
    cwd: dir,
    stdio: "ignore",
  });
  t.after(() => vite.kill());
  for (let i = 0; ; i++) {
    const up = await fetch(url).then((r) => r.ok, () => false);
    if (up) break;
    assert.ok(i < 100, "vite's dev server did not start in 20 s");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const org = await plainOrg(stub, "vite-dev-portal");
  const page = await openPage(browser, t, `${url}/?api=${encodeURIComponent(stub.url)}&org=${org}&locale=de`);
  await page.locator('.thena-add-contact[lang="de"]').waitFor({ timeout: 30000 });
  const id = await createContact(page, "#app", "Ada", "ada.vite.dev@example.com");
  assert.match(id, /^ct_/);
  const [request] = await stub.requests(org);
  assert.deepEqual(request.body, { firstName: "Ada", lastName: "Lovelace", email: "ada.vite.dev@example.com", contactType: "CT_PRIMARY" });
});

test("webpack 5: a portal with only the element builds and creates a contact, in German", async (t) => {
  const dir = portal("webpack");
  execFileSync("node", [bin("webpack-cli/bin/cli.js"), "--config", "webpack.config.cjs", "--no-stats"], { cwd: dir, stdio: "inherit" });
  cpSync(path.join(dir, "index.html"), path.join(dir, "dist/index.html"));
  const built = files(path.join(dir, "dist"));
  assert.ok(built.filter((f) => f.endsWith(".wasm")).length === 1 + parts.length, `the wasm and its parts in ${built}`);
  assert.ok(built.some((f) => f.endsWith(".css")), `the stylesheet in ${built}`);
  // No path of the build machine in what is served.
  assert.doesNotMatch(readFileSync(path.join(dir, "dist/main.js"), "utf8"), /file:\/\//);

  const site = await serveBuild(path.join(dir, "dist"));
  t.after(() => site.close());
  const org = await orgWithOneField(stub, "webpack-portal");
  const page = await openPage(browser, t, `${site.url}/?api=${encodeURIComponent(stub.url)}&org=${org}`);
  await page.waitForFunction(() => document.body.dataset.defined === "yes");
  // The page is German: the element follows its lang, with the translation webpack copied.
  await page.locator('.thena-add-contact[lang="de"]').waitFor();
  assert.equal(await page.locator("#add-contact .thena-submit").innerText(), "Kontakt hinzufügen");
  // The stylesheet webpack bundled applies; the custom field's part came from webpack's copy.
  await assertStyled(page, "#add-contact");
  await page.getByLabel("Nickname").waitFor();
  const id = await createContact(page, "#add-contact", "Grace", "grace.webpack@example.com");
  assert.match(id, /^ct_/);
  const [request] = await stub.requests(org);
  assert.equal(request.headers.authorization, "Bearer webpack-portal-token");
  assert.deepEqual(request.body, { firstName: "Grace", email: "grace.webpack@example.com", contactType: "CT_PRIMARY" });
});

/**
 * The CDN layout served from its own origin (as a CDN: CORS open, immutable caching), `mutate`
 * changing a file on the way; and a portal page on another origin with the snippet and an
 * element.
 */
async function cdnPortal(t, mutate = (pathname, body) => body) {
  const cdn = await serveFiles(
    (pathname) => {
      const file = path.join(root, "target/cdn", pathname);
      return pathname.startsWith("/thena-add-contact/") && existsSync(file) ? file : null;
    },
    {
      headers: () => ({ "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=31536000, immutable" }),
      transform: mutate,
    },
  );
  t.after(() => cdn.close());
  const snippet = readFileSync(path.join(root, `target/cdn/thena-add-contact/${version}/snippet.html`), "utf8")
    .replaceAll("{{base}}", cdn.url);
  const org = await orgWithOneField(stub, "cdn-portal");
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A portal using the CDN</title>
${snippet}</head><body>
<thena-add-contact id="add-contact" api-base="${stub.url}" org-id="${org}"></thena-add-contact>
<script>
  const element = document.getElementById("add-contact");
  element.token = "cdn-portal-token";
  element.addEventListener("contact:created", (event) => (document.body.dataset.created = event.detail.id));
</script></body></html>`;
  // (Any .html file, for its content type: the page is the transform's.)
  const html = path.join(root, `target/cdn/thena-add-contact/${version}/snippet.html`);
  const site = await serveFiles((pathname) => (pathname === "/" ? html : null), { transform: () => page });
  t.after(() => site.close());
  return { url: `${site.url}/`, org };
}

test("the CDN layout: versioned paths, the README's snippet with its integrity hashes", async (t) => {
  const folder = path.join(root, `target/cdn/thena-add-contact/${version}`);
  assert.deepEqual(files(folder).sort(), [
    "LICENSE", "element.d.ts", "element.js", ...["ar", "de", "es", "fr", "ja", "pt-BR"].map((tag) => `locales/${tag}.json`), "snippet.html",
    "thena-add-contact.css", "thena_add_contact.d.ts", "thena_add_contact.js", "thena_add_contact_bg.wasm", ...parts,
  ].sort());
  const { url, org } = await cdnPortal(t);
  const page = await openPage(browser, t, url);
  // The part that draws the custom field came from the CDN, its hash checked.
  await page.getByLabel("Nickname").waitFor();
  const id = await createContact(page, "#add-contact", "Edsger", "edsger.cdn@example.com");
  assert.match(id, /^ct_/);
  const [request] = await stub.requests(org);
  assert.equal(request.headers.authorization, "Bearer cdn-portal-token");
  // The stylesheet from the CDN applies.
  await assertStyled(page, "#add-contact");
  // The README shows this version's snippet (scripts/package.sh --readme writes it), hashes
  // included but the wasm's: the wasm holds the paths of Cargo's registry on the machine that
  // built it, so its hash is the release machine's.
  const wasmHash = /(\{ integrity: ")sha384-[A-Za-z0-9+/=]+(" \})/;
  const readme = readFileSync(path.join(root, "README.md"), "utf8").replace(wasmHash, "$1…$2");
  const shown = readFileSync(path.join(folder, "snippet.html"), "utf8").replaceAll("{{base}}", "https://cdn.example.com");
  assert.ok(readme.includes(shown.replace(wasmHash, "$1…$2")), "README.md shows another build's CDN snippet: run bash scripts/package.sh --readme");
});

test("the CDN snippet refuses a module or a wasm that is not the one hashed", async (t) => {
  // Each change leaves a file that would work: a comment at the end of the module, an empty
  // custom section at the end of the wasm. Only its hash tells it apart.
  const changes = { "thena_add_contact.js": Buffer.from("\n//"), "thena_add_contact_bg.wasm": Buffer.from([0, 1, 0]), [parts[0]]: Buffer.from([0, 1, 0]) };
  const wasm = readFileSync(path.join(root, `target/cdn/thena-add-contact/${version}/thena_add_contact_bg.wasm`));
  assert.ok(WebAssembly.validate(Buffer.concat([wasm, changes["thena_add_contact_bg.wasm"]])), "the changed wasm is valid");
  for (const [changed, extra] of Object.entries(changes)) {
    await t.test(changed, async (t) => {
      const { url, org } = await cdnPortal(t, (pathname, body) =>
        pathname.endsWith(`/${changed}`) ? Buffer.concat([body, extra]) : body);
      const context = await browser.newContext();
      t.after(() => context.close());
      const page = await context.newPage();
      const messages = [];
      page.on("console", (m) => messages.push(m.text()));
      page.on("pageerror", (e) => messages.push(String(e)));
      let wasmRequests = 0;
      page.on("request", (r) => (wasmRequests += r.url().endsWith("/thena_add_contact_bg.wasm") ? 1 : 0));
      await page.goto(url);
      // The browser says why, naming the file.
      const refused = () => messages.some((m) => /integrity/i.test(m) && m.includes(changed));
      for (let i = 0; i < 100 && !refused(); i++) await page.waitForTimeout(100);
      assert.ok(refused(), `an integrity refusal of ${changed} in ${JSON.stringify(messages)}`);
      if (changed === parts[0]) {
        // A changed part is refused; the form works without it: no custom field, a note that
        // says so, and the contact is created.
        await page.locator("#add-contact .thena-add-contact:not([data-shell])").waitFor();
        await page.getByText("Couldn't load your organization's contact fields").waitFor();
        const id = await createContact(page, "#add-contact", "Mallory", "mallory.part@example.com");
        assert.match(id, /^ct_/);
        const [request] = await stub.requests(org);
        assert.deepEqual(request.body, { firstName: "Mallory", email: "mallory.part@example.com", contactType: "CT_PRIMARY" });
        return;
      }
      // A changed module never runs; with a changed wasm the shell shows, and nothing goes live.
      assert.equal(await page.locator("#add-contact .thena-add-contact:not([data-shell])").count(), 0,
        "no live form from a changed file");
      if (changed.endsWith(".wasm")) {
        await page.fill("#add-contact [name=firstName]", "Mallory");
        await page.fill("#add-contact [name=email]", "mallory@example.com");
        await page.click("#add-contact .thena-submit");
        // The press does not fetch the wasm again without its hash (a fetch would start in the
        // press's handler, before the page answers this evaluate).
        await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
        assert.equal(wasmRequests, 1, "the wasm is asked for once");
        // The press does not wait for a load that cannot come: it says the service is out of reach.
        assert.equal(await page.getAttribute("#add-contact .thena-submit", "aria-disabled"), "false");
        assert.match(await page.locator("#add-contact .thena-status").innerText(), /Couldn't reach/);
      }
      assert.deepEqual(await stub.requests(org), []);
    });
  }
});

test("the package imports on a server (server-side rendering) without a DOM, and loads nothing", () => {
  const script = `
    const main = await import(${JSON.stringify(path.join(root, "target/npm/thena_add_contact.js"))});
    const element = await import(${JSON.stringify(path.join(root, "target/npm/element.js"))});
    if (typeof main.default !== "function" || typeof main.mount !== "function") throw new Error("exports");
    console.log(String(await element.ready));`;
  const out = execFileSync("node", ["--input-type=module", "-e", script], { encoding: "utf8" });
  assert.equal(out.trim(), "undefined");
});

test("init() takes the wasm from where the host serves it: a URL, its string, a Response, or a promise of one", async (t) => {
  const dist = distFolder();
  // The module under /js/, the wasm elsewhere under another name: init() without an argument
  // would look for /js/thena_add_contact_bg.wasm, which is not served.
  const site = await serveFiles(
    (pathname) =>
      ({
        "/": path.join(dist, "index.html"),
        "/js/thena_add_contact.js": path.join(dist, "thena_add_contact.js"),
        "/static/widget-1a2b.wasm": path.join(dist, "thena_add_contact_bg.wasm"),
      })[pathname] ?? null,
    {
      transform: (pathname, body) =>
        pathname === "/"
          ? `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>init</title></head><body><div id="app"></div></body></html>`
          : body,
    },
  );
  t.after(() => site.close());
  const inputs = {
    url: 'new URL("/static/widget-1a2b.wasm", location.href)',
    string: '"/static/widget-1a2b.wasm"',
    response: 'await fetch("/static/widget-1a2b.wasm")',
    promise: 'fetch("/static/widget-1a2b.wasm")',
    object: '{ module_or_path: "/static/widget-1a2b.wasm" }',
  };
  for (const [name, input] of Object.entries(inputs)) {
    await t.test(name, async (t) => {
      const page = await openPage(browser, t, `${site.url}/`);
      const warnings = [];
      page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
      await page.evaluate(async (input) => {
        const { default: init, mount } = await import("/js/thena_add_contact.js");
        await new Function("init", `return (async () => init(${input}))();`)(init);
        window.form = mount(document.getElementById("app"), { apiBase: "http://127.0.0.1:9", orgId: "o", token: "t",
          contactTypes: false, customFields: false, checkDuplicates: false, searchAccounts: false });
      }, input);
      await page.locator(".thena-add-contact .thena-submit").waitFor();
      assert.deepEqual(warnings, [], "no deprecation warning from wasm-bindgen");
    });
  }
});
