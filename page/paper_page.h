// Papers on the page: a paper's own page (/papers/ID, with its timeline of the posts
// that discussed it), papers among the search page's results, the switch between
// searching entries and papers, and the links that download a search's citations.
// Rendered from the query layer's JSON like the rest of the page (page.h), and escaped
// the same way.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "page/page.h"

namespace clubsearch::page {

// "/papers/ID", the id percent-encoded.
std::string paper_url(std::string_view id);

// "/api/search?…" (or "/api/papers?…" for a search of papers) asking what `state` asks;
// with `format` (bibtex, ris, csl-json) the download of its page's citations.
std::string api_url(const PageState& state, const std::string& format = {});

// The complete page of a paper. `result` is the paper as a result of the query layer
// (query::to_json of its hit: its links as "items", its "topics", and its "paper"
// object with identifiers, date, posts and timeline).
std::string render_paper_page(const nlohmann::json& result, const AssetLinks& assets);

// A paper among the search page's results, with a COinS span. Its title links to its page
// under the server, to the paper itself on a static site (which has no paper pages).
std::string paper_result_html(const nlohmann::json& result, std::size_t number, const PageSite& site);

// " · Paper page" links for an entry's result, one per paper its items are; empty when
// none is.
std::string paper_page_links(const nlohmann::json& items);

// Entries | Papers: the same search in the other scope (filters and sort that apply
// there, page 1), its links starting at `base` (PageSite::base).
std::string scope_switch_html(const PageState& state, const std::string& base);

// "Cite these: BibTeX · RIS · CSL-JSON", the API's downloads of this page's citations.
std::string cite_links_html(const PageState& state);

}  // namespace clubsearch::page
