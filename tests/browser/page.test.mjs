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
import { spawnSync } from "node:child_process";
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

  await paperTests(base, hostile.url, path.join(run.scratch, "data-index"));
  await regressions(base, hostile.url);

  for (const [name, server] of [["sample blog", blog], ["hostile site", hostile]])
    await test(`the ${name}'s server stops with SIGTERM and exits 0`, async () => {
      const exit = await stopServer(server);
      checkEqual(exit, { code: 0, signal: null }, "exit status 0");
    });
}

// ---------------------------------------------------------------------------------
// Papers: the papers view, a paper's page (/papers/ID) against `clubsearch show --json`,
// its COinS span and citation downloads, and the hostile site's paper pages.

// `clubsearch --db DB ARGS…` run for real; its stdout (JSON when `json`).
function cli(db, rest, { json = true } = {}) {
  const run = spawnSync(args.clubsearch, ["--db", db, ...rest, ...(json ? ["--json"] : [])], { encoding: "utf8", timeout: 30_000 });
  if (run.error) throw new Error(`cannot run ${args.clubsearch}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`clubsearch ${rest.join(" ")} exited ${run.status}:\n${run.stderr}`);
  return json ? JSON.parse(run.stdout) : run.stdout;
}

// How the page says a post's lag after the paper, from show's months_after_paper.
function lagText(months) {
  if (months === null || months === undefined) return null;
  if (months === 0) return "the paper's month";
  const size = Math.abs(months);
  const when = months < 0 ? "before" : "after";
  if (size < 12) return `${size} ${size === 1 ? "month" : "months"} ${when}`;
  const years = Math.floor(size / 12);
  return `${years} ${years === 1 ? "year" : "years"} ${when}`;
}

// What a paper's page shows, read from the DOM.
function paperPageShows(page) {
  return page.evaluate(() => {
    const coins = document.querySelector("span.Z3988");
    const kev = coins ? new URLSearchParams(coins.getAttribute("title")) : null;
    const meta = (name) => [...document.querySelectorAll(`meta[name="${name}"]`)].map((tag) => tag.content);
    return {
      title: document.querySelector("article.paper-page h1")?.textContent ?? null,
      scripts: document.querySelectorAll("script").length,
      handlers: [...document.querySelectorAll("*")].flatMap((element) => [...element.attributes].filter((attribute) => /^on/i.test(attribute.name)).map((attribute) => `<${element.localName} ${attribute.name}>`)),
      badLinks: [...document.querySelectorAll("a[href]")].map((a) => a.href).filter((href) => !/^https?:/.test(href)),
      timeline: [...document.querySelectorAll("li.mention")].map((item) => ({
        entry: item.dataset.entryId,
        date: item.querySelector(".when time")?.getAttribute("datetime") ?? null,
        lag: item.querySelector(".lag")?.textContent ?? null,
        post: item.querySelector("h3").textContent,
        href: item.querySelector("h3 a")?.getAttribute("href") ?? null,
        excerpt: item.querySelector(".excerpt")?.textContent ?? "",
      })),
      identifiers: Object.fromEntries([...document.querySelectorAll(".identifiers a")].map((a) => [a.dataset.identifier, { id: a.textContent, href: a.href }])),
      coins: kev && { ctx: kev.get("ctx_ver"), title: kev.get("rft.atitle"), date: kev.get("rft.date"), ids: kev.getAll("rft_id"), keys: [...kev.keys()] },
      citationTitle: meta("citation_title"),
      citationDate: meta("citation_publication_date"),
      citationArxiv: meta("citation_arxiv_id"),
      downloads: Object.fromEntries([...document.querySelectorAll(".cite a[download]")].map((a) => [a.dataset.format, a.getAttribute("href")])),
    };
  });
}

async function paperTests(base, hostileBase, dataDb) {
  await test("the papers view: a switch from entries, the papers' facets, their results and citation downloads", () =>
    withPage(base, "papers view", { at: "/?q=language+models" }, async ({ page, record }) => {
      const entries = await shown(page);
      let n = await renders(page);
      await page.locator('nav.scope a[data-scope="papers"]').click();
      await page.waitForFunction((n) => window.__probe.renders > n, n);
      let now = await checkMatchesServer(page, "the papers view");
      checkEqual(new URL(now.url).searchParams.get("papers"), "1", "the URL gains papers=1");
      checkEqual(queryOf(now.url), "language models", "and keeps the query");
      const api = await (await fetch(new URL("/api/papers?q=language+models", base))).json();
      checkEqual(now.ids, api.results.map((result) => result.id), "the results are /api/papers' for the query, in order");
      check(JSON.stringify(now.ids) !== JSON.stringify(entries.ids), "(they are not the entries' results)");
      const links = await page.locator("#results .result .result-link").evaluateAll((all) => all.map((a) => a.getAttribute("href")));
      checkEqual(links, now.ids.map((id) => `/papers/${id}`), "each result's title links to its paper's page");
      checkEqual(await page.locator("#results .result span.Z3988").count(), now.ids.length, "each paper result has a COinS span");
      check(await page.locator('#facets fieldset[data-facet="discussed"]').count() === 1, "the sidebar has the “posts about it” facet");
      check(await page.locator('#facets fieldset[data-facet="section"]').count() === 0, "and not the entries' section facet");
      checkEqual(await page.locator(".cite a[download]").evaluateAll((all) => all.map((a) => a.getAttribute("href"))),
        ["bibtex", "ris", "csl-json"].map((format) => `/api/papers?q=language+models&format=${format}`), "“Cite these” links to the API's downloads of the same search");
      const bibtex = await (await fetch(new URL("/api/papers?q=language+models&format=bibtex", base))).text();
      checkEqual(bibtex, cli(dataDb, ["papers", "language models", "--format", "bibtex"], { json: false }), "its BibTeX is clubsearch papers --format bibtex");

      // A papers-only filter and a new query keep to papers.
      n = await renders(page);
      await page.locator('#facets input[name="discussed"][value="2"]').click();
      await page.waitForFunction((n) => window.__probe.renders > n, n);
      const before = now;
      now = await checkMatchesServer(page, "with discussed=2");
      check(countIn(now.status) < countIn(before.status), `the filter narrows the papers: ${before.status} → ${now.status}`);
      checkEqual([new URL(now.url).searchParams.get("papers"), new URL(now.url).searchParams.getAll("discussed")], ["1", ["2"]], "the facet keeps papers=1 and adds discussed=2");
      const twice = cli(dataDb, ["papers", "language models", "--discussed", "2"]);
      checkEqual(now.ids, twice.results.map((result) => result.id), "the results are clubsearch papers --discussed 2's");
      n = await renders(page);
      await page.locator("#q").fill("direction");
      await waitForQuery(page, "direction", n);
      now = await checkMatchesServer(page, "typed in the papers view");
      checkEqual(new URL(now.url).searchParams.get("papers"), "1", "a typed query stays in the papers view");

      // Back to entries: their results link to their papers' pages.
      await page.goto(new URL("/?q=language+models", base).href);
      const paperLinks = await page.locator("#results a.paper-page").evaluateAll((all) => all.map((a) => a.getAttribute("href")));
      check(paperLinks.length > 0 && paperLinks.every((href) => /^\/papers\/[0-9a-f]+$/.test(href)), `entries link to their papers' pages: ${JSON.stringify(paperLinks)}`);
      checkEqual(record.external, [], "no request left 127.0.0.1");
    }));

  await test("a paper's page: its timeline is clubsearch show's, its COinS and BibTeX are the paper's; screenshot", () =>
    withPage(base, "paper page", { at: "/?papers=1&sort=discussed" }, async ({ page, record }) => {
      const discussed = cli(dataDb, ["papers", "--discussed", "2"]);
      check(discussed.results.length > 0, `the sample blog has a paper discussed in 2 posts or more (${discussed.results.length})`);
      const id = discussed.results[0].id;
      const show = cli(dataDb, ["show", id]);
      const paper = show.papers[0];
      check(paper.mentions.length >= 2, `${paper.title}: ${paper.mentions.length} posts in its timeline`);
      await page.locator(`#results .result[data-id="${id}"] .result-link`).click();
      await page.waitForURL(new URL(`/papers/${id}`, base).href);
      const seen = await paperPageShows(page);
      checkEqual(seen.title, paper.title, "the page's heading is the paper's title");
      checkEqual(seen.timeline.map((item) => item.entry), paper.mentions.map((mention) => mention.entry_id), "the timeline's entries are show's, in its order (oldest first)");
      checkEqual(seen.timeline.map((item) => item.date), paper.mentions.map((mention) => mention.date), "with the posts' dates");
      const dates = seen.timeline.map((item) => item.date).filter(Boolean);
      checkEqual(dates, [...dates].sort(), "which run oldest first");
      checkEqual(seen.timeline.map((item) => item.post), paper.mentions.map((mention) => mention.post_title), "the posts' titles");
      checkEqual(seen.timeline.map((item) => item.href), paper.mentions.map((mention) => mention.entry_url), "each linking to the entry's anchor on the blog");
      checkEqual(seen.timeline.map((item) => item.lag), paper.mentions.map((mention) => lagText(mention.months_after_paper)), "and how long after the paper each came");
      check(seen.timeline.every((item, i) => paper.mentions[i].excerpt.startsWith(item.excerpt.replace(/…$/, "").slice(0, 40))), "each with the start of what the post said");
      if (paper.arxiv) {
        checkEqual(seen.identifiers.arXiv, { id: paper.arxiv, href: `https://arxiv.org/abs/${paper.arxiv}` }, "its arXiv id links to arXiv");
        checkEqual(seen.citationArxiv, [paper.arxiv], "<meta name=citation_arxiv_id> has it");
      }
      checkEqual(seen.coins.ctx, "Z39.88-2004", "the COinS span is a Z39.88-2004 ContextObject");
      checkEqual(seen.coins.title, paper.title, "its decoded rft.atitle is the paper's title");
      checkEqual(seen.coins.date, paper.date, "its rft.date the paper's date");
      check(!paper.arxiv || seen.coins.ids.includes(`info:arxiv/${paper.arxiv}`), `its rft_ids name the arXiv id: ${JSON.stringify(seen.coins.ids)}`);
      check(!seen.coins.keys.some((key) => /^rft\.au/.test(key)), "it names no author");
      checkEqual(seen.citationTitle, [paper.title], "<meta name=citation_title> is the title");
      checkEqual(seen.citationDate, paper.date ? [paper.date.replaceAll("-", "/")] : [], "<meta name=citation_publication_date> the date");
      checkEqual(seen.scripts, 0, "a paper's page runs no script");

      const shot = path.join(args.artifacts, "paper-page.png");
      fs.rmSync(shot, { force: true });
      await page.screenshot({ path: shot });
      const png = pngSize(shot);
      check(png !== null && png.bytes > 10_000, `${shot} is a PNG that is not empty (${png && png.bytes} bytes)`);
      checkEqual([png.width, png.height], [1280, 800], "it is 1280×800");

      // The BibTeX link downloads this paper's citation.
      checkEqual(seen.downloads.bibtex, `/api/papers?q=paperid%3A${id}&format=bibtex`, "“Cite it” links to the API's BibTeX of this paper");
      const [download] = await Promise.all([page.waitForEvent("download"), page.locator('.cite a[data-format="bibtex"]').click()]);
      const file = await download.path();
      const bibtex = fs.readFileSync(file, "utf8");
      checkEqual(download.suggestedFilename(), "clubsearch-papers.bib", "clicking it downloads clubsearch-papers.bib");
      checkEqual((bibtex.match(/^@\w+\{/gm) || []).length, 1, "one BibTeX record");
      check(bibtex.includes(`title = {`) && bibtex.includes(paper.title.split(" ")[0]), "of the paper's title");
      if (paper.arxiv) check(new RegExp(`eprint\\s*=\\s*\\{${paper.arxiv.replace(".", "\\.")}\\}`).test(bibtex), `with eprint = {${paper.arxiv}}`);
      checkEqual(bibtex, cli(dataDb, ["show", id, "--format", "bibtex"], { json: false }), "the same as clubsearch show ID --format bibtex");

      checkEqual(record.external, [], "no request left 127.0.0.1");
    }));

  await test("a paper's page on a phone-sized viewport: no horizontal scrolling", () =>
    withPage(base, "paper page on a phone", { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }, async ({ page }) => {
      const papers = cli(dataDb, ["papers", "--discussed", "2"]);
      await page.goto(new URL(`/papers/${papers.results[0].id}`, base).href);
      const size = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
      checkEqual(size.innerWidth, 390, "the layout is 390 CSS px wide");
      check(size.scrollWidth <= size.innerWidth, `no horizontal scroll (scrollWidth ${size.scrollWidth} <= innerWidth ${size.innerWidth})`);
      check(await page.locator("li.mention").first().isVisible(), "the timeline is shown");
    }));

  await test("the hostile site's paper pages show its markup as text", () =>
    withPage(hostileBase, "hostile paper pages", {}, async ({ page, record }) => {
      const papers = await (await fetch(new URL("/api/papers?per_page=100", hostileBase))).json();
      check(papers.results.length > 0, `the hostile site has papers (${papers.results.length})`);
      let hostilePost = false;
      for (const result of papers.results) {
        await page.goto(new URL(`/papers/${result.id}`, hostileBase).href);
        const seen = await paperPageShows(page);
        const where = `/papers/${result.id}`;
        checkEqual(seen.title, result.title, `${where}: the heading is the title as text`);
        checkEqual(seen.coins.title, result.title, `${where}: the COinS title decodes to it`);
        checkEqual(seen.scripts, 0, `${where}: no <script> element`);
        checkEqual(seen.handlers, [], `${where}: no on* attribute`);
        checkEqual(seen.badLinks, [], `${where}: every link is http(s)`);
        checkEqual(seen.timeline.map((item) => item.post), result.paper.mentions.map((mention) => mention.post_title), `${where}: the timeline's posts are shown as text`);
        if (seen.timeline.some((item) => item.post.includes("<script>alert(1)</script>"))) {
          hostilePost = true;
          check(seen.timeline.some((item) => item.excerpt.includes("<script>alert(12)</script>")), `${where}: the excerpt's markup is text`);
        }
      }
      check(hostilePost, "a paper discussed in the hostile post shows its title “<script>alert(1)</script> …” as text");
      const probe = await page.evaluate(() => ({ csp: window.__probe.csp, dialogs: window.__probe.dialogs }));
      checkEqual(probe.dialogs, [], "alert/confirm/prompt/print were never called");
      checkEqual(probe.csp, [], "no CSP violation");
      checkEqual(record.external, [], "no request left 127.0.0.1");
    }));
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
      for (const search of [`/?related=${id}`, "/?q=unbalanced)"]) {
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
