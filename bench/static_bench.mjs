// What the static search page fetches from its host: for each folder export-static wrote,
// served by the tests' static file server (tests/browser/static_server.mjs, which answers
// Range requests as static hosts do) on 127.0.0.1 and opened in headless Chromium, the
// bytes and requests the server sent to open the engine (the page, the engine, the
// manifest and what of the index opening reads), for the first search, and for the next
// ten searches of bench/queries.txt, typed into the page's box. Prints a Markdown table.
// With --throttle, also times the page on a link Chromium throttles (Network.emulate-
// NetworkConditions: 10 Mbit/s down and up, 40 ms latency): a deep link to the first
// search until its results are shown, then the next ten searches typed letter by letter,
// each keystroke until its results are shown (the page waits 40 ms after a keystroke
// before it searches: that is part of each figure).
//
//   node bench/static_bench.mjs NAME=FOLDER… [--throttle] [--chromium /usr/bin/chromium]
//   e.g. node bench/static_bench.mjs 1000=/tmp/export-1000 10000=/tmp/export-10000
//
// Needs tests/browser's node_modules (playwright-core; run.sh installs it).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { INIT_SCRIPT, renders } from "../tests/browser/harness.mjs";
import { startStaticServer } from "../tests/browser/static_server.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: options, positionals } = parseArgs({
  options: {
    chromium: { type: "string", default: process.env.CHROMIUM || "/usr/bin/chromium" },
    throttle: { type: "boolean", default: false },
  },
  allowPositionals: true,
});
if (!positionals.length || positionals.some((given) => !given.includes("="))) {
  console.error("usage: node bench/static_bench.mjs NAME=FOLDER… [--throttle] [--chromium PATH]");
  process.exit(2);
}
const { chromium } = await import(path.join(here, "../tests/browser/node_modules/playwright-core/index.mjs"));

const queries = fs
  .readFileSync(path.join(here, "queries.txt"), "utf8")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith("#"));
const FIRST = queries[0];
const NEXT = queries.slice(1, 11);

const BASE = "/search/";
const kb = (bytes) => `${(bytes / 1000).toLocaleString("en", { maximumFractionDigits: 0 })} kB`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;

// What the server sent since `from` of its log: {bytes, requests, and of them those of
// index.glass (index) and of facets.columns (columns)}.
function sent(log, from) {
  const entries = log.slice(from);
  const of = (name) => entries.filter((entry) => entry.path.startsWith(`${BASE}${name}`));
  const sum = (list) => list.reduce((total, entry) => total + entry.bytes, 0);
  const [glass, columns] = [of("index.glass"), of("facets.columns")];
  return {
    bytes: sum(entries),
    requests: entries.length,
    index: sum(glass),
    indexRequests: glass.length,
    columns: sum(columns),
    columnsRequests: columns.length,
  };
}

// Records in the page, on the clock of performance.now(), each keystroke's input event
// and each render with the query it shows.
const TIMES_SCRIPT = () => {
  const times = { inputs: [], renders: [] };
  Object.defineProperty(window, "__times", { value: times });
  document.addEventListener("input", (event) => times.inputs.push(event.timeStamp), true);
  window.addEventListener(
    "clubsearch:rendered",
    () => times.renders.push([performance.now(), new URL(location.href).searchParams.get("q") ?? ""]),
    true,
  );
};

const percentile = (list, p) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

// On a throttled link: the time from asking for the page (a deep link to the first
// search) to its results, and each keystroke's time to its results afterwards.
async function timeThrottled(browser, folder) {
  const server = await startStaticServer({ root: folder, base: BASE });
  try {
    const context = await browser.newContext();
    await context.addInitScript(INIT_SCRIPT);
    await context.addInitScript(TIMES_SCRIPT);
    const page = await context.newPage();
    page.setDefaultTimeout(300_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 40,
      downloadThroughput: 10e6 / 8,
      uploadThroughput: 10e6 / 8,
    });
    await page.goto(`${server.url}?q=${encodeURIComponent(FIRST)}`);
    await page.waitForFunction((q) => window.__times.renders.some(([, shown]) => shown === q), FIRST);
    const first = await page.evaluate((q) => window.__times.renders.find(([, shown]) => shown === q)[0], FIRST);
    const firstBytes = sent(server.log, 0);
    const keystrokes = [];
    const box = page.locator("#q");
    for (const q of NEXT) {
      const n = await renders(page);
      await box.fill("");
      await page.waitForFunction(
        (n) => window.__probe.renders > n && (new URL(location.href).searchParams.get("q") ?? "") === "",
        n,
      );
      for (let at = 1; at <= q.length; at++) {
        const prefix = q.slice(0, at);
        const before = await renders(page);
        await page.keyboard.type(q[at - 1]);
        // A keystroke that only adds a space searches for what was shown: not timed.
        if (prefix.trim() !== prefix || prefix.trim() === q.slice(0, at - 1).trim()) continue;
        await page.waitForFunction(
          ([q, n]) => window.__probe.renders > n && (new URL(location.href).searchParams.get("q") ?? "") === q,
          [prefix, before],
        );
        const [input, render] = await page.evaluate(() => [window.__times.inputs.at(-1), window.__times.renders.at(-1)[0]]);
        keystrokes.push(render - input);
      }
    }
    await context.close();
    return { first, firstBytes, keystrokes };
  } finally {
    await server.close();
  }
}

async function measure(browser, name, folder) {
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, "manifest.json"), "utf8"));
  const server = await startStaticServer({ root: folder, base: BASE });
  try {
    const context = await browser.newContext();
    await context.addInitScript(INIT_SCRIPT);
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await page.goto(server.url);
    await page.waitForFunction(() => document.documentElement.dataset.engine === "ready");
    const open = sent(server.log, 0);
    const type = async (q) => {
      const n = await renders(page);
      await page.locator("#q").fill(q);
      await page.waitForFunction(
        ([q, n]) => window.__probe.renders > n && (new URL(location.href).searchParams.get("q") ?? "") === q,
        [q, n],
      );
    };
    let mark = server.log.length;
    await type(FIRST);
    const first = sent(server.log, mark);
    mark = server.log.length;
    for (const q of NEXT) await type(q);
    const next = sent(server.log, mark);
    const stats = await page.evaluate(() => window.__clubsearchStats);
    await context.close();
    const timed = options.throttle ? await timeThrottled(browser, folder) : null;
    return {
      name,
      documents: manifest.source.documents,
      size: manifest.files["index.glass"].bytes,
      columnsSize: manifest.files["facets.columns"].bytes,
      open,
      first,
      next,
      stats,
      timed,
    };
  } finally {
    await server.close();
  }
}

const browser = await chromium.launch({ executablePath: options.chromium, args: ["--no-sandbox"] });
const rows = [];
try {
  for (const given of positionals) {
    const [name, folder] = [given.slice(0, given.indexOf("=")), given.slice(given.indexOf("=") + 1)];
    rows.push(await measure(browser, name, folder));
  }
} finally {
  await browser.close();
}

const cell = (part) =>
  `${kb(part.bytes)} in ${part.requests} (index: ${kb(part.index)} in ${part.indexRequests}; columns: ${kb(part.columns)} in ${part.columnsRequests})`;
console.log(`First search: \`${FIRST}\`; next ten: ${NEXT.map((q) => `\`${q}\``).join(", ")}.\n`);
console.log("| posts | documents | index.glass | facets.columns | open the engine | first search | next 10 searches | total before first results |");
console.log("|---|---|---|---|---|---|---|---|");
for (const row of rows)
  console.log(
    `| ${row.name} | ${row.documents.toLocaleString("en")} | ${mb(row.size)} | ${mb(row.columnsSize)} | ${cell(row.open)} | ${cell(row.first)} | ${cell(row.next)} | ${mb(row.open.bytes + row.first.bytes)} |`,
  );
if (options.throttle) {
  const ms = (value) => `${Math.round(value).toLocaleString("en")} ms`;
  console.log("\nThrottled to 10 Mbit/s down and up with 40 ms latency (a deep link to the first search; then the next ten typed letter by letter):\n");
  console.log("| posts | first results | fetched before them | keystrokes timed | keystroke to results p50 | p95 | max |");
  console.log("|---|---|---|---|---|---|---|");
  for (const { name, timed } of rows)
    console.log(
      `| ${name} | ${ms(timed.first)} | ${mb(timed.firstBytes.bytes)} in ${timed.firstBytes.requests} | ${timed.keystrokes.length} | ${ms(percentile(timed.keystrokes, 50))} | ${ms(percentile(timed.keystrokes, 95))} | ${ms(Math.max(...timed.keystrokes))} |`,
    );
}
console.log(`\n(bytes: response bodies the static server sent; in N: requests. The worker's own count at the end: ${rows.map((row) => `${row.name}: ${JSON.stringify(row.stats)}`).join("; ")})`);
