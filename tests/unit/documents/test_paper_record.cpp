// A paper's record from the entries that link it.
#include <doctest/doctest.h>

#include "index/papers.h"
#include "indexer/paper_record.h"

using clubsearch::index::LinkRecord;
using clubsearch::index::Record;
using clubsearch::indexer::is_generic_link_text;
using clubsearch::indexer::paper_record;

namespace {

const std::string kPaper = clubsearch::index::paper_id("arxiv:1706.03762");

Record entry(const std::string& id, const std::string& post, const std::string& date, const std::string& link_text,
             const std::string& url, const std::string& heading) {
  Record record;
  record.id = id;
  record.title = heading;
  record.url = "https://blog.example/" + post + "/#" + id;
  record.commentary = "What " + post + " said about it.";
  record.topics = {"transformers"};
  record.post.id = post;
  record.post.title = "Journal Club " + post;
  record.post.date = date;
  record.items = {{link_text, url, "arxiv.org", "arXiv", "paper", "1706.03762", kPaper, "2017-06"}};
  return record;
}

}  // namespace

TEST_CASE("a paper gathers its mentions, the oldest first, its best title and its identifiers") {
  const std::vector<Record> entries{
      entry("e3", "p3", "2024-05-01", "PDF", "https://arxiv.org/pdf/1706.03762v7.pdf", "Attention again"),
      entry("e1", "p1", "2019-02-01", "Attention Is All You Need", "https://arxiv.org/abs/1706.03762",
            "Attention Is All You Need"),
      entry("e2", "p2", "", "Attention is all you need (Vaswani et al.)", "https://arxiv.org/abs/1706.03762v1",
            "Transformers"),
      entry("e4", "p1", "2019-02-01", "Attention Is All You Need", "https://arxiv.org/abs/1706.03762", "Again")};
  const Record paper = paper_record(kPaper, entries);
  CHECK(paper.type == clubsearch::index::DocumentType::paper);
  CHECK(paper.id == kPaper);
  CHECK(paper.title == "Attention Is All You Need");  // the most used text, never "PDF"
  CHECK(paper.url == "https://arxiv.org/abs/1706.03762");
  CHECK(paper.paper.key == "arxiv:1706.03762");
  CHECK(paper.paper.arxiv == "1706.03762");
  CHECK(paper.paper.date == "2017-06");
  CHECK(paper.paper.posts == 3);
  REQUIRE(paper.paper.mentions.size() == 4);
  CHECK(paper.paper.mentions[0].entry_id == "e1");
  CHECK(paper.paper.mentions[1].entry_id == "e4");  // one post's entries in their order
  CHECK(paper.paper.mentions[2].entry_id == "e3");
  CHECK(paper.paper.mentions[3].entry_id == "e2");  // undated last
  CHECK(paper.paper.mentions[0].excerpt == "What p1 said about it.");
  CHECK(paper.paper.mention_count == 4);
  CHECK(paper.paper.last_date == "2024-05-01");  // the newest dated post, though an undated one comes last
  CHECK(paper.commentary == "What p1 said about it.\nWhat p1 said about it.\nWhat p3 said about it.\nWhat p2 said about it.");
  REQUIRE(paper.paper.links.size() == 3);  // abs (3 uses), the PDF and v1 once each
  CHECK(paper.paper.links[0].url == "https://arxiv.org/abs/1706.03762");
  CHECK(paper.topics == std::vector<std::string>{"transformers"});
}

TEST_CASE("a paper only linked by a generic text is titled by its entry's heading") {
  const Record paper =
      paper_record(kPaper, {entry("e1", "p1", "2020-01-01", "paper", "https://arxiv.org/abs/1706.03762",
                                  "The Transformer")});
  CHECK(paper.title == "The Transformer");
}

TEST_CASE("generic link texts") {
  for (const char* text : {"paper", "PDF", " [pdf] ", "here", "arXiv", "https://arxiv.org/abs/1706.03762",
                           "1706.03762", "ab"})
    CHECK_MESSAGE(is_generic_link_text(text), text);
  for (const char* text : {"Attention Is All You Need", "GPT-4 Technical Report", "Toy Models"})
    CHECK_MESSAGE(!is_generic_link_text(text), text);
}
