// Browser tests of the search page on a static host: `clubsearch export-static` writes
// the sample blog's (data/) and the hostile fixture site's folders, a static file server
// (static_server.mjs) publishes each under /search/ on 127.0.0.1, and Chromium runs the
// page with the engine in its Web Worker. What it shows is compared with what a real
// `clubsearch serve` on the same index renders for the same query string: the same
// results in the same order, the same facet counts and histogram. Nothing may leave
// the static server: every request to another origin (the test's own clubsearch serve
// included) is recorded and aborted.
//
//   node static.test.mjs --clubsearch BIN --data DIR --hostile DIR --artifacts DIR [--chromium PATH]
//
// Exits 77 (skipped) when the engine was not built beside BIN (CLUBSEARCH_WASM), 1 on
// any failure. CTest runs this through run.sh (e2e.static).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import {
  check,
  checkEqual,
  checkMatchesServer,
  countIn,
  filterByHostileTag,
  finish,
  index,
  inertChecks,
  pngSize,
  readArgs,
  renders,
  run,
  serverShows,
  setUp,
  shown,
  startServer,
  test,
  travel,
  waitForQuery,
  withPage,
} from "./harness.mjs";
import { startStaticServer } from "./static_server.mjs";

const args = readArgs("static.test.mjs");

// The files of the engine, which export-static takes from beside the program.
const ENGINE_FILES = ["clubsearch-engine.js", "clubsearch-engine.js.gz", "clubsearch-engine.wasm", "clubsearch-engine.wasm.gz", "clubsearch-worker.js"];
const engineDir = path.dirname(args.clubsearch);
const missing = ENGINE_FILES.filter((name) => !fs.existsSync(path.join(engineDir, name)));
if (missing.length) {
  console.log(`e2e.static: skipped: no ${missing.join(", ")} beside ${args.clubsearch} (configure with -DCLUBSEARCH_WASM=ON)`);
  process.exit(77);
}

// What export-static writes: the page, its assets, the engine, the index, the manifest.
const EXPORTED = [
  "index.html",
  "style.css",
  "app.js",
  "favicon.svg",
  "embed.js",
  ...ENGINE_FILES,
  "index.glass",
  "index.warm",
  "facets.columns",
  "manifest.json",
];
// The path the site publishes the folder under.
const BASE = "/search/";

setUp({
  name: "static.test.mjs",
  clubsearch: args.clubsearch,
  overallTimeoutMs: 200_000, // CTest's TIMEOUT for e2e.static is 240 s
  only: args.only,
});

function exportStatic(db, out) {
  const exported = spawnSync(args.clubsearch, ["--db", db, "export-static", out], { encoding: "utf8", timeout: 60_000 });
  if (exported.error) throw new Error(`cannot run ${args.clubsearch}: ${exported.error.message}`);
  if (exported.status !== 0)
    throw new Error(`export-static ${out} failed (exit ${exported.status}):\n${exported.stdout}${exported.stderr}`);
  return exported.stdout;
}

// Each file of the folder with its modification time, to see that a run rewrote nothing.
const stamps = (dir) =>
  Object.fromEntries(fs.readdirSync(dir).sort().map((name) => [name, fs.statSync(path.join(dir, name)).mtimeMs]));

// Waits until the page's engine has opened the index (app.js marks <html data-engine>).
const engineReady = (page) => page.waitForFunction(() => document.documentElement.dataset.engine === "ready");

// What a page on the static host asked for: every request under /search/, nothing else.
function checkStaysHome(record, where) {
  checkEqual(record.external, [], `${where}: no request left the static server`);
  const elsewhere = record.requests.filter((request) => !request.path.startsWith(BASE));
  checkEqual(elsewhere, [], `${where}: every request was for a file under ${BASE}`);
}

async function main() {
  const { chromium } = await import("playwright-core");
  run.scratch = fs.mkdtempSync(path.join(os.tmpdir(), "clubsearch-static-"));
  fs.mkdirSync(args.artifacts, { recursive: true });

  console.log(`Indexing ${args.data} and ${args.hostile} into ${run.scratch}`);
  const dataIndex = path.join(run.scratch, "data-index");
  const hostileIndex = path.join(run.scratch, "hostile-index");
  index(args.data, dataIndex);
  index(args.hostile, hostileIndex);
  const dataFolder = path.join(run.scratch, "data-site");
  const hostileFolder = path.join(run.scratch, "hostile-site");
  exportStatic(dataIndex, dataFolder);
  exportStatic(hostileIndex, hostileFolder);

  const blog = await startServer(dataIndex);
  const hostileServer = await startServer(hostileIndex);
  // The folders as a site publishes them: under /search/ of the host.
  const site = await startStaticServer({ root: dataFolder, base: BASE });
  run.closers.push(site.close);
  const hostileSite = await startStaticServer({ root: hostileFolder, base: BASE });
  run.closers.push(hostileSite.close);
  const base = site.url;
  const hostileBase = hostileSite.url;
  console.log(`Static page at ${base} (clubsearch serve at ${blog.url}), hostile site at ${hostileBase}`);

  run.browser = await chromium.launch({ executablePath: args.chromium, args: ["--no-sandbox"] });
  console.log(`Chromium ${run.browser.version()} (${args.chromium})`);

  await test("export-static writes the page, its assets and the engine, and a second run rewrites nothing", async () => {
    const files = fs.readdirSync(dataFolder).sort();
    checkEqual(files, [...EXPORTED].sort(), "the folder holds the page, its assets, the engine, the index and the manifest");
    const manifest = JSON.parse(fs.readFileSync(path.join(dataFolder, "manifest.json"), "utf8"));
    checkEqual(
      Object.keys(manifest.files).sort(),
      EXPORTED.filter((name) => name !== "manifest.json").sort(),
      "manifest.json lists every other file",
    );
    for (const [name, entry] of Object.entries(manifest.files))
      if (fs.statSync(path.join(dataFolder, name)).size !== entry.bytes) throw new Error(`${name}: size differs from the manifest`);
    check(true, "each file has the size the manifest gives");
    const html = fs.readFileSync(path.join(dataFolder, "index.html"), "utf8");
    check(
      html.includes(`<meta name="clubsearch-worker" content="${manifest.page.worker.replaceAll("&", "&amp;")}">`),
      `index.html names the worker (${manifest.page.worker})`,
    );
    // With the versions of the engine's gzips, which the worker fetches as it starts.
    const workerLink = new URL(manifest.page.worker, "http://host/");
    const version = (name) => manifest.files[name].xxh3_128.slice(0, 16);
    checkEqual(
      [workerLink.searchParams.get("v"), workerLink.searchParams.get("engine"), workerLink.searchParams.get("loader")],
      [version("clubsearch-worker.js"), version("clubsearch-engine.wasm.gz"), version("clubsearch-engine.js.gz")],
      "its link carries the worker's version and the engine's gzips'",
    );
    check(/<link rel="stylesheet" href="style\.css\?v=[0-9a-f]{16}">/.test(html), "index.html links style.css relative to itself, versioned");
    check(/<script src="app\.js\?v=[0-9a-f]{16}" defer>/.test(html), "and app.js");
    check(!/href="\//.test(html) && !/action="\//.test(html), "no link or form of index.html starts at the host's root");
    check(!/feed\.atom|opensearch|\/api\//.test(html), "no Atom feed, OpenSearch or JSON API link (a static host has none)");
    checkEqual(
      fs.readFileSync(path.join(dataFolder, "app.js"), "utf8"),
      await (await fetch(new URL("/assets/app.js", blog.url))).text(),
      "app.js is the server's own",
    );
    const before = stamps(dataFolder);
    const again = exportStatic(dataIndex, dataFolder);
    check(again.includes("is up to date"), `a second run says it is up to date: ${JSON.stringify(again.trim())}`);
    checkEqual(stamps(dataFolder), before, "and rewrote no file");
    // A folder an older clubsearch wrote (another layout) gets its index again, though the
    // index has not changed.
    const manifestPath = path.join(dataFolder, "manifest.json");
    const older = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
    older.format -= 1;
    fs.writeFileSync(manifestPath, JSON.stringify(older));
    const rewritten = exportStatic(dataIndex, dataFolder);
    check(/index\.glass/.test(rewritten) && /facets\.columns/.test(rewritten), `a folder of an older layout has its index written again: ${JSON.stringify(rewritten.trim())}`);
    checkEqual(JSON.parse(fs.readFileSync(manifestPath, "utf8")).format, older.format + 1, "and the manifest says the layout now");
  });

  await test("the static server answers byte ranges as static hosts do", async () => {
    const url = new URL("index.glass", base);
    const size = fs.statSync(path.join(dataFolder, "index.glass")).size;
    const whole = await fetch(url);
    checkEqual([whole.status, (await whole.arrayBuffer()).byteLength], [200, size], `the whole file: 200, ${size} bytes`);
    const part = await fetch(url, { headers: { Range: "bytes=8192-12287" } });
    checkEqual([part.status, part.headers.get("content-range"), (await part.arrayBuffer()).byteLength], [206, `bytes 8192-12287/${size}`, 4096], "bytes=8192-12287: 206, 4096 bytes");
    const tail = await fetch(url, { headers: { Range: "bytes=-100" } });
    checkEqual([tail.status, (await tail.arrayBuffer()).byteLength], [206, 100], "bytes=-100: the last 100 bytes");
    const past = await fetch(url, { headers: { Range: `bytes=${size}-` } });
    checkEqual([past.status, past.headers.get("content-range")], [416, `bytes */${size}`], "a range past the end: 416");
    const logged = site.log.filter((entry) => entry.path === `${BASE}index.glass`).map((entry) => [entry.status, entry.bytes]);
    checkEqual(logged, [[200, size], [206, 4096], [206, 100], [416, 0]], "the server's log has each request with the bytes sent");
  });

  await test("the start page loads the engine from the folder and reaches nothing else", () =>
    withPage(base, "start", { onlyBase: true }, async ({ page, record }) => {
      const logged = site.log.length;
      const started = Date.now();
      await page.goto(base);
      await engineReady(page);
      const elapsed = Date.now() - started;
      const visit = site.log.slice(logged);
      const sent = (name) => visit.filter((entry) => new URL(entry.path, base).pathname === BASE + name).reduce((sum, entry) => sum + entry.bytes, 0);
      console.log(
        `    first visit (loopback, no cache): ${visit.reduce((sum, entry) => sum + entry.bytes, 0)} bytes in ${visit.length} requests, ` +
          `engine ready after ${elapsed} ms; engine ${sent("clubsearch-engine.wasm.gz") + sent("clubsearch-engine.js.gz") + sent("clubsearch-engine.js")} B, ` +
          `index ${sent("index.glass") + sent("facets.columns")} B, page ${sent("") + sent("app.js") + sent("style.css")} B`,
      );
      const now = await shown(page);
      checkEqual([now.ids, now.status, now.q], [[], null, ""], "the start page: no results, no count, an empty box");
      const asked = record.requests.map((request) => request.path).sort();
      for (const name of ["index.glass", "facets.columns", "clubsearch-engine.wasm.gz", "clubsearch-worker.js", "manifest.json"])
        check(asked.includes(BASE + name), `the page (its worker) fetched ${name}`);
      // The module comes compressed (the tests' server, like many hosts, sends files as
      // they are): its gzip, whole, and never the .wasm as well.
      const gzipBytes = fs.statSync(path.join(dataFolder, "clubsearch-engine.wasm.gz")).size;
      checkEqual([sent("clubsearch-engine.wasm.gz"), sent("clubsearch-engine.wasm")], [gzipBytes, 0], "the engine's gzip is fetched, not the .wasm");
      check(gzipBytes * 2 < fs.statSync(path.join(dataFolder, "clubsearch-engine.wasm")).size, `the gzip (${gzipBytes} B) is under half the .wasm`);
      // So does its loader, run from the inflated bytes.
      const loaderGzip = fs.statSync(path.join(dataFolder, "clubsearch-engine.js.gz")).size;
      checkEqual([sent("clubsearch-engine.js.gz"), sent("clubsearch-engine.js")], [loaderGzip, 0], "the loader's gzip is fetched, not the .js");
      check(loaderGzip * 3 < fs.statSync(path.join(dataFolder, "clubsearch-engine.js")).size, `the loader's gzip (${loaderGzip} B) is under a third of the .js`);
      checkStaysHome(record, "start");
    }));

  await test("typed queries show what clubsearch serve renders: ids, order, facets and histogram", () =>
    withPage(base, "typing", { at: BASE, onlyBase: true }, async ({ page, record }) => {
      await engineReady(page);
      await page.evaluate(() => (window.__marker = "still the same page"));
      const loads = record.documentLoads.length;
      const logged = site.log.length;
      for (const q of ["sparse autoencoders", "refusal", "interpretability", "arxiv:2406.11717", "\"language model\" evaluation"]) {
        const n = await renders(page);
        await page.locator("#q").fill("");
        await page.locator("#q").click();
        await page.keyboard.type(q, { delay: 15 });
        await waitForQuery(page, q, n);
        const now = await checkMatchesServer(page, `typed ${JSON.stringify(q)}`, blog.url);
        check(now.ids.length > 0, `results for ${JSON.stringify(q)} (${now.ids.length})`);
        check(new URL(now.url).pathname === BASE, `the URL stays under ${BASE}: ${new URL(now.url).pathname}${new URL(now.url).search}`);
      }
      // The keyboard works on what the engine rendered.
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("j");
      checkEqual(
        await page.evaluate(() => [...document.querySelectorAll("#results .result")].findIndex((result) => result.classList.contains("current") && result.contains(document.activeElement))),
        1,
        "ArrowDown then j: the second result is current and focused",
      );
      checkEqual(await page.evaluate(() => window.__marker), "still the same page", "no page was loaded while typing");
      checkEqual(record.documentLoads.length, loads, "no document was requested");
      // (The browser may fetch the icon whenever it likes.)
      const fetched = site.log.slice(logged).filter((entry) => !entry.path.startsWith(`${BASE}favicon.svg`));
      checkEqual(fetched, [], "searching fetched nothing more from the static server");
      checkStaysHome(record, "typing");
    }));

  await test("the worker answers the newest of the page requests waiting, and each kind of request", () =>
    withPage(base, "worker", { at: BASE, onlyBase: true }, async ({ page }) => {
      const script = await page.locator('meta[name="clubsearch-worker"]').getAttribute("content");
      // A worker of its own, asked before its engine is open: the requests wait together.
      const answers = await page.evaluate(async (script) => {
        const worker = new Worker(new URL(script, location.href));
        const requests = [
          { id: 1, kind: "page", qs: "q=refusal" },
          { id: 2, kind: "search", qs: "q=refusal&per_page=3" },
          { id: 3, kind: "page", qs: "q=steering" },
          { id: 4, kind: "page", qs: "q=sparse+autoencoders" },
          { id: 5, kind: "entry", entry: "no-such-entry" },
          { id: 6, kind: "sideways" },
        ];
        const answered = new Promise((resolve) => {
          const out = {};
          worker.onmessage = ({ data }) => {
            if (data.id === undefined) return; // ready
            out[data.id] = data.superseded ? "superseded" : data.error !== undefined ? `error: ${data.error}` : data.text;
            if (Object.keys(out).length === requests.length) resolve(out);
          };
        });
        for (const request of requests) worker.postMessage(request);
        const out = await answered;
        worker.terminate();
        return out;
      }, script);
      checkEqual([answers[1], answers[3]], ["superseded", "superseded"], "the two older page requests are superseded");
      check(/<title>sparse autoencoders — clubsearch<\/title>/.test(answers[4]), "the newest is rendered: the page for q=sparse autoencoders");
      const search = JSON.parse(answers[2]);
      checkEqual(search.results.map((hit) => hit.id), (await (await fetch(new URL("/api/search?q=refusal&per_page=3", blog.url))).json()).results.map((hit) => hit.id), "a search request answers /api/search's results");
      checkEqual(JSON.parse(answers[5]).error.status, 404, "an unknown entry: the API's 404");
      checkEqual(answers[6], "error: no such request: sideways", "an unknown kind: an error");
    }));

  await test("a facet click filters, its chip removes it, and back and forward restore each state", () =>
    withPage(base, "facets", { at: `${BASE}?q=sparse+autoencoders`, onlyBase: true }, async ({ page, record }) => {
      await page.locator("#results .result").first().waitFor();
      const first = await checkMatchesServer(page, "deep link ?q=sparse+autoencoders", blog.url);
      const facetCount = Number((await page.locator('#facets li:has(input[name="kind"][value="paper"]) .count').textContent()).replace(/,/g, ""));
      let n = await renders(page);
      await page.locator('#facets input[name="kind"][value="paper"]').click();
      await page.waitForFunction((n) => window.__probe.renders > n, n);
      const filtered = await checkMatchesServer(page, "after clicking kind=paper", blog.url);
      checkEqual(new URL(filtered.url).searchParams.getAll("kind"), ["paper"], "the URL gains kind=paper");
      checkEqual(filtered.chips, ["Kind: paper ×"], "a chip shows the filter");
      checkEqual(countIn(filtered.status), facetCount, `the count is the facet's count shown before (${facetCount})`);

      n = await renders(page);
      await page.locator("#chips a.chip").first().click();
      await page.waitForFunction((n) => window.__probe.renders > n, n);
      const unfiltered = await checkMatchesServer(page, "after removing the chip", blog.url);
      checkEqual(unfiltered.ids, first.ids, "removing the chip brings the first results back");
      checkEqual(new URL(unfiltered.url).pathname, BASE, `the chip's link stays under ${BASE}`);

      const states = [first, filtered, unfiltered];
      const move = async (direction, index) => {
        const now = await travel(page, direction);
        checkEqual([now.url, now.ids, now.checked], [states[index].url, states[index].ids, states[index].checked], `${direction}: ${new URL(states[index].url).search} with its results and filters`);
      };
      await move("back", 1);
      await move("back", 0);
      await move("forward", 1);
      await move("forward", 2);
      checkEqual(record.documentLoads.length, 1, "one document load only: back and forward stayed in the page");
      checkStaysHome(record, "facets");
    }));

  await test("a deep link with filters renders that search at once", () =>
    withPage(base, "deep link", { at: `${BASE}?q=alignment&topic=interpretability&sort=newest`, onlyBase: true }, async ({ page, record }) => {
      await page.waitForFunction(() => window.__probe.renders > 0);
      const now = await checkMatchesServer(page, "?q=alignment&topic=interpretability&sort=newest", blog.url);
      check(now.ids.length > 0, `it shows results (${now.ids.length})`);
      checkEqual(now.chips, ["Topic: interpretability ×"], "and the topic's chip");
      checkEqual(await page.locator("#sort").inputValue(), "newest", "the order select says newest");
      // A related listing, linked from a result, renders in place too.
      const id = now.ids[0];
      const n = await renders(page);
      await page.locator(`#r-${id} a:text("Related")`).click();
      await page.waitForFunction((n) => window.__probe.renders > n, n);
      const related = await checkMatchesServer(page, `related=${id}`, blog.url);
      check(related.ids.length > 0 && !related.ids.includes(id), `the related listing shows other entries (${related.ids.length})`);
      checkStaysHome(record, "deep link");
    }));

  await test("the hostile site's markup stays text on the static page", () =>
    withPage(hostileBase, "hostile", { onlyBase: true }, async ({ page, record }) => {
      const assertInert = inertChecks(page, record, /^app\.js\?v=[0-9a-f]{16}$/);
      for (const [search, mustShow] of [["?q=script", "<script>alert(1)</script>"], ["?q=alert", "<script>alert(1)</script>"], ["?q=img", null], ["?q=quotes", '"quotes"']]) {
        await page.goto(new URL(search, hostileBase).href);
        await page.waitForFunction(() => window.__probe.renders > 0);
        await checkMatchesServer(page, `deep link ${search}`, hostileServer.url);
        await assertInert(`deep link ${search}`, mustShow);
      }
      for (const q of ["img onerror", "javascript"]) {
        const n = await renders(page);
        await page.locator("#q").fill(q);
        await waitForQuery(page, q, n);
        await checkMatchesServer(page, `typed ${JSON.stringify(q)}`, hostileServer.url);
        await assertInert(`typed ${JSON.stringify(q)}`, null);
      }
      await filterByHostileTag(page, assertInert);
      checkEqual(record.dialogs, [], "no dialog opened");
      checkStaysHome(record, "hostile");
    }));

  await test("without WebAssembly, or when the engine or the index cannot be loaded, the page says so", async () => {
    await withPage(base, "no WebAssembly", { onlyBase: true }, async ({ page, context }) => {
      await context.addInitScript(() => delete window.WebAssembly);
      await page.goto(new URL(`${BASE}?q=refusal`, base).href);
      const message = await page.locator(".engine-failed").textContent();
      check(/WebAssembly/.test(message), `the page explains: ${JSON.stringify(message)}`);
      checkEqual(await page.locator("#results .result").count(), 0, "and shows no results");
    });
    // A host that sends the gzip with "Content-Encoding: gzip": the browser inflates it,
    // and the worker takes the module as it comes.
    await withPage(base, "gzip inflated by the browser", { onlyBase: true }, async ({ page, context }) => {
      const gzip = fs.readFileSync(path.join(dataFolder, "clubsearch-engine.wasm.gz"));
      await context.route("**/clubsearch-engine.wasm.gz*", (route) =>
        route.fulfill({ status: 200, body: gzip, headers: { "Content-Type": "application/gzip", "Content-Encoding": "gzip" } }),
      );
      await page.goto(new URL(`${BASE}?q=refusal`, base).href);
      await page.locator("#results .result").first().waitFor();
      check((await page.locator("#results .result").count()) > 0, "the engine runs and shows results");
    });
    // A loader's gzip that cannot be run: the worker runs the .js instead.
    await withPage(base, "a damaged loader gzip", { onlyBase: true }, async ({ page, context, record }) => {
      await context.route("**/clubsearch-engine.js.gz*", (route) => route.fulfill({ status: 200, body: Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]) }));
      await page.goto(new URL(`${BASE}?q=refusal`, base).href);
      await page.locator("#results .result").first().waitFor();
      check((await page.locator("#results .result").count()) > 0, "the engine runs and shows results");
      check(record.requests.some((request) => request.path === `${BASE}clubsearch-engine.js`), "the .js was fetched");
    });
    await withPage(base, "a damaged engine", { onlyBase: true }, async ({ page, context }) => {
      await context.route("**/clubsearch-engine.wasm.gz*", (route) => route.fulfill({ status: 200, body: Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]) }));
      await page.goto(new URL(`${BASE}?q=refusal`, base).href);
      const message = await page.locator(".engine-failed").textContent();
      check(/cannot start the search engine: clubsearch-engine\.wasm\.gz .* is not a whole gzip file/.test(message), `the page explains: ${JSON.stringify(message)}`);
    });
    await withPage(base, "no index", { onlyBase: true }, async ({ page, context }) => {
      await context.route("**/index.glass*", (route) => route.fulfill({ status: 404, body: "gone" }));
      await page.goto(new URL(`${BASE}?q=refusal`, base).href);
      const message = await page.locator(".engine-failed").textContent();
      check(/could not be loaded.*index\.glass.*404/.test(message), `the page explains: ${JSON.stringify(message)}`);
    });
  });

  await test("screenshot of the static page's results", () =>
    withPage(base, "screenshot", { at: `${BASE}?q=sparse+autoencoders`, onlyBase: true }, async ({ page }) => {
      await page.locator("#results .result").first().waitFor();
      const file = path.join(args.artifacts, "static-results.png");
      fs.rmSync(file, { force: true });
      await page.screenshot({ path: file });
      const png = pngSize(file);
      check(png !== null && png.bytes > 10_000, `${file} is a PNG of ${png?.bytes} bytes`);
      checkEqual([png.width, png.height], [1280, 800], "it is 1280×800");
    }));

  const sent = site.log.reduce((sum, entry) => sum + entry.bytes, 0);
  console.log(`\nThe static server sent ${sent} bytes in ${site.log.length} requests over the run`);
  const expected = await serverShows(new URL("?q=refusal", blog.url).href);
  check(expected.ids.length > 0, "(the server's page for q=refusal has results, so the comparisons above meant something)");
}

await finish(main);
