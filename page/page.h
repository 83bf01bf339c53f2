// The search page, rendered on the server: a complete HTML document for a search (or a
// "related" listing), so that it works without JavaScript and every search is a URL.
// The page's script (assets/app.js) fetches these same documents and swaps their
// regions in, so there is one renderer. Everything from the index or the request is
// escaped here; only http(s) URLs become links.
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

// Versions of the embedded assets, for cache-busting links.
struct AssetLinks {
  std::string style;    // "/assets/style.css?v=…"
  std::string script;   // "/assets/app.js?v=…"
  std::string favicon;  // "/assets/favicon.svg?v=…"
};

// `response` is the query layer's JSON (a search or a related listing); nullptr shows the
// empty start page. `related_title` names the entry a related listing is about.
std::string render_page(const PageState& state, const nlohmann::json* response, const PageError* error,
                        const AssetLinks& assets, const std::string& related_title = {});

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
// <title>, `extra_head` as given, the stylesheet, icon, search and feed links) and the
// header with the search box for `state`. The search page (`search_page`) also has the
// page's script, and its search box takes the focus.
std::string document_start(const PageState& state, const AssetLinks& assets, const std::string& title,
                           const std::string& extra_head = {}, bool search_page = true);

}  // namespace clubsearch::page
