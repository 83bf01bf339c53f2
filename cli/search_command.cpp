// `clubsearch QUERY…` / `clubsearch search QUERY…`: search the index from the terminal.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/index_location.h"
#include "query/index_reader.h"
#include "query/result_json.h"
#include "query/searcher.h"

namespace clubsearch::cli {

namespace {

std::string joined_words(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

void print_human(const query::SearchResult& result, std::size_t first_number, bool color) {
  std::size_t number = first_number;
  for (const query::SearchHit& hit : result.hits) {
    const nlohmann::json& record = hit.record;
    const nlohmann::json& post = record.value("post", nlohmann::json::object());
    std::string meta;
    for (const auto& item : record.value("items", nlohmann::json::array())) {
      const std::string source = item.value("source", "");
      if (!source.empty() && meta.find(source) == std::string::npos)
        meta += (meta.empty() ? "" : ", ") + source;
    }
    const std::string date =
        post.value("date", nlohmann::json()).is_string() ? post["date"].get<std::string>() : "undated";
    meta += (meta.empty() ? "" : " \u00b7 ") + date + " \u00b7 " + post.value("title", "");
    std::cout << styled(std::to_string(number++) + ".", "2", color) << " "
              << styled(record.value("title", ""), "1", color) << "\n   " << styled(meta, "2", color)
              << "\n   ";
    for (const query::SnippetPart& part : hit.snippet)
      std::cout << (part.match ? styled(part.text, "1;33", color) : part.text);
    std::cout << "\n";
    for (const auto& item : record.value("items", nlohmann::json::array()))
      std::cout << "   " << styled(item.value("url", ""), "34", color) << "\n";
    std::cout << "   " << styled(record.value("url", ""), "36", color) << "\n\n";
  }
  std::cout << (result.total_exact ? "" : "about ") << result.total
            << (result.total == 1 ? " result" : " results") << "\n";
}

}  // namespace

void add_search_options(CLI::App& command, SearchOptions& options) {
  command.add_option("QUERY", options.words, "Words, \"phrases\", field:value filters");
  command.add_option("-n,--limit", options.limit, "Results per page")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  command.add_option("--page", options.page, "Page of results")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command.add_flag("--json", options.json, "Print results as JSON");
}

int run_search(const GlobalOptions& global, const SearchOptions& options) {
  if (options.words.empty())
    throw CLI::ValidationError("QUERY", "nothing to search for; try: clubsearch \"sparse autoencoders\"");
  const schemas::IndexSchema& schema = schemas::IndexSchema::builtin();
  const Xapian::Database db = query::open_index(index_location(global.db), schema);
  query::SearchRequest request;
  request.query = joined_words(options.words);
  request.per_page = options.limit;
  request.page = options.page;
  const query::Searcher searcher(db, schema);
  const query::SearchResult result = searcher.search(request);
  if (options.json)
    std::cout << query::to_json(result).dump(2) << "\n";
  else
    print_human(result, (request.page - 1) * request.per_page + 1, use_color(global.color, stdout));
  return result.hits.empty() ? kExitPartial : kExitOk;
}

}  // namespace clubsearch::cli
