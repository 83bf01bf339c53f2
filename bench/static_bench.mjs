// What the static search page fetches from its host: for each folder export-static wrote,
// served by the tests' static file server (tests/browser/static_server.mjs, which answers
// Range requests as static hosts do) on 127.0.0.1 and opened in headless Chromium, the
// bytes and requests the server sent to open the engine (the page, the engine, the
// manifest and what of the index opening reads), for the first search, and for the next
// ten searches of bench/queries.txt, typed into the page's box. Prints a Markdown table.
// With --throttle, also times the page on a link Chromium throttles (Network.emulate-
// NetworkConditions: 10 Mbit/s down and up, 40 ms latency): a deep link to the first
// search until its results are shown, then the next ten searches typed letter by letter,
// each keystroke until its results are shown (on a static host the page searches at
// once; under the server it waits 40 ms for the next keystroke).
//
//   node bench/static_bench.mjs NAME=FOLDER… [--pagefind NAME=SITE]… [--throttle] [--chromium /usr/bin/chromium]
//   e.g. node bench/static_bench.mjs 1000=/tmp/export-1000 10000=/tmp/export-10000
//
// With --pagefind, the same measures of Pagefind on a site bench/pagefind_site.sh built
// from the same corpus, served whole by the same server: a page of the site (the test's
// own, not served) imports /pagefind/pagefind.js, searches, and loads the data of the
// first ten results (as the static page shows ten); each keystroke is a search of what
// is typed so far and the data of its first ten results (no typing delay: Pagefind's
// own UI waits 300 ms; clubsearch's static page waits for none either).
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
    pagefind: { type: "string", multiple: true, default: [] },
  },
  allowPositionals: true,
});
if (
  (!positionals.length && !options.pagefind.length) ||
  [...positionals, ...options.pagefind].some((given) => !given.includes("="))
) {
  console.error("usage: node bench/static_bench.mjs NAME=FOLDER… [--pagefind NAME=SITE]… [--throttle] [--chromium PATH]");
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

// The page's link, from now on: 10 Mbit/s down and up, 40 ms of latency, no cache.
async function throttleLink(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 40,
    downloadThroughput: 10e6 / 8,
    uploadThroughput: 10e6 / 8,
  });
}

// Whether the keystroke that types `q`'s first `at` characters is timed: one that only
// adds a space searches for what was shown already.
const timedKeystroke = (q, at) => {
  const prefix = q.slice(0, at);
  return prefix.trim() === prefix && prefix.trim() !== q.slice(0, at - 1).trim();
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
    await throttleLink(context, page);
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
        if (!timedKeystroke(q, at)) continue;
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

// ---- Pagefind on the same posts

// The page that runs Pagefind: fulfilled by the test (never served, never counted).
const PAGEFIND_PAGE = `<!doctype html><meta charset="utf-8"><title>pagefind</title><script type="module">
const pagefind = await import("/pagefind/pagefind.js");
// A search as a results page shows it: the matches, and the data of the first ten.
window.__search = async (query) => {
  const found = await pagefind.search(query);
  const shown = await Promise.all(found.results.slice(0, 10).map((result) => result.data()));
  return { total: found.results.length, shown: shown.length };
};
const q = new URL(location.href).searchParams.get("q");
if (q) window.__first = { ...(await window.__search(q)), at: performance.now() };
window.__ready = true;
</script>`;

async function pagefindPage(browser, server, throttle) {
  const context = await browser.newContext();
  await context.route("**/__bench.html*", (route) => route.fulfill({ status: 200, contentType: "text/html", body: PAGEFIND_PAGE }));
  const page = await context.newPage();
  page.setDefaultTimeout(300_000);
  if (throttle) await throttleLink(context, page);
  return { context, page };
}

async function measurePagefind(browser, name, site) {
  const server = await startStaticServer({ root: site, base: "/" });
  try {
    const { context, page } = await pagefindPage(browser, server, false);
    await page.goto(new URL(`/__bench.html?q=${encodeURIComponent(FIRST)}`, server.url).href);
    await page.waitForFunction(() => window.__ready === true);
    const first = sent(server.log, 0);
    const firstAnswer = await page.evaluate(() => window.__first);
    const mark = server.log.length;
    for (const q of NEXT) await page.evaluate((q) => window.__search(q), q);
    const next = sent(server.log, mark);
    await context.close();
    let timed = null;
    if (options.throttle) {
      const throttled = await pagefindPage(browser, server, true);
      const from = server.log.length;
      await throttled.page.goto(new URL(`/__bench.html?q=${encodeURIComponent(FIRST)}`, server.url).href);
      await throttled.page.waitForFunction(() => window.__ready === true);
      const firstMs = await throttled.page.evaluate(() => window.__first.at);
      const firstBytes = sent(server.log, from);
      const keystrokes = [];
      for (const q of NEXT)
        for (let at = 1; at <= q.length; at++) {
          if (!timedKeystroke(q, at)) continue;
          const prefix = q.slice(0, at);
          keystrokes.push(
            await throttled.page.evaluate(async (prefix) => {
              const started = performance.now();
              await window.__search(prefix);
              return performance.now() - started;
            }, prefix),
          );
        }
      await throttled.context.close();
      timed = { first: firstMs, firstBytes, keystrokes };
    }
    const pagefindBytes = fs
      .readdirSync(path.join(site, "pagefind"), { recursive: true })
      .map((file) => path.join(site, "pagefind", file))
      .filter((file) => fs.statSync(file).isFile())
      .reduce((total, file) => total + fs.statSync(file).size, 0);
    return { name, first, firstAnswer, next, timed, pagefindBytes };
  } finally {
    await server.close();
  }
}

const browser = await chromium.launch({ executablePath: options.chromium, args: ["--no-sandbox"] });
const rows = [];
const pagefindRows = [];
try {
  // NAME=FOLDER
  const named = (given) => [given.slice(0, given.indexOf("=")), given.slice(given.indexOf("=") + 1)];
  for (const given of positionals) rows.push(await measure(browser, ...named(given)));
  for (const given of options.pagefind) pagefindRows.push(await measurePagefind(browser, ...named(given)));
} finally {
  await browser.close();
}

const ms = (value) => `${Math.round(value).toLocaleString("en")} ms`;
const cell = (part) =>
  `${kb(part.bytes)} in ${part.requests} (index: ${kb(part.index)} in ${part.indexRequests}; columns: ${kb(part.columns)} in ${part.columnsRequests})`;
console.log(`First search: \`${FIRST}\`; next ten: ${NEXT.map((q) => `\`${q}\``).join(", ")}.\n`);
if (rows.length) {
console.log("| posts | documents | index.glass | facets.columns | open the engine | first search | next 10 searches | total before first results |");
console.log("|---|---|---|---|---|---|---|---|");
for (const row of rows)
  console.log(
    `| ${row.name} | ${row.documents.toLocaleString("en")} | ${mb(row.size)} | ${mb(row.columnsSize)} | ${cell(row.open)} | ${cell(row.first)} | ${cell(row.next)} | ${mb(row.open.bytes + row.first.bytes)} |`,
  );
}
// The throttled times of `measured` (rows with `timed`), as a table under `title`.
function printTimes(title, measured) {
  console.log(`\n${title}:\n`);
  console.log("| posts | first results | fetched before them | keystrokes timed | keystroke to results p50 | p95 | max |");
  console.log("|---|---|---|---|---|---|---|");
  for (const { name, timed } of measured)
    console.log(
      `| ${name} | ${ms(timed.first)} | ${mb(timed.firstBytes.bytes)} in ${timed.firstBytes.requests} | ${timed.keystrokes.length} | ${ms(percentile(timed.keystrokes, 50))} | ${ms(percentile(timed.keystrokes, 95))} | ${ms(Math.max(...timed.keystrokes))} |`,
    );
}
if (options.throttle && rows.length)
  printTimes("Throttled to 10 Mbit/s down and up with 40 ms latency (a deep link to the first search; then the next ten typed letter by letter)", rows);
if (rows.length)
  console.log(`\n(bytes: response bodies the static server sent; in N: requests. The worker's own count at the end: ${rows.map((row) => `${row.name}: ${JSON.stringify(row.stats)}`).join("; ")})`);
if (pagefindRows.length) {
  console.log("\nPagefind on the same posts (its files, then what a search fetched; the first search's matches and results loaded):\n");
  console.log("| posts | Pagefind's files | first search: matches, loaded | before first results | next 10 searches |");
  console.log("|---|---|---|---|---|");
  for (const row of pagefindRows)
    console.log(
      `| ${row.name} | ${mb(row.pagefindBytes)} | ${row.firstAnswer.total}, ${row.firstAnswer.shown} | ${mb(row.first.bytes)} in ${row.first.requests} | ${kb(row.next.bytes)} in ${row.next.requests} |`,
    );
  if (options.throttle)
    printTimes("Pagefind throttled (10 Mbit/s, 40 ms; keystrokes: each prefix searched and its first ten results loaded, no typing delay)", pagefindRows);
}
