// Browser tests of a large index on a static host: a synthetic blog of 1,000 posts (the
// benchmarks' corpus generator) indexed and exported by `clubsearch export-static`, whose
// index.glass is above the size the worker reads whole, so that its worker reads it in
// blocks with Range requests. In Chromium: the pages are those `clubsearch serve`
// renders, the first search fetches a small part of the index, a host that ignores Range
// still works (the whole file, once), an index replaced on the host while it is read
// is reported to the reader, and facets.columns read in blocks gives the same facets
// while a search reads only the columns it counts.
//
//   node range.test.mjs --clubsearch BIN --generator BIN --artifacts DIR [--chromium PATH]
//   (--data and --hostile are taken as run.sh gives them, and not used)
//
// Exits 77 (skipped) when the engine was not built beside BIN (CLUBSEARCH_WASM), 1 on
// any failure. CTest runs this through run.sh (e2e.static.range).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { check, checkEqual, checkMatchesServer, finish, index, readArgs, renders, run, setUp, startServer, test, waitForQuery, withPage } from "./harness.mjs";
import { startStaticServer } from "./static_server.mjs";

const args = readArgs("range.test.mjs", { generator: { type: "string", default: process.env.CLUBSEARCH_BENCH_CORPUS } });
if (!fs.existsSync(path.join(path.dirname(args.clubsearch), "clubsearch-engine.wasm"))) {
  console.log(`e2e.static.range: skipped: no engine beside ${args.clubsearch} (configure with -DCLUBSEARCH_WASM=ON)`);
  process.exit(77);
}
if (!args.generator) {
  console.error("range.test.mjs: --generator (clubsearch_bench_corpus) is required");
  process.exit(2);
}

const BASE = "/search/";
const POSTS = 1000;
// The worker's default: index.glass of this size or more is read in blocks.
const WHOLE_BELOW = 4 << 20;

setUp({ name: "range.test.mjs", clubsearch: args.clubsearch, overallTimeoutMs: 200_000, only: args.only });

function runOrThrow(program, argv) {
  const done = spawnSync(program, argv, { encoding: "utf8", timeout: 120_000 });
  if (done.error) throw new Error(`cannot run ${program}: ${done.error.message}`);
  if (done.status !== 0) throw new Error(`${program} ${argv.join(" ")} failed (exit ${done.status}):\n${done.stdout}${done.stderr}`);
  return done.stdout;
}

const engineReady = (page) => page.waitForFunction(() => document.documentElement.dataset.engine === "ready");
const glassRequests = (log, from = 0) => log.slice(from).filter((entry) => entry.path.startsWith(`${BASE}index.glass`));
const sum = (entries) => entries.reduce((total, entry) => total + entry.bytes, 0);

// Types `q` into the box and waits for its results (or for the page to give up).
async function type(page, q) {
  const n = await renders(page);
  await page.locator("#q").fill(q);
  await Promise.race([waitForQuery(page, q, n), page.locator(".engine-failed").waitFor()]);
}

async function main() {
  const { chromium } = await import("playwright-core");
  run.scratch = fs.mkdtempSync(path.join(os.tmpdir(), "clubsearch-range-"));
  console.log(`Generating ${POSTS} posts, indexing and exporting them in ${run.scratch}`);
  const corpus = path.join(run.scratch, "corpus");
  runOrThrow(args.generator, ["--out", corpus, "--posts", String(POSTS), "--seed", "1"]);
  const db = path.join(run.scratch, "index");
  index(path.join(corpus, "content"), db);
  const folder = path.join(run.scratch, "site");
  runOrThrow(args.clubsearch, ["--db", db, "export-static", folder, "--quiet"]);
  const size = fs.statSync(path.join(folder, "index.glass")).size;
  console.log(`index.glass: ${size} bytes`);

  const blog = await startServer(db);
  const site = await startStaticServer({ root: folder, base: BASE });
  run.closers.push(site.close);
  const wholeSite = await startStaticServer({ root: folder, base: BASE, ignoreRange: true });
  run.closers.push(wholeSite.close);
  // The same folder on a host 40 ms away.
  const farSite = await startStaticServer({ root: folder, base: BASE, answerAfterMs: 40 });
  run.closers.push(farSite.close);
  // A copy of the folder whose index the test replaces while a page reads it, and whose
  // worker keeps 4 blocks only (the manifest's "loading"), so that it drops blocks.
  const changing = path.join(run.scratch, "changing");
  fs.cpSync(folder, changing, { recursive: true });
  const manifestFile = path.join(changing, "manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, loading: { block_bytes: 16384, cache_bytes: 4 * 16384, ahead_bytes: 16384 } }));
  const changingSite = await startStaticServer({ root: changing, base: BASE });
  run.closers.push(changingSite.close);

  run.browser = await chromium.launch({ executablePath: args.chromium, args: ["--no-sandbox"] });

  await test(`the index of ${POSTS} posts is one the worker reads in blocks`, async () => {
    check(size >= WHOLE_BELOW, `index.glass (${size} B) is at least ${WHOLE_BELOW} B`);
  });

  await test("the first search reads a small part of the index with Range requests, and shows what the server renders", () =>
    withPage(site.url, "in blocks", { at: `${BASE}?q=sparse+autoencoders`, onlyBase: true }, async ({ page }) => {
      await page.locator("#results .result").first().waitFor();
      await checkMatchesServer(page, "deep link ?q=sparse+autoencoders", blog.url);
      const first = glassRequests(site.log);
      check(first.length > 0, `index.glass was read in ${first.length} requests`);
      checkEqual([...new Set(first.map((entry) => entry.status))], [206], "each a Range request answered 206");
      check(first.every((entry) => /^bytes=\d+-\d+$/.test(entry.range)), "each for one range of bytes");
      const bytes = sum(first);
      check(bytes < size / 2, `opening and the first search fetched ${bytes} B of index.glass, under half of its ${size} B`);
      const stats = await page.evaluate(() => window.__clubsearchStats);
      const columnRanges = site.log.filter((entry) => entry.path.startsWith(`${BASE}facets.columns`) && entry.status === 206);
      checkEqual(stats.rangeRequests, first.length + columnRanges.length, "the worker's stats count the same Range requests as the server (index.glass and facets.columns)");
      console.log(`    first search: ${bytes} B of index.glass in ${first.length} requests; worker: ${JSON.stringify(stats)}`);
      // Reads deferred: each time the engine ran the search it asked for every block it
      // lacked, and they came together, in parallel requests.
      check(stats.runs < first.length, `the engine ran the search ${stats.runs} times for its ${first.length} requests of index.glass`);
      for (const q of ["kriging", "\"reward hacking\"", "mechanistic interpretability", "source:arxiv"]) {
        await type(page, q);
        await checkMatchesServer(page, `typed ${JSON.stringify(q)}`, blog.url);
      }
      const all = glassRequests(site.log);
      check(sum(all) < size / 2, `after five searches: ${sum(all)} B of index.glass in ${all.length} requests, still under half`);
    }));

  await test("on a distant host, the blocks a run lacks are asked for together: their Range requests are open at once, each at an address of its own", () =>
    withPage(farSite.url, "far", { at: `${BASE}?q=sparse+autoencoders`, onlyBase: true }, async ({ page }) => {
      await page.locator("#results .result").first().waitFor();
      await checkMatchesServer(page, "deep link ?q=sparse+autoencoders", blog.url);
      const ranges = glassRequests(farSite.log).filter((entry) => entry.range);
      // Under Chromium's network emulation (the benchmarks'), the answers to parallel
      // requests of one address came one after another.
      const addresses = new Set(ranges.map((entry) => entry.path));
      checkEqual(addresses.size, ranges.length, `${ranges.length} Range requests of index.glass, each at an address of its own`);
      const most = Math.max(...ranges.map((entry) => entry.open));
      check(most >= 3, `at most ${most} requests were open at once while the search read index.glass`);
      // The engine is asked for as the worker starts (index.html names its version), not
      // after manifest.json came: before the files the manifest names to fetch at once.
      const paths = farSite.log.map((entry) => new URL(entry.path, farSite.url).pathname);
      const engine = paths.indexOf(`${BASE}clubsearch-engine.wasm.gz`);
      const warm = paths.indexOf(`${BASE}index.warm`);
      checkEqual(paths.filter((p) => p === `${BASE}clubsearch-engine.wasm.gz`).length, 1, "the engine's gzip was fetched once");
      check(warm > 0 && engine >= 0 && engine < warm, `the engine's gzip was request ${engine + 1}, before index.warm (request ${warm + 1}), which waits for manifest.json`);
    }));

  await test("a host that ignores Range: the index is read whole, once, and the pages are the same", () =>
    withPage(wholeSite.url, "whole", { at: `${BASE}?q=sparse+autoencoders`, onlyBase: true }, async ({ page }) => {
      await page.locator("#results .result").first().waitFor();
      await checkMatchesServer(page, "deep link ?q=sparse+autoencoders", blog.url);
      await type(page, "kriging");
      await checkMatchesServer(page, 'typed "kriging"', blog.url);
      const glass = glassRequests(wholeSite.log).map((entry) => [entry.status, entry.bytes]);
      checkEqual(glass, [[200, size]], "index.glass: one request, answered whole (200)");
    }));

  await test("facets.columns: opening fetches all but the post column in one request, and only a search grouped by post reads that", async () => {
    // The packed file's table (index/facet_columns.cpp): after a 32-word header, 6 words
    // per column, the first two its offset; the post column is the last.
    const file = fs.readFileSync(path.join(folder, "facets.columns"));
    const columnsBytes = file.length;
    const count = file.readUInt32LE(7 * 4);
    const postStart = Number(file.readBigUInt64LE(32 * 4 + (count - 1) * 24));
    checkEqual(manifest.prefetch, { "facets.columns": postStart }, "the manifest names the bytes before the post column");
    const BLOCK = 8 << 10; // the worker's blocks
    const prefixEnd = Math.min(Math.ceil(postStart / BLOCK) * BLOCK, columnsBytes) - 1;
    // The byte ranges of facets.columns asked for since `from` of the log.
    const rangesOf = (log, from) =>
      log
        .slice(from)
        .filter((entry) => entry.path.startsWith(`${BASE}facets.columns`))
        .map((entry) => {
          checkEqual(entry.status, 206, `facets.columns ${entry.range}: a Range request answered 206`);
          return /^bytes=(\d+)-(\d+)$/.exec(entry.range).slice(1).map(Number);
        });

    await withPage(site.url, "columns", { onlyBase: true }, async ({ page }) => {
      const from = site.log.length;
      await page.goto(new URL(BASE, site.url).href);
      await engineReady(page);
      checkEqual(rangesOf(site.log, from), [[0, prefixEnd]], `opening fetched bytes 0-${prefixEnd} (the post column starts at ${postStart} of ${columnsBytes})`);
      // What opening reads of index.glass came in index.warm, with the engine.
      checkEqual(glassRequests(site.log, from).length, 0, "opening read no block of index.glass one by one");
      checkEqual(site.log.slice(from).filter((entry) => entry.path.startsWith(`${BASE}index.warm`)).map((entry) => entry.status), [200], "index.warm was fetched once");
      for (const q of ["sparse autoencoders", "kriging"]) {
        await type(page, q);
        await checkMatchesServer(page, `typed ${JSON.stringify(q)}`, blog.url);
      }
      checkEqual(rangesOf(site.log, from).length, 1, "searches not grouped by post read nothing more of it");
      const before = site.log.length;
      await page.goto(new URL(`${BASE}?q=sparse+autoencoders&group=1`, site.url).href);
      await page.locator("#results .result").first().waitFor();
      await checkMatchesServer(page, "deep link grouped by post", blog.url);
      // A page of its own: its worker fetches the prefix again, then the post column.
      checkEqual(rangesOf(site.log, before), [[0, prefixEnd], [prefixEnd + 1, columnsBytes - 1]], "a search grouped by post read the rest, the post column, in one request");
    });
  });

  await test("a cache of 4 blocks drops blocks and gives the same pages; an index replaced on the host while it is read: the reader is told to reload", () =>
    withPage(changingSite.url, "changed", { at: BASE, onlyBase: true }, async ({ page }) => {
      await engineReady(page);
      await type(page, "sparse autoencoders");
      await checkMatchesServer(page, 'typed "sparse autoencoders"', blog.url);
      const stats = await page.evaluate(() => window.__clubsearchStats);
      check(stats.evictedBlocks > 0, `the worker dropped ${stats.evictedBlocks} blocks from its cache of 4`);
      // Another export published meanwhile: a file of another size.
      fs.appendFileSync(path.join(changing, "index.glass"), Buffer.alloc(8192));
      const before = changingSite.log.length;
      // Searches until one needs a block the worker has not read yet.
      for (const q of ["kriging", "chinchilla", "neuronpedia", "myopia", "wusrutdux", "cramzasrunshut", "steering vectors"]) {
        await type(page, q);
        if (glassRequests(changingSite.log, before).length) break;
      }
      check(glassRequests(changingSite.log, before).length > 0, "a later search read another block of index.glass");
      const message = await page.locator(".engine-failed").textContent();
      check(/the search index changed while it was being read: reload/.test(message), `the page says: ${JSON.stringify(message)}`);
    }));
}

await finish(main);
