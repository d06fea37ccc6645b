// Where the time of a slow blur goes: a Chromium trace of many blur → error rounds on one page,
// each round marked with User Timing, and for the slowest rounds against the median ones the
// trace events inside them, summed by name. The benchmark's server and pages are reused.
//
//   trunk build --release && node bench/profile.mjs [page id …]   (default: widget react-lean)
//
// PROFILE_BLURS: rounds per page (default 400); PROFILE_FLOOR=1: the rounds on the benchmark's
// floor (a bare input outside the form) instead of the form's email; PROFILE_REDUCED_MOTION=1:
// the pages under prefers-reduced-motion: reduce; PROFILE_OUT: where the raw traces go
// (default bench/results/, one <page>.trace.json each; open them in chrome://tracing or Perfetto).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { root, startStub, plainOrg, launchChromium } from "../tests/e2e/support.mjs";
import { pages, pageUrl, startServer, measureStartup, summarize, withTimeout } from "./run.mjs";

const BLURS = Number(process.env.PROFILE_BLURS ?? 400);
const OUT = process.env.PROFILE_OUT ?? path.join(root, "bench/results");
const FLOOR = process.env.PROFILE_FLOOR === "1";
const STUB_PORT = 8822;
const CATEGORIES = [
  "toplevel",
  "blink.user_timing",
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-devtools.timeline.stack",
  "v8",
  "v8.execute",
  "v8.wasm",
  "disabled-by-default-v8.gc",
  "disabled-by-default-v8.compile",
  "disabled-by-default-v8.wasm.detailed",
];

async function tracePage(browser, server, stub, spec) {
  const org = await plainOrg(stub, `profile-${spec.id}`);
  const context = await browser.newContext({ reducedMotion: process.env.PROFILE_REDUCED_MOTION === "1" ? "reduce" : "no-preference" });
  const page = await context.newPage();
  try {
    await page.goto(pageUrl(server, stub, spec, org));
    await withTimeout(measureStartup(page), 30000, `${spec.id}: form visible`);
    await page.addScriptTag({ url: "/pages/harness.js" });
    // The benchmark's rounds (bench/pages/harness.js), the first ones (lazy compilation) not
    // profiled.
    const blurRounds = ([count, floor]) =>
      (floor ? window.benchHarness.blurFloor(count, true) : window.benchHarness.blurs(count, { marked: true })).then(
        (samples) => samples.rounds,
      );
    await page.evaluate(blurRounds, [20, FLOOR]);
    const cdp = await context.newCDPSession(page);
    const events = [];
    cdp.on("Tracing.dataCollected", ({ value }) => events.push(...value));
    const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
    await cdp.send("Tracing.start", { categories: CATEGORIES.join(","), transferMode: "ReportEvents" });
    const times = await page.evaluate(blurRounds, [BLURS, FLOOR]);
    await cdp.send("Tracing.end");
    await complete;
    await mkdir(OUT, { recursive: true });
    await writeFile(path.join(OUT, `${spec.id}.trace.json`), JSON.stringify({ traceEvents: events }));
    return { times, events };
  } finally {
    await context.close();
  }
}

/**
 * The rounds' windows (trace µs) from their marks, and per window the time of each event name on
 * the page's main thread that overlaps it (clipped to the window; nested events each count).
 */
function analyse({ times, events }) {
  const marks = new Map(events.filter((e) => e.cat.includes("blink.user_timing")).map((e) => [e.name, e.ts]));
  const main = events.find((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain"
    && events.some((m) => m.cat.includes("blink.user_timing") && m.pid === e.pid && m.tid === e.tid));
  const spans = [];
  const open = new Map();
  for (const e of events) {
    if (!main || e.pid !== main.pid || e.tid !== main.tid) continue;
    if (e.ph === "X") spans.push({ name: e.name, start: e.ts, end: e.ts + (e.dur ?? 0) });
    else if (e.ph === "B") (open.get(e.name) ?? open.set(e.name, []).get(e.name)).push(e.ts);
    else if (e.ph === "E") {
      const start = open.get(e.name)?.pop();
      if (start !== undefined) spans.push({ name: e.name, start, end: e.ts });
    } else if (e.ph === "I" || e.ph === "i" || e.ph === "n") spans.push({ name: `${e.name} (instant)`, start: e.ts, end: e.ts });
  }
  return times
    .map((t) => ({ ...t, start: marks.get(`b${t.i}`), end: marks.get(`e${t.i}`) }))
    .filter((t) => t.start !== undefined && t.end !== undefined)
    .map((t) => {
      const byName = {};
      for (const s of spans) {
        if (s.end < t.start || s.start > t.end) continue;
        const ms = (Math.min(s.end, t.end) - Math.max(s.start, t.start)) / 1000;
        const entry = (byName[s.name] ??= { ms: 0, count: 0 });
        entry.ms += ms;
        entry.count += 1;
      }
      return { ...t, byName };
    });
}

function report(spec, rounds) {
  const { median, p95, max, n } = summarize(rounds.map((r) => r.ms));
  const slow = rounds.filter((r) => r.ms >= p95);
  const typical = rounds.filter((r) => Math.abs(r.ms - median) <= median * 0.25);
  const mean = (group, name) => group.reduce((sum, r) => sum + (r.byName[name]?.ms ?? 0), 0) / (group.length || 1);
  const share = (group, name) => group.filter((r) => r.byName[name]).length / (group.length || 1);
  const names = new Set(rounds.flatMap((r) => Object.keys(r.byName)));
  const rows = [...names]
    .map((name) => ({ name, slow: mean(slow, name), typical: mean(typical, name), inSlow: share(slow, name), inTypical: share(typical, name) }))
    .filter((row) => row.slow >= 0.02 || row.typical >= 0.02 || row.inSlow - row.inTypical > 0.2)
    .sort((a, b) => b.slow - b.typical - (a.slow - a.typical));
  console.log(`\n## ${spec.title}: ${n} blur rounds traced; median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${max.toFixed(2)} ms`);
  console.log(`(with tracing on: the times are longer than the benchmark's)\n`);
  console.log(`Slowest rounds: ${slow.sort((a, b) => b.ms - a.ms).slice(0, 12).map((r) => `#${r.i} ${r.ms.toFixed(2)}`).join(", ")}\n`);
  console.log(`| trace event (main thread) | mean ms in the ${slow.length} rounds ≥ p95 | in how many | mean ms in the ${typical.length} rounds near the median | in how many |`);
  console.log(`| --- | ---: | ---: | ---: | ---: |`);
  for (const row of rows.slice(0, 25)) {
    const pct = (x) => `${Math.round(x * 100)} %`;
    console.log(`| ${row.name} | ${row.slow.toFixed(3)} | ${pct(row.inSlow)} | ${row.typical.toFixed(3)} | ${pct(row.inTypical)} |`);
  }
}

async function main() {
  const ids = process.argv.slice(2).length ? process.argv.slice(2) : ["widget", "react-lean"];
  const stub = await startStub(STUB_PORT);
  const server = await startServer();
  const browser = await launchChromium(["--enable-precise-memory-info", "--js-flags=--expose-gc"]);
  try {
    for (const id of ids) {
      const spec = pages.find((p) => p.id === id);
      if (!spec) throw new Error(`no page ${id}: ${pages.map((p) => p.id).join(", ")}`);
      report(spec, analyse(await tracePage(browser, server, stub, spec)));
    }
  } finally {
    await browser.close();
    server.close();
    stub.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
