// `clubsearch QUERY…` / `clubsearch search QUERY…`: search the index from the terminal.
#include <algorithm>
#include <iostream>
#include <limits>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/open_searcher.h"
#include "cli/last_results.h"
#include "cli/option_checks.h"
#include "cli/search_text.h"
#include "index/filters.h"
#include "query/citation_items.h"
#include "query/searcher.h"

namespace clubsearch::cli {

namespace {

// What each filter's option says in --help (index/filters.h names them).
std::string filter_help(std::string_view name) {
  if (name == "section") return "Only this section of the blog, e.g. journal-club";
  if (name == "source") return "Only papers from this source, e.g. arXiv, LessWrong";
  if (name == "kind") return "Only this kind: paper, blog, newsletter, forum, notebook, code, news, video, podcast, social, reference, other";
  if (name == "topic") return "Only entries on this topic";
  if (name == "tag") return "Only posts with this tag";
  if (name == "year") return "Only this year, YYYY";
  if (name == "month") return "Only this month, YYYY-MM";
  if (name == "paperyear") return "Only papers from this year, YYYY (as their arXiv id, DOI or proceedings tell)";
  if (name == "discussed") return "Only papers discussed in this many posts";
  return "Only this " + std::string(name);
}

// The option a filter is given with: its name, words apart ("paper-year").
std::string option_name(const std::string& name) { return name == "paperyear" ? "paper-year" : name; }

// A search that needed facet columns the index has no file of says once that it built
// them instead, and how to make the next search fast again.
void note_columns(const index::FacetColumns* columns) {
  if (columns == nullptr || columns->stored()) return;
  std::cerr << "clubsearch: note: " << columns->origin()
            << "; searches with facets are slower until the next `clubsearch index` writes them\n";
}

void add_filter_options(CLI::App& command, SearchOptions& options) {
  for (const index::FilterSpec& filter : index::request_filters()) {
    const std::string name(filter.name);
    // Each command has the filters of what it lists.
    if (!index::applies(filter, options.papers)) continue;
    CLI::Option* option =
        command.add_option("--" + option_name(name), options.filters[name], filter_help(name) + " (repeatable)")
            ->allow_extra_args(false);
    if (name == "year" || name == "paperyear") option->check(date_check(DateForm::year));
    if (name == "month") option->check(date_check(DateForm::month));
  }
  command.add_option("--paper-since", options.paper_since, "Only papers from this date on (YYYY, YYYY-MM or YYYY-MM-DD)")
      ->check(date_check(DateForm::any));
  command.add_option("--paper-until", options.paper_until, "Only papers up to this date (inclusive)")
      ->check(date_check(DateForm::any));
  command.add_option("--since", options.since, "Only posts from this date on")
      ->check(date_check(DateForm::any));
  command.add_option("--until", options.until, "Only posts up to this date (inclusive)")
      ->check(date_check(DateForm::any));
}

query::SortOrder sort_order(const std::string& name) {
  return name == "newest"      ? query::SortOrder::newest
         : name == "oldest"    ? query::SortOrder::oldest
         : name == "discussed" ? query::SortOrder::discussed
                               : query::SortOrder::relevance;
}

query::SearchRequest request_of(const SearchOptions& options) {
  query::SearchRequest request;
  request.query = query_text(options);
  for (const auto& [facet, values] : options.filters)
    if (!values.empty()) request.filters[facet] = values;
  request.since = options.since;
  request.until = options.until;
  request.paper_since = options.paper_since;
  request.paper_until = options.paper_until;
  request.scope = options.papers ? query::SearchScope::papers : query::SearchScope::entries;
  request.sort = sort_order(options.sort);
  request.page = options.page;
  request.per_page = options.limit;
  request.group_by_post = options.group_by_post;
  // Facets are counted when shown (always in JSON), which also makes the total exact.
  // Without them the total is counted exactly all the same (a pass over every match,
  // without the facet columns), so that text and JSON give one total for one search.
  request.count_facets = options.facets || options.json;
  request.exact_total = true;
  request.explain = options.explain;
  return request;
}

}  // namespace

void add_search_options(CLI::App& command, SearchOptions& options) {
  command.add_option("QUERY", options.words, "Words, \"phrases\", field:value filters (see below)");
  add_filter_options(command, options);
  if (options.papers)
    command
        .add_option("--sort", options.sort,
                     "Order: relevance, discussed (in the most posts; the default without words), newest or "
                     "oldest (by the latest post that discussed it)")
        ->check(CLI::IsMember({"relevance", "discussed", "newest", "oldest"}))
        ->capture_default_str();
  else
    command.add_option("--sort", options.sort, "Order: relevance, newest or oldest")
        ->check(CLI::IsMember({"relevance", "newest", "oldest"}))
        ->capture_default_str();
  command
      .add_option("--format", options.format,
                   "Print the citations of this page's papers and links instead: bibtex, ris or csl-json")
      ->check(CLI::IsMember(query::citation_format_names()));
  const std::string most = std::to_string(query::kMaxPerPage);
  command.add_option("-n,--limit", options.limit, "Results per page (1-" + most + ")")
      ->check(count_check("results per page must be between 1 and " + most, query::kMaxPerPage))
      ->capture_default_str();
  command.add_option("--page", options.page, "Page of results")
      ->check(count_check("pages are numbered from 1", std::numeric_limits<std::size_t>::max()))
      ->capture_default_str();
  command.add_flag("--group-by-post", options.group_by_post,
                   "One result per post (its best entry), with how many more matched in it");
  command.add_flag("--facets", options.facets,
                   options.papers ? "Show how many papers each source, kind, topic, year, month, paper year and "
                                    "number of posts has"
                                  : "Show how many results each section, source, kind, topic, year, month and "
                                    "paper year has");
  command.add_flag("--explain", options.explain,
                   "Under each result, what its score is made of: the words, each ranking signal, each term");
  command.add_flag("--json", options.json,
                   "Print the results as JSON (schemas/search-response.schema.json), facets included");
}

std::string query_text(const SearchOptions& options) {
  std::string text;
  for (const std::string& word : options.words) text += (text.empty() ? "" : " ") + word;
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

bool asks_for_anything(const SearchOptions& options) {
  return !query_text(options).empty() || !options.since.empty() || !options.until.empty() ||
         !options.paper_since.empty() || !options.paper_until.empty() ||
         std::any_of(options.filters.begin(), options.filters.end(),
                     [](const auto& filter) { return !filter.second.empty(); });
}

bool is_lone_word(const SearchOptions& options) {
  const std::string text = query_text(options);
  return options.words.size() == 1 && !text.empty() && text.find_first_of(" \t\r\n") == std::string::npos &&
         options.since.empty() && options.until.empty() &&
         std::all_of(options.filters.begin(), options.filters.end(),
                     [](const auto& filter) { return filter.second.empty(); });
}

int run_search(const GlobalOptions& global, const SearchOptions& options) {
  // `clubsearch papers` alone lists every paper.
  if (!options.papers && !asks_for_anything(options))
    throw CLI::ValidationError("QUERY", "nothing to search for; try: clubsearch \"sparse autoencoders\"");
  const query::SearchRequest request = request_of(options);
  const query::Searcher searcher = open_searcher(global);
  const query::SearchResult result = searcher.search(request);
  note_columns(searcher.loaded_columns());
  remember_results(result);
  if (!options.format.empty()) {
    std::cout << query::format_citations(query::citation_items(searcher.whole_records(result.hits)),
                                         *query::citation_format(options.format));
  } else if (!options.json) {
    std::cout << results_text(result,
                              {use_color(global.color, stdout), options.facets, true, options.near_command});
  } else {
    std::cout << results_json(result);
    // Standard output is the response alone.
    if (result.total == 0 && !options.near_command.empty())
      std::cerr << "clubsearch: " << command_hint(result.query, options.near_command, "no") << "\n";
  }
  return result.hits.empty() ? kExitPartial : kExitOk;
}

}  // namespace clubsearch::cli
