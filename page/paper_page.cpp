// A paper's page and papers on the search page.
#include "page/paper_page.h"

#include <algorithm>
#include <optional>
#include <set>
#include <vector>

#include "index/filters.h"
#include "page/citation_meta.h"

namespace clubsearch::page {

namespace {

using nlohmann::json;

constexpr const char* kDot = " \u00b7 ";

std::string text_of(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

const json& object_of(const json& object, const char* key) {
  static const json empty = json::object();
  const auto found = object.find(key);
  return found != object.end() && found->is_object() ? *found : empty;
}

const json& array_of(const json& object, const char* key) {
  static const json empty = json::array();
  const auto found = object.find(key);
  return found != object.end() && found->is_array() ? *found : empty;
}

std::string time_html(const std::string& date) {
  return date.empty() ? "<span class=\"date\">undated</span>"
                      : "<time datetime=\"" + html_escape(date) + "\">" + html_escape(date) + "</time>";
}

std::string posts_text(std::size_t posts) {
  return "discussed in " + std::to_string(posts) + (posts == 1 ? " post" : " posts");
}

// How long after the paper a post came: "the paper's month", "3 months after",
// "2 years after" (and "… before" for a post dated before its paper).
std::string lag_text(const json& months) {
  if (!months.is_number_integer()) return {};
  const long long lag = months.get<long long>();
  if (lag == 0) return "the paper's month";
  const long long size = lag < 0 ? -lag : lag;
  const std::string when = lag < 0 ? " before" : " after";
  if (size < 12) return std::to_string(size) + (size == 1 ? " month" : " months") + when;
  const long long years = size / 12;
  return std::to_string(years) + (years == 1 ? " year" : " years") + when;
}

// A paper's identifiers with their canonical pages: {label, id, URL}.
struct Identifier {
  const char* label;
  std::string id;
  std::string url;
};

std::vector<Identifier> identifiers_of(const json& paper) {
  std::vector<Identifier> out;
  if (const std::string arxiv = text_of(paper, "arxiv"); !arxiv.empty())
    out.push_back({"arXiv", arxiv, "https://arxiv.org/abs/" + percent_encode(arxiv, "/")});
  if (const std::string doi = text_of(paper, "doi"); !doi.empty())
    out.push_back({"DOI", doi, "https://doi.org/" + percent_encode(doi, "/")});
  if (const std::string openreview = text_of(paper, "openreview"); !openreview.empty())
    out.push_back(
        {"OpenReview", openreview, "https://openreview.net/forum?id=" + percent_encode(openreview)});
  if (const std::string acl = text_of(paper, "acl"); !acl.empty())
    out.push_back({"ACL Anthology", acl, "https://aclanthology.org/" + percent_encode(acl) + "/"});
  return out;
}

// "Label: BibTeX · RIS · CSL-JSON", each a download of `state`'s citations.
std::string downloads_html(const std::string& label, const PageState& state) {
  std::string out = "<p class=\"cite\">" + html_escape(label) + " ";
  const std::pair<const char*, const char*> formats[] = {
      {"bibtex", "BibTeX"}, {"ris", "RIS"}, {"csl-json", "CSL-JSON"}};
  bool first = true;
  for (const auto& [format, name] : formats) {
    out += std::string(first ? "" : kDot) + "<a href=\"" + html_escape(api_url(state, format)) +
           "\" download data-format=\"" + format + "\">" + name + "</a>";
    first = false;
  }
  return out + "</p>\n";
}

// The search of this one paper, for its downloads: the query field every paper's
// document is found by.
PageState paper_search(const std::string& id) {
  PageState state;
  state.papers = true;
  state.q = "paperid:" + id;
  return state;
}

std::string timeline_html(const json& paper, const std::string& paper_title) {
  const json& mentions = array_of(paper, "mentions");
  std::string out =
      "<section class=\"timeline\" aria-labelledby=\"timeline-heading\">\n<h2 id=\"timeline-heading\">"
      "Timeline</h2>\n<ol class=\"timeline\">\n";
  for (const json& mention : mentions) {
    const std::string lag = lag_text(mention.value("months_after_paper", json()));
    out += "<li class=\"mention\" data-entry-id=\"" + html_escape(text_of(mention, "entry_id")) +
           "\" data-post-id=\"" + html_escape(text_of(mention, "post_id")) + "\">\n<p class=\"when\">" +
           time_html(text_of(mention, "date")) +
           (lag.empty() ? "" : " <span class=\"lag\">" + html_escape(lag) + "</span>") + "</p>\n<h3>" +
           link_html(text_of(mention, "entry_url"), text_of(mention, "post_title"), " class=\"post\"") +
           "</h3>\n";
    const std::string heading = text_of(mention, "title");
    if (!heading.empty() && heading != paper_title)
      out += "<p class=\"entry-title\">" + html_escape(heading) + "</p>\n";
    const std::string excerpt = text_of(mention, "excerpt");
    if (!excerpt.empty())
      out += "<blockquote class=\"excerpt\"><p>" + html_escape(excerpt) + "</p></blockquote>\n";
    out += "</li>\n";
  }
  return out + "</ol>\n</section>\n";
}

}  // namespace

std::string paper_url(std::string_view id) { return "/papers/" + percent_encode(id); }

std::string api_url(const PageState& state, const std::string& format) {
  PageState api = state;
  api.papers = false;  // the route says it
  api.related.clear();
  std::string url = page_url(api, state.papers ? "/api/papers" : "/api/search");
  if (!format.empty())
    url += (url.find('?') == std::string::npos ? "?" : "&") + std::string("format=") + percent_encode(format);
  return url;
}

std::string paper_page_links(const json& items) {
  std::string out;
  std::set<std::string> seen;
  for (const json& item : items) {
    const std::string paper = text_of(item, "paper");
    if (paper.empty() || !seen.insert(paper).second) continue;
    out += std::string(kDot) + "<a class=\"paper-page\" href=\"" + html_escape(paper_url(paper)) +
           "\" title=\"" + html_escape(text_of(item, "title")) + "\">Paper page</a>";
  }
  return out;
}

std::string paper_result_html(const json& result, std::size_t number, const PageSite& site) {
  const std::string id = text_of(result, "id");
  const json& paper = object_of(result, "paper");
  std::vector<std::string> sources;
  for (const json& item : array_of(result, "items")) {
    const std::string source = text_of(item, "source");
    if (!source.empty() && std::find(sources.begin(), sources.end(), source) == sources.end())
      sources.push_back(source);
  }
  std::string meta = "<span class=\"kind\">paper</span>";
  for (const std::string& source : sources)
    meta += kDot + ("<span class=\"source\">" + html_escape(source) + "</span>");
  meta += kDot + time_html(text_of(paper, "date"));
  meta +=
      kDot + ("<span class=\"discussed\">" + posts_text(paper.value("posts", std::size_t{0})) + "</span>");
  const std::string last = text_of(paper, "last_date");  // the latest post's date (undated posts aside)
  if (!last.empty()) meta += kDot + ("last " + time_html(last));
  std::string title = text_of(result, "title");
  if (title.find_first_not_of(" \t\n") == std::string::npos) title = text_of(result, "entry_url");
  std::string out = "<li class=\"result\" data-type=\"paper\" id=\"r-" + html_escape(id) + "\" data-id=\"" +
                    html_escape(id) + "\" value=\"" + std::to_string(number) +
                    "\">\n<article>\n<h2>" +
                    (site.hosting == Hosting::server
                         ? "<a href=\"" + html_escape(paper_url(id)) + "\" class=\"result-link\">" + html_escape(title) + "</a>"
                         : link_html(text_of(result, "entry_url"), title, " class=\"result-link\"")) +
                    "</h2>\n<p class=\"meta\">" + meta + "</p>\n";
  const std::string snippet = snippet_html(array_of(result, "snippet"));
  if (!snippet.empty()) out += "<p class=\"snippet\">" + snippet + "</p>\n";
  const std::string url = text_of(result, "entry_url");
  std::string links = link_html(url, "The paper");
  for (const Identifier& identifier : identifiers_of(paper))
    if (identifier.url != url)
      links += kDot + link_html(identifier.url, std::string(identifier.label) + ":" + identifier.id);
  out += "<p class=\"links\">" + links + "</p>\n" + coins_span(citation_meta(paper)) + "\n";
  return out + "</article>\n</li>\n";
}

std::string scope_switch_html(const PageState& state, const std::string& base) {
  auto in_scope = [&](bool papers) {
    PageState other = state;
    other.papers = papers;
    other.page = 1;
    if (papers != state.papers) {
      for (auto filter = other.filters.begin(); filter != other.filters.end();) {
        const index::FilterSpec* spec = index::find_request_filter(filter->first);
        filter = spec != nullptr && index::applies(*spec, papers) ? std::next(filter)
                                                                  : other.filters.erase(filter);
      }
      if (other.sort == "discussed") other.sort = "relevance";
      if (papers) other.group = false;
    }
    return other;
  };
  auto tab = [&](bool papers, const char* label) {
    const bool current = papers == state.papers;
    return "<a href=\"" + html_escape(page_url(in_scope(papers), base)) + "\" data-scope=\"" +
           (papers ? "papers" : "entries") + "\"" + (current ? " aria-current=\"page\"" : "") + ">" + label +
           "</a>";
  };
  return "<nav class=\"scope\" aria-label=\"Search\">" + tab(false, "Entries") + tab(true, "Papers") +
         "</nav>\n";
}

std::string cite_links_html(const PageState& state) { return downloads_html("Cite these:", state); }

std::string render_paper_page(const json& result, const AssetLinks& assets) {
  const std::string id = text_of(result, "id");
  const json& paper = object_of(result, "paper");
  const CitationMeta meta = citation_meta(paper);
  std::string title = text_of(result, "title");
  if (title.find_first_not_of(" \t\n") == std::string::npos) title = text_of(result, "entry_url");
  PageState search;
  search.papers = true;  // a search from a paper's page is a search of papers
  std::string out = document_start(search, PageSite{Hosting::server, assets}, title + " \u2014 clubsearch",
                                   highwire_meta(meta), false);
  out += "<div class=\"layout\">\n<main id=\"main\">\n<p class=\"back\"><a href=\"" +
         html_escape(page_url(search)) +
         "\">\u2190 All papers</a></p>\n<article id=\"results\" class=\"paper-page\" data-id=\"" +
         html_escape(id) + "\">\n<h1>" + html_escape(title) + "</h1>\n";
  const std::size_t posts = paper.value("posts", std::size_t{0});
  out += "<p class=\"meta\"><span class=\"kind\">paper</span>" + std::string(kDot) +
         time_html(text_of(paper, "date")) + kDot + "<span class=\"discussed\">" + posts_text(posts) +
         "</span></p>\n";
  const std::vector<Identifier> identifiers = identifiers_of(paper);
  if (!identifiers.empty()) {
    out += "<dl class=\"identifiers\">\n";
    for (const Identifier& identifier : identifiers)
      out += "<dt>" + std::string(identifier.label) + "</dt><dd>" +
             link_html(identifier.url, identifier.id,
                       " data-identifier=\"" + std::string(identifier.label) + "\"") +
             "</dd>\n";
    out += "</dl>\n";
  }
  out += "<p class=\"paper-link\">" + link_html(text_of(result, "entry_url"), text_of(result, "entry_url")) +
         "</p>\n";
  const json& items = array_of(result, "items");
  if (!items.empty()) {
    out +=
        "<section class=\"linked-as\" aria-labelledby=\"linked-heading\">\n<h2 id=\"linked-heading\">Linked "
        "as</h2>\n"
        "<ul>\n";
    for (const json& item : items) {
      const std::string source = text_of(item, "source");
      const std::string text = text_of(item, "title");  // the link's text, when it is not the title
      out += "<li>" + link_html(text_of(item, "url"), text_of(item, "url")) +
             (text.empty() || text == title
                  ? ""
                  : " <span class=\"link-text\">\u201c" + html_escape(text) + "\u201d</span>") +
             (source.empty() ? "" : " <span class=\"source\">" + html_escape(source) + "</span>") + "</li>\n";
    }
    out += "</ul>\n</section>\n";
  }
  const json& topics = array_of(result, "topics");
  if (!topics.empty()) {
    out += "<p class=\"topics\">Topics: ";
    bool first = true;
    for (const json& topic : topics) {
      if (!topic.is_string()) continue;
      PageState by_topic = search;
      by_topic.filters["topic"].push_back(topic.get<std::string>());
      out += std::string(first ? "" : ", ") + "<a href=\"" + html_escape(page_url(by_topic)) + "\">" +
             html_escape(topic.get<std::string>()) + "</a>";
      first = false;
    }
    out += "</p>\n";
  }
  out += timeline_html(paper, title);
  out += downloads_html("Cite it:", paper_search(id));
  out += coins_span(meta) + "\n</article>\n</main>\n</div>\n";
  out += "<footer class=\"site-footer\"><a href=\"" + html_escape("/api/entries/" + percent_encode(id)) +
         "\">JSON</a></footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace clubsearch::page
