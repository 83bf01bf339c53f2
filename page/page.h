// The search page: a complete HTML document for a search (or a "related" listing), so
// that it works without JavaScript and every search is a URL. The server sends it, and
// on a static host the engine renders it in the reader's browser; the page's script
// (web/assets/app.js) swaps the regions of these same documents in, so there is one
// renderer. Everything from the index or the request is escaped here; only http(s) URLs
// become links.
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/search_params.h"

namespace clubsearch::page {

using api::PageState;

// A request the page refuses, shown in place of results.
struct PageError {
  int status = 400;
  std::string message;
  std::string hint;
  std::optional<std::size_t> position;  // byte offset in q of a malformed query
};

// Links to the page's assets, each with its version (for cache-busting).
struct AssetLinks {
  std::string style;    // "/assets/style.css?v=…"
  std::string script;   // "/assets/app.js?v=…"
  std::string favicon;  // "/assets/favicon.svg?v=…"
  std::string worker;   // the static engine's worker script; empty under the server
};

// AssetLinks as {"style", "script", "favicon", "worker"}, as export-static hands them to
// the static engine, and back (a missing link is empty).
nlohmann::json links_json(const AssetLinks& links);
AssetLinks links_from_json(const nlohmann::json& links);

// Where the page runs, which decides its links.
enum class Hosting {
  server,      // `clubsearch serve`: links from the site's root ("/?q=…", "/assets/…"); the
               // Atom feed, OpenSearch and the JSON API beside the page
  static_site  // a folder a static host publishes anywhere: links relative to the page
               // ("./?q=…", "style.css?v=…"), nothing but the page, and its worker
};

struct PageSite {
  Hosting hosting = Hosting::server;
  AssetLinks assets;
  // The page's own address, to which its links and forms go: "/" or "./".
  std::string base() const { return hosting == Hosting::server ? "/" : "./"; }
};

// What a request for the page shows: the search its URL asks, and the query layer's
// JSON answer to it (a search or a related listing), or the refusal. Neither: the start
// page.
struct PageContent {
  PageState state;
  std::optional<nlohmann::json> response;
  std::optional<PageError> error;
  std::string related_title;  // the entry a related listing is about
};

std::string render_page(const PageContent& content, const PageSite& site);

// Text made safe for HTML element content and double-quoted attribute values.
std::string html_escape(std::string_view text);
// The URL if it is http(s), else empty (it is then shown as text, never as a link).
std::string safe_url(std::string_view url);
// A link to an http(s) URL, or the text alone (in a <span> with the same attributes)
// for any other.
std::string link_html(const std::string& url, const std::string& text, const std::string& attributes = {});
// A result's snippet (the query layer's parts), its matched words in <mark>.
std::string snippet_html(const nlohmann::json& parts);
// "/?q=…&source=…" for a state, its parameters encoded as forms encode them.
std::string page_url(const PageState& state, const std::string& path = "/");

// The start of every page of the site, up to and with the site's header: the <head> (its
// <title>, `extra_head` as given, the stylesheet, icon, and under the server the search
// and feed links; on a static site its policy and worker) and the header with the search
// box for `state`. The search page (`search_page`) also has the page's script, and its
// search box takes the focus.
std::string document_start(const PageState& state, const PageSite& site, const std::string& title,
                           const std::string& extra_head = {}, bool search_page = true);

}  // namespace clubsearch::page
