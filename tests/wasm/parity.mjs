// The static engine's parity with the server and the CLI: the same requests asked of
// clubsearch-engine (loaded from an export-static folder into Node.js, the index in
// emscripten's in-memory file system) and of a `clubsearch serve` on the same index
// (its /api/search, /api/papers, /api/entries/ID and /api/entries/ID/related, and the
// search page of GET /?…), and each plain query of `clubsearch --json` too. An answer is
// identical when its text is the server's, byte for byte; any other difference fails
// the test, listed with the request: top-10 ids, totals, facet counts, scores beyond
// floating-point printing, or the page's HTML (where links start aside).
//
//   node parity.mjs --clubsearch BIN --db INDEX --static DIR --queries bench/queries.txt
//                   --relevance tests/relevance/queries.toml
import { spawn, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    clubsearch: { type: "string" },
    db: { type: "string" },
    static: { type: "string" },
    queries: { type: "string" },
    relevance: { type: "string" },
  },
});

// ---- the requests

// bench/queries.txt: one query per line; # comments and blank lines skipped.
function benchQueries(file) {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
}

// The `q` of every [[query]] of the data/ blog in queries.toml (basic strings, whose
// escapes JSON reads the same).
function relevanceQueries(file) {
  const out = [];
  for (const block of readFileSync(file, "utf8").split(/^\[\[query\]\]\s*$/m).slice(1)) {
    const blog = /^blog = "([^"]*)"/m.exec(block);
    const q = /^q = ("(?:[^"\\]|\\.)*")/m.exec(block);
    if (blog && q && blog[1] === "data") out.push(JSON.parse(q[1]));
  }
  return out;
}

const form = (params) => new URLSearchParams(params).toString();

const plain = [...new Set([...benchQueries(args.queries), ...relevanceQueries(args.relevance)])];
const requests = plain.map((q) => form({ q }));
// Filters, sorting, pages, grouping, phrases, arXiv ids, dates, explanations and refusals.
requests.push(
  form([["q", "sparse autoencoders"], ["source", "arXiv"]]),
  form([["q", "interpretability"], ["kind", "paper"], ["kind", "code"]]),
  form([["q", "alignment"], ["topic", "interpretability"]]),
  form([["q", "refusal"], ["sort", "newest"]]),
  form([["q", "model"], ["sort", "oldest"], ["per_page", "5"]]),
  form([["q", "model"], ["page", "2"]]),
  form([["q", "language models"], ["per_page", "3"], ["page", "3"]]),
  form([["q", "interpretability"], ["group", "1"]]),
  form([["q", "\"sparse autoencoders\""], ["group", "true"], ["sort", "newest"]]),
  form([["q", "\"language model\" evaluation"]]),
  form([["q", "arxiv:2309.08600"]]),
  form([["q", "arXiv:2406.11717"]]),
  form([["q", "https://arxiv.org/abs/2309.08600?utm_source=x"]]),
  form([["q", "steering"], ["since", "2024-01-01"], ["until", "2025-06"]]),
  form([["q", ""], ["year", "2024"]]),
  form([["source", "arXiv"], ["sort", "newest"]]),
  form([["q", "sparse autoencoders"], ["explain", "1"]]),
  form([["q", "reward hacking"], ["explain", "true"], ["group", "1"]]),
  form([["q", "model"], ["page", "999"]]),
  form([["q", "\"unclosed"]]),
  form([["q", "x"], ["sort", "sideways"]]),
  form([["q", "x"], ["bogus", "1"]]),
  form([["q", "x"], ["per_page", "0"]]),
);

// ---- the two engines

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(args.clubsearch, ["--db", args.db, "serve", "--listen", "127.0.0.1:0", "--quiet"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    const timer = setTimeout(() => reject(new Error("the server printed no URL within 10 s")), 10_000);
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const found = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
      if (found) {
        clearTimeout(timer);
        resolve({ child, url: found[1] });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before serving`));
    });
  });
}

async function loadEngine(dir) {
  const require = createRequire(import.meta.url);
  const create = require(path.resolve(dir, "clubsearch-engine.js"));
  // The wasm is handed over as bytes: the loader's own fetch() of a file path does not
  // work in Node.js 20.
  const module = await create({ wasmBinary: readFileSync(path.join(dir, "clubsearch-engine.wasm")) });
  module.FS.mkdir("/search");
  for (const name of ["index.glass", "facets.columns"])
    module.FS.writeFile(`/search/${name}`, readFileSync(path.join(dir, name)));
  const engine = {
    open: module.cwrap("clubsearch_open", "string", ["string", "string"]),
    search: module.cwrap("clubsearch_search", "string", ["string"]),
    papers: module.cwrap("clubsearch_papers", "string", ["string"]),
    entry: module.cwrap("clubsearch_entry", "string", ["string"]),
    related: module.cwrap("clubsearch_related", "string", ["string", "string"]),
    page: module.cwrap("clubsearch_page", "string", ["string"]),
  };
  const opened = JSON.parse(engine.open("/search"));
  if (opened.error) throw new Error(`the engine cannot open the static index: ${opened.error.message}`);
  if (!opened.stored_columns) throw new Error(`the engine did not use the exported facet columns: ${opened.columns}`);
  return { engine, opened };
}

// The same engine reading index.glass as the static page's worker does on a large index
// (wasm/worker.js): in blocks, with every read of a block not at hand deferred. A request
// runs, asks for the blocks it lacked (the engine goes on past a part whose read was
// deferred: query/deferred_reads.h), gets them, and runs again after reopening the index,
// until it lacks none. Each request starts cold, with only the blocks export-static puts
// in index.warm, so that every one of them goes through deferred reads. Its answers must
// be the plain engine's, byte for byte.
async function loadDeferringEngine(dir) {
  const require = createRequire(import.meta.url);
  const create = require(path.resolve(dir, "clubsearch-engine.js"));
  const module = await create({ wasmBinary: readFileSync(path.join(dir, "clubsearch-engine.wasm")) });
  module.FS.mkdir("/search");
  module.FS.writeFile("/search/facets.columns", readFileSync(path.join(dir, "facets.columns")));
  const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"));
  const bytes = readFileSync(path.join(dir, "index.glass"));
  const blockBytes = manifest.loading.block_bytes;
  const warm = manifest.warm.blocks;
  const store = { cache: new Set(warm), wanted: new Set(), deferring: false };
  const node = module.FS.createFile("/search", "index.glass", {}, true, false);
  Object.defineProperty(node, "usedBytes", { get: () => bytes.length });
  node.stream_ops = {
    ...node.stream_ops,
    read(stream, buffer, offset, length, position) {
      const stop = Math.min(position + length, bytes.length);
      if (stop <= position) return 0;
      let deferred = false;
      for (let n = Math.floor(position / blockBytes); n <= Math.floor((stop - 1) / blockBytes); n++)
        if (!store.cache.has(n)) {
          if (!store.deferring) throw new Error(`block ${n} was read while no read may be deferred`);
          store.wanted.add(n);
          deferred = true;
        }
      if (deferred) throw new module.FS.ErrnoError(29); // EIO, as the worker's
      buffer.set(bytes.subarray(position, stop), offset);
      return stop - position;
    },
  };
  module.readsDeferred = () => (store.wanted.size ? 1 : 0);
  // What the engine says it reads on in order (worker.js, readAhead): how often, and whether
  // a run ended with it still said (it must be unsaid after each part that said it).
  const ahead = { now: 0, said: 0, leftOn: 0 };
  module.readAhead = (bytes) => {
    if (bytes > 0) ahead.said++;
    ahead.now = bytes;
  };
  const wrap = (name, types) => module.cwrap(name, "string", types);
  const reopen = wrap("clubsearch_reopen", []);
  const counts = { requests: 0, runs: 0, blocks: 0, ahead };
  // Runs a request as the worker does, from a cold start; opening reads only warm blocks.
  const deferring = (call) => (...rest) => {
    store.cache = new Set(warm);
    store.deferring = true;
    JSON.parse(reopen());
    store.deferring = false;
    ++counts.requests;
    for (;;) {
      let text, failed;
      store.deferring = true;
      try {
        text = call(...rest);
      } catch (error) {
        failed = error;
      } finally {
        store.deferring = false;
      }
      ++counts.runs;
      if (ahead.now !== 0) ahead.leftOn++;
      if (!store.wanted.size) {
        if (failed) throw failed;
        return text;
      }
      if (counts.runs > 1000 * counts.requests) throw new Error("deferred reads never settle");
      counts.blocks += store.wanted.size;
      for (const n of store.wanted) store.cache.add(n);
      store.wanted.clear();
      store.deferring = true;
      reopen();
      store.deferring = false;
    }
  };
  const open = wrap("clubsearch_open", ["string", "string"]);
  // Opening may read beyond the warm blocks (it is not deferred: it reads them here).
  store.cache = new Set([...Array(Math.ceil(bytes.length / blockBytes)).keys()]);
  const opened = JSON.parse(open("/search"));
  if (opened.error) throw new Error(`the deferring engine cannot open the static index: ${opened.error.message}`);
  return {
    counts,
    search: deferring(wrap("clubsearch_search", ["string"])),
    papers: deferring(wrap("clubsearch_papers", ["string"])),
    entry: deferring(wrap("clubsearch_entry", ["string"])),
    related: deferring(wrap("clubsearch_related", ["string", "string"])),
    page: deferring(wrap("clubsearch_page", ["string"])),
  };
}

// ---- comparing

const ids = (body) => (body.results ?? []).slice(0, 10).map((hit) => hit.id);

// The differences between two answers that are not byte-identical, floating-point
// printing aside: numbers compare within a relative 1e-9.
const largest = { relative: 0, where: "" };  // the largest difference within the tolerance

function differences(expected, actual, where = "", out = []) {
  if (typeof expected === "number" && typeof actual === "number") {
    const scale = Math.max(Math.abs(expected), Math.abs(actual), 1e-300);
    const relative = Math.abs(expected - actual) / scale;
    if (relative > 1e-9) out.push(`${where}: ${expected} ≠ ${actual}`);
    else if (relative > largest.relative) Object.assign(largest, { relative, where: `${where}: ${expected} vs ${actual}` });
  } else if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) out.push(`${where}: ${expected.length} items ≠ ${actual.length}`);
    for (let i = 0; i < Math.min(expected.length, actual.length); ++i)
      differences(expected[i], actual[i], `${where}[${i}]`, out);
  } else if (expected && actual && typeof expected === "object" && typeof actual === "object") {
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)]))
      differences(expected[key], actual[key], `${where}.${key}`, out);
  } else if (expected !== actual) {
    out.push(`${where}: ${JSON.stringify(expected)} ≠ ${JSON.stringify(actual)}`);
  }
  return out;
}

const tally = { identical: 0, withinFloat: 0, different: 0, cliSame: 0, cliAsked: 0 };
const failures = [];

function compare(label, serverText, engineText) {
  if (serverText === engineText) {
    ++tally.identical;
    return;
  }
  const found = differences(JSON.parse(serverText), JSON.parse(engineText));
  if (found.length === 0) {
    ++tally.withinFloat;
    return;
  }
  ++tally.different;
  failures.push(`${label}\n    ${found.slice(0, 8).join("\n    ")}`);
}

// `clubsearch --json` for a plain query: the same top 10, total and facet counts.
function compareCli(q, engineText) {
  const engine = JSON.parse(engineText);
  if (engine.error) return;
  ++tally.cliAsked;
  let stdout;
  try {
    stdout = execFileSync(args.clubsearch, ["--db", args.db, "--json", "search", "--", q], { encoding: "utf8" });
  } catch (error) {
    stdout = error.stdout;  // exit 1: no results
  }
  const cli = JSON.parse(stdout);
  const found = [
    ...differences(ids(cli), ids(engine), "top 10"),
    ...differences(cli.total, engine.total, "total"),
    ...differences(cli.facets, engine.facets, "facets"),
  ];
  if (found.length === 0) ++tally.cliSame;
  else failures.push(`clubsearch --json -- ${JSON.stringify(q)}\n    ${found.slice(0, 8).join("\n    ")}`);
}

// The search page as the server renders it and as the engine does: the same title, and
// the same body up to the footer but for where links start ("/" on the server, "./" on
// a static host), the static page's note for readers without JavaScript, and what only
// the server offers: papers' own pages and the API's citation downloads.
const pages = { same: 0, asked: 0 };
function comparePage(request, serverHtml, engineHtml) {
  const title = (html) => /<title>(.*?)<\/title>/s.exec(html)?.[1];
  const body = (html) =>
    html
      .slice(html.indexOf("<body>"), html.indexOf("<footer"))
      .replaceAll('href="./', 'href="/')
      .replaceAll('action="./"', 'action="/"')
      .replace(/<noscript>.*?<\/noscript>/s, "")
      .replaceAll(/ \u00b7 <a class="paper-page" href="\/papers\/[^"]*" title="[^"]*">Paper page<\/a>/g, "")
      .replace(/<p class="cite">.*?<\/p>\n/s, "");
  ++pages.asked;
  const [expected, actual] = [body(serverHtml), body(engineHtml)];
  if (expected === actual && title(serverHtml) === title(engineHtml)) {
    ++pages.same;
    return;
  }
  let at = 0;
  while (at < expected.length && expected[at] === actual[at]) ++at;
  failures.push(
    `GET /?${request}: the engine's page differs at byte ${at} of its body\n` +
      `    server: ${JSON.stringify(expected.slice(Math.max(0, at - 60), at + 60))}\n` +
      `    engine: ${JSON.stringify(actual.slice(Math.max(0, at - 60), at + 60))}`,
  );
}

const server = await startServer();
try {
  const loaded = await loadEngine(args.static);
  const { opened } = loaded;
  // Each call asked of the engine is asked of the deferring one too: the same text.
  const deferring = await loadDeferringEngine(args.static);
  const deferredSame = { same: 0, asked: 0 };
  let searchMs = 0; // the plain engine's, for searches
  const engine = Object.fromEntries(
    Object.entries(loaded.engine).map(([name, call]) => [
      name,
      (...rest) => {
        const before = performance.now();
        const text = call(...rest);
        if (name === "search") searchMs += performance.now() - before;
        if (name === "open") return text;
        ++deferredSame.asked;
        const deferredText = deferring[name](...rest);
        if (deferredText === text) ++deferredSame.same;
        else
          failures.push(
            `${name}(${rest.map((value) => JSON.stringify(value)).join(", ")}) with reads deferred: another answer\n` +
              `    plain:    ${JSON.stringify(text.slice(0, 200))}\n    deferred: ${JSON.stringify(deferredText.slice(0, 200))}`,
          );
        return text;
      },
    ]),
  );
  const get = async (route) => (await fetch(new URL(route, server.url))).text();
  const started = performance.now();
  const firstIds = new Set();
  for (const request of requests) {
    const engineText = engine.search(request);
    compare(`/api/search?${request}`, await get(`/api/search?${request}`), engineText);
    const q = new URLSearchParams(request);
    if ([...q.keys()].length === 1 && q.has("q")) compareCli(q.get("q"), engineText);
    const first = ids(JSON.parse(engineText))[0];
    if (first && firstIds.size < 15) firstIds.add(first);
    comparePage(request, await get(`/?${request}`), engine.page(request));
  }
  // Papers, and the citations a page of results exports (text, not JSON: compared whole).
  const paperRequests = [
    form([]),
    form([["q", "refusal"]]),
    form([["sort", "discussed"], ["per_page", "5"]]),
    form([["paperyear", "2024"]]),
    form([["q", "paper:2023..2024"], ["sort", "newest"]]),
    form([["discussed", "2"]]),
    form([["paper_since", "2024-06"]]),
    form([["sort", "sideways"]]),
    form([["section", "journal-club"]]),
  ];
  const before = tally.identical + tally.withinFloat + tally.different;
  for (const request of paperRequests)
    compare(`/api/papers?${request}`, await get(`/api/papers?${request}`), engine.papers(request));
  for (const request of [
    form([["q", "refusal"], ["format", "bibtex"]]),
    form([["q", "sparse autoencoders"], ["format", "csl-json"]]),
    form([["paper_since", "2024"], ["format", "ris"]]),
  ])
    compare(`/api/search?${request}`, await get(`/api/search?${request}`), engine.search(request));
  for (const request of [form([["format", "bibtex"], ["per_page", "100"]]), form([["format", "tex"]])])
    compare(`/api/papers?${request}`, await get(`/api/papers?${request}`), engine.papers(request));
  const citationCompares = tally.identical + tally.withinFloat + tally.different - before;
  // Entries and their related entries, for the first result of the first searches, and
  // ids that are not there.
  for (const id of [...firstIds, "0000000000000000", "not-an-id"]) {
    compare(`/api/entries/${id}`, await get(`/api/entries/${encodeURIComponent(id)}`), engine.entry(id));
    for (const limit of ["", "limit=3"]) {
      const route = `/api/entries/${encodeURIComponent(id)}/related${limit ? "?" + limit : ""}`;
      compare(route, await get(route), engine.related(id, limit));
    }
    const related = form([["related", id]]);
    comparePage(related, await get(`/?${related}`), engine.page(related));
  }
  const asked = tally.identical + tally.withinFloat + tally.different;
  console.log(
    `wasm.parity: ${opened.documents} documents; ${requests.length} searches, ${citationCompares} paper searches ` +
      `and citation files, and ${asked - requests.length - citationCompares} entry and related lookups: ${tally.identical} byte-identical to the server, ${tally.withinFloat} equal ` +
      `but for floating-point printing, ${tally.different} different; ${tally.cliSame} of ${tally.cliAsked} plain ` +
      `queries as clubsearch --json answers them; engine ${searchMs.toFixed(0)} ms for the searches ` +
      `(${(performance.now() - started).toFixed(0)} ms in all); ${pages.same} of ${pages.asked} search pages and ` +
      `related listings rendered as the server's GET /?… renders them`,
  );
  const { counts } = deferring;
  console.log(
    `wasm.parity: with reads deferred, ${deferredSame.same} of ${deferredSame.asked} answers the same; ` +
      `${counts.requests} requests from a cold start (the warm blocks only) ran ${counts.runs} times and read ` +
      `${counts.blocks} blocks: ${(counts.blocks / Math.max(1, counts.runs - counts.requests)).toFixed(1)} blocks per run that deferred reads; ` +
      `the engine said ${counts.ahead.said} times that it read on in order (a posting list, a value stream)`,
  );
  // The lists and value streams read to their ends are said (the worker fetches them at
  // once), and each saying ends with its part: a run that ended with it still said would
  // have the worker fetch ahead for reads it does not make in order.
  if (counts.ahead.said === 0) failures.push("with reads deferred, the engine never said it read on in order");
  if (counts.ahead.leftOn > 0) failures.push(`${counts.ahead.leftOn} runs ended with reading ahead still said`);
  // Deferring is for gathering reads: the blocks of one run come together.
  if (counts.blocks <= counts.runs - counts.requests) {
    failures.push(`reads deferred came one block per run (${counts.blocks} blocks in ${counts.runs - counts.requests} runs that deferred)`);
  }
  if (largest.relative > 0)
    console.log(`wasm.parity: the largest floating-point difference, ${largest.relative.toExponential(1)}: ${largest.where}`);
  if (failures.length > 0) {
    console.error(`wasm.parity FAILED: ${failures.length} answers differ:\n  ${failures.join("\n  ")}`);
    process.exitCode = 1;
  }
} finally {
  server.child.kill("SIGTERM");
}
