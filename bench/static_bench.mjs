// What the static search page fetches from its host: for each folder export-static wrote,
// served by the tests' static file server (tests/browser/static_server.mjs, which answers
// Range requests as static hosts do) on 127.0.0.1 and opened in headless Chromium, the
// bytes and requests the server sent to open the engine (the page, the engine, the
// manifest and what of the index opening reads), for the first search, and for the next
// ten searches of bench/queries.txt, typed into the page's box. Prints a Markdown table.
//
//   node bench/static_bench.mjs NAME=FOLDER… [--chromium /usr/bin/chromium]
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
  options: { chromium: { type: "string", default: process.env.CHROMIUM || "/usr/bin/chromium" } },
  allowPositionals: true,
});
if (!positionals.length || positionals.some((given) => !given.includes("="))) {
  console.error("usage: node bench/static_bench.mjs NAME=FOLDER… [--chromium PATH]");
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

// What the server sent since `from` of its log: {bytes, requests, index: bytes of index.glass}.
function sent(log, from) {
  const entries = log.slice(from);
  const glass = entries.filter((entry) => entry.path.startsWith(`${BASE}index.glass`));
  const sum = (list) => list.reduce((total, entry) => total + entry.bytes, 0);
  return { bytes: sum(entries), requests: entries.length, index: sum(glass), indexRequests: glass.length };
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
    return { name, documents: manifest.source.documents, size: manifest.files["index.glass"].bytes, open, first, next, stats };
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

const cell = (part) => `${kb(part.bytes)} in ${part.requests} (index: ${kb(part.index)} in ${part.indexRequests})`;
console.log(`First search: \`${FIRST}\`; next ten: ${NEXT.map((q) => `\`${q}\``).join(", ")}.\n`);
console.log("| posts | documents | index.glass | open the engine | first search | next 10 searches | total before first results |");
console.log("|---|---|---|---|---|---|---|");
for (const row of rows)
  console.log(
    `| ${row.name} | ${row.documents.toLocaleString("en")} | ${mb(row.size)} | ${cell(row.open)} | ${cell(row.first)} | ${cell(row.next)} | ${mb(row.open.bytes + row.first.bytes)} |`,
  );
console.log(`\n(bytes: response bodies the static server sent; in N: requests. The worker's own count at the end: ${rows.map((row) => `${row.name}: ${JSON.stringify(row.stats)}`).join("; ")})`);
