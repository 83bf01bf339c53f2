// clubsearch's static engine in a Web Worker: it loads the module (clubsearch-engine.js
// and .wasm, or their gzips) and the static index from the folder it was itself loaded
// from, opens the engine, and answers the page's requests with the engine's text.
// export-static writes it into the folder as clubsearch-worker.js; the page's script
// (web/assets/app.js) and the theme's search box (web/assets/embed.js) start it.
//
// The page posts {id, kind, qs, entry}: kind "page" (the search page's HTML for the
// query string qs, as the server's GET /?qs), "search" or "papers" (the API's JSON),
// "entry" or "related" (of the entry `entry`, related with qs). The worker answers
// {id, text}, or {id, error}, or {id, superseded} for a page request a newer one
// replaced before its turn came. Once, it posts {ready: {documents, bytes, ms, ...stats}}
// when the engine is open, or {failed: message} when it cannot be; after each answer it
// posts {stats} (what it has read from the host so far: see `stats` below).
//
// A small index is read whole, once. A large file of it (index.glass or facets.columns of
// `wholeBelow` bytes or more) is read on demand: the engine's reads of it go through a
// cache of fixed-size blocks (`blockBytes`, an LRU of at most `cacheBytes` per file), so
// that opening the engine and a search fetch only the blocks they touch (of
// facets.columns, which is packed column by column, the columns a search counts). The
// engine's reads are synchronous; a request runs with the reads of blocks not at hand
// deferred, and the blocks a run asked for come together, in parallel Range requests,
// before it runs again (`answer` in openEngine); index.warm brings the blocks every search
// reads first, with the engine.
"use strict";

const folder = new URL("./", self.location.href);

// A file of the folder, versioned by the manifest so that a new export is fetched anew
// while an unchanged file comes from the browser's cache.
function fileUrl(name, manifest) {
  const url = new URL(name, folder);
  const described = manifest && manifest.files && manifest.files[name];
  if (described) url.searchParams.set("v", described.xxh3_128.slice(0, 16));
  return url;
}

// What the worker has read from the host: bytes (bodies), requests, and of those the
// Range requests and the blocks the cache dropped again.
// `runs`: how many times the engine ran a request (a request with reads deferred runs
// again: see `answer`), and `engineMs` the time it spent.
const stats = { bytes: 0, requests: 0, rangeRequests: 0, evictedBlocks: 0, runs: 0, engineMs: 0 };

// How the index's files are read, unless manifest.json's "loading" says otherwise (its
// whole_below, block_bytes, ahead_bytes and cache_bytes): a file of `wholeBelow` bytes
// or more is read in blocks of `blockBytes` (Xapian's own: glass's are 8 KiB unless the
// index was made with others; a read of one of its blocks is one request either way),
// fetching up to `aheadBytes` at once where the engine reads in order, and keeping at
// most `cacheBytes` of them.
const LOADING = { wholeBelow: 4 << 20, blockBytes: 8 << 10, aheadBytes: 32 << 10, cacheBytes: 32 << 20 };

function loadingOf(manifest) {
  const given = (manifest && manifest.loading) || {};
  const number = (value, fallback) => (Number.isSafeInteger(value) && value > 0 ? value : fallback);
  return {
    wholeBelow: number(given.whole_below, LOADING.wholeBelow),
    blockBytes: number(given.block_bytes, LOADING.blockBytes),
    aheadBytes: number(given.ahead_bytes, LOADING.aheadBytes),
    cacheBytes: number(given.cache_bytes, LOADING.cacheBytes),
  };
}

// The engine's gzips as the page that started the worker names them: export-static's
// index.html links the worker with their hashes ("&engine=…&loader=…"), so that they are
// fetched at once, while manifest.json is, rather than after it. Used where the
// manifest names the same versions (a page cached from an older export names others,
// and those are fetched as the manifest says).
const EARLY = new Map();
for (const [name, parameter] of [
  ["clubsearch-engine.wasm.gz", "engine"],
  ["clubsearch-engine.js.gz", "loader"],
]) {
  const hash = new URL(self.location.href).searchParams.get(parameter) || "";
  if (typeof DecompressionStream !== "function" || !/^[0-9a-f]{16}$/.test(hash)) continue;
  const url = new URL(name, folder);
  url.searchParams.set("v", hash);
  const bytes = fetchFile(name, url, {});
  bytes.catch(() => {}); // awaited (and its failure reported) only if the manifest agrees
  EARLY.set(name, { hash, bytes });
}

async function fetchFile(name, url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`cannot read ${name} from ${folder.pathname}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  stats.bytes += bytes.length;
  stats.requests++;
  return bytes;
}

// The one place the worker reads the folder's files whole, once.
function readFile(name, manifest) {
  const early = EARLY.get(name);
  const described = manifest && manifest.files && manifest.files[name];
  if (early && described && described.xxh3_128.slice(0, 16) === early.hash) return early.bytes;
  return fetchFile(name, fileUrl(name, manifest), manifest ? {} : { cache: "no-cache" });
}

// How many times a request may run with its reads deferred (see `answer` in openEngine)
// before a last run that fetches what it still lacks as it reads. A deferred run waits
// out the link's latency once for all the blocks it lacked, the last run once for each
// block, and a run of the engine takes milliseconds: searches of 1,000 posts ran up to 37
// times from a cold start (a typo's spelling lookups and long posting lists the most).
const DEFERRED_RUNS = 48;

// The most blocks a run the engine said it reads in order fetches at once (512 KiB of
// glass's 8 KiB blocks): a guess of a posting list's size, bounded.
const MAX_HINTED_BLOCKS = 64;

// Whether the host has answered a Range request with the part asked for (206): until it
// has, the worker asks it for one part at a time, since a host that ignores Range sends
// the whole file for each.
let rangesHonoured = false;

// What a reader is told when the file changed on the host between two of its blocks
// (another export was published meanwhile): the blocks already read are of the old one.
const CHANGED = "the search index changed while it was being read: reload the page";

// A file of the folder read in blocks, with synchronous Range requests, as the engine
// asks for its bytes: read(target, offset, length, position) copies what it asks into
// target (the module's heap), fetching the blocks it lacks, each run of consecutive
// missing blocks in one request. A read that continues where the previous request ended
// (a posting list, a column: read in order) fetches ahead, twice as many blocks each
// time, up to `aheadBlocks`; any other starts again at one block. A host that answers a
// Range request with the whole file (200) gets it read whole, once. `failure` is set
// (and the read throws) when the host's file is not the one the manifest describes.
class BlockFile {
  constructor(name, manifest, loading) {
    this.name = name;
    this.url = fileUrl(name, manifest).href;
    this.size = manifest.files[name].bytes;
    this.blockBytes = loading.blockBytes;
    this.lastBlock = Math.max(0, Math.ceil(this.size / this.blockBytes) - 1);
    this.capacity = Math.max(1, Math.floor(loading.cacheBytes / loading.blockBytes));
    this.aheadBlocks = Math.max(1, Math.floor(loading.aheadBytes / loading.blockBytes));
    this.blocks = new Map(); // block number → bytes, least recently used first
    this.whole = null; // the whole file, when the host sent it whole
    this.failure = null;
    this.nextInOrder = -1; // the block after the last request's
    this.run = 1; // blocks the last request fetched
    // While `deferring`, a read of blocks not at hand fails, and they are `wanted`: the
    // request runs again once fetchWanted() has fetched them (see `answer` in openEngine).
    this.deferring = false;
    this.wanted = new Set();
    this.runsAhead = new Map(); // block after a run fetchWanted() fetched → its length
    // While the engine reads in order for about `aheadHint` bytes (a posting list to its
    // end: `readAhead` in openEngine), the block it lacks first begins as many: `hinted`,
    // block → blocks to fetch from it.
    this.aheadHint = 0;
    this.hinted = new Map();
    // At most MAX_HINTED_BLOCKS, and a quarter of the cache: a run's blocks must all stay
    // at hand until it runs again.
    this.hintedBlocks = Math.max(1, Math.min(MAX_HINTED_BLOCKS, Math.floor(this.capacity / 4)));
  }

  fail(message) {
    this.failure ??= message;
    throw new Error(this.failure);
  }

  // Keeps the bytes of blocks first… (whole blocks, the file's last one may be short).
  keep(first, bytes) {
    for (let n = first, at = 0; at < bytes.length; n++, at += this.blockBytes) {
      this.blocks.delete(n);
      this.blocks.set(n, bytes.subarray(at, Math.min(at + this.blockBytes, bytes.length)));
    }
    while (this.blocks.size > this.capacity) {
      this.blocks.delete(this.blocks.keys().next().value);
      stats.evictedBlocks++;
    }
  }

  // What a Range request of blocks first…last got: the bytes, or the whole file (kept as
  // `whole`) from a host that ignores Range; throws when the host's file is another.
  answered(status, bytes, contentRange, first, last) {
    stats.requests++;
    stats.rangeRequests++;
    stats.bytes += bytes.length;
    if (status === 200) {
      // The host ignores Range: what it sent is the whole file.
      if (bytes.length !== this.size) this.fail(CHANGED);
      this.whole = bytes;
      this.blocks.clear();
      return;
    }
    if (status !== 206) this.fail(`cannot read ${this.name} from ${folder.pathname}: HTTP ${status}`);
    rangesHonoured = true;
    const start = first * this.blockBytes;
    const end = Math.min((last + 1) * this.blockBytes, this.size) - 1;
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(contentRange || "");
    if (!range || Number(range[3]) !== this.size) this.fail(CHANGED);
    if (Number(range[1]) !== start || Number(range[2]) !== end || bytes.length !== end - start + 1)
      this.fail(`cannot read ${this.name} from ${folder.pathname}: the host sent another range than bytes=${start}-${end}`);
    this.keep(first, bytes);
  }

  rangeOf(first, last) {
    return `bytes=${first * this.blockBytes}-${Math.min((last + 1) * this.blockBytes, this.size) - 1}`;
  }

  // The address a Range request of blocks first…last is sent to: the file's, naming the
  // blocks too. Under Chromium's network emulation (its throttling, which
  // bench/static_bench.mjs measures with), the answers to parallel requests of one
  // address came one after another, though the host had them all open at once; at
  // addresses of their own they come in parallel. Static hosts serve a file whatever
  // the query says.
  urlOf(first, last) {
    return `${this.url}${this.url.includes("?") ? "&" : "?"}blocks=${first}-${last}`;
  }

  // Fetches blocks first…last with one synchronous request.
  fetchBlocks(first, last) {
    const xhr = new XMLHttpRequest();
    xhr.open("GET", this.urlOf(first, last), false);
    xhr.setRequestHeader("Range", this.rangeOf(first, last));
    xhr.responseType = "arraybuffer";
    try {
      xhr.send();
    } catch (error) {
      this.fail(`cannot read ${this.name} from ${folder.pathname}: ${error.message}`);
    }
    const bytes = new Uint8Array(xhr.response || new ArrayBuffer(0));
    this.answered(xhr.status, bytes, xhr.getResponseHeader("Content-Range"), first, last);
  }

  // Fetches blocks first…last with one asynchronous Range request, and keeps them.
  async fetchRange(first, last) {
    let response, body;
    try {
      response = await fetch(this.urlOf(first, last), { headers: { Range: this.rangeOf(first, last) } });
      body = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      this.fail(`cannot read ${this.name} from ${folder.pathname}: ${error.message}`);
    }
    this.answered(response.status, body, response.headers.get("Content-Range"), first, last);
  }

  // Fetches the blocks that hold the file's first `bytes` bytes, before the engine reads
  // them (asynchronously: while the engine itself is fetched).
  async prefetch(bytes) {
    const last = Math.min(this.lastBlock, Math.ceil(bytes / this.blockBytes) - 1);
    if (last < 0) return;
    await this.fetchRange(0, last);
    this.nextInOrder = last + 1;
  }

  // Makes sure blocks first…last are at hand: each run of missing ones is one request.
  ensure(first, last) {
    for (let n = first; n <= last && !this.whole; ) {
      if (this.blocks.has(n)) {
        n++;
        continue;
      }
      let end = n;
      while (end < last && !this.blocks.has(end + 1)) end++;
      // Read in order: fetch ahead, up to a block already at hand.
      this.run = n === this.nextInOrder ? Math.min(this.aheadBlocks, this.run * 2) : 1;
      let until = Math.max(end, Math.min(this.lastBlock, n + this.run - 1));
      for (let m = end + 1; m <= until; m++)
        if (this.blocks.has(m)) {
          until = m - 1;
          break;
        }
      this.fetchBlocks(n, until);
      this.nextInOrder = until + 1;
      n = end + 1;
    }
  }

  // Fetches the wanted blocks, all at once: each run of consecutive ones is one request,
  // the requests in parallel. A run that continues one fetched before (a posting list, a
  // column: read in order) fetches ahead, twice as many blocks as that one, up to
  // `aheadBlocks`; a run holding a block the engine lacked while it said it read on in
  // order (`hinted`) fetches as far as it said, up to `hintedBlocks`.
  async fetchWanted() {
    const wanted = [...this.wanted].filter((n) => !this.blocks.has(n)).sort((a, b) => a - b);
    this.wanted.clear();
    if (this.whole || !wanted.length) return;
    const runs = [];
    for (const n of wanted) {
      const last = runs[runs.length - 1];
      if (last && n <= last.end + 1) last.end = Math.max(last.end, n);
      else runs.push({ start: n, end: n });
    }
    for (const run of runs) {
      const before = this.runsAhead.get(run.start);
      let until = before ? run.start + Math.min(this.aheadBlocks, before * 2) - 1 : -1;
      for (const [n, blocks] of this.hinted)
        if (n >= run.start && n <= run.end) until = Math.max(until, n + Math.min(this.hintedBlocks, blocks) - 1);
      if (until < 0) continue;
      until = Math.min(this.lastBlock, until);
      for (let m = run.end + 1; m <= until; m++)
        if (this.blocks.has(m) || runs.some((other) => other !== run && other.start === m)) {
          until = m - 1;
          break;
        }
      run.end = Math.max(run.end, until);
    }
    this.hinted.clear();
    const fetchRun = async (run) => {
      await this.fetchRange(run.start, run.end);
      this.runsAhead.delete(run.start);
      this.runsAhead.set(run.end + 1, run.end - run.start + 1);
      while (this.runsAhead.size > 64) this.runsAhead.delete(this.runsAhead.keys().next().value);
    };
    // A host not yet known to answer Range requests is asked one first: one that sends
    // the whole file instead is asked no more.
    if (!rangesHonoured) {
      await fetchRun(runs.shift());
      if (this.whole) return;
    }
    await Promise.all(runs.map(fetchRun));
  }

  read(target, offset, length, position) {
    if (this.failure) throw new Error(this.failure);
    const stop = Math.min(position + length, this.size);
    if (stop <= position) return 0;
    if (this.deferring && !this.whole) {
      let deferred = false;
      for (let n = Math.floor(position / this.blockBytes); n <= Math.floor((stop - 1) / this.blockBytes); n++)
        if (!this.blocks.has(n)) {
          this.wanted.add(n);
          if (!deferred && this.aheadHint > 0)
            this.hinted.set(n, Math.max(this.hinted.get(n) || 0, Math.ceil(this.aheadHint / this.blockBytes)));
          deferred = true;
        }
      if (deferred) throw new Error("deferred");
    }
    if (!this.whole) this.ensure(Math.floor(position / this.blockBytes), Math.floor((stop - 1) / this.blockBytes));
    if (this.whole) {
      target.set(this.whole.subarray(position, stop), offset);
      return stop - position;
    }
    for (let at = position; at < stop; ) {
      const n = Math.floor(at / this.blockBytes);
      let bytes = this.blocks.get(n);
      if (!bytes) {
        // Dropped again by a cache smaller than this read: fetched once more.
        this.ensure(n, n);
        if (this.whole) {
          target.set(this.whole.subarray(at, stop), offset + (at - position));
          return stop - position;
        }
        bytes = this.blocks.get(n);
      }
      this.blocks.delete(n); // now the most recently used
      this.blocks.set(n, bytes);
      const from = at - n * this.blockBytes;
      const count = Math.min(bytes.length - from, stop - at);
      target.set(bytes.subarray(from, from + count), offset + (at - position));
      at += count;
    }
    return stop - position;
  }
}

// Puts `file` into the module's file system at `path`: a read-only file of its size whose
// reads are its own. A failed read is an I/O error to the engine (Xapian then reports
// it, and nothing of the engine is left half-done); the worker tells the reader why.
function mountBlockFile(module, path, file) {
  const slash = path.lastIndexOf("/");
  const node = module.FS.createFile(path.slice(0, slash), path.slice(slash + 1), {}, true, false);
  Object.defineProperty(node, "usedBytes", { get: () => file.size });
  node.stream_ops = {
    ...node.stream_ops,
    read(stream, buffer, offset, length, position) {
      try {
        return file.read(buffer, offset, length, position);
      } catch {
        throw new module.FS.ErrnoError(29); // EIO
      }
    },
    write() {
      throw new module.FS.ErrnoError(63); // EPERM: the index is only read
    },
  };
}

// `bytes` inflated (DecompressionStream; `format` "gzip" or "deflate"); throws when they
// are not whole.
async function inflate(bytes, format) {
  const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream(format));
  return new Uint8Array(await new Response(inflated).arrayBuffer());
}

// A file of the engine (the module, or its loader) by its gzip where the browser can
// inflate it (DecompressionStream), since a static host may send the file as it is; else
// the file itself. A host that sends the gzip with "Content-Encoding: gzip" has the
// browser inflate it already: bytes that are not a gzip are taken as they come.
async function engineFile(name, manifest) {
  const gzip = `${name}.gz`;
  if (typeof DecompressionStream !== "function" || !(manifest.files && manifest.files[gzip]))
    return readFile(name, manifest);
  const bytes = await readFile(gzip, manifest);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return await inflate(bytes, "gzip");
  } catch {
    throw new Error(`${gzip} from ${folder.pathname} is not a whole gzip file`);
  }
}

// The module's bytes: a third of them come, in its gzip.
const engineBytes = (manifest) => engineFile("clubsearch-engine.wasm", manifest);

// Runs the module's loader, which defines createClubsearchEngine: a quarter of it comes,
// in its gzip, run from a blob: URL; where that fails (a policy of the host forbids blob:
// scripts, a gzip cut short), the .js.
async function loadEngineScript(manifest) {
  const loader = "clubsearch-engine.js";
  if (manifest.files && manifest.files[`${loader}.gz`] && typeof DecompressionStream === "function") {
    let url;
    try {
      url = URL.createObjectURL(new Blob([await engineFile(loader, manifest)], { type: "text/javascript" }));
      importScripts(url);
      return;
    } catch {
      // The .js below.
    } finally {
      if (url) URL.revokeObjectURL(url);
    }
  }
  importScripts(fileUrl(loader, manifest).href);
}

// The blocks of index.glass every search reads before its own (its B-trees' roots and
// inner blocks: index/static_index.h, write_warm_blocks), which export-static deflated
// into one file that the manifest's "warm" names with their numbers: fetched in one
// request, with the engine, and kept in `file` (index.glass read in blocks) as if it had
// read them. Where the browser cannot inflate it, or the host does not have it, the engine
// reads those blocks as it needs them, as it does the rest.
async function warmBlocks(manifest, file) {
  const warm = manifest.warm;
  if (!file || !warm || !Array.isArray(warm.blocks) || !manifest.files || !manifest.files[warm.file]) return;
  if (typeof DecompressionStream !== "function") return;
  let bytes;
  try {
    bytes = await inflate(await readFile(warm.file, manifest), "deflate");
  } catch {
    return;
  }
  if (bytes.length !== warm.blocks.length * file.blockBytes) return;
  warm.blocks.forEach((n, i) => {
    if (Number.isSafeInteger(n) && n >= 0 && n <= file.lastBlock)
      file.keep(n, bytes.subarray(i * file.blockBytes, (i + 1) * file.blockBytes));
  });
}

// The module, instantiated from `wasm` (engineBytes): emscripten's loader waits for it
// (instantiateWasm), and a module that cannot be read or compiled fails the opening.
async function createEngine(wasm) {
  let failed;
  const failure = new Promise((resolve, reject) => (failed = reject));
  const created = createClubsearchEngine({
    instantiateWasm(imports, receive) {
      wasm
        .then((bytes) => WebAssembly.instantiate(bytes, imports))
        .then((result) => receive(result.instance, result.module))
        .catch((error) => failed(new Error(`cannot start the search engine: ${(error && error.message) || error}`)));
      return {}; // the exports come later, through receive
    },
    print: () => {},
    printErr: () => {},
  });
  return Promise.race([created, failure]);
}

// The static index's files, as export-static names them (index/static_index.h).
const INDEX_FILES = ["index.glass", "facets.columns"];
const INDEX_DIR = "/search";

async function openEngine() {
  const started = performance.now();
  const manifest = JSON.parse(new TextDecoder().decode(await readFile("manifest.json", null)));
  const loading = loadingOf(manifest);
  // The files read whole, now; a large one is read in blocks as the engine asks, and so is
  // one of which the manifest names a part to fetch at once ("prefetch": facets.columns'
  // columns but the post column, which only a search grouped by post counts), that part
  // now, with the engine.
  const prefetch = (name) => (manifest.prefetch && Number(manifest.prefetch[name])) || 0;
  const inBlocks = INDEX_FILES.filter(
    (name) =>
      manifest.files && manifest.files[name] && (manifest.files[name].bytes >= loading.wholeBelow || prefetch(name) > 0),
  );
  const whole = INDEX_FILES.filter((name) => !inBlocks.includes(name));
  const indexFiles = Promise.all(whole.map((name) => readFile(name, manifest)));
  indexFiles.catch(() => {}); // awaited below, after the engine: its failure is reported there
  const blockFiles = inBlocks.map((name) => new BlockFile(name, manifest, loading));
  const prefetched = Promise.all([
    ...blockFiles.map((file) => file.prefetch(prefetch(file.name))),
    warmBlocks(manifest, blockFiles.find((file) => file.name === "index.glass")),
  ]);
  prefetched.catch(() => {}); // awaited below, as indexFiles
  const wasm = engineBytes(manifest); // fetched while the loader is
  wasm.catch(() => {}); // awaited by createEngine, which reports its failure
  await loadEngineScript(manifest);
  const module = await createEngine(wasm);
  const contents = await indexFiles;
  await prefetched;
  module.FS.mkdir(INDEX_DIR);
  whole.forEach((name, i) => module.FS.writeFile(`${INDEX_DIR}/${name}`, contents[i]));
  blockFiles.forEach((file) => mountBlockFile(module, `${INDEX_DIR}/${file.name}`, file));
  // The reason a block could not be read, which the engine saw as an I/O error.
  const failure = () => blockFiles.map((file) => file.failure).find(Boolean);
  const opened = JSON.parse(
    module.cwrap("clubsearch_open", "string", ["string", "string"])(INDEX_DIR, JSON.stringify(manifest.page || {})),
  );
  if (failure()) throw new Error(failure());
  if (opened.error) throw new Error(opened.error.message);
  const call = (name, types) => {
    const wrapped = module.cwrap(name, "string", types);
    // A block that could not be read fails the call whichever way the engine's error
    // comes out (an error page, or a C++ exception, which reaches JavaScript as a number).
    return (...rest) => {
      let text;
      try {
        text = wrapped(...rest);
      } catch (error) {
        throw failure() ? new Error(failure()) : error;
      }
      if (failure()) throw new Error(failure());
      return text;
    };
  };
  const page = call("clubsearch_page", ["string"]);
  const search = call("clubsearch_search", ["string"]);
  const papers = call("clubsearch_papers", ["string"]);
  const entry = call("clubsearch_entry", ["string"]);
  const related = call("clubsearch_related", ["string", "string"]);
  const reopen = call("clubsearch_reopen", []);
  const runs = {
    page: (request) => page(request.qs || ""),
    search: (request) => search(request.qs || ""),
    papers: (request) => papers(request.qs || ""),
    entry: (request) => entry(String(request.entry)),
    related: (request) => related(String(request.entry), request.qs || ""),
  };
  // A request runs with the reads of blocks not at hand deferred: each run asks for all
  // the blocks it lacks together (the engine goes on past a part of the request whose
  // read was deferred: query::Searcher::defer_reads), which come in parallel requests, and
  // the request runs again, up to DEFERRED_RUNS times, until it lacks none. The last run
  // fetches what it still lacks as it reads. A run that lacked nothing is the answer:
  // a request whose blocks are at hand runs once. Returns null when `superseded()` says
  // a newer request has made this one useless meanwhile.
  const readsDeferred = () => blockFiles.some((file) => file.wanted.size > 0);
  module.readsDeferred = () => (readsDeferred() ? 1 : 0);
  module.readAhead = (bytes) => blockFiles.forEach((file) => (file.aheadHint = bytes));
  const deferring = (on) => blockFiles.forEach((file) => (file.deferring = on));
  async function answer(request, superseded) {
    const run = runs[request.kind];
    if (!run) throw new Error(`no such request: ${request.kind}`);
    for (let round = 1; round < DEFERRED_RUNS; round++) {
      let text, failed;
      const started = performance.now();
      deferring(true);
      try {
        text = run(request);
      } catch (error) {
        failed = error;
      } finally {
        deferring(false);
        stats.runs++;
        stats.engineMs += Math.round(performance.now() - started);
      }
      if (!readsDeferred()) {
        if (failed) throw failed;
        return text;
      }
      const reopened = JSON.parse(reopen());
      if (reopened.error) throw new Error(reopened.error.message);
      await Promise.all(blockFiles.map((file) => file.fetchWanted()));
      if (superseded()) return null;
    }
    const started = performance.now();
    try {
      return run(request);
    } finally {
      stats.runs++;
      stats.engineMs += Math.round(performance.now() - started);
    }
  }
  self.postMessage({
    ready: {
      documents: opened.documents,
      ms: Math.round(performance.now() - started),
      inBlocks,
      blockBytes: loading.blockBytes,
      ...stats,
    },
  });
  return answer;
}

const engine = openEngine();
engine.catch((error) => self.postMessage({ failed: String((error && error.message) || error) }));

// Requests wait here for the engine and for their turn; of the page requests waiting,
// only the newest is rendered (typing makes one per keystroke).
const queue = [];
let draining = false;

async function drain() {
  if (draining) return;
  draining = true;
  let answer;
  try {
    answer = await engine;
  } catch (error) {
    for (const request of queue.splice(0))
      self.postMessage({ id: request.id, error: String((error && error.message) || error) });
    draining = false;
    return;
  }
  while (queue.length) {
    const request = queue.shift();
    const superseded = () => request.kind === "page" && queue.some((later) => later.kind === "page");
    if (superseded()) {
      self.postMessage({ id: request.id, superseded: true });
      continue;
    }
    try {
      const text = await answer(request, superseded);
      self.postMessage(text === null ? { id: request.id, superseded: true } : { id: request.id, text });
    } catch (error) {
      self.postMessage({ id: request.id, error: String((error && error.message) || error) });
    }
    self.postMessage({ stats: { ...stats } });
    // Let messages that came meanwhile join the queue before the next answer.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  draining = false;
}

self.onmessage = (event) => {
  queue.push(event.data);
  drain();
};
