// Browser tests of clubsearch's search page: playwright-core drives Debian's Chromium
// against real `clubsearch serve` processes on 127.0.0.1, on an index of the sample blog
// (data/) and one of the hostile fixture site. Nothing leaves the machine: every request
// to another origin is answered by the test (a stub page for navigations) or aborted.
//
//   node page.test.mjs --clubsearch BIN --data DIR --hostile DIR --artifacts DIR [--chromium PATH]
//
// (or the environment variables CLUBSEARCH, CLUBSEARCH_DATA_DIR, CLUBSEARCH_HOSTILE_DIR,
// CLUBSEARCH_ARTIFACTS_DIR, CHROMIUM). Prints every check; exits 1 on any failure. The
// servers are always stopped with SIGTERM, also on failure, timeout or Ctrl-C.
// CTest runs this through run.sh, which installs playwright-core first when needed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import {
  check,
  checkEqual,
  checkMatchesServer,
  countIn,
  decode,
  filterByHostileTag,
  finish,
  index,
  inertChecks,
  pngSize,
  queryOf,
  readArgs,
  renders,
  run,
  serverShows,
  setUp,
  shown,
  startServer,
  stopServer,
  test,
  travel,
  waitForQuery,
  withPage,
} from "./harness.mjs";

const args = readArgs("page.test.mjs");

setUp({
  name: "page.test.mjs",
  clubsearch: args.clubsearch,
  overallTimeoutMs: 150_000, // CTest's TIMEOUT for e2e.browser is 240 s
  only: args.only,
});

// ---------------------------------------------------------------------------------
// The tests

async function main() {
  const { chromium } = await import("playwright-core");
  run.scratch = fs.mkdtempSync(path.join(os.tmpdir(), "clubsearch-browser-"));
  fs.mkdirSync(args.artifacts, { recursive: true });

  console.log(`Indexing ${args.data} and ${args.hostile} into ${run.scratch}`);
  index(args.data, path.join(run.scratch, "data-index"));
  index(args.hostile, path.join(run.scratch, "hostile-index"));
  const blog = await startServer(path.join(run.scratch, "data-index"));
  const hostile = await startServer(path.join(run.scratch, "hostile-index"));
  const base = blog.url;
  console.log(`Sample blog at ${base}, hostile site at ${hostile.url}`);

  run.browser = await chromium.launch({ executablePath: args.chromium, args: ["--no-sandbox"] });
  console.log(`Chromium ${run.browser.version()} (${args.chromium})`);

  await test("typing a query shows its results without loading a page", () =>
    withPage(base, "typing", { at: "/" }, async ({ page, record }) => {
      await page.evaluate(() => (window.__marker = "still the same page"));
      const loads = record.documentLoads.length;
      const entries = await page.evaluate(() => history.length);
      const before = await renders(page);
      await page.locator("#q").click();
      await page.keyboard.type("sparse autoencoders", { delay: 25 });
      await waitForQuery(page, "sparse autoencoders", before);
      const now = await shown(page);
      check(now.ids.length > 0, "results appear in #results", `${now.ids.length} results`);
      check(/^\d[\d,]* results? for “sparse autoencoders”$/.test(now.status), `#status gives the count: ${JSON.stringify(now.status)}`);
      checkEqual(queryOf(now.url), "sparse autoencoders", "the URL gains q=sparse autoencoders");
      checkEqual(await page.evaluate(() => window.__marker), "still the same page", "a marker set before typing survives (no page load)");
      checkEqual(record.documentLoads.length, loads, "no document was requested while typing");
      const marks = await page.locator("#results .snippet mark").allTextContents();
      check(marks.some((mark) => /sparse|autoencoder/i.test(mark)), "snippets mark the matched words", JSON.stringify(marks.slice(0, 5)));
      await checkMatchesServer(page, "after typing");
      checkEqual(await page.evaluate(() => history.length), entries + 1, "typing made one history entry for the new search, not one per key");
    }));

  await test("a stale response never overwrites a newer one", () =>
    withPage(base, "stale", {}, async ({ page, record }) => {
      // Hold the request for "refusal" back until the newer query has rendered, so that
      // its response, if the page still wants it, arrives after the newer one's.
      const held = [];
      let release;
      const released = new Promise((resolve) => (release = resolve));
      record.hold = async (route, url) => {
        if (route.request().resourceType() === "fetch" && url.searchParams.get("q") === "refusal") {
          held.push(url.search);
          await released;
        }
        return route.continue().catch(() => {}); // the page may have aborted it meanwhile
      };
      try {
        await page.goto(base);
        const before = await renders(page);
        await page.locator("#q").click();
        await page.keyboard.type("refusal", { delay: 20 });
        const deadline = Date.now() + 5_000;
        while (!held.length && Date.now() < deadline) await page.waitForTimeout(20);
        check(held.length >= 1, "the request for “refusal” went out and is held back", JSON.stringify(held));
        await page.keyboard.press("Control+A");
        await page.keyboard.type("sparse autoencoders", { delay: 10 });
        await waitForQuery(page, "sparse autoencoders", before);
      } finally {
        release();
      }
      await page.waitForTimeout(500); // time for the held response to arrive and be dropped
      const now = await shown(page);
      checkEqual(queryOf(now.url), "sparse autoencoders", "the URL still has the last query");
      checkEqual(now.q, "sparse autoencoders", "#q still holds the last query");
      const rendered = await page.evaluate(() => window.__probe.renderedUrls.map((url) => new URL(url).searchParams.get("q")));
      check(!rendered.includes("refusal"), "the page never rendered “refusal”", JSON.stringify(rendered));
      await checkMatchesServer(page, "after the race");
      const refusal = await serverShows(new URL("/?q=refusal", base).href);
      check(JSON.stringify(refusal.ids) !== JSON.stringify(now.ids), "(the two queries have different results, so the check means something)");

      // The same race without holding anything back: type fast, change the query fast.
      record.hold = null;
      const second = await renders(page);
      await page.locator("#q").fill("");
      await page.keyboard.type("refusal", { delay: 5 });
      await page.waitForTimeout(160);
      await page.keyboard.press("Control+A");
      await page.keyboard.type("interpretability", { delay: 5 });
      await waitForQuery(page, "interpretability", second);
      await page.waitForTimeout(400);
      await checkMatchesServer(page, "after a natural race");
    }));

  await test("a facet checkbox filters at once, with a chip and new counts", () =>
    withPage(base, "facet", { at: "/?q=sparse+autoencoders" }, async ({ page }) => {
      const box = page.locator('#facets fieldset[data-facet="kind"] input[name="kind"][value="paper"]');
      const facetCount = Number((await page.locator('#facets li:has(input[name="kind"][value="paper"]) .count').textContent()).replace(/,/g, ""));
      const before = await shown(page);
      const entries = await page.evaluate(() => history.length);
      const renderCount = await renders(page);
      await box.click();
      await page.waitForFunction((n) => window.__probe.renders > n, renderCount);
      const now = await shown(page);
      checkEqual(new URL(now.url).searchParams.getAll("kind"), ["paper"], "the URL gains kind=paper");
      checkEqual(queryOf(now.url), "sparse autoencoders", "the URL keeps the query");
      checkEqual(now.chips, ["Kind: paper ×"], "a chip shows the filter");
      check(now.checked.includes("kind=paper"), "the checkbox is checked in the new sidebar");
      check(countIn(before.status) !== countIn(now.status), `the count changes: ${before.status} → ${now.status}`);
      checkEqual(countIn(now.status), facetCount, `the count is the facet's count shown before the click (${facetCount})`);
      checkEqual(await page.evaluate(() => history.length), entries + 1, "the filter made a history entry (pushState)");
      await checkMatchesServer(page, "with kind=paper");

      // The chip removes the filter again.
      const again = await renders(page);
      await page.locator("#chips a.chip").first().click();
      await page.waitForFunction((n) => window.__probe.renders > n, again);
      const removed = await shown(page);
      checkEqual(new URL(removed.url).searchParams.getAll("kind"), [], "clicking the chip removes kind=paper from the URL");
      checkEqual(removed.ids, before.ids, "and brings the unfiltered results back");

      // From the keyboard: Space on a focused checkbox filters, and focus stays on it.
      const keyed = await renders(page);
      await page.locator('#facets input[name="kind"][value="paper"]').focus();
      await page.keyboard.press("Space");
      await page.waitForFunction((n) => window.__probe.renders > n, keyed);
      checkEqual(new URL(page.url()).searchParams.getAll("kind"), ["paper"], "Space on the focused checkbox adds kind=paper");
      checkEqual(
        await page.evaluate(() => [document.activeElement.name, document.activeElement.value, document.activeElement.checked, document.getElementById("facets").contains(document.activeElement)]),
        ["kind", "paper", true, true],
        "focus stays on that checkbox in the new sidebar",
      );
    }));

  await test("back and forward restore each state", () =>
    withPage(base, "history", { at: "/?q=refusal" }, async ({ page, record }) => {
      const states = [await checkMatchesServer(page, "start: q=refusal")];
      const loads = record.documentLoads.length;
      const entries = await page.evaluate(() => history.length);

      // A submitted search makes a history entry. The value is set without an input
      // event: typed, it would also start the typing timer, whose replaceState can come
      // before the Enter (see the known bugs below), and the test would depend on timing.
      let n = await renders(page);
      await page.locator("#q").evaluate((input) => (input.value = "sparse autoencoders"));
      await page.locator("#q").press("Enter");
      await waitForQuery(page, "sparse autoencoders", n);
      states.push(await checkMatchesServer(page, "after searching for sparse autoencoders"));

      n = await renders(page);
      await page.locator('#facets input[name="kind"][value="paper"]').click();
      await page.waitForFunction((n) => window.__probe.renders > n, n);
      states.push(await checkMatchesServer(page, "after kind=paper"));
      checkEqual(await page.evaluate(() => history.length), entries + 2, "the search and the filter made two history entries");

      const move = async (direction, index) => {
        const now = await travel(page, direction);
        checkEqual(now.url, states[index].url, `${direction}: the URL is ${new URL(states[index].url).search}`);
        checkEqual(now.q, states[index].q, `${direction}: #q is ${JSON.stringify(states[index].q)}`);
        checkEqual(now.ids, states[index].ids, `${direction}: the results are those shown before`);
        checkEqual(now.status, states[index].status, `${direction}: #status reads ${JSON.stringify(states[index].status)}`);
        checkEqual(now.checked, states[index].checked, `${direction}: the checked filters are ${JSON.stringify(states[index].checked)}`);
      };
      await move("back", 1);
      await move("back", 0);
      await move("forward", 1);
      await move("forward", 2);
      checkEqual(await page.evaluate(() => window.__probe.renders > 0), true, "(the same document all along)");
      checkEqual(record.documentLoads.length, loads, "no document was loaded by back and forward");
    }));

  await test("pagination and the date histogram (click and drag) navigate in place", () =>
    withPage(base, "pages and dates", { at: "/?q=sparse+autoencoders" }, async ({ page, record }) => {
      const loads = record.documentLoads.length;
      const first = await shown(page);
      let n = await renders(page);
      await page.locator(".pagination a[rel=next]").click();
      await page.waitForFunction((n) => window.__probe.renders > n, n);
      const second = await checkMatchesServer(page, "next page");
      checkEqual(new URL(second.url).searchParams.get("page"), "2", "a[rel=next] goes to page=2");
      check(second.ids.every((id) => !first.ids.includes(id)), "page 2 shows other results than page 1");
      n = await renders(page);
      await page.locator(".pagination a[rel=prev]").click();
      await page.waitForFunction((n) => window.__probe.renders > n, n);
      checkEqual((await shown(page)).ids, first.ids, "a[rel=prev] goes back to page 1's results");

      // Drag across the histogram's bars from the 3rd month with results to the 6th.
      const bars = await page.locator(".histogram a[data-month]").evaluateAll((all) =>
        all.map((bar) => ({ month: bar.dataset.month, count: Number(/: ([\d,]+) results?$/.exec(bar.getAttribute("aria-label"))[1].replace(/,/g, "")) })),
      );
      const withResults = bars.map((bar, i) => ({ ...bar, i })).filter((bar) => bar.count > 0);
      check(withResults.length >= 6, `the histogram has months with results (${withResults.length} of ${bars.length})`);
      const [low, high] = [withResults[2], withResults[5]];
      await page.locator(".histogram").scrollIntoViewIfNeeded();
      const centre = async (i) => {
        const box = await page.locator(".histogram a[data-month]").nth(i).locator("rect.slot").boundingBox();
        return [box.x + box.width / 2, box.y + box.height / 2];
      };
      n = await renders(page);
      await page.mouse.move(...(await centre(high.i)));
      await page.mouse.down();
      await page.mouse.move(...(await centre(low.i)), { steps: 8 });
      await page.mouse.up();
      await page.waitForFunction((n) => window.__probe.renders > n, n);
      const dated = await checkMatchesServer(page, "after dragging");
      const params = new URL(dated.url).searchParams;
      checkEqual([params.get("since"), params.get("until")], [low.month, high.month], `dragging sets since=${low.month} and until=${high.month}`);
      checkEqual(dated.chips, [`Date: ${low.month} – ${high.month} ×`], "a date chip shows the range");
      const inRange = bars.slice(low.i, high.i + 1).reduce((sum, bar) => sum + bar.count, 0);
      checkEqual(countIn(dated.status), inRange, `the count is the sum of the brushed bars (${inRange})`);

      // A click on one bar narrows to its month.
      const bar = (await page.locator(".histogram a[data-month]").evaluateAll((all) => all.map((a) => a.getAttribute("aria-label")))).findIndex((label) => !/: 0 results$/.test(label));
      const month = await page.locator(".histogram a[data-month]").nth(bar).getAttribute("data-month");
      n = await renders(page);
      await page.locator(".histogram").scrollIntoViewIfNeeded();
      await page.mouse.click(...(await centre(bar)));
      await page.waitForFunction((n) => window.__probe.renders > n, n);
      const one = await checkMatchesServer(page, "after clicking a bar");
      checkEqual([new URL(one.url).searchParams.get("since"), new URL(one.url).searchParams.get("until")], [month, month], `clicking a bar sets since=until=${month}`);
      checkEqual(record.documentLoads.length, loads, "no document was loaded");
    }));

  await test("keyboard: / focuses the search, j/k and arrows move through results, Enter opens one", () =>
    withPage(base, "keyboard", { at: "/?q=sparse+autoencoders" }, async ({ page, record }) => {
      await page.locator("#status").click(); // out of the search box
      check(await page.evaluate(() => document.activeElement !== document.getElementById("q")), "the search box is not focused");
      await page.keyboard.press("/");
      checkEqual(await page.evaluate(() => document.activeElement.id), "q", "/ focuses #q");
      checkEqual(await page.locator("#q").inputValue(), "sparse autoencoders", "the / is not typed into #q");

      const state = () =>
        page.evaluate(() => ({
          current: [...document.querySelectorAll("#results .result")].flatMap((result, i) => (result.classList.contains("current") ? [i] : [])),
          focused: document.activeElement.classList.contains("result-link")
            ? [...document.querySelectorAll("#results .result")].findIndex((result) => result.contains(document.activeElement))
            : document.activeElement.id || document.activeElement.tagName,
        }));
      await page.keyboard.press("ArrowDown");
      checkEqual(await state(), { current: [0], focused: 0 }, "ArrowDown in #q: the first result is .current and its link focused");
      await page.keyboard.press("j");
      checkEqual(await state(), { current: [1], focused: 1 }, "j: the second result");
      await page.keyboard.press("ArrowDown");
      checkEqual(await state(), { current: [2], focused: 2 }, "ArrowDown: the third result");
      await page.keyboard.press("k");
      checkEqual(await state(), { current: [1], focused: 1 }, "k: back to the second result");
      await page.keyboard.press("ArrowUp");
      checkEqual(await state(), { current: [0], focused: 0 }, "ArrowUp: back to the first result");
      await page.keyboard.press("k");
      checkEqual(await state(), { current: [], focused: "q" }, "k on the first result: back to #q");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("j");
      checkEqual(await state(), { current: [1], focused: 1 }, "ArrowDown, j: the second result again");

      const href = await page.locator("#results .result").nth(1).locator(".result-link").getAttribute("href");
      check(/^https?:\/\//.test(href), `the second result links to ${href}`);
      await page.keyboard.press("Enter");
      await page.waitForURL(href, { timeout: 10_000 });
      checkEqual(page.url(), href, "Enter opens the focused result (a normal navigation, answered by a stub here)");
      check(record.external.some((request) => request.startsWith("document ") && request.endsWith(href)), "the navigation went to the result's URL");
    }));

  await test("without JavaScript the form searches and filters by normal navigation", () =>
    withPage(base, "no-js", { javaScriptEnabled: false, at: "/" }, async ({ page, record }) => {
      checkEqual(await page.evaluate(() => document.documentElement.classList.contains("js")), false, "(app.js did not run: no .js class)");
      await page.locator("#q").fill("sparse autoencoders");
      await Promise.all([page.waitForURL((url) => url.searchParams.get("q") === "sparse autoencoders"), page.locator("#q").press("Enter")]);
      check(new URL(page.url()).search === "?q=sparse+autoencoders", `submitting navigates to ${new URL(page.url()).search}`);
      checkEqual(record.documentLoads.length, 2, "by loading a new document");
      const expected = await serverShows(page.url());
      const ids = await page.locator("#results .result").evaluateAll((results) => results.map((result) => result.dataset.id));
      check(ids.length > 0, `results are shown (${ids.length})`);
      checkEqual(ids, expected.ids, "the results are the server's for that URL");
      checkEqual(await page.locator("#status .count").textContent(), expected.status, `#status reads ${JSON.stringify(expected.status)}`);
      check(await page.locator(".apply").isVisible(), "the Apply filters button is visible without JavaScript");
      await page.locator('#facets input[name="kind"][value="paper"]').check();
      await Promise.all([page.waitForURL((url) => url.searchParams.get("kind") === "paper"), page.locator(".apply").click()]);
      const url = new URL(page.url());
      checkEqual([url.searchParams.get("q"), url.searchParams.getAll("kind")], ["sparse autoencoders", ["paper"]], "Apply filters navigates with q and kind=paper");
      checkEqual(await page.locator("#chips a.chip").allTextContents(), ["Kind: paper ×"], "the chip is shown");
    }));

  await test("hostile content never runs, never becomes markup, never becomes a script link", () =>
    withPage(hostile.url, "hostile", {}, async ({ page, record }) => {
      const assertInert = inertChecks(page, record, /^\/assets\/app\.js(\?|$)/);
      const load = async (search, mustShow) => {
        await page.goto(new URL(search, hostile.url).href);
        await assertInert(`GET ${search}`, mustShow);
      };
      await load("/", null);
      await load("/?q=script", "<script>alert(1)</script>");
      await load("/?q=img", null);
      await load("/?q=onerror", null);
      await load("/?q=javascript", "javascript");
      await load("/?q=data", "data:");
      await load("/?q=alert", "<script>alert(1)</script>");
      await load("/?q=refusal", "Instructions for the assistant");
      await load("/?q=quotes", '"quotes"');

      // The same pages swapped in by the script.
      await page.goto(hostile.url);
      for (const q of ["script", "img onerror", "javascript", "alert"]) {
        const n = await renders(page);
        await page.locator("#q").fill(q);
        await waitForQuery(page, q, n);
        await assertInert(`typed ${JSON.stringify(q)}`, null);
      }
      // The hostile tag as a filter: a checkbox value, a URL parameter, a chip.
      await filterByHostileTag(page, assertInert);
      await page.goto(page.url());
      await assertInert("the same URL loaded", null);

      const unexpected = record.requests.filter((request) => !(request.path === "/" || request.path.startsWith("/assets/")));
      checkEqual(unexpected, [], "no request for anything but pages and the page's assets (no /x from an <img src=x>)");
      checkEqual(record.external, [], "no request to another origin");
      checkEqual(record.consoleErrors, [], "no console error");
    }));

  await test("screenshot of a results page", () =>
    withPage(base, "screenshot", { at: "/?q=sparse+autoencoders" }, async ({ page }) => {
      await page.locator("#results .result").first().waitFor();
      const file = path.join(args.artifacts, "results.png");
      fs.rmSync(file, { force: true });
      await page.screenshot({ path: file });
      const png = pngSize(file);
      check(png !== null, `${file} is a PNG`);
      check(png.bytes > 10_000, `it is not empty (${png.bytes} bytes)`);
      checkEqual([png.width, png.height], [1280, 800], "it is 1280×800");
    }));

  await test("phone-sized viewport: results visible, no horizontal scrolling", () =>
    withPage(base, "phone", { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }, async ({ page }) => {
      const checkFits = async (where) => {
        const size = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, clientWidth: document.documentElement.clientWidth }));
        checkEqual(size.innerWidth, 390, `${where}: the layout is 390 CSS px wide`);
        check(size.scrollWidth <= size.innerWidth, `${where}: no horizontal scroll (scrollWidth ${size.scrollWidth} <= innerWidth ${size.innerWidth})`);
      };
      await page.goto(base);
      await checkFits("start page");
      await page.goto(new URL("/?q=sparse+autoencoders", base).href);
      const first = page.locator("#results .result").first();
      check(await first.isVisible(), "the first result is visible");
      const box = await first.locator(".result-link").boundingBox();
      check(box && box.x >= 0 && box.x + box.width <= 390 && box.y + box.height <= 844, `the first result's title is on screen (${JSON.stringify(box)})`);
      await checkFits("q=sparse autoencoders");
      await page.screenshot({ path: path.join(args.artifacts, "results-phone.png") });
      // Typing works there too.
      const n = await renders(page);
      await page.locator("#q").fill("refusal");
      await waitForQuery(page, "refusal", n);
      await checkMatchesServer(page, "typed on the phone");
      await checkFits("q=refusal");
      await page.goto(new URL("/?q=sparse+autoencoders&kind=paper&source=arXiv&since=2024-01&until=2026-06", base).href);
      await checkFits("with chips");
      for (const search of ["/?q=script", "/?q=refusal", "/?q=arsenic"]) {
        await page.goto(new URL(search, hostile.url).href);
        await checkFits(`hostile site ${search}`);
      }
    }));

  await regressions(base, hostile.url);

  for (const [name, server] of [["sample blog", blog], ["hostile site", hostile]])
    await test(`the ${name}'s server stops with SIGTERM and exits 0`, async () => {
      const exit = await stopServer(server);
      checkEqual(exit, { code: 0, signal: null }, "exit status 0");
    });
}

// ---------------------------------------------------------------------------------
// Behaviours that were once wrong (found by this suite's first version), each a test.

// Each runs as a test: `body` returns whether the page behaves and what it showed.
async function regression(name, body) {
  await test(name, async () => {
    const { fixed, detail } = await body();
    check(fixed, name, detail);
  });
}

async function regressions(base, hostileBase) {
  await regression("with JavaScript, “Skip to results” moves focus to the results without fetching the page again", () =>
    withPage(base, null, { at: "/?q=sparse+autoencoders" }, async ({ page, record }) => {
      const fetches = record.requests.filter((request) => request.type === "fetch").length;
      await page.locator("a.skip").focus();
      await page.keyboard.press("Enter");
      await page.waitForTimeout(300);
      await page.keyboard.press("Tab");
      const refetched = record.requests.filter((request) => request.type === "fetch").length > fetches;
      const inResults = await page.evaluate(() => document.getElementById("results").contains(document.activeElement));
      return { fixed: !refetched && inResults, detail: `page re-fetched: ${refetched}; the Tab after it lands in #results: ${inResults}` };
    }),
  );

  await regression("the footer's feed and JSON links (and <link rel=alternate>) follow the search the script swaps in", () =>
    withPage(base, null, { at: "/" }, async ({ page }) => {
      const n = await renders(page);
      await page.locator("#q").fill("sparse autoencoders");
      await waitForQuery(page, "sparse autoencoders", n);
      const links = await page.evaluate(() => [...document.querySelectorAll(".site-footer a, link[rel=alternate]")].map((a) => a.getAttribute("href")));
      const html = await (await fetch(page.url())).text();
      const expected = [...html.matchAll(/<footer[\s\S]*?<\/footer>|<link rel="alternate"[^>]*>/g)].flatMap((block) => [...block[0].matchAll(/href="([^"]*)"/g)].map((found) => decode(found[1])));
      const sorted = (list) => [...list].sort();
      return { fixed: JSON.stringify(sorted(links)) === JSON.stringify(sorted(expected)), detail: `shown ${JSON.stringify(links)}, the server's page has ${JSON.stringify(expected)}` };
    }),
  );

  await regression("without the facet sidebar (related entries, query errors) #main takes the width, not the sidebar's column", () =>
    withPage(base, null, {}, async ({ page }) => {
      const id = (await serverShows(new URL("/?q=sparse+autoencoders", base).href)).ids[0];
      const widths = {};
      for (const search of [`/?related=${id}`, "/?q=%22unbalanced"]) {
        await page.goto(new URL(search, base).href);
        widths[search] = await page.evaluate(() => Math.round(document.getElementById("main").getBoundingClientRect().width));
      }
      return { fixed: Object.values(widths).every((width) => width > 600), detail: `#main width at 1280 px: ${JSON.stringify(widths)}` };
    }),
  );

  await regression("a title with a right-to-left override is not shown reversed (“invoice<U+202E>fdp.exe” never reads “invoiceexe.pdf”)", () =>
    withPage(hostileBase, null, { at: "/?q=invoice" }, async ({ page }) => {
      const visual = await page.evaluate(() => {
        const link = [...document.querySelectorAll(".result-link")].find((a) => a.textContent.startsWith("invoice"));
        const text = link.firstChild;
        const boxes = [];
        for (let i = 0; i < text.length; i++) {
          if (/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text.data[i])) continue;
          const range = document.createRange();
          range.setStart(text, i);
          range.setEnd(text, i + 1);
          boxes.push([text.data[i], range.getBoundingClientRect().x]);
        }
        return boxes.sort((a, b) => a[1] - b[1]).map(([c]) => c).join("");
      });
      return { fixed: visual === "invoicefdp.exe", detail: `reads ${JSON.stringify(visual)} on screen` };
    }),
  );

  await regression("typing a new query on a results page keeps that search in the history: Back returns to it", () =>
    withPage(base, null, { at: "/?q=refusal" }, async ({ page }) => {
      const n = await renders(page);
      await page.locator("#q").fill("sparse autoencoders");
      await waitForQuery(page, "sparse autoencoders", n);
      await page.goBack({ waitUntil: "commit" });
      await page.waitForTimeout(300);
      const after = page.url();
      return { fixed: after.startsWith(base) && queryOf(after) === "refusal", detail: `Back went to ${after}` };
    }),
  );

  await regression("Enter after the typed search has rendered adds no second history entry with the same URL", () =>
    withPage(base, null, { at: "/" }, async ({ page }) => {
      const n = await renders(page);
      await page.locator("#q").fill("sparse autoencoders");
      await waitForQuery(page, "sparse autoencoders", n);
      const entries = await page.evaluate(() => history.length);
      const m = await renders(page);
      await page.locator("#q").press("Enter");
      await page.waitForTimeout(300);
      const added = (await page.evaluate(() => history.length)) - entries;
      return { fixed: added === 0, detail: `history entries added by Enter: ${added}` };
    }),
  );

  await regression("a facet change leaves the default sort out of the URL, as the server's own links do", () =>
    withPage(base, null, { at: "/?q=sparse+autoencoders" }, async ({ page }) => {
      const n = await renders(page);
      await page.locator('#facets input[name="kind"][value="paper"]').click();
      await page.waitForFunction((n) => window.__probe.renders > n, n);
      return { fixed: !new URL(page.url()).searchParams.has("sort"), detail: new URL(page.url()).search };
    }),
  );
}

await finish(main);
