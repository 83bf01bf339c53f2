// clubsearch's search page, enhanced: results as you type, filters that apply at once,
// a date histogram to click or brush, keyboard navigation, and the URL (with back and
// forward) following it all. The server renders every state of the page; this script
// fetches those same pages and swaps their regions in, so there is one renderer and the
// page works without it. On a static host (the page names the engine's worker in
// <meta name="clubsearch-worker">) the same pages come from the engine in a Web Worker
// instead of the server: the static page's start is index.html, and a URL with a search
// in it is rendered by the engine as soon as it has loaded.
"use strict";
(() => {
  const root = document.documentElement;
  root.classList.add("js");
  const input = document.getElementById("q");
  // Searches are answered in milliseconds, so results follow each keystroke; the short
  // delay only gathers a burst (fast typing) into one request to the server, and a newer
  // request cancels an older one still under way. The engine of a static page needs no
  // delay: of the searches waiting for it, it runs only the newest (wasm/worker.js).
  const TYPING_DELAY = 40;
  let sequence = 0;
  let inFlight = null;
  let typingTimer = 0;

  // The page's own address: "/" under the server, the folder the site publishes the page
  // in on a static host (the search form's action is it, relative to the page).
  const pageUrl = new URL(document.getElementById("search-form").getAttribute("action"), location.href);
  const sameOrigin = (url) =>
    url.origin === location.origin && (url.pathname === pageUrl.pathname || url.pathname === location.pathname);
  // Whether keys typed now are text for a field (where "/", j and k must stay letters).
  const TEXT_TYPES = new Set(["text", "search", "email", "number", "password", "url", "tel", "date", "month"]);
  const isTyping = (element) =>
    !!element &&
    ((element.tagName === "INPUT" && TEXT_TYPES.has(element.type)) ||
      element.tagName === "TEXTAREA" ||
      element.isContentEditable);

  // Loads the page for `url` and swaps its regions in; a response older than the newest
  // request is dropped, and a newer request cancels an older one.
  async function navigate(url, { push = true, replace = false, fromInput = false, focusResults = false } = {}) {
    const mine = ++sequence;
    let text;
    if (engine) {
      try {
        text = await engine.page(new URL(url, location.href).search.slice(1));
      } catch (error) {
        if (error.name !== "AbortError" && mine === sequence) engine.show(error.message);
        return;
      }
    } else {
      if (inFlight) inFlight.abort();
      inFlight = new AbortController();
      try {
        const response = await fetch(url, { headers: { Accept: "text/html" }, signal: inFlight.signal });
        text = await response.text();
      } catch (error) {
        if (error.name !== "AbortError" && mine === sequence) location.assign(url);
        return;
      }
    }
    if (mine !== sequence) return;
    const next = new DOMParser().parseFromString(text, "text/html");
    swap(next, fromInput);
    if (replace) history.replaceState(null, "", url);
    else if (push) history.pushState(null, "", url);
    typedEntry = fromInput;
    // After a link in the results (a page, a chip, a suggestion), reading goes on from
    // the new results rather than from the top of the document.
    if (focusResults && (document.activeElement === document.body || !document.activeElement)) {
      const status = document.getElementById("status");
      status.setAttribute("tabindex", "-1");
      status.focus();
    }
    root.dispatchEvent(new CustomEvent("clubsearch:rendered"));
  }

  function swap(next, fromInput) {
    document.title = next.title;
    // The feed link in the head and the footer's links follow the search.
    const feed = document.querySelector('link[rel="alternate"]');
    const nextFeed = next.querySelector('link[rel="alternate"]');
    if (feed && nextFeed) feed.replaceWith(document.importNode(nextFeed, true));
    const footer = document.querySelector(".site-footer");
    const nextFooter = next.querySelector(".site-footer");
    if (footer && nextFooter) footer.replaceWith(nextFooter);
    const nextQuery = next.getElementById("q");
    if (!fromInput && nextQuery && input.value !== nextQuery.value) input.value = nextQuery.value;
    // The search form's hidden filters follow the page.
    const form = document.getElementById("search-form");
    const nextForm = next.getElementById("search-form");
    if (form && nextForm) {
      form.querySelectorAll("input[type=hidden]").forEach((field) => field.remove());
      nextForm.querySelectorAll("input[type=hidden]").forEach((field) => form.insertBefore(field, form.lastElementChild));
    }
    const layout = document.querySelector(".layout");
    const facets = document.getElementById("facets");
    const nextFacets = next.getElementById("facets");
    // A keyboard user who toggled a filter keeps their place in the new sidebar.
    const focused = facets && facets.contains(document.activeElement) ? document.activeElement : null;
    const focusedSelector = focused
      ? focused.id
        ? "#" + CSS.escape(focused.id)
        : `[name="${CSS.escape(focused.name || "")}"][value="${CSS.escape(focused.value || "")}"]`
      : null;
    const focusedKey = focused && focused.name ? [focused.name, focused.value] : null;
    if (facets && nextFacets) facets.replaceWith(nextFacets);
    else if (facets) facets.remove();
    else if (nextFacets) layout.prepend(nextFacets);
    if (focused && nextFacets) {
      const same = focusedKey && focused.type === "checkbox"
        ? [...nextFacets.querySelectorAll("input[type=checkbox]")].find(
            (box) => box.name === focusedKey[0] && box.value === focusedKey[1])
        : nextFacets.querySelector(focusedSelector);
      if (same) same.focus();
    }
    // The live region stays in place so that screen readers announce its new text.
    const main = document.getElementById("main");
    const status = document.getElementById("status");
    const nextMain = next.getElementById("main");
    const nextStatus = next.getElementById("status");
    status.innerHTML = nextStatus ? nextStatus.innerHTML : "";
    [...main.children].forEach((child) => child !== status && child.remove());
    [...nextMain.children].forEach((child) => child.id !== "status" && main.append(child));
    current = -1;
  }

  // The engine of a static page, in its worker: the page for a query string, as the
  // server would render it. Where it cannot run, the page says so in place of results.
  function startEngine(script) {
    const main = document.getElementById("main");
    const status = document.getElementById("status");
    const say = (className, text) => {
      const paragraph = document.createElement("p");
      paragraph.className = className;
      paragraph.textContent = text;
      return paragraph;
    };
    let failure = null;
    const show = (message) => {
      failure = message;
      status.replaceChildren();
      [...main.children].forEach((child) => child !== status && child.remove());
      const box = document.createElement("div");
      box.className = "error";
      box.setAttribute("role", "alert");
      box.append(say("engine-failed", `The search cannot run: ${message}`));
      main.append(box);
      root.dispatchEvent(new CustomEvent("clubsearch:failed", { detail: message }));
    };
    const pending = new Map();
    const refuse = (message) => {
      show(message);
      for (const waiting of pending.values()) waiting.reject(new Error(message));
      pending.clear();
    };
    if (typeof Worker !== "function" || typeof WebAssembly !== "object") {
      show("it needs WebAssembly and Web Workers, which this browser does not offer (or has turned off).");
      return { page: () => Promise.reject(new Error(failure)), show };
    }
    let worker;
    try {
      worker = new Worker(new URL(script, location.href));
    } catch (error) {
      show(`its worker could not start (${error.message}).`);
      return { page: () => Promise.reject(new Error(failure)), show };
    }
    let ready = false;
    if (location.search) status.replaceChildren(say("loading", "Loading the search index…"));
    worker.onmessage = ({ data }) => {
      // What the worker has read from the host so far (bytes, requests), for a look in
      // the browser's console.
      if (data.stats || data.ready) window.__clubsearchStats = data.stats || data.ready;
      if (data.stats) return;
      if (data.ready) {
        ready = true;
        root.dataset.engine = "ready";
        root.dispatchEvent(new CustomEvent("clubsearch:engine", { detail: data.ready }));
      } else if (data.failed) {
        refuse(`the search engine or its index could not be loaded (${data.failed}).`);
      } else {
        const waiting = pending.get(data.id);
        if (!waiting) return;
        pending.delete(data.id);
        if (data.superseded) {
          const error = new Error("superseded by a newer search");
          error.name = "AbortError";
          waiting.reject(error);
        } else if (data.error !== undefined) waiting.reject(new Error(data.error));
        else waiting.resolve(data.text);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (!ready) refuse(`its worker failed (${event.message || "it could not load its script"}).`);
    };
    let next = 0;
    return {
      page(qs) {
        if (failure) return Promise.reject(new Error(failure));
        return new Promise((resolve, reject) => {
          const id = ++next;
          pending.set(id, { resolve, reject });
          worker.postMessage({ id, kind: "page", qs });
        });
      },
      show,
    };
  }
  const workerScript = document.querySelector('meta[name="clubsearch-worker"]');
  const engine = workerScript ? startEngine(workerScript.content) : null;
  // A shared link to a search opens the static start page: the engine renders the search.
  if (engine && location.search) navigate(location.href, { push: false });

  // The URL of the current search with the typed query and page 1.
  function typedUrl() {
    const url = new URL(location.href);
    url.searchParams.delete("related");
    url.searchParams.delete("page");
    if (input.value.trim()) url.searchParams.set("q", input.value);
    else url.searchParams.delete("q");
    return url;
  }

  // The URL the filter form describes, with the typed query.
  function filtersUrl(form) {
    const url = new URL(pageUrl);
    const data = new FormData(form);
    data.delete("q");
    if (input.value.trim()) url.searchParams.set("q", input.value);
    for (const [name, value] of data) {
      // Defaults stay out of the URL, as in the server's own links.
      if (!String(value).trim() || (name === "sort" && value === "relevance")) continue;
      url.searchParams.append(name, value);
    }
    return url;
  }

  // While typing, the history holds one entry for the new search, not one per key: the
  // first keystroke after anything else adds an entry, the next ones replace it.
  let typedEntry = false;
  input.addEventListener("input", () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      typingTimer = 0;
      navigate(typedUrl(), { replace: typedEntry, fromInput: true });
    }, engine ? 0 : TYPING_DELAY);
  });
  document.getElementById("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const pending = typingTimer !== 0;
    clearTimeout(typingTimer);
    typingTimer = 0;
    const url = typedUrl();
    // Enter on a search already shown adds nothing to the history.
    if (!pending && url.href === location.href) return;
    navigate(url, { replace: typedEntry, fromInput: true });
  });
  document.addEventListener("change", (event) => {
    const form = event.target.closest && event.target.closest("#facet-form");
    if (!form) return;
    if (event.target.matches("input[name=since], input[name=until]") && !event.target.checkValidity()) return;
    navigate(filtersUrl(form));
  });
  document.addEventListener("submit", (event) => {
    if (event.target.id !== "facet-form") return;
    event.preventDefault();
    navigate(filtersUrl(event.target));
  });
  document.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    const anchor = event.target.closest && event.target.closest("a[href]");
    if (!anchor || suppressClick) return;
    const url = new URL(anchor.getAttribute("href") || anchor.getAttribute("xlink:href"), location.href);
    if (!sameOrigin(url)) return;
    // A link within this page ("Skip to results") is the browser's to follow.
    if (url.hash && url.search === location.search) return;
    event.preventDefault();
    navigate(url, { focusResults: !anchor.closest("#facets") });
  });
  // Back and forward re-render the search they return to; a move within the page (a
  // fragment such as "#results") is left to the browser.
  const withoutHash = (href) => href.split("#")[0];
  let renderedUrl = withoutHash(location.href);
  root.addEventListener("clubsearch:rendered", () => (renderedUrl = withoutHash(location.href)));
  window.addEventListener("popstate", () => {
    if (withoutHash(location.href) === renderedUrl) return;
    navigate(location.href, { push: false });
  });
  // (popstate leaves typedEntry false: typing after Back starts a new entry.)

  // Keyboard: "/" to search; j/k or arrows through results; Enter opens one.
  let current = -1;
  const results = () => [...document.querySelectorAll("#results .result")];
  function select(index) {
    const all = results();
    if (!all.length) return;
    current = Math.max(0, Math.min(all.length - 1, index));
    all.forEach((result, i) => result.classList.toggle("current", i === current));
    const link = all[current].querySelector(".result-link");
    if (link) link.focus({ preventScroll: true });
    all[current].scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    const active = document.activeElement;
    const typing = isTyping(active) || (active && active.tagName === "SELECT" && event.key.startsWith("Arrow"));
    if (event.key === "/" && !typing) {
      event.preventDefault();
      input.focus();
      input.select();
    } else if (event.key === "ArrowDown" && document.activeElement === input) {
      event.preventDefault();
      select(0);
    } else if (!typing && (event.key === "j" || event.key === "ArrowDown")) {
      event.preventDefault();
      select(current + 1);
    } else if (!typing && (event.key === "k" || event.key === "ArrowUp")) {
      event.preventDefault();
      if (current <= 0) {
        results().forEach((result) => result.classList.remove("current"));
        current = -1;
        input.focus();
      } else select(current - 1);
    } else if (event.key === "Escape" && !typing && current >= 0) {
      results().forEach((result) => result.classList.remove("current"));
      current = -1;
      input.focus();
    }
  });
  document.addEventListener("focusin", (event) => {
    const result = event.target.closest && event.target.closest("#results .result");
    if (!result) return;
    const index = results().indexOf(result);
    if (index >= 0 && index !== current) {
      current = index;
      results().forEach((each, i) => each.classList.toggle("current", i === current));
    }
  });

  // Histogram: a click on a month filters to it (its link); dragging across months
  // filters to the range brushed.
  let brushStart = null;
  let brushEnd = null;
  let suppressClick = false;
  const bars = () => [...document.querySelectorAll(".histogram a[data-month]")];
  const barAt = (event) => {
    const element = document.elementFromPoint(event.clientX, event.clientY);
    return element && element.closest ? element.closest(".histogram a[data-month]") : null;
  };
  function paintBrush() {
    const all = bars();
    const [low, high] = [Math.min(brushStart, brushEnd), Math.max(brushStart, brushEnd)];
    all.forEach((bar, i) => bar.classList.toggle("brushed", brushStart !== null && i >= low && i <= high));
  }
  document.addEventListener("pointerdown", (event) => {
    const bar = barAt(event);
    if (!bar || event.button !== 0) return;
    brushStart = brushEnd = bars().indexOf(bar);
    suppressClick = false;
    paintBrush();
  });
  document.addEventListener("pointermove", (event) => {
    if (brushStart === null) return;
    const bar = barAt(event);
    if (!bar) return;
    brushEnd = bars().indexOf(bar);
    paintBrush();
  });
  document.addEventListener("pointerup", () => {
    if (brushStart === null) return;
    const all = bars();
    const [low, high] = [Math.min(brushStart, brushEnd), Math.max(brushStart, brushEnd)];
    brushStart = brushEnd = null;
    if (low === high) return; // a click: the bar's own link
    suppressClick = true;
    setTimeout(() => (suppressClick = false), 0);
    const url = typedUrl();
    url.searchParams.set("since", all[low].dataset.month);
    url.searchParams.set("until", all[high].dataset.month);
    navigate(url);
  });
})();
