// Benchmark: this widget (wasm) against the same form in React 19 + react-hook-form (+ zod),
// in one Chromium, the pages loaded in turn (A B C A B C …), each load in a fresh context.
//
//   trunk build --release && node bench/run.mjs
//
// BENCH_RUNS: loads per page (default 21), after BENCH_WARMUP rounds not counted (default 1); BENCH_CYCLE_RUNS: how many of them also run the 100
// create cycles of the leak check (default 3); BENCH_CYCLES: cycles per check (default 100);
// BENCH_REPEAT_RUNS: how many also measure a repeat visit (default 11);
// THENA_DIST: the widget's build (default dist/); PEER_DIST: the React peer's build;
// BENCH_JS_FLAGS: more V8 flags (experiments); BENCH_OUT: the JSON (default
// bench/results/latest.json).
// Prints a markdown table (median (p95) per page) and writes bench/results/latest.json.
import { writeFile, mkdir } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants as zlib } from "node:zlib";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { root, startStub, plainOrg, launchChromium, serveFiles } from "../tests/e2e/support.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
const CYCLE_RUNS = Number(process.env.BENCH_CYCLE_RUNS ?? 3);
const CYCLES = Number(process.env.BENCH_CYCLES ?? 100);
const REPEAT_RUNS = Number(process.env.BENCH_REPEAT_RUNS ?? 11);
const KEYSTROKES = 30;
const BLURS = 20;
const STUB_PORT = 8821;
const SETTLE_MS = 250;
// How long a page stays open before its repeat visit: V8 caches a module's compiled wasm once it
// has run a while (and Blink, scripts' code after their second load).
const REPEAT_AFTER_MS = Number(process.env.BENCH_REPEAT_AFTER_MS ?? 3000);
// V8 flags; BENCH_JS_FLAGS adds some (e.g. --no-wasm-lazy-compilation, for an experiment).
const JS_FLAGS = ["--expose-gc", process.env.BENCH_JS_FLAGS ?? ""].join(" ").trim();

const dirs = {
  widget: process.env.THENA_DIST ?? path.join(root, "dist"),
  react: process.env.PEER_DIST ?? path.join(root, "../shared/peers/react-form/dist"),
  pages: path.join(root, "bench/pages"),
};

const widgetFiles = ["widget/thena_add_contact_bg.wasm", "widget/thena_add_contact.js", "widget/thena-add-contact.css"];

/**
 * The pages compared: each is a template of bench/pages with its `{{name}}`s filled in from
 * `vars` (and `{{boot}}` with boot.js, inline), and the files it needs (for the transfer size).
 */
export const pages = [
  { id: "widget", title: "widget (wasm)", template: "widget.html", vars: { title: "", hints: "" }, files: widgetFiles },
  {
    // The same, with the hints the README gives hosts: the module and the wasm fetched at once,
    // not one after the other.
    id: "widget-preload",
    title: "widget + preload hints",
    template: "widget.html",
    vars: {
      title: ", with preload hints",
      hints: `<link rel="modulepreload" href="/widget/thena_add_contact.js">
<link rel="preload" href="/widget/thena_add_contact_bg.wasm" as="fetch" type="application/wasm" crossorigin>`,
    },
    files: widgetFiles,
  },
  {
    // As the README embeds it now: mount() at once, the shell first, the default form.
    id: "widget-shell",
    title: "widget, shell first",
    template: "widget-shell.html",
    vars: { title: "", hints: "" },
    files: widgetFiles,
  },
  {
    id: "widget-shell-preload",
    title: "widget, shell first + preload hints",
    template: "widget-shell.html",
    vars: {
      title: ", with preload hints",
      hints: `<link rel="modulepreload" href="/widget/thena_add_contact.js">
<link rel="preload" href="/widget/thena_add_contact_bg.wasm" as="fetch" type="application/wasm" crossorigin>`,
    },
    files: widgetFiles,
  },
  { id: "react-lean", title: "React+RHF", template: "react.html", vars: { bundle: "lean" }, files: ["react/lean.js"] },
  { id: "react-zod", title: "React+RHF+zod", template: "react.html", vars: { bundle: "form" }, files: ["react/form.js"] },
].map((page) => ({ ...page, path: `/pages/${page.id}.html` }));

// ---------------------------------------------------------------------------------------------
// Static server: /widget/* from the widget's build, /react/* from the peer's, /pages/<id>.html
// the pages above, /pages/* the other files of bench/pages.

/** The file for a path of the server, or null. */
function fileFor(urlPath) {
  const page = pages.find((p) => p.path === urlPath);
  if (page) return path.join(dirs.pages, page.template);
  const [, top, ...rest] = path.posix.normalize(urlPath).split("/");
  const dir = dirs[top];
  return dir && rest.length ? path.join(dir, ...rest) : null;
}

/** The benchmark's server; `encode(pathname, body)` (bench/network.mjs: brotli) compresses every answer. */
export function startServer({ encode } = {}) {
  const boot = `<script>\n${readFileSync(path.join(dirs.pages, "boot.js"), "utf8")}</script>`;
  const fill = (pathname, body) => {
    const page = pages.find((p) => p.path === pathname);
    if (!page) return body;
    const vars = { ...page.vars, boot };
    return Buffer.from(String(body).replace(/\{\{(\w+)\}\}/g, (_, name) => vars[name]));
  };
  return serveFiles(fileFor, {
    transform: (pathname, body) => (encode ? encode(pathname, fill(pathname, body)) : fill(pathname, body)),
    // Cross-origin isolated pages get 5 µs timers instead of 100 µs; the stub's CORS answers
    // (Access-Control-Allow-Origin: *) are allowed under require-corp.
    // The widget's and React's files may be kept by the HTTP cache, as a host would serve them
    // (each first load is in a fresh context, so only the repeat visits below use it).
    headers: (pathname) => ({
      ...(pathname.endsWith(".html")
        ? { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" }
        : { "Cache-Control": "max-age=3600" }),
      ...(encode ? { "Content-Encoding": "br", Vary: "Accept-Encoding" } : {}),
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// Transfer size, once, from the files.

function transferSize(page) {
  const sizes = { raw: 0, gzip: 0, brotli: 0, files: {} };
  for (const name of page.files) {
    const bytes = readFileSync(fileFor("/" + name));
    const file = {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }).length,
    };
    sizes.files[name] = file;
    for (const k of ["raw", "gzip", "brotli"]) sizes[k] += file[k];
  }
  return sizes;
}

// ---------------------------------------------------------------------------------------------
// One metric per function; each returns { metricName: number | number[] }.

/** Navigation and script start → form visible, with the phases in between. */
export async function measureStartup(page) {
  const marks = await page.evaluate(() => window.__bench.ready);
  const resources = await page.evaluate(() =>
    performance.getEntriesByType("resource").map((e) => ({ name: e.name, startTime: e.startTime, responseEnd: e.responseEnd })),
  );
  if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error("page not cross-origin isolated");
  const result = {
    navToScript: marks.scriptStart,
    navToVisible: marks.visible,
    navToInteractive: marks.interactive,
    scriptToInteractive: marks.interactive - marks.scriptStart,
    scriptToVisible: marks.visible - marks.scriptStart,
    scriptToModule: marks.moduleStart - marks.scriptStart,
    mount: marks.visible - marks.mountCall,
    mountSync: marks.mountReturn - marks.mountCall,
  };
  if (marks.wasmUrl) {
    const wasm = resources.find((e) => e.name === marks.wasmUrl);
    result.wasmFetch = wasm.responseEnd - wasm.startTime;
    result.wasmFetchCompile = marks.compiled - marks.moduleStart;
    result.wasmCompileAfterFetch = marks.compiled - wasm.responseEnd;
    result.wasmInstantiate = marks.instantiated - marks.compiled;
  }
  return result;
}

async function measureMemory(page) {
  const m = await page.evaluate(() => window.benchHarness.memory());
  return { heapAfterMount: m.heap, wasmAfterMount: m.wasm, totalAfterMount: m.total };
}

async function measureKeystrokes(page) {
  const s = await page.evaluate((n) => window.benchHarness.keystrokes(n), KEYSTROKES);
  return { keySync: s.sync, keyTask: s.task, keyHop: s.hop, keyFrame: s.frame };
}

async function measureBlurs(page) {
  const s = await page.evaluate((n) => window.benchHarness.blurs(n), BLURS);
  const floor = await page.evaluate((n) => window.benchHarness.blurFloor(n), BLURS);
  return {
    blurShow: s.show,
    blurShowFirst: s.show.slice(0, 1),
    blurShowLater: s.show.slice(1),
    blurClear: s.clear,
    inputClear: s.clearOnInput,
    inputShow: s.showOnInput,
    blurFloor: [...floor.show, ...floor.clear],
  };
}

/** The first submit of the load (code run for the first time), then a second one. */
async function measureSubmit(page, tag) {
  const submit = (email) =>
    page.evaluate((email) => window.benchHarness.submitToWire({ firstName: "Ada", lastName: "Lovelace", email }), email);
  const first = await submit(`ada.${tag}@example.com`);
  const second = await submit(`ada.${tag}.again@example.com`);
  return { submitToWire: first, submitToWireAgain: second };
}

async function measureTenVsOne(page) {
  const one = await page.evaluate(() => window.benchHarness.mountMany(1));
  const ten = await page.evaluate(() => window.benchHarness.mountMany(10));
  return { mountOne: one, mountTen: ten, tenOverOne: ten / one };
}

/** Heap + wasm before and after CYCLES create cycles (after a full GC each time). */
async function measureCycles(page, tag) {
  const before = await page.evaluate(() => window.benchHarness.memory());
  const t0 = Date.now();
  await page.evaluate(([n, tag]) => window.benchHarness.cycles(n, tag), [CYCLES, tag]);
  const after = await page.evaluate(() => window.benchHarness.memory());
  return {
    cycleSeconds: (Date.now() - t0) / 1000,
    heapBefore: before.heap,
    heapAfter: after.heap,
    wasmBefore: before.wasm,
    wasmAfter: after.wasm,
    growthPct: (after.total / before.total - 1) * 100,
    heapGrowthPct: (after.heap / before.heap - 1) * 100,
  };
}

// ---------------------------------------------------------------------------------------------

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The address of `spec`'s page for `org` of the stub, with `extra` added to its query. */
export function pageUrl(server, stub, spec, org, extra = "") {
  return `${server.url}${spec.path}?api=${encodeURIComponent(stub.url)}&org=${encodeURIComponent(org)}${extra}`;
}

/** `use(page)` on a page of a fresh context, closed after it (and the renderer given its exit). */
async function inFreshContext(browser, use) {
  const context = await browser.newContext();
  try {
    return await use(await context.newPage());
  } finally {
    await context.close();
    await sleep(SETTLE_MS);
  }
}

/** A fresh page with ten forms: script start → the ten visible. */
async function runTenLoad(browser, server, stub, spec, round) {
  const org = await plainOrg(stub, `bench-ten-${spec.id}-${round}`);
  return inFreshContext(browser, async (page) => {
    await page.goto(pageUrl(server, stub, spec, org, "&forms=10"));
    const { scriptToVisible } = await withTimeout(measureStartup(page), 30000, `${spec.id}: ten forms visible`);
    return { scriptToVisibleTen: scriptToVisible };
  });
}

/**
 * A repeat visit, as a support agent opens the portal again: the page loaded once in a context,
 * then again in it once V8 has had the time to cache the compiled code (HTTP cache and code cache
 * warm), the second load measured.
 */
async function runRepeatLoad(browser, server, stub, spec, round) {
  const org = await plainOrg(stub, `bench-repeat-${spec.id}-${round}`);
  return inFreshContext(browser, async (page) => {
    const url = pageUrl(server, stub, spec, org);
    await page.goto(url);
    await withTimeout(measureStartup(page), 30000, `${spec.id}: form visible`);
    await sleep(REPEAT_AFTER_MS);
    await page.goto("about:blank");
    await page.goto(url);
    const again = await withTimeout(measureStartup(page), 30000, `${spec.id}: form visible again`);
    return Object.fromEntries(Object.entries(again).map(([key, value]) => [`repeat.${key}`, value]));
  });
}

async function runLoad(browser, server, stub, spec, round, withCycles) {
  const org = await plainOrg(stub, `bench-${spec.id}-${round}`);
  return inFreshContext(browser, async (page) => {
    const problems = [];
    page.on("pageerror", (e) => problems.push(String(e)));
    // The browser logs every failed HTTP status; those are reported with their URL below.
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(m.text());
    });
    page.on("response", (r) => r.status() >= 400 && !r.url().endsWith("/favicon.ico") && problems.push(`${r.status()} ${r.url()}`));
    try {
      await page.goto(pageUrl(server, stub, spec, org));
      const result = await withTimeout(measureStartup(page), 30000, `${spec.id}: form visible`);
      await page.addScriptTag({ url: "/pages/harness.js" });
      Object.assign(result, await measureMemory(page));
      Object.assign(result, await measureKeystrokes(page));
      Object.assign(result, await measureBlurs(page));
      Object.assign(result, await measureSubmit(page, round));
      Object.assign(result, await measureTenVsOne(page));
      if (withCycles) Object.assign(result, await measureCycles(page, round));
      if (problems.length) throw new Error(problems.join("\n"));
      return result;
    } catch (error) {
      error.message = `${spec.id} (round ${round}): ${error.message}\n${problems.join("\n")}`;
      throw error;
    }
  });
}

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------
// Statistics and report.

export function summarize(values) {
  const v = values.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const rank = (q) => v[Math.min(v.length - 1, Math.ceil(q * v.length) - 1)];
  return { median: rank(0.5), p95: rank(0.95), min: v[0], max: v[v.length - 1], n: v.length };
}

/** The table's rows: [metric key, label, unit]. */
const rows = [
  ["navToVisible", "navigation → form visible", "ms"],
  ["navToScript", "· navigation → script start", "ms"],
  ["scriptToVisible", "script start → form visible", "ms"],
  ["navToInteractive", "navigation → form interactive (the widget's live form; React's mount)", "ms"],
  ["scriptToInteractive", "script start → form interactive", "ms"],
  ["scriptToModule", "· script start → module runs (JS fetch + eval)", "ms"],
  ["wasmFetch", "· wasm fetch (resource timing)", "ms"],
  ["wasmFetchCompile", "· wasm fetch + compile (compileStreaming)", "ms"],
  ["wasmCompileAfterFetch", "· compile left after the last byte", "ms"],
  ["wasmInstantiate", "· instantiate (init(module))", "ms"],
  ["mount", "· mount() → form in the DOM", "ms"],
  ["mountSync", "· of which mount() call itself", "ms"],
  ["blurShow", "blur → error shown", "ms"],
  ["blurShowFirst", "· the email field's first blur in the load", "ms"],
  ["blurShowLater", "· the others", "ms"],
  ["blurClear", "blur → error cleared", "ms"],
  ["inputClear", "(input → error cleared, when the input clears it)", "ms"],
  ["blurFloor", "(floor: a bare input's blur, its error written by one line of JS; shown and cleared)", "ms"],
  ["keySync", "keystroke: input handling (sync)", "ms"],
  ["keyTask", "keystroke → next task (sync + microtasks + hop)", "ms"],
  ["keyHop", "· (the MessageChannel hop alone)", "ms"],
  ["keyFrame", "keystroke → next animation frame", "ms"],
  ["submitToWire", "submit click → POST fetch() call", "ms"],
  ["submitToWireAgain", "· the same, second submit of the load", "ms"],
  ["heapAfterMount", "JS heap after mount (gc)", "KB"],
  ["wasmAfterMount", "wasm memory after mount", "KB"],
  ["totalAfterMount", "JS heap + wasm after mount", "KB"],
  ["growthPct", `growth after ${CYCLES} create cycles (heap+wasm)`, "%"],
  ["heapGrowthPct", `growth after ${CYCLES} create cycles (JS heap only)`, "%"],
  ["mountOne", "mount 1 more form (warm)", "ms"],
  ["mountTen", "mount 10 more forms (warm)", "ms"],
  ["tenOverOne", "ten ÷ one", "×"],
  ["scriptToVisibleTen", "ten forms on a fresh page: script start → all visible", "ms"],
  ["repeat.navToVisible", "repeat visit (HTTP and code caches warm): navigation → form visible", "ms"],
  ["repeat.scriptToVisible", "· script start → form visible", "ms"],
  ["repeat.scriptToModule", "· script start → module runs", "ms"],
  ["repeat.wasmFetchCompile", "· wasm fetch + compile", "ms"],
  ["repeat.mountSync", "· mount() call", "ms"],
  ["repeat.mount", "· mount() → form in the DOM", "ms"],
];

function format(value, unit) {
  if (value == null) return "–";
  if (unit === "KB") value /= 1000;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toFixed(digits);
}

function table(summary, sizes) {
  const head = `| metric | ${pages.map((p) => p.title).join(" | ")} |`;
  const lines = [head, `| --- |${pages.map(() => " --- |").join("")}`];
  const sizeRow = (label, k) =>
    `| ${label} | ${pages.map((p) => (sizes[p.id][k] / 1000).toFixed(1)).join(" | ")} |`;
  lines.push(sizeRow("transfer, raw (KB)", "raw"), sizeRow("transfer, gzip -9 (KB)", "gzip"), sizeRow("transfer, brotli 11 (KB)", "brotli"));
  for (const [key, label, unit] of rows) {
    const cells = pages.map((p) => {
      const s = summary[p.id][key];
      return s ? `${format(s.median, unit)} (${format(s.p95, unit)})` : "–";
    });
    if (cells.every((c) => c === "–")) continue;
    lines.push(`| ${label} (${unit}) | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

function ratios(summary) {
  const [w, lean] = [summary.widget, summary["react-lean"]];
  const r = (a, b) => (a && b ? (a / b).toFixed(2) : "–");
  const ms = (s) => (s ? `${s.toFixed(2)} ms` : "–");
  const shell = summary["widget-shell"];
  return [
    `- script start → visible, widget shell first ÷ React+RHF (medians): ${r(shell.scriptToVisible?.median, lean.scriptToVisible?.median)}` +
      ` (→ interactive: ${r(shell.scriptToInteractive?.median, lean.scriptToInteractive?.median)})`,
    `- script start → visible, widget ÷ React+RHF (medians): ${r(w.scriptToVisible?.median, lean.scriptToVisible?.median)}`,
    `  (navigation → visible: ${r(w.navToVisible?.median, lean.navToVisible?.median)}; ` +
      `repeat visit: ${r(w["repeat.scriptToVisible"]?.median, lean["repeat.scriptToVisible"]?.median)})`,
    `- mount() → form in DOM, median: widget ${ms(w.mount?.median)}, React+RHF ${ms(lean.mount?.median)}, React+RHF+zod ${ms(summary["react-zod"].mount?.median)}`,
    `- blur → error shown, p95: widget ${ms(w.blurShow?.p95)}, React+RHF ${ms(lean.blurShow?.p95)}, React+RHF+zod ${ms(summary["react-zod"].blurShow?.p95)}` +
      ` (the floor, a bare input: ${ms(w.blurFloor?.p95)} on the widget's page)`,
    `- keystroke p95: sync widget ${ms(w.keySync?.p95)} vs React+RHF ${ms(lean.keySync?.p95)}; ` +
      `→ next frame widget ${ms(w.keyFrame?.p95)} vs React+RHF ${ms(lean.keyFrame?.p95)}`,
    `- (JS heap + wasm) after mount, widget ÷ React+RHF JS heap (medians): ${r(w.totalAfterMount?.median, lean.heapAfterMount?.median)}` +
      ` (${format(w.totalAfterMount?.median, "KB")} KB vs ${format(lean.heapAfterMount?.median, "KB")} KB)`,
    `- growth after ${CYCLES} cycles (heap+wasm, median): ` +
      pages.map((p) => `${p.title} ${format(summary[p.id].growthPct?.median, "%")} %`).join(", "),
    `- ten ÷ one (median): ` + pages.map((p) => `${p.title} ${format(summary[p.id].tenOverOne?.median, "×")}`).join(", "),
    `- a fresh page with ten forms ÷ with one, script start → visible (medians): ` +
      pages
        .map((p) => `${p.title} ${format(summary[p.id].scriptToVisibleTen?.median / summary[p.id].scriptToVisible?.median, "×")}`)
        .join(", "),
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(path.join(dirs.widget, "thena_add_contact_bg.wasm"))) {
    throw new Error(`no widget build in ${dirs.widget}: run trunk build --release first`);
  }
  const started = Date.now();
  const sizes = Object.fromEntries(pages.map((p) => [p.id, transferSize(p)]));
  const stub = await startStub(STUB_PORT);
  const server = await startServer();
  const browser = await launchChromium(["--enable-precise-memory-info", `--js-flags=${JS_FLAGS}`]);
  const loadBefore = os.loadavg();
  const samples = Object.fromEntries(pages.map((p) => [p.id, []]));
  try {
    for (let round = 0; round < WARMUP; round++) {
      for (const spec of pages) await runLoad(browser, server, stub, spec, `warmup${round}`, false);
    }
    for (let round = 0; round < RUNS; round++) {
      for (const spec of pages) {
        const result = await runLoad(browser, server, stub, spec, round, round < CYCLE_RUNS);
        Object.assign(result, await runTenLoad(browser, server, stub, spec, round));
        if (round < REPEAT_RUNS) Object.assign(result, await runRepeatLoad(browser, server, stub, spec, round));
        result.loadAverage = os.loadavg()[0];
        samples[spec.id].push(result);
      }
      process.stderr.write(`round ${round + 1}/${RUNS} done (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    }
    const summary = {};
    for (const spec of pages) {
      summary[spec.id] = {};
      const keys = new Set(samples[spec.id].flatMap(Object.keys));
      for (const key of keys) {
        summary[spec.id][key] = summarize(samples[spec.id].flatMap((s) => s[key] ?? []));
      }
    }
    const env = {
      date: new Date().toISOString(),
      chromium: browser.version(),
      cpu: `${os.cpus()[0].model} × ${os.cpus().length}`,
      node: process.version,
      jsFlags: JS_FLAGS,
      loadAverageBefore: loadBefore,
      loadAverageAfter: os.loadavg(),
      runs: RUNS,
      warmupRounds: WARMUP,
      cycleRuns: CYCLE_RUNS,
      cycles: CYCLES,
      repeatRuns: REPEAT_RUNS,
      repeatAfterMs: REPEAT_AFTER_MS,
      keystrokesPerLoad: KEYSTROKES,
      blursPerLoad: BLURS,
      seconds: (Date.now() - started) / 1000,
    };
    const markdown = table(summary, sizes);
    const ratioText = ratios(summary);
    console.log(`## Benchmark ${env.date}\n`);
    console.log(`Chromium ${env.chromium}; CPU ${env.cpu}; node ${env.node}; load average ${loadBefore.map((x) => x.toFixed(2)).join(" ")} → ${env.loadAverageAfter.map((x) => x.toFixed(2)).join(" ")}`);
    console.log(`${RUNS} loads per page (interleaved, fresh context each), ${CYCLE_RUNS} with ${CYCLES} create cycles; median (p95)\n`);
    console.log(markdown);
    console.log(`\nRatios:\n${ratioText}`);
    console.log(`\n(${env.seconds.toFixed(0)} s)`);
    const out = process.env.BENCH_OUT ?? path.join(root, "bench/results/latest.json");
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(
      out,
      JSON.stringify({ env, sizes, summary, samples, markdown, ratios: ratioText }, null, 2) + "\n",
    );
  } finally {
    await browser.close();
    server.close();
    stub.stop();
  }
}

// Run as a script; imported (for a profile or an experiment), it only offers the server.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
