// What the browser tests share (page.test.mjs, static.test.mjs): `clubsearch serve`
// processes on 127.0.0.1 and their clean-up, indexing, printed checks and tests with a
// timeout, and Chromium pages on which nothing leaves the machine (every request to an
// origin that is not one of the tests' own is answered by the test, or aborted), with
// what the page shows and what the server renders for the same URL.
//
//   import { setUp, run, test, … } from "./harness.mjs";
//   setUp({ name: "page.test.mjs", clubsearch: BIN, overallTimeoutMs, testTimeoutMs, only });
//   await finish(main);   // runs main, stops everything, prints the tally and exits
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { parseArgs } from "node:util";

// The run's state: the options setUp was given, the browser and the scratch folder main
// sets, and what else to stop on exit.
export const run = {
  name: "browser tests",
  clubsearch: null,
  testTimeoutMs: 30_000,
  only: null,
  browser: null,
  scratch: null,
  closers: [], // other things to stop on exit (static servers): async functions
};

// ---------------------------------------------------------------------------------
// Servers and clean-up

const servers = new Set();

// `clubsearch serve` of the index `db` on an ephemeral port, with `extra` options.
export function startServer(db, extra = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(run.clubsearch, ["serve", "--db", db, "--listen", "127.0.0.1:0", ...extra], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const server = { child, url: null, log: [], exit: null };
    servers.add(server);
    const exited = new Promise((done) =>
      child.on("exit", (code, signal) => {
        server.exit = { code, signal };
        done(server.exit);
      }),
    );
    server.exited = exited;
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`server on ${db} printed no URL within 10 s`)), 10_000);
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const found = /^Serving .* at (http:\/\/127\.0\.0\.1:\d+\/)\s*$/m.exec(stdout);
      if (found && !server.url) {
        server.url = found[1];
        clearTimeout(timer);
        resolve(server);
      }
    });
    child.stderr.on("data", (chunk) => {
      server.log.push(...String(chunk).split("\n").filter(Boolean));
      if (server.log.length > 400) server.log.splice(0, server.log.length - 400);
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${run.clubsearch}: ${error.message}`));
    });
    exited.then(({ code, signal }) => {
      if (!server.url) {
        clearTimeout(timer);
        reject(new Error(`server on ${db} exited (code ${code}, signal ${signal}) before serving:\n${server.log.join("\n")}`));
      }
    });
  });
}

export async function stopServer(server) {
  if (server.exit) return server.exit;
  server.child.kill("SIGTERM");
  const killer = setTimeout(() => server.child.kill("SIGKILL"), 5_000);
  const exit = await server.exited;
  clearTimeout(killer);
  servers.delete(server);
  return exit;
}

let cleaningUp = null;
let stopping = false; // no further tests once a signal or the watchdog has come
export function cleanUp() {
  stopping = true;
  cleaningUp ??= (async () => {
    if (run.browser) await run.browser.close().catch(() => {});
    for (const server of [...servers]) await stopServer(server);
    for (const close of run.closers.splice(0)) await close().catch(() => {});
    if (run.scratch) fs.rmSync(run.scratch, { recursive: true, force: true });
  })();
  return cleaningUp;
}

// The command line every browser test takes (see the top of page.test.mjs), with the
// environment variables that stand in for it, and a test's own `extra` options; exits 2
// without a required one.
export function readArgs(name, extra = {}) {
  const { values: args } = parseArgs({
    options: {
      ...extra,
      clubsearch: { type: "string", default: process.env.CLUBSEARCH },
      data: { type: "string", default: process.env.CLUBSEARCH_DATA_DIR },
      hostile: { type: "string", default: process.env.CLUBSEARCH_HOSTILE_DIR },
      artifacts: { type: "string", default: process.env.CLUBSEARCH_ARTIFACTS_DIR },
      chromium: { type: "string", default: process.env.CHROMIUM || "/usr/bin/chromium" },
      only: { type: "string" }, // run the tests whose name contains this
    },
  });
  for (const option of ["clubsearch", "data", "hostile", "artifacts"])
    if (!args[option]) {
      console.error(`${name}: --${option} is required (see the top of the file)`);
      process.exit(2);
    }
  return args;
}

// Sets the run up: its options, and what stops everything whatever ends the process (a
// signal, the watchdog after `overallTimeoutMs`, an exit).
export function setUp({ name, clubsearch, overallTimeoutMs, testTimeoutMs = 30_000, only = null }) {
  Object.assign(run, { name, clubsearch, testTimeoutMs, only });
  // Last resort: never leave a server behind, whatever ends this process.
  process.on("exit", () => {
    for (const server of servers) if (!server.exit) server.child.kill("SIGKILL");
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"])
    process.on(signal, () => {
      console.error(`\n${name}: ${signal}; stopping the servers`);
      cleanUp().finally(() => process.exit(1));
    });
  // Output cut short (`| head`) must not stop the clean-up.
  process.stdout.on("error", () => {});
  const watchdog = setTimeout(() => {
    console.error(`\n${name}: still running after ${overallTimeoutMs / 1000} s; giving up`);
    cleanUp().finally(() => process.exit(1));
  }, overallTimeoutMs);
  watchdog.unref();
}

// Indexes `site` into `db` as of AS_OF (the dates the tests expect).
export const AS_OF = "2026-11-25";
export function index(site, db) {
  const indexing = spawnSync(run.clubsearch, ["--db", db, "index", site, "--quiet", "--as-of", AS_OF], {
    encoding: "utf8",
    timeout: 60_000,
  });
  if (indexing.error) throw new Error(`cannot run ${run.clubsearch}: ${indexing.error.message}`);
  if (indexing.status !== 0)
    throw new Error(`indexing ${site} failed (exit ${indexing.status}):\n${indexing.stdout}${indexing.stderr}`);
}

// ---------------------------------------------------------------------------------
// Checks: every assertion is printed.

const tally = { failures: 0, passes: 0 };
export const notes = []; // console errors and the like, reported at the end

export function check(condition, what, detail) {
  if (!condition) throw new assert.AssertionError({ message: `${what}${detail === undefined ? "" : `: ${detail}`}` });
  console.log(`    ✓ ${what}`);
}
export function checkEqual(actual, expected, what) {
  try {
    assert.deepStrictEqual(actual, expected);
  } catch {
    throw new assert.AssertionError({
      message: `${what}\n      expected: ${JSON.stringify(expected)}\n      actual:   ${JSON.stringify(actual)}`,
    });
  }
  console.log(`    ✓ ${what}`);
}

export async function test(name, body) {
  if (stopping || (run.only && !name.includes(run.only))) return;
  console.log(`- ${name}`);
  const started = Date.now();
  let timer;
  try {
    await Promise.race([
      body(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${run.testTimeoutMs / 1000} s`)), run.testTimeoutMs);
      }),
    ]);
    tally.passes++;
    console.log(`  ok: ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    tally.failures++;
    // Playwright appends the browser's whole log to some errors: the first lines say it.
    const lines = String(error.stack || error).split("\n");
    const shownLines = lines.length > 16 ? [...lines.slice(0, 16), `… (${lines.length - 16} more lines)`] : lines;
    console.log(`  FAILED: ${name} (${Date.now() - started} ms)\n    ✗ ${shownLines.join("\n      ")}`);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------
// Pages

// Runs in every page before its own scripts: counts the page's `clubsearch:rendered`
// events, collects CSP violations, and records any call of alert/confirm/prompt/print.
export const INIT_SCRIPT = () => {
  const probe = { renders: 0, renderedUrls: [], csp: [], dialogs: [] };
  Object.defineProperty(window, "__probe", { value: probe });
  window.addEventListener(
    "clubsearch:rendered",
    () => {
      probe.renders++;
      probe.renderedUrls.push(location.href);
    },
    true,
  );
  document.addEventListener(
    "securitypolicyviolation",
    (event) => probe.csp.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}: ${event.sample}`),
    true,
  );
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    const original = window[name];
    window[name] = function (...rest) {
      probe.dialogs.push(`${name}(${rest.map(String).join(", ")})`);
      return original.apply(this, rest);
    };
  }
};

// A fresh context and page with everything recorded; requests to other origins never
// leave the machine: navigations get a stub page, everything else is aborted.
export async function openPage(base, options = {}) {
  // `onlyBase`: only `base`'s origin is the page's own (a static page must reach nothing
  // else, not even the test's other servers).
  const { onlyBase = false, ...contextOptions } = options;
  const context = await run.browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const record = { dialogs: [], consoleErrors: [], pageErrors: [], external: [], requests: [], documentLoads: [] };
  // The test servers are local; anything else is "external".
  const local = new Set(
    onlyBase ? [] : [...servers].filter((server) => server.url).map((server) => new URL(server.url).origin),
  );
  local.add(new URL(base).origin);
  await context.route("**/*", async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (local.has(url.origin)) {
      record.requests.push({ type: request.resourceType(), path: url.pathname, search: url.search });
      if (request.resourceType() === "document") record.documentLoads.push(url.pathname + url.search);
      if (record.hold) return record.hold(route, url);
      return route.continue();
    }
    record.external.push(`${request.resourceType()} ${request.url()}`);
    if (request.resourceType() === "document" && request.isNavigationRequest())
      return route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>external stub</title><p>stub" });
    return route.abort();
  });
  if (options.javaScriptEnabled !== false) await context.addInitScript(INIT_SCRIPT);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on("dialog", (dialog) => {
    record.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on("console", (message) => {
    if (message.type() === "error") record.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => record.pageErrors.push(String(error)));
  return { context, page, record };
}

// Closes the context after checking what must hold on every page: no dialog, no
// uncaught script error. Console errors are reported.
export async function closePage({ context, page, record }, label) {
  try {
    if (!page.isClosed()) {
      const probe = await page.evaluate(() => window.__probe && { csp: window.__probe.csp, dialogs: window.__probe.dialogs }).catch(() => null);
      if (probe) {
        record.dialogs.push(...probe.dialogs);
        for (const violation of probe.csp) notes.push(`${label}: CSP violation: ${violation}`);
      }
    }
    for (const error of record.consoleErrors) notes.push(`${label}: console error: ${error}`);
    checkEqual(record.dialogs, [], `${label}: no dialog opened`);
    checkEqual(record.pageErrors, [], `${label}: no uncaught script error`);
  } finally {
    await context.close();
  }
}

// The one way a test opens a page: a fresh page (openPage) with the context `options`,
// loaded at `options.at` (a path on `base`) when given, handed to `body`; closed after
// it, with the checks of every page (closePage) when there is a `label`. Returns what
// `body` returns.
export async function withPage(base, label, { at, ...options }, body) {
  const opened = await openPage(base, options);
  let failed = false;
  try {
    if (at !== undefined) await opened.page.goto(new URL(at, base).href);
    return await body(opened);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // On failure still close the page, but report the first error.
    if (failed || label === null) await opened.context.close().catch(() => {});
    else await closePage(opened, label);
  }
}

export const renders = (page) => page.evaluate(() => window.__probe.renders);

// Waits for a render after `before` that left the URL with the query parameter `q`.
export async function waitForQuery(page, q, before) {
  await page.waitForFunction(
    ([q, before]) => window.__probe.renders > before && (new URL(location.href).searchParams.get("q") ?? "") === q,
    [q, before],
    { timeout: 10_000 },
  );
}

// Back or forward in the page's history (`direction`), once the script has rendered the
// search it returns to: what the page then shows.
export async function travel(page, direction) {
  const n = await renders(page);
  if (direction === "back") await page.goBack({ waitUntil: "commit" });
  else await page.goForward({ waitUntil: "commit" });
  await page.waitForFunction((n) => window.__probe.renders > n, n);
  return shown(page);
}

// What the page in the browser shows.
export function shown(page) {
  return page.evaluate(() => ({
    url: location.href,
    q: document.getElementById("q").value,
    status: document.querySelector("#status .count")?.textContent ?? null,
    ids: [...document.querySelectorAll("#results .result")].map((result) => result.dataset.id),
    chips: [...document.querySelectorAll("#chips a.chip")].map((chip) => chip.textContent.trim()),
    checked: [...document.querySelectorAll("#facet-form input[type=checkbox]:checked")].map((box) => `${box.name}=${box.value}`),
    facets: [...document.querySelectorAll("#facet-form fieldset[data-facet] input[type=checkbox]")].map(
      (box) => `${box.name}=${box.value}: ${box.labels[0]?.querySelector(".count")?.textContent ?? ""}`,
    ),
    months: [...document.querySelectorAll(".histogram a[data-month]")].map((bar) => bar.getAttribute("aria-label")),
    title: document.title,
  }));
}

export const decode = (text) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[name]);

// What the server renders for `url` itself (no browser): the same regions.
export async function serverShows(url) {
  const response = await fetch(url, { headers: { Accept: "text/html" } });
  assert.equal(response.status, 200, `GET ${url}`);
  const html = await response.text();
  const status = /<div id="status"[^>]*><p class="count">(.*?)<\/p>/s.exec(html);
  const q = /<input id="q"[^>]* value="([^"]*)"/.exec(html);
  return {
    q: q ? decode(q[1]) : null,
    status: status ? decode(status[1].replace(/<[^>]*>/g, "")) : null,
    ids: [...html.matchAll(/<li class="result"[^>]* data-id="([^"]*)"/g)].map((found) => decode(found[1])),
    chips: [...html.matchAll(/<a class="chip"[^>]*>(.*?)<\/a>/gs)].map((found) => decode(found[1].replace(/<[^>]*>/g, "")).trim()),
    facets: [
      ...html.matchAll(/<input type="checkbox" id="[^"]*" name="([^"]*)" value="([^"]*)"[^>]*><label[^>]*>.*?<span class="count">([^<]*)<\/span>/gs),
    ].map((found) => `${decode(found[1])}=${decode(found[2])}: ${found[3]}`),
    months: [...html.matchAll(/ data-month="[^"]*" aria-label="([^"]*)"/g)].map((found) => decode(found[1])),
    title: decode(/<title>(.*?)<\/title>/s.exec(html)[1]),
  };
}

// Compares what the page shows with the server's own rendering of the page's URL (of
// the same search on `server`, a URL of `clubsearch serve`, when the page is elsewhere).
export async function checkMatchesServer(page, label, server = null) {
  const now = await shown(page);
  const expected = await serverShows(server ? new URL(new URL(now.url).search, server).href : now.url);
  checkEqual(now.ids, expected.ids, `${label}: the results are those the server renders for ${new URL(now.url).search}`);
  checkEqual(now.status, expected.status, `${label}: #status reads ${JSON.stringify(expected.status)}`);
  checkEqual(now.q, expected.q, `${label}: #q holds ${JSON.stringify(expected.q)}`);
  checkEqual(now.chips, expected.chips, `${label}: the chips are ${JSON.stringify(expected.chips)}`);
  checkEqual(now.facets, expected.facets, `${label}: the facets and their counts are the server's (${expected.facets.length})`);
  checkEqual(now.months, expected.months, `${label}: the histogram's months are the server's (${expected.months.length})`);
  checkEqual(now.title, expected.title, `${label}: the title is ${JSON.stringify(expected.title)}`);
  return now;
}

export const countIn = (status) => {
  const found = /^(?:about )?([\d,]+) results?\b/.exec(status ?? "");
  return found ? Number(found[1].replace(/,/g, "")) : null;
};
export const queryOf = (url) => new URL(url).searchParams.get("q");

// Checks the PNG signature and returns the size in its IHDR chunk.
export function pngSize(file) {
  const bytes = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(signature) || bytes.toString("latin1", 12, 16) !== "IHDR")
    return null;
  return { bytes: bytes.length, width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// The checks that a page showing the hostile fixture site (tests/fixtures/hostile-site)
// ran and loaded nothing of it: `assertInert(where, mustShow)` for the page as it is now,
// whose one script must match `script` (its own app.js).
export function inertChecks(page, record, script) {
  const inspect = () =>
    page.evaluate(() => {
      const all = [...document.getElementsByTagNameNS("*", "*")];
      const scripts = [...document.getElementsByTagNameNS("*", "script")].map((script) => script.getAttribute("src") || `inline: ${script.textContent.slice(0, 60)}`);
      const handlers = all.flatMap((element) =>
        [...element.attributes].filter((attribute) => /^on/i.test(attribute.name)).map((attribute) => `<${element.localName} ${attribute.name}>`),
      );
      const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "srcdoc", "data", "poster", "background"];
      const badUrls = all.flatMap((element) =>
        [...element.attributes]
          .filter((attribute) => urlAttributes.includes(attribute.name.toLowerCase()))
          .filter((attribute) => {
            const value = attribute.value.trim();
            if (attribute.name === "srcdoc") return true;
            try {
              return !["http:", "https:"].includes(new URL(value, location.href).protocol);
            } catch {
              return true;
            }
          })
          .map((attribute) => `<${element.localName} ${attribute.name}="${attribute.value}">`),
      );
      return {
        scripts,
        handlers,
        badUrls,
        embedded: all.filter((element) => ["img", "iframe", "object", "embed", "video", "audio", "image", "foreignobject", "base", "meta"].includes(element.localName.toLowerCase()) && !(element.localName === "meta" && element.parentElement === document.head)).map((element) => element.outerHTML.slice(0, 120)),
        scriptLinks: document.querySelectorAll('a[href^="javascript:" i], a[href^="data:" i], a[href^="vbscript:" i]').length,
        titles: [...document.querySelectorAll("#results .result")].map((result) => result.textContent),
        count: document.querySelectorAll("#results .result").length,
      };
    });
  const assertInert = async (where, mustShow) => {
    await page.waitForTimeout(100); // time for any handler or timer to fire
    const found = await inspect();
    checkEqual(found.scripts.length, 1, `${where}: exactly one <script> element`);
    check(script.test(found.scripts[0]), `${where}: it is the page's own app.js (${found.scripts[0]})`);
    checkEqual(found.handlers, [], `${where}: no element has an on* attribute`);
    checkEqual(found.embedded, [], `${where}: no <img>, <iframe>, <object>, <embed>, <base> or media element`);
    checkEqual(found.scriptLinks, 0, `${where}: no a[href^=javascript:], a[href^=data:] or a[href^=vbscript:]`);
    checkEqual(found.badUrls, [], `${where}: every href/src/action is http(s) or relative`);
    if (mustShow) check(found.titles.some((text) => text.includes(mustShow)), `${where}: the hostile text is shown as text: ${JSON.stringify(mustShow)}`);
    else check(found.count > 0, `${where}: the hostile posts are among the results (${found.count})`);
    const probe = await page.evaluate(() => ({ csp: window.__probe.csp, dialogs: window.__probe.dialogs }));
    checkEqual(probe.dialogs, [], `${where}: alert/confirm/prompt/print were never called`);
    checkEqual(record.dialogs, [], `${where}: no dialog opened`);
    checkEqual(probe.csp, [], `${where}: no CSP violation (nothing even tried to run)`);
  };
  return assertInert;
}

// The hostile site's hostile tag as a filter: a checkbox value, a URL parameter, a chip.
export async function filterByHostileTag(page, assertInert) {
  const n = await renders(page);
  const tagBox = page.locator('#facets input[type=checkbox][value^="x\\"><script>"]');
  checkEqual(await tagBox.count(), 1, "the hostile tag is a filter checkbox");
  await tagBox.click();
  await page.waitForFunction((n) => window.__probe.renders > n, n);
  const chips = await page.locator("#chips a.chip").allTextContents();
  check(chips.some((chip) => chip.includes('x"><script>alert(7)</script>')), `the chip shows the tag as text: ${JSON.stringify(chips)}`);
  await assertInert("filtered by the hostile tag", null);
}

// ---------------------------------------------------------------------------------
// The run

// Runs `main`, stops everything, prints the notes and the tally, and exits: 1 on any
// failure, or when `main` could not finish.
export async function finish(main) {
  let crashed = null;
  const serverLogs = [];
  try {
    await main();
  } catch (error) {
    crashed = error;
    for (const server of servers) serverLogs.push(...server.log.slice(-20));
  } finally {
    await cleanUp();
  }
  if (notes.length) {
    console.log("\nReported (not failures unless a check above says so):");
    for (const note of notes) console.log(`  ${note}`);
  }
  if (crashed) {
    console.log(`\nFAILED before the tests could finish: ${crashed.stack || crashed}`);
    if (serverLogs.length) console.log(`The servers' last log lines:\n${serverLogs.join("\n")}`);
    process.exit(1);
  }
  console.log(`\n${tally.passes} passed, ${tally.failures} failed`);
  process.exit(tally.failures ? 1 : 0);
}
