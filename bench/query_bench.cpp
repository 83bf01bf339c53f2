// clubsearch_query_bench: in-process query latency of query::Searcher (all facets, and
// no facets) beside plain Xapian on the same database (default QueryParser, top 10, with
// and without one exact ValueCountMatchSpy), for a fixed query set; prints Markdown. With
// --as-you-type, also the texts the search page searches while the last word of each
// plain-words query is typed ("sparse au", "sparse aut", …), with all facets as the page
// asks, beside plain Xapian.
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <exception>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <numeric>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "index/open_index.h"
#include "query/search_request.h"
#include "query/searcher.h"
#include "schemas/index_schema.h"

namespace {

using namespace clubsearch;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string db;
  std::string queries;
  int runs = 5;
  int warmup = 1;
  std::string summary;
  std::string only;
  bool as_you_type = false;       // also time the as-you-type texts of the query set
  bool list_as_you_type = false;  // print those texts, one a line, and stop
};

// What one search found, to show that the configurations searched comparable things.
struct Outcome {
  std::size_t matches = 0;  // the estimated total
  bool relaxed = false;     // clubsearch searched again with fewer words required
  bool corrected = false;   // clubsearch searched the spelling suggestion instead
};

struct Configuration {
  std::string key;   // for --only and the summary file
  std::string name;  // as shown
  std::function<Outcome(const std::string&)> search;
  std::vector<std::vector<double>> samples;  // per query: milliseconds, one per run
  std::vector<Outcome> outcomes;             // per query, from the first run
};

std::vector<std::string> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> queries;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    queries.push_back(line.substr(first));
  }
  if (queries.empty()) throw std::runtime_error(path + " holds no queries");
  return queries;
}

// Nearest-rank percentile of sorted values.
double percentile(const std::vector<double>& sorted, double p) {
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

struct Stats {
  double p50 = 0, p95 = 0, p99 = 0, max = 0, mean = 0;
};

Stats stats_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  Stats stats;
  stats.p50 = percentile(values, 50);
  stats.p95 = percentile(values, 95);
  stats.p99 = percentile(values, 99);
  stats.max = values.back();
  stats.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
  return stats;
}

std::string ms(double value, int decimals = 2) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(decimals) << value;
  return out.str();
}

std::string ratio(double numerator, double denominator) {
  return denominator > 0 ? ms(numerator / denominator, 1) + "×" : "n/a";
}

// A query as Markdown table text: a code span, with pipes escaped.
std::string table_code(const std::string& text) {
  std::string out = "`";
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out + "`";
}

// Plain Xapian as an application would use it out of the box: the default QueryParser
// (default flags, default operator OR), top 10 with their data, and optionally one exact
// facet count on a value slot. Only the stemmer and the stemming strategy are taken from
// the schema: clubsearch's index holds stems alone ("all"), and the default strategy
// ("some") would look for Z-prefixed stems the index does not have, finding nothing.
class PlainXapian {
 public:
  PlainXapian(const std::string& path, const schemas::IndexSchema& schema)
      : db_(path),
        stem_(schema.language()),
        strategy_(schema.stemming() == "all"    ? Xapian::QueryParser::STEM_ALL
                  : schema.stemming() == "some" ? Xapian::QueryParser::STEM_SOME
                                                : Xapian::QueryParser::STEM_NONE),
        facet_slot_(schema.value("source").slot) {}

  Outcome search(const std::string& text, bool facet) const {
    Xapian::QueryParser parser;
    parser.set_stemmer(stem_);
    parser.set_stemming_strategy(strategy_);
    Xapian::Enquire enquire(db_);
    enquire.set_query(parser.parse_query(text));
    Xapian::ValueCountMatchSpy spy(facet_slot_);
    if (facet) enquire.add_matchspy(&spy);
    const Xapian::MSet matches = enquire.get_mset(0, 10, facet ? db_.get_doccount() : 0);
    std::size_t bytes = 0;
    for (auto match = matches.begin(); match != matches.end(); ++match)
      bytes += match.get_document().get_data().size();
    if (facet)
      for (auto value = spy.top_values_begin(10); value != spy.top_values_end(10); ++value)
        bytes += (*value).size() + value.get_termfreq();
    sink_ += bytes;  // keeps the reads from being optimised away
    return {matches.get_matches_estimated(), false, false};
  }

  Xapian::doccount doccount() const { return db_.get_doccount(); }

 private:
  Xapian::Database db_;
  Xapian::Stem stem_;
  Xapian::QueryParser::stem_strategy strategy_;
  Xapian::valueno facet_slot_;
  mutable std::size_t sink_ = 0;
};

const Configuration* find(const std::vector<Configuration>& configurations, const std::string& key) {
  for (const Configuration& configuration : configurations)
    if (configuration.key == key) return &configuration;
  return nullptr;
}

void print_ratio(const std::vector<Configuration>& configurations, const std::vector<Stats>& stats,
                 const std::string& label, const std::string& numerator, const std::string& denominator) {
  const Configuration* top = find(configurations, numerator);
  const Configuration* bottom = find(configurations, denominator);
  if (top == nullptr || bottom == nullptr) return;
  const Stats& a = stats[static_cast<std::size_t>(top - configurations.data())];
  const Stats& b = stats[static_cast<std::size_t>(bottom - configurations.data())];
  std::cout << "| " << label << " | " << ratio(a.p50, b.p50) << " | " << ratio(a.p99, b.p99) << " |\n";
}

// The figures of one query set through some configurations.
struct Measurement {
  std::vector<std::string> failures;  // per query: why it failed, or empty
  std::size_t failed = 0;
  std::vector<Stats> stats;  // per configuration, over the queries that did not fail
};

// Runs every query through every configuration, `options.warmup` untimed and
// `options.runs` timed passes, into the configurations' samples and outcomes. A query any
// configuration cannot run (a malformed query, say) is reported and left out of every
// figure.
Measurement measure(const std::vector<std::string>& queries, std::vector<Configuration>& configurations,
                    const Options& options) {
  Measurement measurement;
  std::vector<std::string>& failures = measurement.failures;
  failures.assign(queries.size(), {});
  for (Configuration& configuration : configurations) {
    configuration.samples.assign(queries.size(), {});
    configuration.outcomes.assign(queries.size(), {});
  }
  // Runs interleave the configurations query by query, so a burst of load on the
  // machine falls on all of them alike.
  for (int pass = 0; pass < options.warmup + options.runs; ++pass) {
    const bool timed = pass >= options.warmup;
    for (std::size_t index = 0; index < queries.size(); ++index) {
      if (!failures[index].empty()) continue;
      for (Configuration& configuration : configurations) {
        try {
          const auto start = Clock::now();
          const Outcome outcome = configuration.search(queries[index]);
          const double elapsed = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
          if (!timed) continue;
          if (configuration.samples[index].empty()) configuration.outcomes[index] = outcome;
          configuration.samples[index].push_back(elapsed);
        } catch (const std::exception& error) {
          failures[index] = configuration.name + ": " + error.what();
        } catch (const Xapian::Error& error) {
          failures[index] = configuration.name + ": " + error.get_description();
        }
        if (!failures[index].empty()) break;
      }
    }
  }
  measurement.failed = static_cast<std::size_t>(std::count_if(
      failures.begin(), failures.end(), [](const std::string& failure) { return !failure.empty(); }));
  if (measurement.failed == queries.size())
    throw std::runtime_error("every query failed; first: " + failures.front());
  for (const Configuration& configuration : configurations) {
    std::vector<double> values;
    for (std::size_t index = 0; index < queries.size(); ++index)
      if (failures[index].empty())
        values.insert(values.end(), configuration.samples[index].begin(), configuration.samples[index].end());
    measurement.stats.push_back(stats_of(std::move(values)));
  }
  return measurement;
}

void print_stats(const std::vector<Configuration>& configurations, const std::vector<Stats>& stats) {
  std::cout << "| Configuration | p50 | p95 | p99 | max | mean |\n|---|---:|---:|---:|---:|---:|\n";
  for (std::size_t index = 0; index < configurations.size(); ++index)
    std::cout << "| " << configurations[index].name << " | " << ms(stats[index].p50) << " | "
              << ms(stats[index].p95) << " | " << ms(stats[index].p99) << " | " << ms(stats[index].max)
              << " | " << ms(stats[index].mean) << " |\n";
}

// The percentiles as 'name value' lines for --summary, each name after `prefix`.
void add_summary(std::ostream& summary, const std::string& prefix,
                 const std::vector<Configuration>& configurations, const Measurement& measurement,
                 std::size_t queries) {
  for (std::size_t index = 0; index < measurement.stats.size(); ++index) {
    const std::string key = prefix + configurations[index].key;
    const Stats& stats = measurement.stats[index];
    summary << key << "_p50 " << stats.p50 << "\n"
            << key << "_p95 " << stats.p95 << "\n"
            << key << "_p99 " << stats.p99 << "\n"
            << key << "_max " << stats.max << "\n";
  }
  summary << prefix << "queries " << queries - measurement.failed << "\n"
          << prefix << "failed " << measurement.failed << "\n";
}

// The as-you-type set: what the search page searches while a reader types a query.
constexpr std::size_t kMinTypedLetters = 2;  // of the last word, in the first text searched

struct TypedText {
  std::string text;
  std::size_t source;  // the query it is typed on the way to (its index in the query set)
};

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The [start, end) byte spans of a query's words if it is plain words only: ASCII
// letters and digits separated by blanks, none of them an operator (AND, OR, NOT, XOR,
// NEAR, ADJ). A field, a phrase, a group, an exclusion, a wildcard, a hyphenated word
// (which the parser searches as a phrase) or anything else: none.
std::vector<std::pair<std::size_t, std::size_t>> plain_words(const std::string& query) {
  std::vector<std::pair<std::size_t, std::size_t>> words;
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  for (std::size_t at = 0; at < query.size();) {
    if (blank(query[at])) {
      ++at;
      continue;
    }
    const std::size_t start = at;
    while (at < query.size() && !blank(query[at])) ++at;
    const std::string_view word(query.data() + start, at - start);
    if (!std::all_of(word.begin(), word.end(), is_ascii_alnum) || word == "AND" || word == "OR" ||
        word == "NOT" || word == "XOR" || word == "NEAR" || word == "ADJ")
      return {};
    words.emplace_back(start, at);
  }
  return words;
}

// For each query of plain words, the texts searched while its last word is typed: the
// query up to that word's first 2 letters, then 3, … up to the whole query ("sparse au",
// "sparse aut", …, "sparse autoencoders"). In the order of the query set, each text once
// (for the first query it leads to). Depends on the query set alone.
std::vector<TypedText> as_you_type(const std::vector<std::string>& queries) {
  std::vector<TypedText> texts;
  std::set<std::string> seen;
  for (std::size_t index = 0; index < queries.size(); ++index) {
    const auto words = plain_words(queries[index]);
    if (words.empty()) continue;
    const auto [start, end] = words.back();
    for (std::size_t letters = std::min(kMinTypedLetters, end - start); letters <= end - start; ++letters) {
      std::string text = queries[index].substr(0, start + letters);
      if (seen.insert(text).second) texts.push_back({std::move(text), index});
    }
  }
  return texts;
}

// Runs the as-you-type texts of `queries` through `configurations` and prints their
// section; returns the measurement (empty when no query is plain words).
Measurement run_as_you_type(const std::vector<std::string>& queries,
                            std::vector<Configuration>& configurations, const Options& options) {
  const std::vector<TypedText> typed = as_you_type(queries);
  std::vector<std::string> texts;
  for (const TypedText& text : typed) texts.push_back(text.text);
  std::set<std::size_t> sources;
  for (const TypedText& text : typed) sources.insert(text.source);

  std::cout << "\n### As you type\n\n"
            << "The search page searches as the reader types (once typing pauses for 40 ms), each "
               "time as the \"clubsearch, all facets\" configuration does (10 per page, all six facets, "
               "the total estimated). For each query above that is plain words (ASCII letters and digits: "
               "no field, phrase, group, operator, exclusion, wildcard or hyphen), every text searched "
               "while its last word is typed, from that word's first "
            << kMinTypedLetters
            << " letters to the whole query (`sparse au`, `sparse aut`, …, `sparse autoencoders`), each "
               "text once: "
            << texts.size() << " texts from " << sources.size() << " of the " << queries.size()
            << " queries, × " << options.runs << " run" << (options.runs == 1 ? "" : "s") << " (after "
            << options.warmup << " warm-up run" << (options.warmup == 1 ? "" : "s")
            << "); milliseconds. Plain Xapian searches the same texts, a half-typed word as a whole "
               "word.\n\n";
  if (texts.empty() || configurations.empty()) {
    std::cout << (texts.empty() ? "No query of the set is plain words.\n"
                                : "None of the configurations run here is timed as you type.\n");
    return {};
  }
  const Measurement measurement = measure(texts, configurations, options);
  print_stats(configurations, measurement.stats);
  if (configurations.size() > 1) {
    std::cout << "\n| Ratio | p50 | p99 |\n|---|---:|---:|\n";
    print_ratio(configurations, measurement.stats, "clubsearch all facets / plain Xapian + one facet",
                "facets", "xapian_facet");
    print_ratio(configurations, measurement.stats, "clubsearch all facets / plain Xapian top 10", "facets",
                "xapian");
  }

  // Per query typed: the medians of its texts (each the median of its runs).
  const auto median_of = [&](const Configuration& configuration, std::size_t index) {
    return stats_of(configuration.samples[index]).p50;
  };
  std::cout << "\nPer query typed: its texts, and over them the median and the slowest of each text's "
               "median (ms).\n\n| # | Query | texts |";
  for (const Configuration& configuration : configurations)
    std::cout << " " << configuration.name << ": median | slowest |";
  std::cout << " slowest text (" << configurations.front().name << ") |\n|---:|---|---:|";
  for (std::size_t column = 0; column < configurations.size() * 2; ++column) std::cout << "---:|";
  std::cout << "---|\n";
  for (const std::size_t source : sources) {
    std::vector<std::size_t> mine;
    for (std::size_t index = 0; index < typed.size(); ++index)
      if (typed[index].source == source && measurement.failures[index].empty()) mine.push_back(index);
    std::cout << "| " << source + 1 << " | " << table_code(queries[source]) << " | " << mine.size() << " |";
    if (mine.empty()) {
      for (std::size_t column = 0; column < configurations.size() * 2 + 1; ++column) std::cout << " |";
      std::cout << "\n";
      continue;
    }
    std::size_t slowest_text = mine.front();
    for (const Configuration& configuration : configurations) {
      std::vector<double> medians;
      for (const std::size_t index : mine) medians.push_back(median_of(configuration, index));
      const auto slowest = std::max_element(medians.begin(), medians.end());
      if (&configuration == &configurations.front())
        slowest_text = mine[static_cast<std::size_t>(slowest - medians.begin())];
      std::cout << " " << ms(stats_of(medians).p50) << " | " << ms(*slowest) << " |";
    }
    std::cout << " " << table_code(texts[slowest_text]) << " |\n";
  }

  const Configuration& ours = configurations.front();
  const Configuration* theirs = find(configurations, "xapian_facet");
  if (theirs == nullptr) theirs = find(configurations, "xapian");
  std::cout << "\n<details><summary>Per text (median of the runs, ms; matches as estimated)</summary>\n\n"
               "| Text |";
  for (const Configuration& configuration : configurations) std::cout << " " << configuration.name << " |";
  std::cout << " matches | Xapian matches | notes |\n|---|";
  for (std::size_t column = 0; column < configurations.size() + 2; ++column) std::cout << "---:|";
  std::cout << "---|\n";
  for (std::size_t index = 0; index < texts.size(); ++index) {
    std::cout << "| " << table_code(texts[index]) << " |";
    if (!measurement.failures[index].empty()) {
      for (std::size_t column = 0; column < configurations.size() + 2; ++column) std::cout << " |";
      std::cout << " failed: " << measurement.failures[index] << " |\n";
      continue;
    }
    for (const Configuration& configuration : configurations)
      std::cout << " " << ms(median_of(configuration, index)) << " |";
    std::cout << " " << ours.outcomes[index].matches << " | "
              << (theirs == nullptr || theirs == &ours ? std::string()
                                                       : std::to_string(theirs->outcomes[index].matches))
              << " | " << (ours.outcomes[index].relaxed ? "relaxed " : "")
              << (ours.outcomes[index].corrected ? "suggestion " : "") << "|\n";
  }
  std::cout << "\n</details>\n";
  if (measurement.failed > 0)
    std::cout << "\n" << measurement.failed << " of " << texts.size() << " texts failed (see above).\n";
  return measurement;
}

int run(const Options& options) {
  const schemas::IndexSchema& schema = schemas::IndexSchema::builtin();
  const std::vector<std::string> queries = read_queries(options.queries);
  if (options.list_as_you_type) {
    for (const TypedText& text : as_you_type(queries)) std::cout << text.text << "\n";
    return 0;
  }
  if (options.db.empty()) throw std::runtime_error("--db is required");

  const auto open_start = Clock::now();
  const Xapian::Database db = index::open_index(options.db, schema);
  const query::Searcher searcher(db, schema, query::stored_columns(options.db, schema));
  const double open_ms = std::chrono::duration<double, std::milli>(Clock::now() - open_start).count();
  // The stub names the live generation, so plain Xapian opens the same one.
  const PlainXapian plain(options.db, schema);

  auto clubsearch_search = [&](bool facets, bool exact_total) {
    return [&searcher, facets, exact_total](const std::string& text) {
      // With facets, what the search page and /api/search ask (api/search_params.cpp's
      // request_of with the page's defaults): page 1, 10 per page, by relevance, not grouped.
      query::SearchRequest request;
      request.query = text;
      request.per_page = 10;
      request.count_facets = facets;
      request.exact_total = exact_total;
      const query::SearchResult result = searcher.search(request);
      return Outcome{result.total, result.relaxed, result.searched_suggestion};
    };
  };
  const auto configurations_of = [&](const std::vector<std::string>& keys) {
    std::vector<Configuration> configurations;
    configurations.push_back({"facets", "clubsearch, all facets", clubsearch_search(true, false), {}, {}});
    // The cheapest search: no facets, the total exact when small, else estimated.
    configurations.push_back({"no_facets", "clubsearch, no facets", clubsearch_search(false, false), {}, {}});
    // What `clubsearch QUERY` asks for: no facets, but an exact total however large (a full
    // match), the same total as --json's.
    configurations.push_back(
        {"exact_total", "clubsearch, no facets, exact total", clubsearch_search(false, true), {}, {}});
    configurations.push_back({"xapian_facet",
                              "plain Xapian, top 10 + one exact facet",
                              [&plain](const std::string& text) { return plain.search(text, true); },
                              {},
                              {}});
    configurations.push_back({"xapian",
                              "plain Xapian, top 10",
                              [&plain](const std::string& text) { return plain.search(text, false); },
                              {},
                              {}});
    std::erase_if(configurations, [&](const Configuration& configuration) {
      return std::find(keys.begin(), keys.end(), configuration.key) == keys.end() ||
             (!options.only.empty() && configuration.key != options.only);
    });
    return configurations;
  };
  std::vector<Configuration> configurations =
      configurations_of({"facets", "no_facets", "exact_total", "xapian_facet", "xapian"});
  if (configurations.empty())
    throw std::runtime_error("--only takes facets, no_facets, exact_total, xapian_facet or xapian, not " +
                             options.only);

  const Measurement measurement = measure(queries, configurations, options);
  const std::size_t failed = measurement.failed;
  const std::vector<std::string>& failures = measurement.failures;
  const std::vector<Stats>& stats = measurement.stats;

  std::cout << "### In-process latency\n\n"
            << queries.size() - failed << " queries × " << options.runs << " run"
            << (options.runs == 1 ? "" : "s") << " (after " << options.warmup << " warm-up run"
            << (options.warmup == 1 ? "" : "s")
            << "), one sample per query and run; milliseconds, std::chrono::steady_clock.\n"
            << "Index: " << plain.doccount() << " documents. Opening it and building the Searcher took "
            << ms(open_ms) << " ms (once, not in the figures).\n\n";
  print_stats(configurations, stats);
  if (configurations.size() > 1) {
    std::cout << "\n| Ratio | p50 | p99 |\n|---|---:|---:|\n";
    print_ratio(configurations, stats, "clubsearch all facets / plain Xapian + one facet", "facets",
                "xapian_facet");
    print_ratio(configurations, stats, "clubsearch no facets / plain Xapian top 10", "no_facets", "xapian");
    print_ratio(configurations, stats, "clubsearch all facets / clubsearch no facets", "facets", "no_facets");
    print_ratio(configurations, stats, "clubsearch exact total / clubsearch no facets", "exact_total",
                "no_facets");
  }

  const Configuration* ours = find(configurations, "facets");
  if (ours == nullptr) ours = find(configurations, "no_facets");
  const Configuration* theirs = find(configurations, "xapian_facet");
  if (theirs == nullptr) theirs = find(configurations, "xapian");
  std::cout
      << "\n### Per query\n\n"
      << "Median of the runs, in ms. Matches: the estimated total found by clubsearch and by plain "
         "Xapian. Notes: clubsearch searched again, relaxed (fewer words required) or with the spelling "
         "suggestion.\n\n| # | Query |";
  for (const Configuration& configuration : configurations) std::cout << " " << configuration.name << " |";
  std::cout << " matches | Xapian matches | notes |\n|---:|---|";
  for (std::size_t column = 0; column < configurations.size() + 2; ++column) std::cout << "---:|";
  std::cout << "---|\n";
  for (std::size_t index = 0; index < queries.size(); ++index) {
    std::cout << "| " << index + 1 << " | " << table_code(queries[index]) << " |";
    if (!failures[index].empty()) {
      for (std::size_t column = 0; column < configurations.size() + 2; ++column) std::cout << " |";
      std::cout << " failed: " << failures[index] << " |\n";
      continue;
    }
    for (const Configuration& configuration : configurations)
      std::cout << " " << ms(stats_of(configuration.samples[index]).p50) << " |";
    const auto matches = [&](const Configuration* configuration) {
      return configuration == nullptr ? std::string()
                                      : std::to_string(configuration->outcomes[index].matches);
    };
    std::cout << " " << matches(ours) << " | " << matches(theirs) << " | ";
    if (ours != nullptr)
      std::cout << (ours->outcomes[index].relaxed ? "relaxed " : "")
                << (ours->outcomes[index].corrected ? "suggestion " : "");
    std::cout << "|\n";
  }
  if (failed > 0) std::cout << "\n" << failed << " of " << queries.size() << " queries failed (see above).\n";

  // The as-you-type texts, through the configurations the page's searches compare with.
  std::vector<Configuration> typing;
  Measurement typed;
  if (options.as_you_type) {
    typing = configurations_of({"facets", "xapian_facet", "xapian"});
    typed = run_as_you_type(queries, typing, options);
  }

  if (!options.summary.empty()) {
    std::ofstream summary(options.summary);
    add_summary(summary, "", configurations, measurement, queries.size());
    if (!typed.stats.empty()) add_summary(summary, "as_you_type_", typing, typed, typed.failures.size());
    if (!summary) throw std::runtime_error("cannot write " + options.summary);
  }
  return failed > 0 || typed.failed > 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Times queries through clubsearch's Searcher and through plain Xapian; prints Markdown."};
  Options options;
  app.add_option("--db", options.db, "Index directory written by clubsearch index (required to time)");
  app.add_option("--queries", options.queries, "Query file: one a line; blank lines and # comments skipped")
      ->required();
  app.add_option("--runs", options.runs, "Timed runs of the query set")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  app.add_option("--warmup", options.warmup, "Untimed runs first")
      ->capture_default_str()
      ->check(CLI::Range(0, 100));
  app.add_option("--summary", options.summary,
                 "Also write the percentiles as 'name value' lines to this file");
  app.add_option(
      "--only", options.only,
      "Run one configuration (facets, no_facets, exact_total, xapian_facet, xapian), e.g. under perf");
  app.add_flag("--as-you-type", options.as_you_type,
               "Also time, with all facets and in plain Xapian, the texts searched while the last word of "
               "each plain-words query is typed");
  app.add_flag("--list-as-you-type", options.list_as_you_type,
               "Print those texts, one a line (a query file for --queries), and stop; needs no --db");
  CLI11_PARSE(app, argc, argv);

  try {
    return run(options);
  } catch (const std::exception& error) {
    std::cerr << "clubsearch_query_bench: " << error.what() << "\n";
  } catch (const Xapian::Error& error) {
    std::cerr << "clubsearch_query_bench: " << error.get_description() << "\n";
  }
  return 2;
}
