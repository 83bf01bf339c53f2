// The search page as HTML: header and search box, facet sidebar with a date histogram,
// active filters as chips, results, pagination.
#include "page/page.h"

#include <uriparser/Uri.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "page/paper_page.h"

namespace clubsearch::page {

namespace {

using nlohmann::json;

constexpr std::size_t kFacetValuesShown = 8;  // the rest behind "More"
// The static page's own scripts, styles and worker only; the worker compiles the engine.
constexpr const char* kStaticPagePolicy =
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'";
const std::vector<std::pair<std::string, std::string>> kFacetLabels{
    {"section", "Section"}, {"source", "Source"},         {"kind", "Kind"},
    {"topic", "Topic"},     {"paperyear", "Paper year"}, {"discussed", "Posts about it"}};

std::string text_of(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::string escape_component(const std::string& text) {
  std::string out(text.size() * 6 + 1, '\0');
  const char* end = uriEscapeExA(text.data(), text.data() + text.size(), out.data(), URI_TRUE, URI_FALSE);
  out.resize(static_cast<std::size_t>(end - out.data()));
  return out;
}

std::string number_text(std::size_t value) {
  // 12345 → "12,345"
  std::string digits = std::to_string(value);
  for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3)
    digits.insert(static_cast<std::size_t>(at), ",");
  return digits;
}

// A facet value as the user reads it ("journal-club" stays as it is; kinds are words).
std::string facet_title(const std::string& facet) {
  for (const auto& [name, label] : kFacetLabels)
    if (name == facet) return label;
  if (facet == "tag") return "Tag";
  if (facet == "year") return "Year";
  if (facet == "month") return "Month";
  return facet;
}

PageState without_value(PageState state, const std::string& facet, const std::string& value) {
  auto& values = state.filters[facet];
  values.erase(std::remove_if(values.begin(), values.end(),
                              [&](const std::string& chosen) { return chosen == value; }),
               values.end());
  if (values.empty()) state.filters.erase(facet);
  state.page = 1;
  return state;
}

std::string hidden(const std::string& name, const std::string& value) {
  return "<input type=\"hidden\" name=\"" + html_escape(name) + "\" value=\"" + html_escape(value) + "\">";
}

// The state's parameters as hidden fields, except those named in `skip`.
std::string hidden_fields(const PageState& state, const std::set<std::string>& skip) {
  std::string out;
  if (!skip.count("q") && !state.q.empty()) out += hidden("q", state.q);
  for (const auto& [facet, values] : state.filters)
    if (!skip.count(facet))
      for (const std::string& value : values) out += hidden(facet, value);
  if (!skip.count("since") && !state.since.empty()) out += hidden("since", state.since);
  if (!skip.count("until") && !state.until.empty()) out += hidden("until", state.until);
  if (!skip.count("sort") && state.sort != "relevance") out += hidden("sort", state.sort);
  if (!skip.count("group") && state.group) out += hidden("group", "1");
  if (!skip.count("per_page") && state.per_page != 10) out += hidden("per_page", std::to_string(state.per_page));
  if (!skip.count("papers") && state.papers) out += hidden("papers", "1");
  return out;
}

std::string link(const std::string& url, const std::string& text, const std::string& attributes = {}) {
  return link_html(url, text, attributes);
}

std::string result_html(const json& result, std::size_t number, const std::string& base, bool served) {
  const std::string id = text_of(result, "id");
  const json& post = result.contains("post") ? result["post"] : json::object();
  const json items = result.value("items", json::array());
  std::string target = text_of(result, "entry_url");
  std::vector<std::string> sources;
  std::string arxiv;
  for (const json& item : items) {
    if (target == text_of(result, "entry_url") && !safe_url(text_of(item, "url")).empty())
      target = text_of(item, "url");
    const std::string source = text_of(item, "source");
    if (!source.empty() && std::find(sources.begin(), sources.end(), source) == sources.end())
      sources.push_back(source);
    if (arxiv.empty() && item.contains("arxiv") && item["arxiv"].is_string()) arxiv = item["arxiv"];
  }
  std::string meta;
  auto add = [&](const std::string& part) { meta += (meta.empty() ? "" : " \u00b7 ") + part; };
  if (text_of(result, "type") == "post") add("<span class=\"kind\">post</span>");
  for (const std::string& source : sources) add("<span class=\"source\">" + html_escape(source) + "</span>");
  const std::string date = text_of(post, "date");
  add(date.empty() ? "<span class=\"date\">undated</span>"
                   : "<time datetime=\"" + html_escape(date) + "\">" + html_escape(date) + "</time>");
  if (text_of(result, "type") != "post") add(link(text_of(post, "url"), text_of(post, "title"), " class=\"post\""));

  // A title that was all markup is empty once reduced to text: the link's address stands in.
  std::string title = text_of(result, "title");
  if (title.find_first_not_of(" \t\n") == std::string::npos) title = target.empty() ? "(untitled)" : target;
  std::string out = "<li class=\"result\" id=\"r-" + html_escape(id) + "\" data-id=\"" + html_escape(id) +
                    "\" value=\"" + std::to_string(number) + "\">\n<article>\n<h2>" +
                    link(target, title, " class=\"result-link\"") + "</h2>\n<p class=\"meta\">" + meta + "</p>\n";
  const std::string snippet = snippet_html(result.value("snippet", json::array()));
  if (!snippet.empty()) out += "<p class=\"snippet\">" + snippet + "</p>\n";
  std::string links = link(text_of(result, "entry_url"), "In the post");
  if (!arxiv.empty()) links += " \u00b7 " + link("https://arxiv.org/abs/" + arxiv, "arXiv:" + arxiv);
  PageState related;
  related.related = id;
  links += " \u00b7 <a href=\"" + html_escape(page_url(related, base)) + "\">Related</a>";
  if (served) links += paper_page_links(items);  // papers have pages on the server only
  const std::size_t more = result.value("more_in_post", std::size_t{0});
  if (more > 0) links += " \u00b7 <span class=\"more\">" + std::to_string(more) + " more in this post</span>";
  out += "<p class=\"links\">" + links + "</p>\n";
  const json also = result.value("also_in", json::array());
  if (!also.empty()) {
    out += "<p class=\"also-in\">Also in ";
    for (std::size_t i = 0; i < also.size(); ++i) {
      const std::string when = also[i].value("date", json()).is_string() ? also[i]["date"].get<std::string>() : "";
      out += (i ? ", " : "") + link(text_of(also[i], "entry_url"), text_of(also[i], "post_title")) +
             (when.empty() ? "" : " (" + html_escape(when) + ")");
    }
    out += "</p>\n";
  }
  return out + "</article>\n</li>\n";
}

std::string facet_html(const std::string& facet, const std::string& label,
                       const json& values) {
  if (values.empty()) return {};
  std::string list, more;
  std::size_t shown = 0;
  for (const json& value : values) {
    const std::string text = text_of(value, "value");
    const bool selected = value.value("selected", false);
    const std::string id = "f-" + facet + "-" + std::to_string(shown);
    std::string row = "<li><input type=\"checkbox\" id=\"" + html_escape(id) + "\" name=\"" + facet +
                      "\" value=\"" + html_escape(text) + "\"" + (selected ? " checked" : "") + "><label for=\"" +
                      html_escape(id) + "\">" + html_escape(text) + " <span class=\"count\">" +
                      number_text(value.value("count", std::size_t{0})) + "</span></label></li>\n";
    ((shown < kFacetValuesShown || selected) ? list : more) += row;
    ++shown;
  }
  std::string out = "<fieldset class=\"facet\" data-facet=\"" + facet + "\">\n<legend>" + label + "</legend>\n<ul>\n" +
                    list + "</ul>\n";
  if (!more.empty()) out += "<details><summary>More</summary>\n<ul>\n" + more + "</ul>\n</details>\n";
  return out + "</fieldset>\n";
}

// Months from YYYY-MM to YYYY-MM inclusive.
std::vector<std::string> months_between(const std::string& first, const std::string& last) {
  std::vector<std::string> out;
  int year = std::stoi(first.substr(0, 4)), month = std::stoi(first.substr(5, 2));
  const int end_year = std::stoi(last.substr(0, 4)), end_month = std::stoi(last.substr(5, 2));
  while ((year < end_year || (year == end_year && month <= end_month)) && out.size() < 1200) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
    out.push_back(buffer);
    if (++month > 12) {
      month = 1;
      ++year;
    }
  }
  return out;
}

// The matches per month as bars; each bar is a link that narrows the dates to its month.
std::string histogram_html(const PageState& state, const json& months, const std::string& base) {
  std::map<std::string, std::size_t> counts;
  for (const json& value : months) {
    const std::string month = text_of(value, "value");
    if (month.size() == 7) counts[month] = value.value("count", std::size_t{0});
  }
  if (counts.empty()) return {};
  const std::vector<std::string> range = months_between(counts.begin()->first, counts.rbegin()->first);
  std::size_t highest = 1;
  for (const auto& [month, count] : counts) highest = std::max(highest, count);
  constexpr int kHeight = 48;
  const int width = static_cast<int>(range.size()) * 6;
  std::string bars;
  for (std::size_t i = 0; i < range.size(); ++i) {
    const auto found = counts.find(range[i]);
    const std::size_t count = found == counts.end() ? 0 : found->second;
    const int height = count == 0 ? 0 : std::max(2, static_cast<int>(static_cast<double>(count) * kHeight / static_cast<double>(highest)));
    PageState narrowed = state;
    narrowed.since = narrowed.until = range[i];
    narrowed.page = 1;
    const std::string label = range[i] + ": " + number_text(count) + (count == 1 ? " result" : " results");
    bars += "<a href=\"" + html_escape(page_url(narrowed, base)) + "\" data-month=\"" + range[i] +
            "\" aria-label=\"" + html_escape(label) + "\"><title>" + html_escape(label) +
            "</title><rect x=\"" + std::to_string(i * 6) + "\" y=\"0\" width=\"6\" height=\"" +
            std::to_string(kHeight) + "\" class=\"slot\"/><rect x=\"" + std::to_string(i * 6 + 1) +
            "\" y=\"" + std::to_string(kHeight - height) + "\" width=\"4\" height=\"" +
            std::to_string(height) + "\" class=\"bar\"/></a>";
  }
  return "<figure class=\"histogram\" data-first=\"" + range.front() + "\" data-last=\"" + range.back() +
         "\">\n<svg viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(kHeight) +
         "\" preserveAspectRatio=\"none\" role=\"group\" aria-label=\"Results per month\">" + bars +
         "</svg>\n<figcaption><span>" + range.front() + "</span><span>" + range.back() +
         "</span></figcaption>\n</figure>\n";
}

std::string sidebar_html(const PageState& state, const json& response, const std::string& base) {
  const json facets = response.value("facets", json::object());
  std::string out = "<aside id=\"facets\" aria-label=\"Filters\">\n<form id=\"facet-form\" action=\"" + base +
                    "\" method=\"get\">\n" +
                    hidden_fields(state, {"section", "source", "kind", "topic", "paperyear", "discussed", "since",
                                          "until", "sort", "group"});
  for (const auto& [facet, label] : kFacetLabels)
    if (facets.contains(facet)) out += facet_html(facet, label, facets[facet]);
  out += "<fieldset class=\"facet dates\" data-facet=\"date\">\n<legend>Date</legend>\n";
  if (facets.contains("month")) out += histogram_html(state, facets["month"], base);
  out += "<div class=\"date-inputs\"><label for=\"since\">From</label><input id=\"since\" name=\"since\" value=\"" +
         html_escape(state.since) +
         "\" placeholder=\"YYYY-MM\" pattern=\"\\d{4}(-\\d{2}(-\\d{2})?)?\" inputmode=\"numeric\" size=\"10\">"
         "<label for=\"until\">to</label><input id=\"until\" name=\"until\" value=\"" +
         html_escape(state.until) +
         "\" placeholder=\"YYYY-MM\" pattern=\"\\d{4}(-\\d{2}(-\\d{2})?)?\" inputmode=\"numeric\" size=\"10\"></div>\n"
         "</fieldset>\n";
  out += "<fieldset class=\"facet order\">\n<legend>Order</legend>\n<select id=\"sort\" name=\"sort\" aria-label=\"Order\">";
  for (const char* sort : {"relevance", "newest", "oldest"})
    out += std::string("<option value=\"") + sort + "\"" + (state.sort == sort ? " selected" : "") + ">" +
           (std::string(sort) == "relevance" ? "Best match" : std::string(sort) == "newest" ? "Newest first" : "Oldest first") +
           "</option>";
  if (state.papers)
    out += std::string("<option value=\"discussed\"") + (state.sort == "discussed" ? " selected" : "") +
           ">Most discussed</option>";
  out += "</select>\n";
  if (!state.papers)
    out += "<label class=\"group\"><input type=\"checkbox\" name=\"group\" value=\"1\"" +
           std::string(state.group ? " checked" : "") + "> One result per post</label>\n";
  out += "</fieldset>\n";
  out += "<button type=\"submit\" class=\"apply\">Apply filters</button>\n</form>\n</aside>\n";
  return out;
}

std::string chips_html(const PageState& state, const std::string& base) {
  std::string chips;
  for (const auto& [facet, values] : state.filters)
    for (const std::string& value : values) {
      const std::string label = facet_title(facet) + ": " + value;
      chips += "<li><a class=\"chip\" href=\"" +
               html_escape(page_url(without_value(state, facet, value), base)) +
               "\" aria-label=\"Remove filter " + html_escape(label) + "\">" + html_escape(label) +
               " <span aria-hidden=\"true\">\u00d7</span></a></li>";
    }
  if (!state.since.empty() || !state.until.empty()) {
    PageState undated = state;
    undated.since.clear();
    undated.until.clear();
    undated.page = 1;
    const std::string label = "Date: " + (state.since.empty() ? "…" : state.since) + " – " +
                              (state.until.empty() ? "…" : state.until);
    chips += "<li><a class=\"chip\" href=\"" + html_escape(page_url(undated, base)) +
             "\" aria-label=\"Remove filter " + html_escape(label) + "\">" + html_escape(label) +
             " <span aria-hidden=\"true\">\u00d7</span></a></li>";
  }
  if (chips.empty()) return {};
  PageState cleared;
  cleared.q = state.q;
  cleared.sort = state.sort;
  return "<ul id=\"chips\" aria-label=\"Active filters\">" + chips + "<li><a class=\"clear\" href=\"" +
         html_escape(page_url(cleared, base)) + "\">Clear all</a></li></ul>\n";
}

std::string pagination_html(const PageState& state, const json& response, const std::string& base) {
  const std::size_t total = response.value("total", std::size_t{0});
  const std::size_t per_page = std::max<std::size_t>(1, response.value("per_page", std::size_t{10}));
  const std::size_t pages = (total + per_page - 1) / per_page;
  if (pages <= 1) return {};
  const std::size_t page = state.page;
  std::string out = "<nav class=\"pagination\" aria-label=\"Pages\">";
  PageState other = state;
  if (page > 1) {
    other.page = page - 1;
    out += "<a rel=\"prev\" href=\"" + html_escape(page_url(other, base)) + "\">\u2190 Previous</a>";
  }
  out += "<span class=\"where\">Page " + number_text(page) + " of " +
         (response.value("total_exact", true) ? "" : "about ") + number_text(pages) + "</span>";
  if (page < pages && page * per_page < 10'000) {
    other.page = page + 1;
    out += "<a rel=\"next\" href=\"" + html_escape(page_url(other, base)) + "\">Next \u2192</a>";
  }
  return out + "</nav>\n";
}

std::string status_html(const PageState& state, const json& response, const std::string& related_title,
                        const std::string& base) {
  const std::size_t total = response.value("total", std::size_t{0});
  const bool exact = response.value("total_exact", true);
  std::string count = (exact ? "" : "about ") + number_text(total) + (total == 1 ? " result" : " results");
  std::string out = "<p class=\"count\">";
  if (!state.related.empty())
    out += "Entries like \u201c" + html_escape(related_title) + "\u201d";
  else if (state.q.empty())
    out += html_escape(count);
  else
    out += html_escape(count) + " for \u201c" + html_escape(state.q) + "\u201d";
  out += "</p>";
  const std::string suggestion = response.value("suggestion", json()).is_string() ? response["suggestion"].get<std::string>() : "";
  if (!suggestion.empty()) {
    PageState corrected = state;
    corrected.q = suggestion;
    corrected.page = 1;
    const std::string shown =
        "<a href=\"" + html_escape(page_url(corrected, base)) + "\">" + html_escape(suggestion) + "</a>";
    out += response.value("searched_suggestion", false)
               ? "<p class=\"suggestion\">Nothing matched \u201c" + html_escape(state.q) + "\u201d; showing results for " + shown + ".</p>"
               : "<p class=\"suggestion\">Did you mean " + shown + "?</p>";
  }
  if (response.value("relaxed", false))
    out += "<p class=\"relaxed\">No entry has every word; these have most of them.</p>";
  return out;
}

std::string error_html(const PageState& state, const PageError& error) {
  std::string out = "<div class=\"error\" role=\"alert\"><p>" + html_escape(error.message) + "</p>";
  if (error.position && *error.position <= state.q.size())
    out += "<p class=\"query-at\"><code>" + html_escape(state.q.substr(0, *error.position)) + "<mark>" +
           html_escape(state.q.substr(*error.position, 1)) + "</mark>" +
           html_escape(state.q.substr(std::min(state.q.size(), *error.position + 1))) + "</code></p>";
  if (!error.hint.empty()) out += "<p class=\"hint\">" + html_escape(error.hint) + "</p>";
  return out + "</div>\n";
}

// The Atom feed of a search: its newest entries.
std::string feed_url(PageState state) {
  state.papers = false;
  state.page = 1;
  state.sort = "relevance";
  state.related.clear();
  return page_url(state, "/feed.atom");
}

std::string start_html(bool served) {
  // Without its script a static page has no engine: it says so instead of a search box
  // that goes nowhere.
  const std::string without_script = served ? ""
                                            : "<noscript><p class=\"error\">This search runs in your "
                                              "browser: it needs JavaScript.</p></noscript>";
  return without_script +
         "<div class=\"start\"><p>Search the papers, posts and notes linked from the Journal Clubs: words, "
         "<code>\"phrases\"</code>, acronyms such as <code>SAE</code> or <code>RLHF</code>, arXiv ids, or "
         "fields such as <code>source:arXiv</code> and <code>date:2024</code>.</p>"
         "<p>Press <kbd>/</kbd> to search, <kbd>j</kbd> and <kbd>k</kbd> to move through results, "
         "<kbd>Enter</kbd> to open one.</p></div>\n";
}

}  // namespace

std::string link_html(const std::string& url, const std::string& text, const std::string& attributes) {
  const std::string safe = safe_url(url);
  if (safe.empty()) return "<span" + attributes + ">" + html_escape(text) + "</span>";
  return "<a href=\"" + html_escape(safe) + "\"" + attributes + ">" + html_escape(text) + "</a>";
}

std::string snippet_html(const json& parts) {
  std::string out;
  for (const json& part : parts) {
    const std::string text = html_escape(text_of(part, "text"));
    out += part.value("match", false) ? "<mark>" + text + "</mark>" : text;
  }
  return out;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)
    // are dropped: an override could make "invoice", U+202E, "fdp.exe" read "invoiceexe.pdf".
    if (c == '\xE2' && i + 2 < text.size()) {
      const auto second = static_cast<unsigned char>(text[i + 1]);
      const auto third = static_cast<unsigned char>(text[i + 2]);
      if ((second == 0x80 && third >= 0xAA && third <= 0xAE) || (second == 0x81 && third >= 0xA6 && third <= 0xA9)) {
        i += 2;
        continue;
      }
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string safe_url(std::string_view url) {
  auto starts_with = [&](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(url[i])) != prefix[i]) return false;
    return true;
  };
  if (!starts_with("http://") && !starts_with("https://")) return {};
  // No whitespace or control characters: a URL with them is not one a post meant.
  if (std::any_of(url.begin(), url.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; }))
    return {};
  return std::string(url);
}

std::string page_url(const PageState& state, const std::string& path) {
  std::string query;
  auto add = [&](const std::string& name, const std::string& value) {
    query += (query.empty() ? "?" : "&") + name + "=" + escape_component(value);
  };
  if (!state.related.empty()) add("related", state.related);
  if (!state.q.empty()) add("q", state.q);
  for (const auto& [facet, values] : state.filters)
    for (const std::string& value : values) add(facet, value);
  if (!state.since.empty()) add("since", state.since);
  if (!state.until.empty()) add("until", state.until);
  if (state.sort != "relevance") add("sort", state.sort);
  if (state.group) add("group", "1");
  if (state.per_page != 10) add("per_page", std::to_string(state.per_page));
  if (state.page != 1) add("page", std::to_string(state.page));
  if (state.papers) add("papers", "1");
  return path + query;
}

json links_json(const AssetLinks& links) {
  return {
      {"style", links.style}, {"script", links.script}, {"favicon", links.favicon}, {"worker", links.worker}};
}

AssetLinks links_from_json(const json& links) {
  if (!links.is_object()) return {};
  return {text_of(links, "style"), text_of(links, "script"), text_of(links, "favicon"),
          text_of(links, "worker")};
}

std::string document_start(const PageState& state, const PageSite& site, const std::string& title,
                           const std::string& extra_head, bool search_page) {
  const bool served = site.hosting == Hosting::server;
  const std::string base = site.base();
  std::string head = "<meta charset=\"utf-8\">\n";
  // A static host sends no security headers of ours: the page states its policy itself.
  // The engine compiles WebAssembly in its worker, from the page's own folder.
  if (!served)
    head += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + std::string(kStaticPagePolicy) + "\">\n";
  head +=
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"color-scheme\" content=\"light dark\">\n";
  // The script finds the engine's worker here, and knows by it that the page is static.
  if (!served) head += "<meta name=\"clubsearch-worker\" content=\"" + html_escape(site.assets.worker) + "\">\n";
  head += "<title>" + html_escape(title) + "</title>\n" + extra_head + "<link rel=\"stylesheet\" href=\"" +
          html_escape(site.assets.style) + "\">\n<link rel=\"icon\" href=\"" + html_escape(site.assets.favicon) +
          "\" type=\"image/svg+xml\">\n";
  if (served)
    head +=
        "<link rel=\"search\" type=\"application/opensearchdescription+xml\" href=\"/opensearch.xml\" "
        "title=\"clubsearch\">\n<link rel=\"alternate\" type=\"application/atom+xml\" href=\"" +
        html_escape(feed_url(state)) + "\" title=\"" + html_escape(state.q.empty() ? "Newest entries" : state.q) +
        "\">\n";
  if (search_page) head += "<script src=\"" + html_escape(site.assets.script) + "\" defer></script>\n";
  return "<!doctype html>\n<html lang=\"en\">\n<head>\n" + head +
         "</head>\n<body>\n"
         "<a class=\"skip\" href=\"#results\">Skip to results</a>\n"
         "<header class=\"site-header\">\n<a class=\"brand\" href=\"" +
         base +
         "\">clubsearch</a>\n"
         "<form id=\"search-form\" role=\"search\" action=\"" +
         base +
         "\" method=\"get\">\n"
         "<label for=\"q\" class=\"visually-hidden\">Search what you have read</label>\n"
         "<input id=\"q\" name=\"q\" type=\"search\" value=\"" +
         html_escape(state.q) + "\"" + (search_page ? " autofocus" : "") +
         " autocomplete=\"off\" spellcheck=\"false\" maxlength=\"1024\" "
         "placeholder=\"Search papers, posts and notes\" aria-keyshortcuts=\"/\">\n" +
         hidden_fields(state, {"q", "per_page"}) + "<button type=\"submit\">Search</button>\n</form>\n</header>\n";
}

std::string render_page(const PageContent& content, const PageSite& site) {
  const PageState& state = content.state;
  const json* response = content.response ? &*content.response : nullptr;
  const PageError* error = content.error ? &*content.error : nullptr;
  const bool served = site.hosting == Hosting::server;
  const std::string base = site.base();
  std::string title = "clubsearch";
  if (!state.related.empty())
    title = "Like \u201c" + content.related_title + "\u201d \u2014 clubsearch";
  else if (!state.q.empty())
    title = state.q + " \u2014 clubsearch";
  std::string out = document_start(state, site, title);
  out += "<div class=\"layout\">\n";
  if (response != nullptr && state.related.empty()) out += sidebar_html(state, *response, base);
  out += "<main id=\"main\">\n<div id=\"status\" role=\"status\" aria-live=\"polite\">";
  if (response != nullptr) out += status_html(state, *response, content.related_title, base);
  out += "</div>\n";
  if (error != nullptr) out += error_html(state, *error);
  if (response != nullptr) {
    if (state.related.empty()) out += scope_switch_html(state, base);
    out += chips_html(state, base);
    const json results = response->value("results", json::array());
    const std::size_t first = (state.page - 1) * response->value("per_page", std::size_t{10}) + 1;
    out += "<ol id=\"results\" start=\"" + std::to_string(first) + "\">\n";
    for (std::size_t i = 0; i < results.size(); ++i) {
      std::string item = text_of(results[i], "type") == "paper" ? paper_result_html(results[i], first + i, site)
                                                                : result_html(results[i], first + i, base, served);
      // The first of the results that hold only some of the words says so, inside its
      // item (the list's numbering and keyboard moves stay as they are).
      if (results[i].value("closest", false) && (i == 0 || !results[i - 1].value("closest", false)))
        item.insert(item.find('>') + 1, "<p class=\"closest-note\">Holding some of the words:</p>");
      out += item;
    }
    out += "</ol>\n";
    if (results.empty() && error == nullptr)
      out += "<p class=\"empty\">Nothing matches. Try fewer words, another spelling, or remove a filter.</p>\n";
    out += pagination_html(state, *response, base);
    // The citation downloads are the API's: the server's only.
    if (served && state.related.empty() && !results.empty()) out += cite_links_html(state);
  } else if (error == nullptr) {
    out += "<ol id=\"results\"></ol>\n" + start_html(served);
  }
  out += "</main>\n</div>\n";
  if (served) {
    const std::string json_url = state.related.empty()
                                     ? api_url(state)
                                     : "/api/entries/" + escape_component(state.related) + "/related";
    out += "<footer class=\"site-footer\"><a href=\"" + html_escape(feed_url(state)) +
           "\">Atom feed of this search</a> \u00b7 <a href=\"" + html_escape(json_url) + "\">JSON</a></footer>\n";
  } else {
    out += "<footer class=\"site-footer\">Searched in your browser by clubsearch</footer>\n";
  }
  return out + "</body>\n</html>\n";
}

}  // namespace clubsearch::page
