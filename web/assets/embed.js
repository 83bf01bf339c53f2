// clubsearch's search box for a blog's own theme: one element and this script in a
// template, and results appear under the box as the reader types, in the blog's page.
//
//   <div data-clubsearch></div>
//   <script src="/search/embed.js" defer></script>
//
// By default it searches with the static engine that `clubsearch export-static` wrote
// into the folder this script comes from (its Web Worker, started when the box is first
// used, so a page view that does not search fetches nothing more). With
// data-api="https://search.example.org" it asks a running `clubsearch serve` instead
// (started with --allow-origin naming the blog's origin). The element's other settings:
// data-results (how many results, 1–20, default 8), data-placeholder, data-label (the
// box's accessible name).
//
// Everything it shows is put in as text (never as markup). Its look is a few rules of no
// specificity (:where), so any rule of the blog's own stylesheet wins; every part has a
// class (clubsearch-box, -input, -status, -results, -result, -title, -meta, -snippet,
// -more).
(() => {
  "use strict";

  const script = document.currentScript;
  const folder = new URL("./", script ? script.src : location.href);
  const DELAY_MS = 120;

  const STYLE = `
:where(.clubsearch-box) { position: relative; max-width: 40rem; }
:where(.clubsearch-input) { box-sizing: border-box; width: 100%; padding: .45em .6em; font: inherit; color: inherit; background: transparent; border: 1px solid currentColor; border-radius: 4px; }
:where(.clubsearch-status) { margin: .4em 0; font-size: .9em; opacity: .75; }
:where(.clubsearch-status:empty) { display: none; }
:where(.clubsearch-results) { list-style: none; margin: .5em 0; padding: 0; }
:where(.clubsearch-result) { margin: 0 0 .9em; }
:where(.clubsearch-title) { font-weight: 600; }
:where(.clubsearch-meta) { font-size: .85em; opacity: .75; }
:where(.clubsearch-snippet) { margin: .2em 0 0; font-size: .95em; }
:where(.clubsearch-snippet mark) { background: rgba(255, 214, 0, .35); color: inherit; }
`;

  function addStyle() {
    if (document.querySelector("style[data-clubsearch-style]")) return;
    const style = document.createElement("style");
    style.dataset.clubsearchStyle = "";
    style.textContent = STYLE;
    // First in <head>: the blog's own rules, later, win over ours at equal specificity.
    document.head.prepend(style);
  }

  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  // Searches of the static engine, through its worker: one worker per page, started by
  // the first box that searches.
  let worker = null;
  const waiting = new Map();
  let nextId = 1;
  let engineFailure = null;

  function startWorker() {
    if (worker || engineFailure) return;
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      engineFailure = "this browser offers no WebAssembly or Web Workers (or they are turned off)";
      return;
    }
    worker = new Worker(new URL("clubsearch-worker.js", folder));
    worker.onmessage = (event) => {
      const data = event.data;
      if (data.failed) {
        engineFailure = data.failed;
        for (const [, pending] of waiting) pending.reject(new Error(engineFailure));
        waiting.clear();
        return;
      }
      const pending = data.id !== undefined && waiting.get(data.id);
      if (!pending) return;
      waiting.delete(data.id);
      if (data.error) pending.reject(new Error(data.error));
      else pending.resolve(JSON.parse(data.text));
    };
    worker.onerror = () => {
      engineFailure = `cannot start ${new URL("clubsearch-worker.js", folder).pathname}`;
      for (const [, pending] of waiting) pending.reject(new Error(engineFailure));
      waiting.clear();
    };
  }

  function searchStatic(qs) {
    startWorker();
    if (engineFailure) return Promise.reject(new Error(engineFailure));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, kind: "search", qs });
    });
  }

  async function searchServer(api, qs, signal) {
    const response = await fetch(new URL(`api/search?${qs}`, api), { signal, credentials: "omit" });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error((body && body.error && body.error.message) || `HTTP ${response.status}`);
    return body;
  }

  function snippetOf(parts) {
    const paragraph = element("p", "clubsearch-snippet");
    for (const part of parts || []) paragraph.append(part.match ? element("mark", "", part.text) : part.text);
    return paragraph;
  }

  function resultOf(hit) {
    const item = element("li", "clubsearch-result");
    const link = element("a", "clubsearch-title", hit.title || (hit.post && hit.post.title) || hit.url || "");
    link.href = hit.entry_url || (hit.post && hit.post.url) || hit.url || "#";
    item.append(link);
    const meta = [hit.post && hit.type !== "post" ? hit.post.title : "", hit.post && hit.post.date ? hit.post.date : ""]
      .filter(Boolean)
      .join(" · ");
    if (meta) item.append(element("div", "clubsearch-meta", meta));
    if (hit.snippet && hit.snippet.length) item.append(snippetOf(hit.snippet));
    return item;
  }

  function mount(root) {
    if (root.dataset.clubsearchMounted !== undefined) return;
    root.dataset.clubsearchMounted = "";
    const api = root.dataset.api ? new URL(root.dataset.api.replace(/\/*$/, "/"), location.href) : null;
    const limit = Math.min(20, Math.max(1, Number.parseInt(root.dataset.results || "8", 10) || 8));
    const searchPage = api ? new URL("./", api) : folder;

    const form = element("form", "clubsearch-box");
    form.setAttribute("role", "search");
    form.action = searchPage.href;
    const input = element("input", "clubsearch-input");
    input.type = "search";
    input.name = "q";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.placeholder = root.dataset.placeholder || "Search";
    input.setAttribute("aria-label", root.dataset.label || root.dataset.placeholder || "Search");
    const status = element("div", "clubsearch-status");
    status.setAttribute("aria-live", "polite");
    const list = element("ol", "clubsearch-results");
    const more = element("a", "clubsearch-more");
    more.hidden = true;
    form.append(input);
    root.replaceChildren(form, status, list, more);

    let timer = 0;
    let latest = 0;
    let controller = null;

    async function run() {
      const query = input.value.trim();
      const mine = ++latest;
      if (controller) controller.abort();
      controller = api ? new AbortController() : null;
      if (!query) {
        list.replaceChildren();
        status.textContent = "";
        more.hidden = true;
        root.dispatchEvent(new CustomEvent("clubsearch:results", { detail: { query, total: 0 } }));
        return;
      }
      const qs = new URLSearchParams({ q: query, per_page: String(limit) }).toString();
      let body;
      try {
        body = api ? await searchServer(api, qs, controller.signal) : await searchStatic(qs);
      } catch (error) {
        if (mine !== latest || (error && error.name === "AbortError")) return;
        list.replaceChildren();
        more.hidden = true;
        status.textContent = `The search cannot run: ${(error && error.message) || error}`;
        root.dispatchEvent(new CustomEvent("clubsearch:error", { detail: { query, message: status.textContent } }));
        return;
      }
      if (mine !== latest) return; // a newer search is on its way
      const hits = body.results || [];
      list.replaceChildren(...hits.map(resultOf));
      const total = body.total || 0;
      status.textContent = total ? "" : body.suggestion ? `No results. Did you mean ${body.suggestion}?` : "No results.";
      more.hidden = total <= hits.length;
      more.textContent = `All ${total.toLocaleString("en")} results`;
      more.href = `${searchPage.href}?${new URLSearchParams({ q: query })}`;
      root.dispatchEvent(
        new CustomEvent("clubsearch:results", { detail: { query, total, ids: hits.map((hit) => hit.id) } }),
      );
    }

    input.addEventListener("focus", () => api || startWorker(), { once: true });
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(run, DELAY_MS);
    });
    form.addEventListener("submit", (event) => {
      // Enter opens the first result; without one, the full search page (the form's action).
      const first = list.querySelector(".clubsearch-title");
      if (first) {
        event.preventDefault();
        location.href = first.href;
      }
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown") {
        const first = list.querySelector(".clubsearch-title");
        if (first) {
          event.preventDefault();
          first.focus();
        }
      } else if (event.key === "Escape") {
        input.value = "";
        run();
      }
    });
    list.addEventListener("keydown", (event) => {
      const links = [...list.querySelectorAll(".clubsearch-title")];
      const at = links.indexOf(document.activeElement);
      if (at < 0) return;
      if (event.key === "ArrowDown" && at + 1 < links.length) links[at + 1].focus();
      else if (event.key === "ArrowUp") (at > 0 ? links[at - 1] : input).focus();
      else return;
      event.preventDefault();
    });
  }

  function start() {
    const roots = document.querySelectorAll("[data-clubsearch]");
    if (!roots.length) return;
    addStyle();
    roots.forEach(mount);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
