// The term rules: a value a reader types becomes the term the indexer wrote for it.
#include <doctest/doctest.h>

#include <string>

#include "index/filters.h"
#include "index/terms.h"
#include "schemas/index_schema.h"

using namespace clubsearch::index;

namespace {
const TermRules& rules() {
  static const TermRules instance(clubsearch::schemas::IndexSchema::builtin());
  return instance;
}
}  // namespace

TEST_CASE("filter keys: the forms a reader writes become the one the index stores") {
  CHECK(filter_key("arxiv", "arXiv:2402.18563v2") == "2402.18563");
  CHECK(filter_key("arxiv", "https://arxiv.org/pdf/2402.18563") == "2402.18563");
  CHECK(filter_key("arxiv", "not an id").empty());
  CHECK(filter_key("url", "https://www.LessWrong.com/posts/abc/#comments") == "lesswrong.com/posts/abc");
  CHECK(filter_key("url", "alignmentforum.org/posts/abc/slug?utm_source=x") == "lesswrong.com/posts/abc");
  CHECK(filter_key("permalink", "https://Blog.example/Blog/Post/#Part") == "/Blog/Post#Part");
  CHECK(filter_key("permalink", "/blog/post/") == "/blog/post");
  CHECK(filter_key("permalink", "post").empty());
  CHECK(filter_key("host", "www.Example.org") == "example.org");
  CHECK(filter_key("month", "2024-07") == "202407");
  CHECK(filter_key("month", "2024-13").empty());
  CHECK(filter_key("month", "2024-7").empty());
  CHECK(filter_key("year", "2024") == "2024");
  CHECK(filter_key("year", "24").empty());
  CHECK(filter_key("type", "Entry") == "entry");
  CHECK(filter_key("type", "page").empty());
  CHECK(filter_key("source", "Lil'Log") == "Lil'Log");  // lowercased by the term, not the key
}

TEST_CASE("terms carry the schema's prefix, lowercased unless the filter keeps case, cut to fit") {
  CHECK(rules().term("source", "ArXiv") == "XSOURCEarxiv");
  CHECK(rules().term("section", "Ünïcode") == "XSECTIONünïcode");
  CHECK(rules().term("url", "example.org/Case/Kept") == "Uexample.org/Case/Kept");
  CHECK(rules().id_term("8422AD") == "Q8422AD");
  CHECK(rules().term("permalink", "/Blog/Post#Part") == "XPERMALINK/Blog/Post#Part");
  // What an entry is about: the item's own term once more, under the item prefix.
  CHECK(rules().item_term("url", "example.org/Case") == "XITEMUexample.org/Case");
  CHECK(rules().item_term("arxiv", "2404.03592") == "XITEMXARXIV2404.03592");
  CHECK(rules().file_term(post_id("blog/a.md")) == "XFILE" + post_id("blog/a.md"));
  // Xapian takes terms of up to 245 bytes; a long value is cut at a character boundary.
  const std::string long_value(200, 'a');
  const std::string cut = rules().term("topic", long_value + "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9" + long_value);
  CHECK(cut.size() <= kMaxTermBytes);
  CHECK(cut.size() >= kMaxTermBytes - 1);
  CHECK((static_cast<unsigned char>(cut.back()) & 0xC0) != 0xC0);  // no lead byte left without its tail
}

TEST_CASE("value lists join with newlines and split back, empty values dropped") {
  CHECK(join_list({"arXiv", "Less\nWrong"}) == "arXiv\nLess Wrong");
  const auto parts = split_list("arXiv\n\nLessWrong\n");
  CHECK(parts == std::vector<std::string_view>{"arXiv", "LessWrong"});
  CHECK(split_list("").empty());
}

TEST_CASE("the filter table: facets in the order shown, the post id last among columns") {
  std::string names;
  for (const FilterSpec& facet : facets()) names += std::string(facet.name) + " ";
  CHECK(names == "section source kind topic year month paperyear discussed ");
  std::string requests;
  for (const FilterSpec& filter : request_filters()) requests += std::string(filter.name) + " ";
  CHECK(requests == "section source kind topic tag year month paperyear discussed ");
  CHECK(column_slots().size() == facets().size() + 1);
  CHECK(column_slots().back() == kPostSlot);
  CHECK(find_request_filter("tag") != nullptr);
  CHECK(find_request_filter("arxiv") == nullptr);  // a query field, not a request filter
  // Each scope has its own: sections are the blog's, "discussed" the papers'.
  std::string entries_take, papers_take;
  for (const FilterSpec& filter : request_filters()) {
    if (applies(filter, false)) entries_take += std::string(filter.name) + " ";
    if (applies(filter, true)) papers_take += std::string(filter.name) + " ";
  }
  CHECK(entries_take == "section source kind topic tag year month paperyear ");
  CHECK(papers_take == "source kind topic tag year month paperyear discussed ");
  // Every filter names a schema filter, and every facet a value slot, the schema declares.
  const auto& schema = clubsearch::schemas::IndexSchema::builtin();
  for (const FilterSpec& filter : filters()) {
    CAPTURE(filter.name);
    CHECK_NOTHROW(schema.filter(filter.filter));
    if (!filter.slot.empty()) CHECK_NOTHROW(schema.value(filter.slot));
  }
}
