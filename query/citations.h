// Citations out: what a blog says about a paper or a page, as a BibTeX, RIS or CSL-JSON
// file that Zotero, JabRef, BibLaTeX and pandoc's citeproc read. Pure formatting: no
// index, no I/O.
//
// One item is written the same way in all three formats:
//
//   kind / arXiv       BibTeX   RIS    CSL-JSON            where `source` goes
//   paper with arXiv   @misc    UNPB   article             archivePrefix; PB; publisher
//   paper              @misc    GEN    article             howpublished; PB; publisher
//   blog               @misc    ELEC   post-weblog         howpublished; T2; container-title
//   forum              @misc    ELEC   post                howpublished; T2; container-title
//   news               @misc    NEWS   article-newspaper   howpublished; T2; container-title
//   code, notebook     @misc    COMP   software            howpublished; PB; publisher
//   other              @misc    ELEC   webpage             howpublished; T2; container-title
//
// BibTeX's @misc is the one standard type with no required field, and we never know the
// authors: every style prints it without a warning, and BibLaTeX reads its eprint, url,
// doi and urldate. The title is wrapped in one more pair of braces, so that no style
// changes the case of a title as the blog wrote it (GPT-4, LoRA, names). Nothing is
// invented: no author, no venue, no DOI the item does not hold.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clubsearch::query {

// One thing to cite, from what the blog says about it. Never holds invented data:
// no authors (the blog does not give them reliably), no venue unless known.
struct CitationItem {
  std::string id;        // our stable id (hex), used to make the citation key unique and stable
  std::string title;     // best known title (Unicode, LaTeX-special chars, quotes; no HTML escapes)
  std::string url;       // the canonical link
  std::string arxiv;     // normalised arXiv id ("2404.03592", "hep-th/9901001"), or empty
  std::string doi;       // "10.1234/abc", or empty
  std::string date;      // the work's date: "YYYY", "YYYY-MM" or "YYYY-MM-DD", or empty
  std::string kind;      // paper, blog, forum, notebook, code, news, other
  std::string source;    // who published it ("arXiv", "LessWrong", "Anthropic", ...), or empty
  std::string note;      // free text, e.g. "Discussed in Journal Club 3 (2024-05-01)", or empty
  std::string accessed;  // YYYY-MM-DD the blog post discussing it was published, or empty
};

enum class CitationFormat { bibtex, ris, csl_json };

// "bibtex" (also "bib"), "ris", "csl-json" (also "csl" and "json", as the file's
// extension says), in any ASCII case; nullopt otherwise.
std::optional<CitationFormat> citation_format(std::string_view name);
// The names accepted, for help texts and error messages: {"bibtex","ris","csl-json"}.
const std::vector<std::string>& citation_format_names();
// The MIME type and file extension for downloads: application/x-bibtex .bib;
// application/x-research-info-systems .ris; application/vnd.citationstyles.csl+json .json
std::string_view citation_mime_type(CitationFormat);
std::string_view citation_extension(CitationFormat);

// The citation key of each item, in order: the first significant word of the title in
// ASCII and the year, then a hyphen and the first 4 hex digits of `id` ("attention2017-3fa2";
// a hash of the URL and title stands in for a missing id). It depends on the item alone,
// so a paper keeps its key from one export to the next and two exports merge without
// clashes; within one call a key that would still repeat takes more digits of its id,
// then a counter ("-2", "-3": the same item twice).
std::vector<std::string> citation_keys(const std::vector<CitationItem>& items);

// A title is cut to at most this many bytes, at a character, ending with "…".
inline constexpr std::size_t kMaxCitationTitleBytes = 1000;

// The whole file for these items, in order. Citation keys are unique within one call
// and stable across calls for the same item. Text is cleaned first: invalid UTF-8
// becomes U+FFFD, control characters go, runs of white space become one space. An item
// without a title is titled by its URL (or its arXiv id, or its DOI).
std::string format_citations(const std::vector<CitationItem>& items, CitationFormat format);

}  // namespace clubsearch::query
