#!/usr/bin/env node
// The search page's keystroke → rendered-results time in Chromium (playwright-core from
// tests/browser/node_modules, Debian's /usr/bin/chromium).
//
//   node bench/page_bench.mjs [INDEX_OR_SITE] [--count 20] [--runs 3] [--out FILE]
//        [--queries FILE] [--clubsearch BIN] [--chromium PATH]
//
// INDEX_OR_SITE is an index directory (one with XAPIANDB, such as
// build-qbench/bench-index-10000-seed1, the default when it exists) or a site to index
// into a temporary directory first (data/, the default otherwise). Run
// `npm ci --prefix tests/browser` once if tests/browser/node_modules is missing.
//
// For each query: #q is set to the query minus its last character and that search is
// left to render; then the last character is pressed (a real keydown, keypress and
// input). Timed in the page with performance.now():
//   raw        keydown of the last character → the page's `clubsearch:rendered` event
//              (the new #facets and #main are in the DOM; before paint)
//   no debounce  the page's fetch() call for the full query → `clubsearch:rendered`
//   debounce   keydown → fetch() (app.js waits TYPING_DELAY ms after the last input)
//   fetch      the fetch's Resource Timing duration (request to the end of the response:
//              network and server)
//   swap       the end of the response → `clubsearch:rendered` (reading, parsing and
//              swapping the HTML in)
// Prints p50/p95/max and writes a Markdown report (default bench/results/page.md).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    count: { type: "string", default: "20" },
    runs: { type: "string", default: "3" },
    warmup: { type: "string", default: "3" },
    out: { type: "string", default: path.join(root, "bench/results/page.md") },
    queries: { type: "string", default: path.join(root, "bench/queries.txt") },
    clubsearch: { type: "string", default: path.join(root, "build/cli/clubsearch") },
    chromium: { type: "string", default: process.env.CHROMIUM || "/usr/bin/chromium" },
    // Sent instead of Chromium's own Accept-Encoding (gzip, deflate, br, zstd), to see
    // what the response's compression costs: --accept-encoding gzip, or identity.
    "accept-encoding": { type: "string" },
  },
});
const COUNT = Number(options.count);
const RUNS = Number(options.runs);
const WARMUP = Number(options.warmup);

let playwright;
try {
  playwright = createRequire(path.join(root, "tests/browser/package.json"))("playwright-core");
} catch {
  console.error("page_bench: playwright-core is not installed; run: npm ci --prefix tests/browser");
  process.exit(2);
}
for (const [what, file] of [["clubsearch", options.clubsearch], ["Chromium", options.chromium]])
  if (!fs.existsSync(file)) {
    console.error(`page_bench: no ${what} at ${file}`);
    process.exit(2);
  }

// ---------------------------------------------------------------------------------
// The index and the server

const defaultTarget = path.join(root, "build-qbench/bench-index-10000-seed1");
const target = path.resolve(positionals[0] ?? (fs.existsSync(defaultTarget) ? defaultTarget : path.join(root, "data")));
let scratch = null;
let server = null;
let browser = null;

async function cleanUp() {
  if (browser) await browser.close().catch(() => {});
  browser = null;
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    const timer = setTimeout(() => server.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  scratch = null;
}
process.on("exit", () => server && server.exitCode === null && server.kill("SIGKILL"));
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => cleanUp().finally(() => process.exit(1)));

function indexSite(site) {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "clubsearch-page-bench-"));
  const db = path.join(scratch, "index");
  console.log(`Indexing ${site} into ${db}`);
  const run = spawnSync(options.clubsearch, ["--db", db, "index", site, "--quiet"], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`indexing ${site} failed:\n${run.stdout}${run.stderr}`);
  return db;
}

function startServer(db) {
  return new Promise((resolve, reject) => {
    server = spawn(options.clubsearch, ["serve", "--db", db, "--listen", "127.0.0.1:0", "--quiet"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => reject(new Error("the server printed no URL within 30 s")), 30_000);
    server.stdout.on("data", (chunk) => {
      stdout += chunk;
      const found = /^Serving .* at (http:\/\/127\.0\.0\.1:\d+\/)\s*$/m.exec(stdout);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    server.stderr.on("data", (chunk) => (stderr += chunk));
    server.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}):\n${stderr}`));
    });
  });
}

// ---------------------------------------------------------------------------------
// Figures

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1],
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
  };
}
const median = (values) => summary(values).p50;
const ms = (value) => value.toFixed(1);

// The CMake build type of the build directory the binary is in (BUILD/cli/clubsearch).
function buildType() {
  try {
    const cache = fs.readFileSync(path.join(path.dirname(path.resolve(options.clubsearch)), "..", "CMakeCache.txt"), "utf8");
    return /^CMAKE_BUILD_TYPE:[A-Z]*=(.*)$/m.exec(cache)?.[1] || "unknown";
  } catch {
    return "unknown";
  }
}

function gitCommit() {
  try {
    let commit = execFileSync("git", ["-C", root, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["-C", root, "status", "--porcelain", "--", ".", ":(exclude)bench/results"], { encoding: "utf8" });
    if (dirty.trim()) commit += " (with uncommitted changes)";
    return commit;
  } catch {
    return "unknown";
  }
}

// ---------------------------------------------------------------------------------
// The measurement

// Runs in the page before app.js: hooks that time one keystroke at a time.
const PROBE = () => {
  const bench = { armed: null, keydown: null, input: null, fetchStart: null, fetchUrl: null, rendered: null, renders: 0 };
  Object.defineProperty(window, "__bench", { value: bench });
  const q = () => new URL(location.href).searchParams.get("q") ?? "";
  window.addEventListener(
    "keydown",
    () => {
      if (bench.armed !== null && bench.keydown === null) bench.keydown = performance.now();
    },
    true,
  );
  window.addEventListener(
    "input",
    () => {
      if (bench.armed !== null && bench.input === null) bench.input = performance.now();
    },
    true,
  );
  const originalFetch = window.fetch;
  window.fetch = function (url, ...rest) {
    if (bench.armed !== null && bench.fetchStart === null && new URL(url, location.href).searchParams.get("q") === bench.armed) {
      bench.fetchStart = performance.now();
      bench.fetchUrl = String(url);
    }
    return originalFetch.call(this, url, ...rest);
  };
  window.addEventListener(
    "clubsearch:rendered",
    () => {
      bench.renders++;
      if (bench.armed !== null && bench.rendered === null && q() === bench.armed) bench.rendered = performance.now();
    },
    true,
  );
};

async function measure(page, query) {
  const prefix = query.slice(0, -1);
  const last = query.slice(-1);
  // The search for the query minus its last character, rendered and settled.
  const before = await page.evaluate(() => window.__bench.renders);
  await page.locator("#q").fill(prefix);
  const expected = prefix.trim() ? prefix : "";
  await page.waitForFunction(
    ([before, expected]) => window.__bench.renders > before && (new URL(location.href).searchParams.get("q") ?? "") === expected,
    [before, expected],
    { timeout: 30_000 },
  );
  await page.waitForTimeout(100);
  await page.evaluate(() => performance.clearResourceTimings());
  await page.evaluate((query) => {
    Object.assign(window.__bench, { keydown: null, input: null, fetchStart: null, fetchUrl: null, rendered: null });
    window.__bench.armed = query;
  }, query);
  if (/^[\x20-\x7e]$/.test(last)) await page.keyboard.press(last);
  else await page.keyboard.insertText(last); // no keydown: timed from the input event
  await page.waitForFunction(() => window.__bench.rendered !== null, null, { timeout: 30_000 });
  const sample = await page.evaluate(() => {
    const bench = window.__bench;
    bench.armed = null;
    const entry = performance
      .getEntriesByType("resource")
      .filter((resource) => resource.name === new URL(bench.fetchUrl, location.href).href)
      .pop();
    return {
      start: bench.keydown ?? bench.input,
      fetchStart: bench.fetchStart,
      rendered: bench.rendered,
      fetchDuration: entry ? entry.responseEnd - entry.startTime : null,
      encodedBytes: entry ? entry.encodedBodySize : null,
      decodedBytes: entry ? entry.decodedBodySize : null,
      responseEnd: entry ? entry.responseEnd : null,
      status: document.querySelector("#status .count")?.textContent ?? document.querySelector(".error p")?.textContent ?? "",
      error: document.querySelector("#main .error") !== null,
    };
  });
  return {
    raw: sample.rendered - sample.start,
    noDebounce: sample.rendered - sample.fetchStart,
    debounce: sample.fetchStart - sample.start,
    fetch: sample.fetchDuration,
    swap: sample.responseEnd === null ? null : sample.rendered - sample.responseEnd,
    status: sample.status,
    error: sample.error,
    encodedBytes: sample.encodedBytes,
    decodedBytes: sample.decodedBytes,
  };
}

async function main() {
  const isIndex = fs.existsSync(path.join(target, "XAPIANDB"));
  const isSite = !isIndex && (fs.existsSync(path.join(target, "config.toml")) || fs.existsSync(path.join(target, "content")));
  if (!isIndex && !isSite) throw new Error(`${target} is neither an index (no XAPIANDB) nor a site (no config.toml or content/)`);
  const db = isIndex ? target : indexSite(target);

  const all = fs
    .readFileSync(options.queries, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#") && line.length >= 2);
  const queries = Array.from({ length: Math.min(COUNT, all.length) }, (_, i) => all[Math.floor((i * all.length) / Math.min(COUNT, all.length))]);

  const loadStart = os.loadavg();
  const base = await startServer(db);
  const stats = await (await fetch(new URL("/api/stats", base))).json();
  // The typing delay of the app.js this server serves, for the report.
  const pageHtml = await (await fetch(base)).text();
  const script = /<script src="([^"]+)"/.exec(pageHtml);
  const appJs = script ? await (await fetch(new URL(script[1].replace(/&amp;/g, "&"), base))).text() : "";
  const delay = /TYPING_DELAY\s*=\s*(\d+)/.exec(appJs)?.[1] ?? "?";
  console.log(`Serving ${db} (${stats.documents} documents) at ${base}`);
  // Nothing leaves the machine: every host name but 127.0.0.1 fails to resolve. (Not
  // page.route: intercepting requests would add its own milliseconds to every fetch.)
  browser = await playwright.chromium.launch({
    executablePath: options.chromium,
    args: ["--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    ...(options["accept-encoding"] ? { extraHTTPHeaders: { "Accept-Encoding": options["accept-encoding"] } } : {}),
  });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  await page.goto(base);

  // Warm up on queries outside the timed set, so that the first timed run of each query
  // is one the server has not answered yet (it keeps recent answers in a cache).
  const spare = all.filter((query) => !queries.includes(query));
  for (const query of spare.slice(0, WARMUP)) await measure(page, query);
  const samples = new Map(queries.map((query) => [query, []]));
  for (let run = 0; run < RUNS; run++)
    for (const query of queries) {
      const sample = await measure(page, query);
      samples.get(query).push(sample);
      process.stdout.write(`run ${run + 1}/${RUNS} ${JSON.stringify(query).padEnd(40)} raw ${ms(sample.raw).padStart(7)} ms, without the debounce ${ms(sample.noDebounce).padStart(6)} ms  ${sample.status}\n`);
    }
  const loadEnd = os.loadavg();
  const chromiumVersion = browser.version();
  await cleanUp();

  const flat = [...samples.values()].flat();
  const metrics = [
    ["raw", "keydown → rendered (raw)"],
    ["noDebounce", "fetch() call → rendered (without the debounce)"],
    ["debounce", "keydown → fetch() call (the debounce)"],
    ["fetch", "fetch: request → end of response"],
    ["swap", "end of response → rendered (parse and swap)"],
  ];
  const figuresOf = (list) => Object.fromEntries(metrics.map(([key]) => [key, summary(list.map((sample) => sample[key]).filter((value) => value !== null))]));
  const first = [...samples.values()].map((list) => list[0]);
  const repeats = [...samples.values()].flatMap((list) => list.slice(1));
  const groups = [
    [`All ${flat.length} keystrokes (${queries.length} queries × ${RUNS} runs)`, figuresOf(flat)],
    [`First run of each query (${first.length}): the server computes every answer`, figuresOf(first)],
    ...(repeats.length ? [[`Later runs (${repeats.length}): the server may answer from its cache of recent answers`, figuresOf(repeats)]] : []),
  ];

  for (const [title, figures] of groups) {
    console.log(`\n${title}; milliseconds`);
    console.log(`${"".padEnd(50)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"max".padStart(7)} ${"mean".padStart(7)}`);
    for (const [key, label] of metrics) {
      const f = figures[key];
      console.log(`${label.padEnd(50)} ${ms(f.p50).padStart(7)} ${ms(f.p95).padStart(7)} ${ms(f.max).padStart(7)} ${ms(f.mean).padStart(7)}`);
    }
  }

  const cpu = os.cpus()[0]?.model?.trim() ?? "unknown CPU";
  const playwrightVersion = JSON.parse(fs.readFileSync(path.join(root, "tests/browser/node_modules/playwright-core/package.json"), "utf8")).version;
  const relative = (file) => (path.relative(root, file).startsWith("..") ? file : path.relative(root, file));
  const command = ["node bench/page_bench.mjs", relative(target), ...(COUNT !== 20 ? [`--count ${COUNT}`] : []), ...(RUNS !== 3 ? [`--runs ${RUNS}`] : []), ...(options["accept-encoding"] ? [`--accept-encoding '${options["accept-encoding"]}'`] : [])].join(" ");
  const bytes = (key) => {
    const values = flat.map((sample) => sample[key]).filter((value) => value !== null && value !== undefined);
    return values.length ? `${(median(values) / 1024).toFixed(1)} KiB` : "?";
  };
  const lines = [
    "# Search page benchmark: keystroke to rendered results",
    "",
    `- Date: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    `- Machine: ${os.cpus().length} cores, ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}`,
    `- Load average at the start: ${loadStart.map((v) => v.toFixed(2)).join(" ")}; at the end: ${loadEnd.map((v) => v.toFixed(2)).join(" ")} (other work on the machine slows every figure)`,
    `- Commit: ${gitCommit()}; binary: \`${relative(options.clubsearch)}\`, build type ${buildType()}`,
    `- Index: \`${relative(target)}\`${isIndex ? "" : " (indexed into a temporary directory first)"}: ${stats.documents} documents, ${stats.posts} posts`,
    `- Chromium ${chromiumVersion} (headless, \`${options.chromium}\`), playwright-core ${playwrightVersion}, Node.js ${process.version}`,
    `- Accept-Encoding: ${options["accept-encoding"] ? `\`${options["accept-encoding"]}\` (set by the benchmark)` : "Chromium's own (gzip, deflate, br, zstd)"}; the pages fetched: median ${bytes("encodedBytes")} on the wire, ${bytes("decodedBytes")} of HTML`,
    `- Queries: ${queries.length} of the ${all.length} in \`bench/queries.txt\` (evenly spaced), ${RUNS} runs each, after ${WARMUP} untimed keystrokes on other queries: ${flat.length} keystrokes`,
    "",
    "## Command",
    "",
    "```sh",
    command,
    "```",
    "",
    "## What is timed",
    "",
    "One server (`clubsearch serve --quiet` on 127.0.0.1) and one page, 1280×800. For each",
    "query, `#q` is set to the query without its last character and that search is left",
    "to render (and 100 ms more); then the last character is pressed (`keyboard.press`: a",
    "real keydown, keypress and input). In the page, with `performance.now()`:",
    "",
    "- **raw**: the keydown of the last character → the page's `clubsearch:rendered` event",
    "  (the new `#facets` and `#main` are in the DOM; paint comes after). This includes",
    `  app.js's typing delay (\`TYPING_DELAY\`, ${delay} ms in the app.js served).`,
    "- **without the debounce**: app.js's `fetch()` call for the full query → `clubsearch:rendered`.",
    "- **debounce**: keydown → `fetch()` call (the typing delay and timer slack).",
    "- **fetch**: the request's Resource Timing duration (start → end of the response):",
    "  network and server.",
    "- **swap**: end of the response → `clubsearch:rendered`: `response.text()`, `DOMParser`,",
    "  swapping the regions in, `history.replaceState`.",
    "",
    "## Figures",
    "",
    "Milliseconds. The server keeps recent answers in a cache, and the later runs repeat",
    "the same searches (the query and the query without its last character), so they",
    "show the page and the network with less of the search in them.",
    ...groups.flatMap(([title, figures]) => [
      "",
      `### ${title}`,
      "",
      "| | p50 | p95 | max | mean |",
      "|---|---:|---:|---:|---:|",
      ...metrics.map(([key, label]) => `| ${label} | ${ms(figures[key].p50)} | ${ms(figures[key].p95)} | ${ms(figures[key].max)} | ${ms(figures[key].mean)} |`),
    ]),
    "",
    "## Per query",
    "",
    `Milliseconds: the first run, and the median of the later ones. The status is what \`#status\` said after the keystroke.`,
    "",
    "| Query | raw, first | raw, later | without the debounce, first | fetch, first | fetch, later | swap | status |",
    "|---|---:|---:|---:|---:|---:|---:|---|",
    ...[...samples].map(([query, list]) => {
      const med = (key, from = 0, to = list.length) => {
        const values = list.slice(from, to).map((sample) => sample[key]).filter((value) => value !== null);
        return values.length ? ms(median(values)) : "–";
      };
      const status = `${list[0].error ? "error: " : ""}${list[0].status}`.replace(/\|/g, "\\|");
      return `| \`${query.replace(/\|/g, "\\|")}\` | ${med("raw", 0, 1)} | ${med("raw", 1)} | ${med("noDebounce", 0, 1)} | ${med("fetch", 0, 1)} | ${med("fetch", 1)} | ${med("swap")} | ${status} |`;
    }),
    "",
  ];
  fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
  fs.writeFileSync(options.out, lines.join("\n"));
  console.log(`\nReport: ${options.out}`);
}

try {
  await main();
} catch (error) {
  console.error(`page_bench: ${error.stack || error}`);
  await cleanUp();
  process.exit(1);
}
