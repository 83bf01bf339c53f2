// Search results, facets and query errors as terminal text.
#include "cli/search_text.h"

#include <algorithm>
#include <cstdio>

#include "cli/terminal.h"
#include "query/result_json.h"

namespace clubsearch::cli {

namespace {

// ANSI styles (SGR parameters).
constexpr const char* kBold = "1";
constexpr const char* kDim = "2";
constexpr const char* kMatch = "1;33";
constexpr const char* kNotice = "33";
constexpr const char* kPaperUrl = "34";
constexpr const char* kEntryUrl = "36";

constexpr std::size_t kFacetValuesShown = 6;
constexpr const char* kDot = " \u00b7 ";

std::string date_or_undated(const std::string& date) { return date.empty() ? "undated" : date; }

std::string quoted(const std::string& query) { return "'" + printable(query) + "'"; }

std::string joined(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const std::string& part : parts)
    if (!part.empty()) out += (out.empty() ? "" : separator) + part;
  return out;
}

std::string plural_posts(std::size_t posts) { return std::to_string(posts) + (posts == 1 ? " post" : " posts"); }

// "arXiv 1706.03762 · paper 2017-06 · discussed in 3 posts, last 2024-05-01 · id 3fa2…"
std::string paper_meta_line(const index::Record& paper, const std::string& id) {
  std::string identifier;
  if (!paper.paper.arxiv.empty())
    identifier = "arXiv " + paper.paper.arxiv;
  else if (!paper.paper.doi.empty())
    identifier = "DOI " + paper.paper.doi;
  else if (!paper.paper.links.empty())
    identifier = paper.paper.links.front().source;
  const std::string& last = paper.paper.last_date;
  return printable(joined({identifier, paper.paper.date.empty() ? "" : "paper " + paper.paper.date,
                           "discussed in " + plural_posts(paper.paper.posts) + (last.empty() ? "" : ", last " + last),
                           "id " + id},
                          kDot));
}

// "arXiv · 2023-10-27 · Journal Club: October 27 2023 · id 8422ad0453a1a6b0"; a post found
// as a whole says so in place of its sources.
std::string meta_line(const query::SearchHit& hit) {
  const index::Record& record = hit.record;
  if (record.type == index::DocumentType::paper) return paper_meta_line(record, hit.id);
  std::vector<std::string> sources;
  for (const index::LinkRecord& item : record.items)
    if (std::find(sources.begin(), sources.end(), item.source) == sources.end()) sources.push_back(item.source);
  const bool whole_post = record.type == index::DocumentType::post;
  return printable(joined({whole_post ? "post in " + record.post.section : joined(sources, ", "),
                           date_or_undated(record.post.date), whole_post ? "" : record.post.title, "id " + hit.id},
                          kDot));
}

std::string snippet_line(const std::vector<query::SnippetPart>& snippet, bool color) {
  std::string out;
  for (const query::SnippetPart& part : snippet)
    out += part.match ? styled(printable(part.text), kMatch, color) : printable(part.text);
  return out;
}

// The paper URLs, then the entry's own place on the blog.
std::vector<std::pair<std::string, const char*>> links_of(const index::Record& record) {
  std::vector<std::pair<std::string, const char*>> links;
  if (record.type == index::DocumentType::paper) return {{record.url, kPaperUrl}};
  for (const index::LinkRecord& item : record.items) {
    if (!item.url.empty() &&
        std::none_of(links.begin(), links.end(), [&](const auto& link) { return link.first == item.url; }))
      links.emplace_back(item.url, kPaperUrl);
  }
  if (!record.url.empty()) links.emplace_back(record.url, kEntryUrl);
  return links;
}

std::string weight_text(double weight) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", weight);
  return text;
}

// "score 12.31 = words 8.02 + title_equals 4.29", then the words' terms, heaviest first.
std::string explain_lines(const query::SearchHit& hit, const std::string& indent, bool color) {
  std::string signals;
  std::vector<const query::ScorePart*> terms;
  for (const query::ScorePart& part : hit.explain) {
    if (!part.term.empty()) {
      terms.push_back(&part);
      continue;
    }
    signals += (signals.empty() ? " = " : " + ") + part.signal + " " + weight_text(part.weight);
  }
  std::stable_sort(terms.begin(), terms.end(), [](const auto* a, const auto* b) { return a->weight > b->weight; });
  std::string out = indent + styled("score " + weight_text(hit.score) + signals, kDim, color) + "\n";
  if (!terms.empty()) {
    std::string line;
    for (const query::ScorePart* term : terms)
      line += (line.empty() ? "words: " : ", ") + printable(term->term) + " " + weight_text(term->weight);
    out += indent + styled(line, kDim, color) + "\n";
  }
  return out;
}

void append_hit(std::string& out, const query::SearchHit& hit, std::size_t number, std::size_t width,
                bool color) {
  const std::string label = std::to_string(number) + ".";
  const std::string indent(width + 1, ' ');
  out += std::string(width - label.size(), ' ') + styled(label, kDim, color) + " " +
         styled(printable(hit.record.title), kBold, color) + "\n";
  out += indent + styled(meta_line(hit), kDim, color) + "\n";
  if (const std::string snippet = snippet_line(hit.snippet, color); !snippet.empty())
    out += indent + snippet + "\n";
  for (const auto& [url, style] : links_of(hit.record))
    out += indent + styled(printable(url), style, color) + "\n";
  // A paper's timeline, the newest posts first, a few of them (a list reads no more).
  constexpr std::size_t kMentionsShown = index::kListedMentions;
  const auto& mentions = hit.record.paper.mentions;
  const std::size_t all_mentions = std::max(hit.record.paper.mention_count, mentions.size());
  for (std::size_t i = 0; i < mentions.size() && i < kMentionsShown; ++i) {
    const index::PaperMention& mention = mentions[mentions.size() - 1 - i];
    out += indent + styled("in:", kDim, color) + " " + printable(mention.post_title) + " (" +
           date_or_undated(mention.date) + ")\n";
  }
  if (all_mentions > kMentionsShown)
    out += indent + "+" + std::to_string(all_mentions - kMentionsShown) + " more (clubsearch show " + hit.id + ")\n";
  for (const query::AlsoIn& other : hit.also_in)
    out += indent + styled("also in:", kDim, color) + " " + printable(other.post_title) + " (" +
           date_or_undated(other.date) + ")\n";
  if (hit.more_in_post > 0) out += indent + "+" + std::to_string(hit.more_in_post) + " more in this post\n";
  if (!hit.explain.empty()) out += explain_lines(hit, indent, color);
  out += "\n";
}

std::string facet_value_text(const query::FacetValue& value, bool color) {
  const std::string text = printable(value.value) + " " + std::to_string(value.count);
  return value.selected ? styled("[" + text + "]", kBold, color) : text;
}

// A facet's name as a reader reads it.
std::string facet_label(const std::string& name) {
  if (name == "paperyear") return "paper year";
  if (name == "discussed") return "posts";
  return name;
}

// The most frequent values of each facet, and every selected one, on one line per facet.
void append_facets(std::string& out, const std::vector<query::Facet>& facets, bool color) {
  std::size_t name_width = 0;
  for (const query::Facet& facet : facets) name_width = std::max(name_width, facet_label(facet.name).size());
  out += styled("Facets", kBold, color) + "\n";
  for (const query::Facet& facet : facets) {
    std::vector<std::string> shown;
    std::size_t hidden = 0;
    for (std::size_t i = 0; i < facet.values.size(); ++i) {
      if (i < kFacetValuesShown || facet.values[i].selected)
        shown.push_back(facet_value_text(facet.values[i], color));
      else
        ++hidden;
    }
    if (hidden > 0) shown.push_back("+" + std::to_string(hidden) + " more");
    const std::string label = facet_label(facet.name);
    out += "  " + styled(label, kDim, color) + std::string(name_width + 2 - label.size(), ' ') +
           (shown.empty() ? "-" : joined(shown, kDot)) + "\n";
  }
  out += "\n";
}

std::size_t page_count(const query::SearchResult& result) {
  return (result.total + result.per_page - 1) / result.per_page;
}

// "12 results", or "about 120 results" when the total is Xapian's estimate.
std::string result_count(const query::SearchResult& result) {
  return (result.total_exact ? "" : "about ") + std::to_string(result.total) +
         (result.total == 1 ? " result" : " results");
}

// "12 results · page 1 of 2 · next: --page 2"
std::string totals_line(const query::SearchResult& result) {
  std::string line = result_count(result);
  const std::size_t pages = page_count(result);
  if (pages > 1)
    line += kDot + ("page " + std::to_string(result.page) + " of " + (result.total_exact ? "" : "about ") +
                    std::to_string(pages));
  if (result.page < pages) line += kDot + ("next: --page " + std::to_string(result.page + 1));
  return line;
}

std::string nothing_found(const query::SearchResult& result, const TextOptions& options) {
  const bool color = options.color;
  std::string out = !options.near_command.empty() && result.total == 0
                        ? command_hint(result.query, options.near_command)
                    : result.query.empty()        ? "No results"
                                                  : "No results for " + quoted(result.query);
  if (result.page > 1 && result.total > 0)
    out += " on page " + std::to_string(result.page) + ": " + result_count(result) + " fill " +
           std::to_string(page_count(result)) + (page_count(result) == 1 ? " page" : " pages");
  out += "\n";
  if (!result.suggestion.empty())
    out += "Did you mean: " + styled(printable(result.suggestion), kBold, color) + "?\n";
  return out;
}

// What the engine did to help, said before the results it changed.
std::string notices(const query::SearchResult& result, bool color) {
  std::string out;
  if (result.searched_suggestion)
    out += styled("No results for " + quoted(result.query) + "; showing results for " +
                      quoted(result.suggestion),
                  kNotice, color) +
           "\n";
  else if (!result.suggestion.empty())
    out += "Did you mean: " + styled(printable(result.suggestion), kBold, color) + "?\n";
  if (result.relaxed)
    out += styled("No entry has every word; showing the closest matches", kNotice, color) + "\n";
  return out.empty() ? out : out + "\n";
}

// Terminal columns taken by the first `bytes` bytes of UTF-8 text: one per character.
std::size_t columns(std::string_view text, std::size_t bytes) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < bytes && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
  return count;
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const bool c0 = byte < 0x20 || byte == 0x7F;
    // C1 controls (U+0080–U+009F) are two bytes in UTF-8: C2 80 … C2 9F.
    const bool c1 = byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(text[i + 1]) <= 0x9F;
    if (c1) ++i;
    out += c0 || c1 ? ' ' : text[i];
  }
  return out;
}

std::string results_text(const query::SearchResult& result, const TextOptions& options) {
  if (result.hits.empty()) return nothing_found(result, options);
  std::string out = notices(result, options.color);
  const std::size_t first = (result.page - 1) * result.per_page + 1;
  const std::size_t width = std::to_string(first + result.hits.size() - 1).size() + 1;
  for (std::size_t i = 0; i < result.hits.size(); ++i) {
    if (result.hits[i].closest && (i == 0 || !result.hits[i - 1].closest))
      out += styled("Holding some of the words:", kNotice, options.color) + "\n\n";
    append_hit(out, result.hits[i], first + i, width, options.color);
  }
  if (options.facets && !result.facets.empty()) append_facets(out, result.facets, options.color);
  if (options.paged) out += totals_line(result) + "\n";
  return out;
}

std::string command_hint(const std::string& query, const std::string& command, const char* first) {
  return first + (" results for " + quoted(query)) + "; did you mean the command `clubsearch " + command + "`?";
}

std::string results_json(const query::SearchResult& result) {
  return query::to_json(result).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string query_error_details(const query::QueryError& error, const std::string& query) {
  std::string out;
  if (error.position() != std::string::npos && error.position() <= query.size())
    out += "  " + printable(query) + "\n  " + std::string(columns(query, error.position()), ' ') + "^";
  if (!error.hint().empty()) out += (out.empty() ? "" : "\n") + ("  hint: " + error.hint());
  return out;
}

}  // namespace clubsearch::cli
