// The stored record: encoded and decoded without loss, read leniently, and tied to the
// schema version.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "index/record.h"
#include "schemas/index_schema.h"

using namespace clubsearch::index;
using nlohmann::json;

namespace {

Record entry_record() {
  Record record;
  record.id = "8422ad0453a1a6b0";
  record.type = DocumentType::entry;
  record.title = "Sparse Autoencoders Find Highly Interpretable Features";
  record.url = "https://example.org/blog/journal-club/#sparse";
  record.anchor = "sparse";
  record.line = 12;
  record.items = {{"Sparse Autoencoders", "https://arxiv.org/abs/2309.08600", "arxiv.org", "arXiv", "paper",
                   "2309.08600", "77aa00bb11cc22dd", "2023-09"},
                  {"Code", "https://github.com/x/y", "github.com", "GitHub", "code", "", "", ""}};
  record.mentions = {
      {"IOI", "https://arxiv.org/abs/2211.00593", "arxiv.org", "arXiv", "paper", "2211.00593", "", ""}};
  record.commentary = "Features beat neurons.\nA second paragraph with <b>markup</b> kept as text.";
  record.topics = {"interpretability", "sparse autoencoders"};
  record.post = {"0f1e2d3c4b5a6978",
                 "blog/journal_club.md",
                 "Journal Club",
                 "blog",
                 "https://example.org/blog/journal-club/",
                 "2023-10-27",
                 "",
                 {},
                 {},
                 ""};
  return record;
}

}  // namespace

TEST_CASE("the record layout is the schema version: changing one means bumping the other") {
  CHECK(kRecordLayout == clubsearch::schemas::IndexSchema::builtin().version());
}

TEST_CASE("an entry's record round-trips, and is stored as the JSON object readers have known") {
  const Record record = entry_record();
  const std::string stored = encode(record);
  CHECK(decode(stored) == record);
  const json object = json::parse(stored);
  CHECK(object == json::parse(R"({
    "id": "8422ad0453a1a6b0", "type": "entry",
    "title": "Sparse Autoencoders Find Highly Interpretable Features",
    "url": "https://example.org/blog/journal-club/#sparse", "anchor": "sparse", "line": 12,
    "items": [
      {"title": "Sparse Autoencoders", "url": "https://arxiv.org/abs/2309.08600", "host": "arxiv.org",
       "source": "arXiv", "kind": "paper", "arxiv": "2309.08600", "paper": "77aa00bb11cc22dd", "date": "2023-09"},
      {"title": "Code", "url": "https://github.com/x/y", "host": "github.com", "source": "GitHub", "kind": "code"}],
    "mentions": [
      {"title": "IOI", "url": "https://arxiv.org/abs/2211.00593", "host": "arxiv.org", "source": "arXiv",
       "kind": "paper", "arxiv": "2211.00593"}],
    "commentary": "Features beat neurons.\nA second paragraph with <b>markup</b> kept as text.",
    "topics": ["interpretability", "sparse autoencoders"],
    "post": {"id": "0f1e2d3c4b5a6978", "path": "blog/journal_club.md", "title": "Journal Club",
             "section": "blog", "url": "https://example.org/blog/journal-club/", "date": "2023-10-27"}})"));
}

TEST_CASE("a post's record keeps its intro, entry count and the post's own fields; undated is null") {
  Record record;
  record.id = "0f1e2d3c4b5a6978";
  record.type = DocumentType::post;
  record.title = "Journal Club";
  record.intro = "This week:";
  record.entries = 3;
  record.post = {
      "0f1e2d3c4b5a6978", "blog/journal_club.md", "Journal Club", "blog", "https://example.org/", "",
      "Papers I read",    {"ml", "interp"},       {"reading"},    ""};
  const std::string stored = encode(record);
  CHECK(decode(stored) == record);
  const json object = json::parse(stored);
  CHECK(object.at("intro") == "This week:");
  CHECK(object.at("entries") == 3);
  CHECK(object.at("post").at("date").is_null());
  CHECK(object.at("post").at("updated").is_null());
  CHECK(object.at("post").at("tags") == json::array({"ml", "interp"}));
  // An entry's record carries none of the post-only fields.
  const json entry = json::parse(encode(entry_record()));
  CHECK_FALSE(entry.contains("intro"));
  CHECK_FALSE(entry.at("post").contains("tags"));
}

TEST_CASE("a paper's record round-trips with its identifiers and timeline, and has no post") {
  Record record;
  record.id = "77aa00bb11cc22dd";
  record.type = DocumentType::paper;
  record.title = "Sparse Autoencoders Find Highly Interpretable Features";
  record.url = "https://arxiv.org/abs/2309.08600";
  record.topics = {"interpretability"};
  record.paper.key = "arxiv:2309.08600";
  record.paper.arxiv = "2309.08600";
  record.paper.date = "2023-09";
  record.paper.links = entry_record().items;
  record.paper.mentions = {{"8422ad0453a1a6b0", "Sparse Autoencoders", "https://example.org/blog/jc/#sparse",
                            "0f1e2d3c4b5a6978", "Journal Club", "https://example.org/blog/jc/", "2023-10-27",
                            "Features beat neurons."},
                           {"99", "Again", "u", "p2", "Journal Club 2", "u2", "", ""}};
  record.paper.mention_count = 2;
  record.paper.posts = 2;
  record.paper.last_date = "2023-10-27";
  record.commentary = "Features beat neurons.";  // its mentions' excerpts
  const std::string stored = encode(record);
  CHECK(decode(stored) == record);
  CHECK(decode(stored, RecordDetail::listed) == record);  // no more mentions than a list shows
  const json object = json::parse(stored);
  CHECK(object.at("type") == "paper");
  CHECK_FALSE(object.contains("post"));
  CHECK(object.at("paper").at("posts") == 2);
  CHECK(object.at("paper").at("mentions").size() == 2);
  CHECK(type_of("paper") == DocumentType::paper);
  CHECK_FALSE(type_of("papers").has_value());
}

TEST_CASE("a list reads a paper's newest mentions and its counts; read whole, the paper has its whole timeline") {
  Record record;
  record.id = "5e5e5e5e5e5e5e5e";
  record.type = DocumentType::paper;
  record.title = "Attention Is All You Need";
  record.paper.date = "2017-06";
  for (int i = 1; i <= 7; ++i) {
    const std::string n = std::to_string(i);
    // The last one is undated: undated mentions come last in a timeline.
    record.paper.mentions.push_back({"e" + n, "Entry " + n, "u" + n, "p" + n, "Post " + n, "pu" + n,
                                     i < 7 ? "2020-0" + n + "-01" : "", "Said " + n + ".\nOn two lines."});
  }
  record.paper.mention_count = 7;
  record.paper.posts = 7;
  record.paper.last_date = "2020-06-01";
  record.commentary = excerpts_of(record.paper);
  const std::string stored = encode(record);
  CHECK(decode(stored) == record);

  const Record listed = decode(stored, RecordDetail::listed);
  REQUIRE(listed.paper.mentions.size() == kListedMentions);
  CHECK(listed.paper.mentions.front().entry_id == "e5");
  CHECK(listed.paper.mentions.back().entry_id == "e7");
  CHECK(listed.paper.mention_count == 7);
  CHECK(listed.paper.last_date == "2020-06-01");  // not among the mentions a list reads alone
  CHECK(listed.commentary == "Said 5.\nOn two lines.\nSaid 6.\nOn two lines.\nSaid 7.\nOn two lines.");
  CHECK(listed.title == record.title);
  // What a list reads is the first line, which holds no more than it shows.
  const std::string first_line = stored.substr(0, stored.find('\n'));
  CHECK(first_line.size() < stored.size());
  CHECK(json::parse(first_line).at("paper").at("mentions").size() == kListedMentions);
  CHECK_FALSE(json::parse(first_line).contains("commentary"));
}

TEST_CASE("a record that is not what the indexer writes decodes to what can be read of it") {
  CHECK(decode("not json") == Record{});
  CHECK(decode("[1, 2]") == Record{});
  const Record odd = decode(R"({"id": 7, "title": "kept", "items": [3, {"url": "u"}], "topics": ["a", 1],
                                "line": "x", "post": "nope"})");
  CHECK(odd.id.empty());
  CHECK(odd.title == "kept");
  REQUIRE(odd.items.size() == 1);
  CHECK(odd.items[0].url == "u");
  CHECK(odd.topics == std::vector<std::string>{"a"});
  CHECK(odd.line == 1);
  CHECK(odd.post == PostRecord{});
}

TEST_CASE("invalid UTF-8 in a record is replaced, never a reason to fail") {
  Record record = entry_record();
  record.commentary = "bad \xff byte";
  const Record back = decode(encode(record));
  CHECK(back.commentary == "bad \xef\xbf\xbd byte");
}
