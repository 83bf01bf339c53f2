// clubsearch's static engine in a Web Worker: it loads the module (clubsearch-engine.js
// and .wasm) and the static index from the folder it was itself loaded from, opens the
// engine, and answers the page's requests with the engine's text. export-static writes
// it into the folder as clubsearch-worker.js; the page's script (web/assets/app.js)
// starts it.
//
// The page posts {id, kind, qs, entry}: kind "page" (the search page's HTML for the
// query string qs, as the server's GET /?qs), "search" or "papers" (the API's JSON),
// "entry" or "related" (of the entry `entry`, related with qs). The worker answers
// {id, text}, or {id, error}, or {id, superseded} for a page request a newer one
// replaced before its turn came. Once, it posts {ready: {documents, bytes, ms}} when the
// engine is open, or {failed: message} when it cannot be.
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

let bytesRead = 0;

// The one place the worker reads the folder's files: each whole, once. (Reading the
// index in blocks with Range requests replaces this.)
async function readFile(name, manifest) {
  const response = await fetch(fileUrl(name, manifest), manifest ? {} : { cache: "no-cache" });
  if (!response.ok) throw new Error(`cannot read ${name} from ${folder.pathname}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  bytesRead += bytes.length;
  return bytes;
}

// The static index's files, as export-static names them (index/static_index.h).
const INDEX_FILES = ["index.glass", "facets.columns"];
const INDEX_DIR = "/search";

async function openEngine() {
  const started = performance.now();
  const manifest = JSON.parse(new TextDecoder().decode(await readFile("manifest.json", null)));
  const indexFiles = Promise.all(INDEX_FILES.map((name) => readFile(name, manifest)));
  indexFiles.catch(() => {}); // awaited below, after the engine: its failure is reported there
  importScripts(fileUrl("clubsearch-engine.js", manifest).href);
  const module = await createClubsearchEngine({
    locateFile: (path) => fileUrl(path, manifest).href,
    print: () => {},
    printErr: () => {},
  });
  const contents = await indexFiles;
  module.FS.mkdir(INDEX_DIR);
  INDEX_FILES.forEach((name, i) => module.FS.writeFile(`${INDEX_DIR}/${name}`, contents[i]));
  const opened = JSON.parse(
    module.cwrap("clubsearch_open", "string", ["string", "string"])(INDEX_DIR, JSON.stringify(manifest.page || {})),
  );
  if (opened.error) throw new Error(opened.error.message);
  const call = (name, types) => module.cwrap(name, "string", types);
  const page = call("clubsearch_page", ["string"]);
  const search = call("clubsearch_search", ["string"]);
  const papers = call("clubsearch_papers", ["string"]);
  const entry = call("clubsearch_entry", ["string"]);
  const related = call("clubsearch_related", ["string", "string"]);
  const answers = {
    page: (request) => page(request.qs || ""),
    search: (request) => search(request.qs || ""),
    papers: (request) => papers(request.qs || ""),
    entry: (request) => entry(String(request.entry)),
    related: (request) => related(String(request.entry), request.qs || ""),
  };
  self.postMessage({
    ready: { documents: opened.documents, bytes: bytesRead, ms: Math.round(performance.now() - started) },
  });
  return answers;
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
  let answers;
  try {
    answers = await engine;
  } catch (error) {
    for (const request of queue.splice(0))
      self.postMessage({ id: request.id, error: String((error && error.message) || error) });
    draining = false;
    return;
  }
  while (queue.length) {
    const request = queue.shift();
    if (request.kind === "page" && queue.some((later) => later.kind === "page")) {
      self.postMessage({ id: request.id, superseded: true });
      continue;
    }
    const answer = answers[request.kind];
    try {
      if (!answer) throw new Error(`no such request: ${request.kind}`);
      self.postMessage({ id: request.id, text: answer(request) });
    } catch (error) {
      self.postMessage({ id: request.id, error: String((error && error.message) || error) });
    }
    // Let messages that came meanwhile join the queue before the next answer.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  draining = false;
}

self.onmessage = (event) => {
  queue.push(event.data);
  drain();
};
