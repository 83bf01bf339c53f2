// `clubsearch QUERY…` end to end on the sample blog: output on a terminal and in a pipe,
// --json against its JSON Schema, every search option, related entries, the config file
// and every error with its message and exit code.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "index/open_index.h"
#include "query/result_json.h"
#include "query/searcher.h"
#include "tests/e2e/isolation.h"
#include "tests/e2e/process.h"

using clubsearch::test::command;
using clubsearch::test::Environment;
using clubsearch::test::Isolation;
using clubsearch::test::ProcessResult;
using clubsearch::test::run_in_terminal;
using clubsearch::test::run_process;
using clubsearch::test::sample_index;
using clubsearch::test::SampleIndex;
using clubsearch::test::TempDir;
using nlohmann::json;

namespace {

const std::filesystem::path kData = CLUBSEARCH_DATA_DIR;
const std::filesystem::path kFixtures = CLUBSEARCH_FIXTURES_DIR;
const std::filesystem::path kResponseSchema = kData.parent_path() / "schemas" / "search-response.schema.json";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Output with the ANSI styles (ESC [ … m) taken out.
std::string without_styles(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\x1b' && i + 1 < text.size() && text[i + 1] == '[') {
      i = text.find('m', i);
      if (i == std::string::npos) break;
      continue;
    }
    out += text[i];
  }
  return out;
}

bool has_control_characters(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\n') || byte == 0x7F;
  });
}

std::vector<std::string> ids_of(const json& response) {
  std::vector<std::string> ids;
  for (const json& result : response["results"]) ids.push_back(result["id"]);
  return ids;
}

std::string date_of(const json& result) {
  return result["post"]["date"].is_string() ? result["post"]["date"].get<std::string>() : "";
}

// A Python that has the jsonschema module (Debian: python3-jsonschema).
std::string python_with_jsonschema() {
  for (const char* python : {"python3", "/usr/bin/python3"}) {
    try {
      if (run_process({python, "-c", "import jsonschema"}).exit_code == 0) return python;
    } catch (const std::runtime_error&) {
    }
  }
  FAIL("no python3 with the jsonschema module: install python3-jsonschema");
  return {};
}

// Validates each file against the response schema; the output lists every violation.
ProcessResult validate(const std::vector<std::filesystem::path>& files) {
  constexpr const char* kScript = R"(
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
errors = 0
for path in sys.argv[2:]:
    for error in validator.iter_errors(json.load(open(path))):
        print(path, "/".join(map(str, error.absolute_path)), error.message)
        errors += 1
sys.exit(1 if errors else 0)
)";
  std::vector<std::string> argv{python_with_jsonschema(), "-c", kScript, kResponseSchema.string()};
  for (const auto& file : files) argv.push_back(file.string());
  return run_process(argv);
}

}  // namespace

TEST_SUITE("search") {
  TEST_CASE("on a terminal results are coloured with matches highlighted; piped, the same text is plain") {
    const SampleIndex& index = sample_index();
    const std::vector<std::string> arguments{"--db", index.db, "--facets", "reward hacking"};
    const ProcessResult terminal = run_in_terminal(command(arguments), index.environment);
    const ProcessResult piped = index.run(arguments);
    REQUIRE(terminal.exit_code == 0);
    REQUIRE(piped.exit_code == 0);
    CHECK(contains(terminal.out, "\x1b[1mReward Hacking in Reinforcement Learning\x1b[0m"));  // title, bold
    CHECK(contains(terminal.out, "\x1b[1;33mreward\x1b[0m"));                                 // a match
    CHECK_FALSE(contains(piped.out, "\x1b"));
    CHECK_FALSE(has_control_characters(piped.out));
    CHECK(without_styles(terminal.out) == piped.out);
    CHECK(contains(piped.out, "1. Reward Hacking in Reinforcement Learning\n"));
    CHECK(contains(piped.out, "reward tampering, RLHF models learning"));  // matches, unmarked

    const ProcessResult no_color = run_in_terminal(command(arguments), {{"NO_COLOR", "1"}});
    CHECK(no_color.out == piped.out);
    // A terminal that takes no escape sequences (TERM=dumb: Emacs' shell, some CI logs).
    const ProcessResult dumb = run_in_terminal(command(arguments), {{"TERM", "dumb"}});
    CHECK(dumb.out == piped.out);
    const ProcessResult never = run_in_terminal(command({"--db", index.db, "--color", "never", "reward"}));
    CHECK_FALSE(contains(never.out, "\x1b"));
  }

  TEST_CASE("a result shows its title, source · date · post, snippet, paper and entry URLs, id and also-in") {
    const ProcessResult result = sample_index().search({"refusal", "direction", "--sort", "newest"});
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.out,
                   "1. Refusal in Language Models Is Mediated by a Single Direction\n"
                   "   arXiv \u00b7 2025-01-17 \u00b7 Journal Club: January 17 2025 \u00b7 id "));
    CHECK(contains(result.out, "\n   https://arxiv.org/pdf/2406.11717v2\n"));
    CHECK(contains(result.out,
                   "\n   https://journal.example.org/journal-club/journal-club-2025-01-17/"
                   "#refusal-in-language-models-is-mediated-by-a-single-direction\n"));
    CHECK(contains(result.out, "\n   also in: Journal Club: June 21 2024 (2024-06-21)\n"));

    const ProcessResult undated = sample_index().search({"Hamming"});
    CHECK(contains(undated.out, "1. How I read papers\n   post in notes \u00b7 undated \u00b7 id "));
  }

  TEST_CASE("a pasted link finds its entry first in whatever form it is pasted, its blog's own deep link too") {
    // tests/fixtures/pasted-links-site: base URL https://www.reading.example; Journal Club 2
    // has three entries (a LessWrong post, an arXiv paper that mentions the LessWrong post
    // again, a newsletter issue linked with tracking parameters) and Journal Club 3 one
    // entry linking back to the LessWrong entry by its deep link.
    const Isolation isolation;
    const std::string db = (isolation.dir / "db").string();
    const ProcessResult indexed = isolation.run(
        {"--db", db, "index", (kFixtures / "pasted-links-site").string(), "--quiet", "--as-of", "2026-11-25"});
    INFO(indexed.err);
    REQUIRE(indexed.exit_code == 0);
    const std::string post = "https://www.reading.example/journal-club/journal-club-2/";
    const std::string simulators = post + "#simulators";
    const std::string refusal = post + "#refusal-in-language-models-is-mediated-by-a-single-direction";
    const std::string newsletter = post + "#import-ai-400";
    const std::string again = "https://www.reading.example/journal-club/journal-club-3/#simulators-again";
    // The entry URLs of the results, in order (the post's own URL for the post).
    auto found = [&](const std::string& query) {
      const ProcessResult result = isolation.run({"--db", db, "--json", query});
      INFO(query << ": " << result.err);
      REQUIRE(result.exit_code <= 1);
      const json response = json::parse(result.out);
      CHECK(response["suggestion"].is_null());
      std::vector<std::string> urls;
      for (const json& hit : response["results"]) urls.push_back(hit["entry_url"].get<std::string>());
      return urls;
    };
    using Urls = std::vector<std::string>;

    // The newsletter issue, pasted with other tracking parameters than the post has.
    CHECK(found("https://importai.substack.com/p/import-ai-400?utm_source=twitter&utm_medium=social") ==
          Urls{newsletter});
    CHECK(found("importai.substack.com/p/import-ai-400/?mc_cid=x&mc_eid=y") == Urls{newsletter});
    // The LessWrong post without its slug, from the Alignment Forum, without a scheme: the
    // entry about it first, then the entry that mentions it.
    for (const std::string link : {"https://www.lesswrong.com/posts/ABC123",
                                    "https://www.alignmentforum.org/posts/ABC123/some-slug",
                                    "lesswrong.com/posts/ABC123/some-slug", "www.lesswrong.com/posts/ABC123/",
                                    "https://www.greaterwrong.com/posts/ABC123/some-slug?utm_source=x"}) {
      CAPTURE(link);
      CHECK(found(link) == Urls{simulators, refusal});
    }
    // The arXiv paper by any of its URLs, with or without a scheme, and its id.
    for (const std::string link : {"arxiv.org/pdf/2406.11717v2.pdf", "https://arxiv.org/abs/2406.11717",
                                    "export.arxiv.org/abs/2406.11717v1", "2406.11717"}) {
      CAPTURE(link);
      CHECK(found(link) == Urls{refusal});
    }
    // The blog's own deep link, on its host with or without www., or as a path: that
    // entry, then the entry linking to it.
    for (const std::string& link : Urls{simulators, "https://reading.example/journal-club/journal-club-2#simulators",
                                    "/journal-club/journal-club-2/#simulators",
                                    "reading.example/journal-club/journal-club-2/#simulators"}) {
      CAPTURE(link);
      CHECK(found(link) == Urls{simulators, again});
    }
    // The post's own URL: the post, then its entries, then the entry linking into it.
    for (const std::string& link : Urls{post, "/journal-club/journal-club-2/"}) {
      CAPTURE(link);
      const Urls urls = found(link);
      REQUIRE(urls.size() == 5);
      CHECK(urls.front() == post);
      CHECK(std::set<std::string>(urls.begin() + 1, urls.begin() + 4) ==
            std::set<std::string>{simulators, refusal, newsletter});
      CHECK(urls.back() == again);
    }
    // The same path on another host is another site's page.
    CHECK(found("https://elsewhere.example/journal-club/journal-club-2/#simulators").empty());

    // A link without a scheme is never "corrected" into words.
    const ProcessResult text = isolation.run({"--db", db, "arxiv.org/abs/2406.11717"});
    CHECK(text.exit_code == 0);
    CHECK(contains(text.out, "1. Refusal in Language Models Is Mediated by a Single Direction\n"));
    CHECK_FALSE(contains(text.out, "Did you mean"));
  }

  TEST_CASE("the footer counts results and pages; an empty page says how many there are") {
    const ProcessResult first = sample_index().search({"-n", "5", "sparse autoencoders"});
    CHECK(contains(first.out, "\n12 results \u00b7 page 1 of 3 \u00b7 next: --page 2\n"));
    const ProcessResult last = sample_index().search({"-n", "5", "--page", "3", "sparse autoencoders"});
    CHECK(last.out.rfind("11. ", 0) == 0);
    CHECK(contains(last.out, "\n12 results \u00b7 page 3 of 3\n"));
    const ProcessResult beyond = sample_index().search({"-n", "5", "--page", "4", "sparse autoencoders"});
    CHECK(beyond.exit_code == 1);
    CHECK(beyond.out == "No results for 'sparse autoencoders' on page 4: 12 results fill 3 pages\n");
  }

  TEST_CASE("what the engine did to help is said before the results") {
    // Two edits away, nothing matches: the corrected query is searched instead.
    const json corrected = sample_index().search_json({"sparse autoencdrs"});
    REQUIRE(corrected["searched_suggestion"] == true);
    const ProcessResult text = sample_index().search({"sparse autoencdrs"});
    CHECK(text.exit_code == 0);
    CHECK(text.out.rfind(
              "No results for 'sparse autoencdrs'; showing results for 'sparse autoencoders'\n\n 1. ", 0) ==
          0);
    // One edit away, the correction is searched beside the word: results, and the suggestion.
    const json tolerated = sample_index().search_json({"sparse autoencodrs"});
    CHECK(tolerated["searched_suggestion"] == false);
    CHECK(tolerated["suggestion"] == "sparse autoencoders");
    const json exact = sample_index().search_json({"sparse autoencoders"});
    REQUIRE(tolerated["results"].size() >= 3);
    const auto& top = tolerated["results"];
    CHECK((top[0]["id"] == exact["results"][0]["id"] || top[1]["id"] == exact["results"][0]["id"] ||
           top[2]["id"] == exact["results"][0]["id"]));

    const json relaxed = sample_index().search_json({"refusal protein"});
    REQUIRE(relaxed["relaxed"] == true);
    CHECK(contains(sample_index().search({"refusal protein"}).out,
                   "No entry has every word; showing the closest matches\n\n 1. "));

    const ProcessResult nothing = sample_index().search({"xyzzyplugh"});
    CHECK(nothing.exit_code == 1);
    CHECK(nothing.out == "No results for 'xyzzyplugh'\n");
  }

  TEST_CASE("--facets adds a summary with every facet and the selected values marked") {
    const ProcessResult result =
        sample_index().search({"--facets", "--source", "arXiv", "sparse autoencoders"});
    REQUIRE(result.exit_code == 0);
    const std::string facets = result.out.substr(result.out.find("\nFacets\n"));
    for (const char* line : {"\n  section     journal-club ", "\n  source      [arXiv 4] \u00b7 ",
                             "\n  kind        paper ", "\n  topic       ", "\n  year        ",
                             "\n  month       ", "\n  paper year  20"})
      CHECK(contains(facets, line));
    CHECK_FALSE(contains(sample_index().search({"sparse autoencoders"}).out, "Facets"));
  }

  TEST_CASE("--json prints the query layer's response object exactly") {
    const SampleIndex& index = sample_index();
    const json printed = index.search_json({"--source", "arXiv", "--kind", "paper", "--since", "2024",
                                            "--sort", "oldest", "-n", "3", "--page", "2", "evals"});
    const auto& schema = clubsearch::schemas::IndexSchema::builtin();
    const clubsearch::query::Searcher searcher(clubsearch::index::open_index(index.db, schema), schema,
                                               clubsearch::query::stored_columns(index.db, schema));
    clubsearch::query::SearchRequest request;
    request.query = "evals";
    request.filters = {{"source", {"arXiv"}}, {"kind", {"paper"}}};
    request.since = "2024";
    request.sort = clubsearch::query::SortOrder::oldest;
    request.per_page = 3;
    request.page = 2;
    CHECK(printed == clubsearch::query::to_json(searcher.search(request)));
  }

  TEST_CASE("--json follows schemas/search-response.schema.json for every kind of response") {
    const SampleIndex& index = sample_index();
    TempDir out;
    const std::vector<std::pair<std::string, std::vector<std::string>>> searches{
        {"plain", {"sparse autoencoders"}},
        {"filtered", {"--source", "arXiv", "--kind", "paper", "--year", "2024", "evals"}},
        {"grouped", {"--group-by-post", "sparse autoencoders"}},
        {"nothing", {"xyzzyplugh"}},
        {"corrected", {"sparse autoencodrs"}},
        {"relaxed", {"refusal protein"}},
        {"undated", {"Hamming"}},
        {"browse", {"--since", "2025"}},
    };
    std::vector<std::filesystem::path> files;
    for (const auto& [name, arguments] : searches)
      files.push_back(out.write(name + ".json", index.search_json(arguments).dump()));
    const std::string id = index.search_json({"sparse autoencoders"})["results"][0]["id"];
    const ProcessResult related = index.search({"related", id, "--json"});
    REQUIRE(related.exit_code == 0);
    files.push_back(out.write("related.json", related.out));
    const ProcessResult valid = validate(files);
    INFO(valid.out, valid.err);
    CHECK(valid.exit_code == 0);

    // The schema is closed: it refuses a field it does not describe and a missing one.
    json extra = json::parse(related.out);
    extra["results"][0]["rank"] = 1;
    json missing = json::parse(related.out);
    missing.erase("total_exact");
    json untyped = json::parse(related.out);
    untyped["results"][0]["post"]["date"] = 20240621;
    for (const json& wrong : {extra, missing, untyped})
      CHECK(validate({out.write("wrong.json", wrong.dump())}).exit_code == 1);
  }

  TEST_CASE("filters of different facets combine, values of one facet are alternatives") {
    const json both = sample_index().search_json({"--source", "arxiv", "--kind", "paper", "-n", "100"});
    REQUIRE(both["total"] > 0);
    for (const json& result : both["results"]) {
      const json& items = result["items"];
      CHECK(std::any_of(items.begin(), items.end(),
                        [](const json& item) { return item["source"] == "arXiv"; }));
      CHECK(
          std::any_of(items.begin(), items.end(), [](const json& item) { return item["kind"] == "paper"; }));
    }
    const auto total = [](const json& response) { return response["total"].get<std::size_t>(); };
    const json arxiv = sample_index().search_json({"--source", "arXiv", "sparse"});
    const json lesswrong = sample_index().search_json({"--source", "LessWrong", "sparse"});
    const json either = sample_index().search_json({"--source", "arXiv", "--source", "LessWrong", "sparse"});
    CHECK(total(either) == total(arxiv) + total(lesswrong));
    for (const json& value : either["facets"]["source"])
      CHECK(value["selected"] == (value["value"] == "arXiv" || value["value"] == "LessWrong"));

    const json notes = sample_index().search_json({"--section", "notes", "--tag", "essay", "-n", "100"});
    for (const json& result : notes["results"]) CHECK(result["post"]["section"] == "notes");
    const json topic =
        sample_index().search_json({"--topic", "Interpretability", "--month", "2024-04", "-n", "100"});
    REQUIRE(topic["total"] > 0);
    for (const json& result : topic["results"]) CHECK(date_of(result).substr(0, 7) == "2024-04");
  }

  TEST_CASE("--since and --until bound the post dates, inclusive") {
    const json window =
        sample_index().search_json({"--since", "2024-03", "--until", "2024-06-21", "-n", "100"});
    REQUIRE(window["total"] > 0);
    CHECK(window["total_exact"] == true);
    for (const json& result : window["results"]) {
      CHECK(date_of(result) >= "2024-03-01");
      CHECK(date_of(result) <= "2024-06-21");
    }
    const std::vector<std::string> dates = [&] {
      std::vector<std::string> out;
      for (const json& result : window["results"]) out.push_back(date_of(result));
      return out;
    }();
    CHECK(std::count(dates.begin(), dates.end(), "2024-06-21") > 0);  // the last day is included
    const json year = sample_index().search_json({"--year", "2023", "-n", "100"});
    for (const json& result : year["results"]) CHECK(date_of(result).substr(0, 4) == "2023");
  }

  TEST_CASE("--sort newest and oldest order by date, undated last") {
    for (const char* order : {"newest", "oldest"}) {
      CAPTURE(order);
      const json sorted = sample_index().search_json({"--sort", order, "-n", "100", "search", "papers"});
      std::vector<std::string> dates;
      for (const json& result : sorted["results"]) dates.push_back(date_of(result));
      REQUIRE(dates.size() > 5);
      const auto dated_end = std::find(dates.begin(), dates.end(), "");
      CHECK(std::all_of(dated_end, dates.end(), [](const std::string& date) { return date.empty(); }));
      if (std::string(order) == "newest")
        CHECK(std::is_sorted(dates.begin(), dated_end, std::greater<>()));
      else
        CHECK(std::is_sorted(dates.begin(), dated_end));
    }
  }

  TEST_CASE("pages never repeat or skip a result") {
    const json all = sample_index().search_json({"-n", "100", "--sort", "oldest", "language models"});
    const std::size_t total = all["total"];
    REQUIRE(total > 12);
    std::vector<std::string> paged;
    for (std::size_t page = 1; paged.size() < total; ++page) {
      const json response = sample_index().search_json(
          {"-n", "4", "--page", std::to_string(page), "--sort", "oldest", "language models"});
      REQUIRE(!response["results"].empty());
      for (const std::string& id : ids_of(response)) paged.push_back(id);
    }
    CHECK(paged == ids_of(all));
    CHECK(std::set<std::string>(paged.begin(), paged.end()).size() == paged.size());
  }

  TEST_CASE("--group-by-post shows one result per post and how many more matched in it") {
    const json grouped = sample_index().search_json({"--group-by-post", "-n", "100", "interpretability"});
    std::set<std::string> posts;
    std::size_t more = 0;
    for (const json& result : grouped["results"]) {
      CHECK(posts.insert(result["post"]["id"].get<std::string>()).second);
      more += result["more_in_post"].get<std::size_t>();
    }
    const json ungrouped = sample_index().search_json({"-n", "100", "interpretability"});
    CHECK(grouped["results"].size() + more == ungrouped["results"].size());
    REQUIRE(more > 0);
    CHECK(
        contains(sample_index().search({"--group-by-post", "interpretability"}).out, " more in this post\n"));
  }

  TEST_CASE("related ID lists entries like it, never itself; an unknown id is not found") {
    const json found = sample_index().search_json({"sparse autoencoders"});
    const std::string id = found["results"][1]["id"];
    const std::string title = found["results"][1]["title"];
    const json related = json::parse(sample_index().search({"related", id, "-n", "5", "--json"}).out);
    CHECK(related["query"] == "related:" + id);
    CHECK(related["results"].size() == 5);
    for (const std::string& other : ids_of(related)) CHECK(other != id);

    const ProcessResult text = sample_index().search({"related", id, "-n", "3"});
    CHECK(text.exit_code == 0);
    CHECK(text.out.rfind("Entries like '" + title + "'\n\n1. ", 0) == 0);
    CHECK_FALSE(contains(text.out, "results"));  // no page footer

    const ProcessResult unknown = sample_index().search({"related", "0000000000000000"});
    CHECK(unknown.exit_code == 1);
    CHECK(unknown.err ==
          "clubsearch: no entry has the id '0000000000000000'; ids are shown with each search result\n");
    CHECK(sample_index().search({"related"}).exit_code == 2);
    CHECK(sample_index().search({"related", id, "-n", "0"}).exit_code == 2);
  }

  TEST_CASE("words that are command names are searched wherever they stand after the first word") {
    CHECK(sample_index().search_json({"refusal", "stats"})["query"] == "refusal stats");
    CHECK(sample_index().search_json({"--source", "arXiv", "sparse", "index"})["query"] == "sparse index");
    const ProcessResult marked = sample_index().search({"--json", "--", "related"});
    CHECK(json::parse(marked.out)["query"] == "related");
  }

  TEST_CASE("a clubsearch.toml in the blog or above the current folder says where the index and posts are") {
    Isolation place;
    const std::filesystem::path blog = place.dir / "blog";
    const std::filesystem::path below = blog / "content" / "deeper";
    std::filesystem::create_directories(below);
    place.dir.write("blog/clubsearch.toml", "# the blog's own\ndb = \"search-index\"\ncontent = \"" +
                                                kData.string() +
                                                "\"\nbase_url = \"https://club.example.net\"\n");
    const ProcessResult indexed = place.run({"index", "--quiet", "--as-of", "2026-11-25"}, {}, below);
    INFO(indexed.err);
    REQUIRE(indexed.exit_code == 0);
    CHECK(std::filesystem::exists(blog / "search-index" / "XAPIANDB"));
    const ProcessResult found = place.run({"sandbagging"}, {}, below);
    CHECK(found.exit_code == 0);
    CHECK(contains(found.out, "\n   https://club.example.net/journal-club/"));
    CHECK(json::parse(place.run({"stats", "--json"}, {}, blog).out)["index"] ==
          (blog / "search-index").string());

    // Outside the blog, the user's own config file applies; --config names another.
    place.dir.write("config/clubsearch/config.toml", "db = \"" + (blog / "search-index").string() + "\"\n");
    CHECK(place.run({"sandbagging"}).exit_code == 0);
    const auto elsewhere = place.dir.write("other.toml", "db = \"nowhere\"\n");
    const ProcessResult named = place.run({"--config", elsewhere.string(), "sandbagging"}, {}, below);
    CHECK(named.exit_code == 3);
    CHECK(contains(named.err, "no index at " + (place.dir / "nowhere").string()));
    place.dir.write("other.toml", "db = \"~/indexes/blog\"\n");
    const ProcessResult home = place.run({"--config", elsewhere.string(), "sandbagging"});
    CHECK(contains(home.err, "no index at " + (place.dir / "home" / "indexes" / "blog").string()));
  }

  TEST_CASE("the index is --db, then CLUBSEARCH_DB, then the config file's db, then the XDG data folder") {
    Isolation place;
    place.dir.write("cwd/clubsearch.toml", "db = \"from-config\"\n");
    const auto index_used = [&](std::vector<std::string> arguments, Environment environment) {
      arguments.push_back("stats");
      const ProcessResult result = place.run(arguments, std::move(environment));
      const auto at = result.err.find("no index at ");
      return at == std::string::npos ? result.err
                                     : result.err.substr(at + 12, result.err.find(';', at) - at - 12);
    };
    const std::string env_db = (place.dir / "from-env").string();
    CHECK(index_used({"--db", "from-option"}, {{"CLUBSEARCH_DB", env_db}}) == "from-option");
    CHECK(index_used({}, {{"CLUBSEARCH_DB", env_db}}) == env_db);
    CHECK(index_used({}, {}) == (place.cwd / "from-config").string());
    std::filesystem::remove(place.cwd / "clubsearch.toml");
    CHECK(index_used({}, {}) == (place.dir / "data" / "clubsearch" / "index").string());
  }

  TEST_CASE("a malformed query shows where the problem is and how to write it") {
    const ProcessResult paren = sample_index().search({"title:sparse autoencoders)"});
    CHECK(paren.exit_code == 2);
    CHECK(paren.out.empty());
    CHECK(paren.err ==
          "clubsearch: ')' at position 26 closes nothing\n"
          "  title:sparse autoencoders)\n"
          "                           ^\n"
          "  hint: remove it, or open it with '(' before\n");
    // A quote left open is not a mistake: the phrase runs to the end, as typed so far.
    const ProcessResult open_quote = sample_index().search({"title:\"sparse autoencoders"});
    CHECK(open_quote.exit_code == 0);
    CHECK(open_quote.out == sample_index().search({"title:\"sparse autoencoders\""}).out);

    const ProcessResult field = sample_index().search({"sparse", "colour:red"});
    CHECK(field.exit_code == 2);
    CHECK(contains(field.err,
                   "clubsearch: unknown field 'colour:' at position 8\n  sparse colour:red\n         ^\n"
                   "  hint: the fields are "));

    const ProcessResult date = sample_index().search({"refusal date:2024-13"});
    CHECK(date.exit_code == 2);
    CHECK(contains(date.err,
                   "date:2024-13 is not a date\n  refusal date:2024-13\n          ^\n  hint: write date:"));

    const ProcessResult group = sample_index().search({"(refusal"});  // closed at the end
    CHECK(group.exit_code == 0);
    CHECK(group.out == sample_index().search({"(refusal)"}).out);

    // The caret counts characters, not bytes.
    const ProcessResult wide = sample_index().search({"café latte)"});
    CHECK(contains(wide.err, "  café latte)\n            ^\n"));
  }

  TEST_CASE("bad option values exit 2 with what to write instead, before the index is opened") {
    const Isolation place;  // no index anywhere: a check that opened it would exit 3
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {{"--since", "2024-13", "x"}, "--since: '2024-13' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"},
        {{"--until", "yesterday", "x"}, "--until: 'yesterday' is not a date"},
        {{"--year", "24", "x"}, "--year: '24' is not a date: write YYYY"},
        {{"--month", "2024", "x"}, "--month: '2024' is not a date: write YYYY-MM"},
        {{"--limit", "0", "x"}, "--limit: '0': results per page must be between 1 and 100"},
        {{"-n", "101", "x"}, "--limit: '101': results per page must be between 1 and 100"},
        {{"--page", "0", "x"}, "--page: '0': pages are numbered from 1"},
        {{"--page", "-1", "x"}, "--page: '-1': pages are numbered from 1"},
        {{"--sort", "sideways", "x"}, "--sort: sideways not in {relevance,newest,oldest}"},
        {{"--color", "sometimes", "x"}, "--color: sometimes not in {auto,always,never}"},
        {{"--config", (place.dir / "missing.toml").string(), "x"}, "--config: File does not exist"},
        {{"search"}, "QUERY: nothing to search for"},
    };
    for (const auto& arguments_message : cases) {
      const auto& arguments = std::get<0>(arguments_message);
      const auto& message = std::get<1>(arguments_message);
      CAPTURE(arguments);
      const ProcessResult result = place.run(arguments);
      CHECK(result.exit_code == 2);
      CHECK(contains(result.err, message));
    }
    const ProcessResult backwards = sample_index().search({"--since", "2025", "--until", "2024", "x"});
    CHECK(backwards.exit_code == 2);
    CHECK(contains(backwards.err, "until '2024' is before since '2025'"));
  }

  TEST_CASE("a filter value nothing has is no results, not an error") {
    const ProcessResult result = sample_index().search({"--source", "Nobody's Blog", "sparse"});
    CHECK(result.exit_code == 1);
    CHECK(result.out == "No results for 'sparse'\n");
  }

  TEST_CASE("a missing index says which command builds it, for search and related") {
    const Isolation place;
    const std::string missing = (place.dir / "missing").string();
    for (const std::vector<std::string>& arguments :
         {std::vector<std::string>{"--db", missing, "refusal"},
          std::vector<std::string>{"--db", missing, "related", "x"}}) {
      const ProcessResult result = place.run(arguments);
      CHECK(result.exit_code == 3);
      CHECK(contains(result.err, "no index at " + missing));
      CHECK(contains(result.err, "clubsearch index"));
    }
  }

  TEST_CASE("a malformed config file stops every command with path:line: reason") {
    Isolation place;
    const std::string file = (place.cwd / "clubsearch.toml").string();
    const std::vector<std::pair<std::string, std::string>> cases{
        {"db = \"index\"\ncontent = [oops\n", file + ":2: "},
        {"# mine\ndbb = \"index\"\n", file + ":2: unknown key 'dbb'; the keys are db, content, base_url"},
        {"db = 42\n", file + ":1: 'db' must be a non-empty string"},
        {"topics = \"my-topics.toml\"\n",
         file + ":1: 'topics': no file at " + (place.cwd / "my-topics.toml").string()},
    };
    for (const auto& text_message : cases) {
      const auto& text = std::get<0>(text_message);
      const auto& message = std::get<1>(text_message);
      CAPTURE(text);
      place.dir.write("cwd/clubsearch.toml", text);
      for (const std::vector<std::string>& arguments :
           {std::vector<std::string>{"--db", sample_index().db, "refusal"}, std::vector<std::string>{"stats"},
            std::vector<std::string>{"index", kData.string()}}) {
        const ProcessResult result = place.run(arguments);
        CHECK(result.exit_code == 3);
        CHECK(result.err.rfind("clubsearch: " + message, 0) == 0);
      }
    }
  }

  TEST_CASE("text from the index cannot reach the terminal as control characters") {
    Isolation place;
    place.dir.write("site/content/posts/hostile.md",
                    "+++\ntitle = \"Clear \\u001b[2J screen \\u0007\"\ndate = 2024-01-05\n+++\n\n"
                    "## [A \\u001b]0;title\\u0007 paper](https://arxiv.org/abs/2401.00001)\n\n"
                    "Zebrafish with a bell \x07, an escape \x1b[31m, and a C1 control \xc2\x9b here.\n");
    const std::string db = (place.dir / "db").string();
    REQUIRE(
        place.run({"--db", db, "index", (place.dir / "site" / "content").string(), "--quiet"}).exit_code <=
        1);
    for (const char* color : {"never", "always"}) {
      const ProcessResult result = place.run({"--db", db, "--color", color, "zebrafish"});
      REQUIRE(result.exit_code == 0);
      const std::string text = without_styles(result.out);
      CHECK_FALSE(has_control_characters(text));
      CHECK_FALSE(contains(text, "\x1b"));
      CHECK_FALSE(contains(text, "\xc2\x9b"));
      CHECK(contains(text, "Zebrafish with a bell  , an escape  [31m, and a C1 control   here."));
    }
  }

  TEST_CASE("--help teaches the query syntax, the config file and the exit codes") {
    const ProcessResult help = run_process(command({"--help"}));
    CHECK(help.exit_code == 0);
    for (const char* part : {"\"dictionary learning\"",
                             "OR",
                             "-linear",
                             "+word",
                             "interp*",
                             "title:",
                             "paper:",
                             "post:",
                             "section:",
                             "source:",
                             "kind:",
                             "topic:",
                             "tag:",
                             "arxiv:",
                             "host:",
                             "url:",
                             "permalink:",
                             "type:",
                             "date:2024-01..2024-06",
                             "year:",
                             "2406.11717",
                             "pasted URL",
                             "clubsearch search index",
                             "clubsearch -- index",
                             "--group-by-post",
                             "--facets",
                             "--since",
                             "related",
                             "clubsearch.toml",
                             "~/.config/clubsearch/config.toml",
                             "CLUBSEARCH_DB",
                             "docs/query-syntax.md",
                             "1 search and related: no results",
                             "75"})
      CHECK_MESSAGE(contains(help.out, part), part);
    const ProcessResult search_help = run_process(command({"search", "--help"}));
    CHECK(contains(search_help.out, "date:2024-01..2024-06"));
    CHECK(contains(search_help.out, "--sort"));
    const ProcessResult related_help = run_process(command({"related", "--help"}));
    CHECK(contains(related_help.out, "ID"));
    CHECK(contains(related_help.out, "Exit codes"));
  }

  TEST_CASE("without its facet columns file an index counts the same facets, says so, and gets them back") {
    const SampleIndex index;  // an index of its own: the test removes its columns file
    const json stored = index.search_json({"--facets", "interpretability"});
    const ProcessResult quiet = index.search({"--json", "interpretability"});
    CHECK(quiet.err.empty());
    std::size_t removed = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(index.db))
      if (entry.path().extension() == ".columns" && std::filesystem::remove(entry.path())) ++removed;
    REQUIRE(removed == 1);
    const ProcessResult built = index.search({"--json", "interpretability"});
    REQUIRE(built.exit_code == 0);
    CHECK(contains(built.err, "clubsearch: note: built from the database: the facet columns with serial 1 are missing"));
    CHECK(contains(built.err, "until the next `clubsearch index` writes them"));
    CHECK(json::parse(built.out)["facets"] == stored["facets"]);
    CHECK(json::parse(built.out)["total"] == stored["total"]);
    // The next run writes them again, though no post changed (as for an index written
    // before the columns were stored), and searches are quiet again.
    const ProcessResult reindexed =
        index.run({"--db", index.db, "index", kData.string(), "--quiet", "--as-of", "2026-11-25"});
    REQUIRE(reindexed.exit_code == 0);
    std::size_t written = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(index.db))
      if (entry.path().filename() == "facets-000002.columns") ++written;
    CHECK(written == 1);
    const ProcessResult again = index.search({"--json", "interpretability"});
    CHECK(again.err.empty());
    CHECK(json::parse(again.out)["facets"] == stored["facets"]);
  }
}
