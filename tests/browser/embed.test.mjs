// The search box for a blog's own theme (web/assets/embed.js) in headless Chromium, on a
// real static site: the Hugo blog tests/fixtures/embed-site, whose every page includes
// the partial docs/static-hosting.md gives for Hugo, built by Debian's `hugo`, indexed,
// exported into the built site's search/ folder, and served by the tests' static file
// server. Results are compared with what `clubsearch --json` gives for the same search,
// and the site's own search page (/search/) with what `clubsearch serve` renders; the
// same box is then pointed at a running `clubsearch serve` (with and without
// --allow-origin), and put on the hostile fixture site's export.
//
//   node embed.test.mjs --clubsearch BIN --data DIR --hostile DIR --artifacts DIR
//                       [--chromium PATH] [--only NAME]
//
// --data is the repository's data/ (unused here but required by the shared arguments);
// the Hugo site is found beside this file, in ../fixtures/embed-site.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import {
  AS_OF,
  check,
  checkEqual,
  checkMatchesServer,
  countIn,
  finish,
  index,
  readArgs,
  renders,
  run,
  setUp,
  startServer,
  test,
  travel,
  withPage,
} from "./harness.mjs";
import { startStaticServer } from "./static_server.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = readArgs("embed.test.mjs");
const HUGO_SITE = path.join(here, "../fixtures/embed-site");
const RESULTS = 8; // embed.js's default number of results

if (!fs.existsSync(path.join(path.dirname(args.clubsearch), "clubsearch-engine.wasm"))) {
  console.log(`e2e.embed: skipped: no engine beside ${args.clubsearch} (configure with -DCLUBSEARCH_WASM=ON)`);
  process.exit(77);
}

setUp({ name: "embed.test.mjs", clubsearch: args.clubsearch, overallTimeoutMs: 200_000, only: args.only });

function runOrThrow(command, commandArgs, env = process.env) {
  const done = spawnSync(command, commandArgs, { encoding: "utf8", timeout: 120_000, env });
  if (done.error) throw new Error(`cannot run ${command}: ${done.error.message}`);
  if (done.status !== 0) throw new Error(`${command} ${commandArgs.join(" ")} failed (exit ${done.status}):\n${done.stdout}${done.stderr}`);
  return done.stdout;
}

// What `clubsearch --json` gives for `query`, as many results as the box shows.
function cliSearch(db, query) {
  return JSON.parse(runOrThrow(args.clubsearch, ["--db", db, "--json", "-n", String(RESULTS), query]));
}

// Types `query` into the page's box, letter by letter as a reader does, and waits for
// the box's results event for it: {query, total, ids}.
async function typeAndWait(page, query) {
  const input = page.locator(".clubsearch-input");
  await input.fill("");
  const waited = page.evaluate(
    (q) =>
      new Promise((resolve) => {
        const root = document.querySelector("[data-clubsearch]");
        const done = (event) => {
          if (event.detail.query !== q) return;
          root.removeEventListener("clubsearch:results", done);
          root.removeEventListener("clubsearch:error", done);
          resolve({ type: event.type, ...event.detail });
        };
        root.addEventListener("clubsearch:results", done);
        root.addEventListener("clubsearch:error", done);
      }),
    query,
  );
  await input.pressSequentially(query, { delay: 15 });
  return waited;
}

// What the box shows: each result's title, link, meta line and snippet.
const shownResults = (page) =>
  page.locator(".clubsearch-result").evaluateAll((items) =>
    items.map((item) => ({
      title: item.querySelector(".clubsearch-title").textContent,
      href: item.querySelector(".clubsearch-title").getAttribute("href"),
      meta: item.querySelector(".clubsearch-meta")?.textContent ?? "",
      marks: [...item.querySelectorAll(".clubsearch-snippet mark")].map((mark) => mark.textContent),
    })),
  );

async function main() {
  const { chromium } = await import("playwright-core");
  const hugo = spawnSync("hugo", ["version"], { encoding: "utf8" });
  if (hugo.error || hugo.status !== 0)
    throw new Error("hugo is not installed: install the Debian package hugo (quickstart.sh's test set-up does)");
  console.log(hugo.stdout.trim());
  run.scratch = fs.mkdtempSync(path.join(os.tmpdir(), "clubsearch-embed-"));

  // The blog as its author publishes it: built by Hugo, then the search exported into the
  // built site (public/search/), as docs/static-hosting.md says.
  const db = path.join(run.scratch, "db");
  const publicDir = path.join(run.scratch, "public");
  // The site as its author keeps it: with a build file naming the Hugo release it is built
  // with (the one installed here), which decides how Hugo makes its headings' ids.
  const siteDir = path.join(run.scratch, "site");
  fs.cpSync(HUGO_SITE, siteDir, { recursive: true });
  const hugoRelease = /v(\d+\.\d+(?:\.\d+)?)/.exec(hugo.stdout)[1];
  fs.writeFileSync(path.join(siteDir, "netlify.toml"), `[build]\ncommand = "hugo"\n[build.environment]\nHUGO_VERSION = "${hugoRelease}"\n`);
  index(siteDir, db);
  // Everything Hugo writes goes to the scratch folder: no build lock, and its resources/
  // there too.
  runOrThrow("hugo", ["--source", siteDir, "--destination", publicDir, "--quiet", "--noBuildLock", "--cacheDir", path.join(run.scratch, "hugo-cache")], {
    ...process.env,
    HUGO_RESOURCEDIR: path.join(run.scratch, "hugo-resources"),
  });
  runOrThrow(args.clubsearch, ["--db", db, "export-static", path.join(publicDir, "search"), "--quiet"]);
  const site = await startStaticServer({ root: publicDir, base: "/" });
  run.closers.push(site.close);
  const base = site.url;

  // The hostile fixture site's export, with a page of its own carrying the box.
  const hostileDb = path.join(run.scratch, "hostile-db");
  const hostileDir = path.join(run.scratch, "hostile");
  index(args.hostile, hostileDb);
  runOrThrow(args.clubsearch, ["--db", hostileDb, "export-static", path.join(hostileDir, "search"), "--quiet"]);
  fs.writeFileSync(
    path.join(hostileDir, "index.html"),
    '<!doctype html><meta charset="utf-8"><title>hostile</title><div data-clubsearch></div><script src="search/embed.js" defer></script>\n',
  );
  const hostileSite = await startStaticServer({ root: hostileDir, base: "/" });
  run.closers.push(hostileSite.close);
  console.log(`Hugo site at ${base}, hostile site at ${hostileSite.url} (indexed as of ${AS_OF})`);

  run.browser = await chromium.launch({ executablePath: args.chromium, args: ["--no-sandbox"] });

  await test("every page of the Hugo site has the box, and nothing of the engine is fetched before it is used", () =>
    withPage(base, "pages", { onlyBase: true }, async ({ page, record }) => {
      for (const at of ["/", "/posts/journal-club-march/", "/posts/weekly-links/"]) {
        await page.goto(new URL(at, base).href);
        await page.locator(".clubsearch-input").waitFor();
        checkEqual(await page.locator(".clubsearch-input").getAttribute("placeholder"), "Search the reading notes", `${at}: the box, with the partial's placeholder`);
      }
      const fetched = record.requests.map((request) => request.path).filter((file) => file.startsWith("/search/"));
      checkEqual([...new Set(fetched)], ["/search/embed.js"], "only embed.js was fetched from search/ (no worker, engine or index yet)");
      checkEqual(record.external, [], "no request left the static server");
    }));

  await test("typing shows the results clubsearch --json gives, linking each entry's own place in the blog", () =>
    withPage(base, "typing", { onlyBase: true, at: "/posts/journal-club-april/" }, async ({ page, record }) => {
      for (const query of ["sparse autoencoders", "refusal direction", "forecasting"]) {
        const event = await typeAndWait(page, query);
        const expected = cliSearch(db, query);
        checkEqual(event.type, "clubsearch:results", `${query}: results, not an error`);
        checkEqual(event.ids, expected.results.map((hit) => hit.id), `${query}: the ids and order of clubsearch --json (${event.ids.length})`);
        checkEqual(event.total, expected.total, `${query}: the same total (${expected.total})`);
        const shown = await shownResults(page);
        checkEqual(shown.map((hit) => [hit.title, hit.href]), expected.results.map((hit) => [hit.title, hit.entry_url]), `${query}: each title links its entry`);
        checkEqual(
          shown.map((hit) => hit.marks),
          expected.results.map((hit) => (hit.snippet || []).filter((part) => part.match).map((part) => part.text)),
          `${query}: each snippet marks the words clubsearch --json marks (${shown.flatMap((hit) => hit.marks).length})`,
        );
        for (const hit of shown) {
          // The production URL's path is a page Hugo built, which shows the entry.
          const local = new URL(new URL(hit.href).pathname, base);
          const response = await fetch(local);
          const html = await response.text();
          check(response.status === 200 && html.includes(hit.title.replace(/&/g, "&amp;")), `${local.pathname} is a built page showing "${hit.title}"`);
          // The entry's anchor is the id Hugo gave its heading.
          const fragment = decodeURIComponent(new URL(hit.href).hash.slice(1));
          if (fragment) check(html.includes(`id="${fragment}"`), `#${fragment} is a heading's id on that page (Hugo ${hugoRelease})`);
        }
      }
      const color = await page.locator(".clubsearch-title").first().evaluate((link) => getComputedStyle(link).color);
      checkEqual(color, "rgb(128, 0, 64)", "the blog's own stylesheet styles the results over the box's defaults");
      const engine = record.requests.map((request) => request.path);
      check(engine.some((file) => file.startsWith("/search/clubsearch-engine.wasm.gz")), "the engine was fetched from the exported folder, compressed");
      checkEqual(record.external, [], "no request left the static server");
    }));

  await test("the Hugo site's own search page: a deep link, a facet click and back, as clubsearch serve renders them", async () => {
    const server = await startServer(db);
    await withPage(base, "search page", { at: "/search/?q=sparse+autoencoders", onlyBase: true }, async ({ page, record }) => {
      await page.locator("#results .result").first().waitFor();
      const first = await checkMatchesServer(page, "deep link /search/?q=sparse+autoencoders", server.url);
      // A value that holds some of the results, not all.
      const total = countIn(first.status);
      const boxes = page.locator("#facet-form fieldset[data-facet] input[type=checkbox]");
      let narrower = -1;
      for (let i = 0; i < (await boxes.count()) && narrower < 0; i++) {
        const count = Number((await boxes.nth(i).evaluate((box) => box.labels[0]?.querySelector(".count")?.textContent ?? "")).replace(/,/g, ""));
        if (count > 0 && count < total) narrower = i;
      }
      check(narrower >= 0, "a facet value holds some of the results");
      const n = await renders(page);
      await boxes.nth(narrower).click();
      await page.waitForFunction((n) => window.__probe.renders > n, n);
      const filtered = await checkMatchesServer(page, "after a facet click", server.url);
      checkEqual(filtered.chips.length, 1, `a chip shows the filter (${filtered.chips})`);
      check(countIn(filtered.status) < total, `fewer results (${countIn(filtered.status)} of ${total})`);
      const back = await travel(page, "back");
      checkEqual([back.url, back.ids], [first.url, first.ids], "back: the search before the click, with its results");
      checkEqual(record.external, [], "no request left the static server");
      check(record.requests.every((request) => request.path.startsWith("/search/")), "every request was for a file under /search/");
    });
  });

  await test("nothing found says so; the keyboard moves through the results; Escape empties the box", () =>
    withPage(base, "keyboard", { onlyBase: true, at: "/" }, async ({ page }) => {
      const none = await typeAndWait(page, "qqxzvw");
      checkEqual([none.total, await page.locator(".clubsearch-result").count()], [0, 0], "a word of no entry: no results");
      check(/^No results/.test(await page.locator(".clubsearch-status").textContent()), "and the box says so");
      await typeAndWait(page, "sparse autoencoders");
      const titles = await page.locator(".clubsearch-title").allTextContents();
      check(titles.length >= 3, `results to move through (${titles.length})`);
      await page.locator(".clubsearch-input").press("ArrowDown");
      checkEqual(await page.evaluate(() => document.activeElement.textContent), titles[0], "ArrowDown from the box focuses the first result");
      await page.keyboard.press("ArrowDown");
      checkEqual(await page.evaluate(() => document.activeElement.textContent), titles[1], "ArrowDown again, the second");
      await page.keyboard.press("ArrowUp");
      await page.keyboard.press("ArrowUp");
      checkEqual(await page.evaluate(() => document.activeElement.className), "clubsearch-input", "ArrowUp from the first goes back to the box");
      const more = page.locator(".clubsearch-more");
      await page.locator(".clubsearch-input").press("Escape");
      await page.waitForFunction(() => document.querySelectorAll(".clubsearch-result").length === 0);
      checkEqual([await page.locator(".clubsearch-input").inputValue(), await more.isHidden()], ["", true], "Escape empties the box and its results");
      await typeAndWait(page, "sparse autoencoders");
      const first = await page.locator(".clubsearch-title").first().getAttribute("href");
      await page.locator(".clubsearch-input").press("Enter");
      await page.waitForURL(first);
      check(true, `Enter opens the first result (${first})`);
    }));

  await test("with data-api the same box asks clubsearch serve, which must allow the blog's origin", async () => {
    const blogOrigin = new URL(base).origin;
    const allowed = await startServer(db, ["--allow-origin", blogOrigin]);
    const closed = await startServer(db);
    for (const [name, server] of [["api-allowed", allowed], ["api-closed", closed]])
      fs.writeFileSync(
        path.join(publicDir, `${name}.html`),
        `<!doctype html><meta charset="utf-8"><title>${name}</title><div data-clubsearch data-api="${server.url}"></div><script src="search/embed.js" defer></script>\n`,
      );
    await withPage(base, "api allowed", { at: "/api-allowed.html" }, async ({ page, record }) => {
      const event = await typeAndWait(page, "sparse autoencoders");
      checkEqual(event.ids, cliSearch(db, "sparse autoencoders").results.map((hit) => hit.id), "the server's results, as clubsearch --json gives them");
      const apiCalls = record.requests.filter((request) => request.path === "/api/search");
      check(apiCalls.length >= 1, `the box asked ${allowed.url}api/search (${apiCalls.length} times)`);
      check(!record.requests.some((request) => request.path.startsWith("/search/clubsearch-")), "and fetched no engine");
      checkEqual(await page.locator(".clubsearch-more").getAttribute("href"), `${allowed.url}?q=sparse+autoencoders`, "'All results' leads to the server's search page");
    });
    await withPage(base, "api closed", { at: "/api-closed.html" }, async ({ page, record }) => {
      record.consoleErrors.length = 0;
      const event = await typeAndWait(page, "sparse autoencoders");
      checkEqual(event.type, "clubsearch:error", "a server that does not allow the blog's origin: an error");
      check(/^The search cannot run/.test(await page.locator(".clubsearch-status").textContent()), "which the box says");
      record.consoleErrors.length = 0; // the browser reports the CORS refusal in the console
    });
  });

  await test("the hostile site's markup stays text in the box", () =>
    withPage(hostileSite.url, "hostile", { onlyBase: true, at: "/" }, async ({ page, record }) => {
      for (const [query, mustShow] of [["script", "<script>alert(1)</script>"], ["img onerror", null], ["javascript", null]]) {
        const event = await typeAndWait(page, query);
        check(event.total > 0, `${query}: the hostile posts are found (${event.total})`);
        const found = await page.locator("[data-clubsearch]").evaluate((root) => {
          const all = [...root.querySelectorAll("*")];
          return {
            handlers: all.flatMap((element) => [...element.attributes].filter((attribute) => /^on/i.test(attribute.name)).map((attribute) => `<${element.localName} ${attribute.name}>`)),
            embedded: all.filter((element) => !["form", "input", "div", "ol", "li", "a", "p", "mark"].includes(element.localName)).map((element) => element.localName),
            badLinks: [...root.querySelectorAll("a[href]")].map((link) => link.href).filter((href) => !/^https?:/.test(href)),
            text: root.textContent,
          };
        });
        checkEqual(found.handlers, [], `${query}: no element of the box has an on* attribute`);
        checkEqual(found.embedded, [], `${query}: the box holds only its own kinds of element`);
        checkEqual(found.badLinks, [], `${query}: every link is http(s)`);
        if (mustShow) check(found.text.includes(mustShow), `${query}: the hostile text is shown as text: ${JSON.stringify(mustShow)}`);
        const scripts = await page.evaluate(() => [...document.scripts].map((script) => script.getAttribute("src")));
        checkEqual(scripts, ["search/embed.js"], `${query}: the page's one script is still embed.js`);
      }
      checkEqual(record.external, [], "no request left the static server");
    }));
}

await finish(main);
