// What a reference manager's connector (Zotero, Mendeley, …) reads from a page about a
// paper: a COinS span (a Z39.88-2004 ContextObject in key/encoded-value form) and
// Highwire-style <meta name="citation_…"> tags. Built only from what the blog says about
// the paper (its best title, its date, its arXiv id, DOI and link): never an author.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace clubsearch::page {

struct CitationMeta {
  std::string title;
  std::string date;   // "YYYY", "YYYY-MM" or "YYYY-MM-DD", or empty
  std::string arxiv;  // e.g. "2406.11717" or "hep-th/9901001", or empty
  std::string doi;    // e.g. "10.1101/2024.01.02.123456", or empty
  std::string url;    // the paper's link; only an http(s) one is used
};

// From a paper object of the query layer's JSON (query::paper_json: title, date, arxiv,
// doi, url; a null field is empty).
CitationMeta citation_meta(const nlohmann::json& paper);

// Every byte but RFC 3986's unreserved characters (A–Z a–z 0–9 - . _ ~) and those in
// `keep` as %XX (upper-case hex).
std::string percent_encode(std::string_view text, std::string_view keep = {});

// The ContextObject as a KEV string, each value percent-encoded: ctx_ver, the journal
// format, rft.genre (preprint for an arXiv paper, else article), rft.atitle, rft.date,
// and one rft_id each for info:arxiv/…, info:doi/… and the URL. Not HTML-escaped.
std::string coins_kev(const CitationMeta& meta);

// <span class="Z3988" title="KEV"></span>, the KEV HTML-escaped for the attribute.
std::string coins_span(const CitationMeta& meta);

// <meta name="citation_title">, citation_publication_date (YYYY/MM/DD, YYYY/MM or
// YYYY), citation_arxiv_id, citation_doi, and for an http(s) link citation_pdf_url (a
// path ending in .pdf) or citation_abstract_html_url: one tag a line, each value
// HTML-escaped; nothing for a field the paper lacks.
std::string highwire_meta(const CitationMeta& meta);

}  // namespace clubsearch::page
