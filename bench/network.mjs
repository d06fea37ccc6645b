// Benchmark on a phone network: Lighthouse's "Slow 4G" (150 ms round trip, 1.6 Mbit/s down,
// 750 kbit/s up) through the DevTools protocol, every file served brotli-compressed to every page
// (the widget's and React's alike). The pages are bench/run.mjs's, loaded in turn, each in a
// fresh context with the cache off.
//
//   trunk build --release && node bench/network.mjs
//
// Per page: navigation → form visible, navigation → interactive (the widget's live form;
// React's mount), the bytes on the wire before visible and until interactive, and every byte
// once the network is idle (the organization's data included). BENCH_NET_RUNS: loads per page
// (default 7). Prints a markdown table (median (p95)) and writes bench/results/network.json
// (BENCH_OUT).
import { writeFile, mkdir } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants as zlib } from "node:zlib";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { root, startStub, plainOrg, launchChromium } from "../tests/e2e/support.mjs";
import { pages, startServer, pageUrl, summarize, withTimeout } from "./run.mjs";

const RUNS = Number(process.env.BENCH_NET_RUNS ?? 7);
const STUB_PORT = 8822;
/** Lighthouse's "Slow 4G" (its mobile throttling), in the protocol's bytes per second. */
export const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };

const compressed = new Map();
/** `body` brotli 11, once per path (the wasm takes a second or two). */
function brotli(pathname, body) {
  if (!compressed.has(pathname)) {
    compressed.set(pathname, brotliCompressSync(body, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
    }));
  }
  return compressed.get(pathname);
}

/** Each request of the page, from the protocol: its URL, bytes on the wire and end (epoch ms). */
async function recordRequests(page) {
  const cdp = await page.context().newCDPSession(page);
  const requests = new Map();
  let offset; // epoch seconds − the protocol's monotonic seconds
  cdp.on("Network.requestWillBeSent", (e) => {
    offset ??= e.wallTime - e.timestamp;
    requests.set(e.requestId, { url: e.request.url, bytes: 0, end: null });
  });
  cdp.on("Network.loadingFinished", (e) => {
    const request = requests.get(e.requestId);
    if (request) Object.assign(request, { bytes: e.encodedDataLength, end: (e.timestamp + offset) * 1000 });
  });
  cdp.on("Network.loadingFailed", (e) => {
    const request = requests.get(e.requestId);
    if (request) Object.assign(request, { failed: true, end: (e.timestamp + offset) * 1000 });
  });
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
  return requests;
}

/**
 * Resolves once no request of `requests` has been under way for 500 ms: `true`; `false` after
 * 20 s without such a pause (reported, not fatal: the figures are not assertions).
 */
async function networkIdle(requests) {
  const started = Date.now();
  let quietSince = Date.now();
  while (Date.now() - started < 20000) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const open = [...requests.values()].some((r) => r.end === null);
    if (open) quietSince = Date.now();
    else if (Date.now() - quietSince >= 500) return true;
  }
  return false;
}

async function networkLoad(browser, server, stub, spec, round) {
  const org = await plainOrg(stub, `bench-net-${spec.id}-${round}`);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // Layout shifts (CLS, as Lighthouse sums them), from the first paint to the network's idle.
    await page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    const requests = await recordRequests(page);
    await page.goto(pageUrl(server, stub, spec, org));
    const marks = await withTimeout(page.evaluate(() => window.__bench.ready), 60000, `${spec.id}: interactive`);
    const origin = await page.evaluate(() => performance.timeOrigin);
    const idle = await networkIdle(requests);
    const layoutShift = await page.evaluate(() => window.__shift);
    const all = [...requests.values()].filter((r) => r.end !== null && !r.failed);
    const bytesBy = (ms) => all.filter((r) => r.end <= origin + ms).reduce((sum, r) => sum + r.bytes, 0);
    return {
      navToVisible: marks.visible,
      navToInteractive: marks.interactive,
      bytesBeforeVisible: bytesBy(marks.visible),
      bytesUntilInteractive: bytesBy(marks.interactive),
      bytesTotal: all.reduce((sum, r) => sum + r.bytes, 0),
      layoutShift,
      idle,
      requests: all.map((r) => ({ url: new URL(r.url).pathname, bytes: r.bytes, end: r.end - origin })),
    };
  } finally {
    await context.close();
  }
}

const rows = [
  ["navToVisible", "navigation → form visible", "ms"],
  ["navToInteractive", "navigation → form interactive", "ms"],
  ["bytesBeforeVisible", "bytes on the wire before visible", "KB"],
  ["bytesUntilInteractive", "bytes on the wire until interactive", "KB"],
  ["bytesTotal", "bytes on the wire, network idle", "KB"],
  ["layoutShift", "layout shift (CLS) until the network is idle", ""],
];

function table(summary) {
  const lines = [`| Slow 4G | ${pages.map((p) => p.title).join(" | ")} |`, `| --- |${pages.map(() => " --- |").join("")}`];
  for (const [key, label, unit] of rows) {
    const cell = (s) =>
      unit === "KB" ? `${(s.median / 1000).toFixed(1)}` : unit ? `${s.median.toFixed(0)} (${s.p95.toFixed(0)})` : `${s.median.toFixed(3)} (${s.p95.toFixed(3)})`;
    lines.push(`| ${label}${unit ? ` (${unit})` : ""} | ${pages.map((p) => cell(summary[p.id][key])).join(" | ")} |`);
  }
  const lean = summary["react-lean"];
  const ratio = (id, key) => (summary[id][key].median / lean[key].median).toFixed(2);
  lines.push("", ...pages.filter((p) => p.id.startsWith("widget")).map((p) =>
    `- ${p.title} ÷ React+RHF: visible ${ratio(p.id, "navToVisible")}×, interactive ${ratio(p.id, "navToInteractive")}×`));
  return lines.join("\n");
}

async function main() {
  const stub = await startStub(STUB_PORT);
  const server = await startServer({
    encode: (pathname, body) => brotli(pathname, body),
  });
  const browser = await launchChromium();
  const samples = Object.fromEntries(pages.map((p) => [p.id, []]));
  const started = Date.now();
  try {
    for (let round = 0; round < RUNS; round++) {
      for (const spec of pages) samples[spec.id].push(await networkLoad(browser, server, stub, spec, round));
      process.stderr.write(`round ${round + 1}/${RUNS} done (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    }
  } finally {
    await browser.close();
    server.close();
    stub.stop();
  }
  const summary = {};
  for (const spec of pages) {
    summary[spec.id] = Object.fromEntries(rows.map(([key]) => [key, summarize(samples[spec.id].map((s) => s[key]))]));
  }
  const markdown = table(summary);
  const noisy = pages.filter((p) => samples[p.id].some((s) => !s.idle)).map((p) => p.id);
  if (noisy.length) console.log(`(the network never went quiet for 500 ms within 20 s on a load of: ${noisy.join(", ")})`);
  console.log(`## Slow 4G (150 ms, 1.6 Mbit/s down, 750 kbit/s up; brotli), ${RUNS} loads per page, median (p95)\n`);
  console.log(markdown);
  const out = process.env.BENCH_OUT ?? path.join(root, "bench/results/network.json");
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify({ date: new Date().toISOString(), profile: SLOW_4G, summary, samples, markdown }, null, 2) + "\n");
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
