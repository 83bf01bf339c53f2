// Writes the citation fixtures of the round-trip test (tests/citations/round_trip.sh) in
// every format: items.bib, items.ris, items.json, and expected.json, what a reader must
// find in each record, written by hand here and not by the formatter.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "query/citations.h"
#include "tests/support/citation_fixture.h"

namespace {

using clubsearch::query::CitationFormat;
using clubsearch::query::CitationItem;

struct Fixture {
  CitationItem item;
  std::string title;  // the title a reader must read back (white space collapsed)
  std::string year;   // likewise, empty when the item has no date
};

std::vector<Fixture> fixtures() {
  std::vector<Fixture> out;
  auto add = [&out](CitationItem item, std::string title, std::string year) {
    out.push_back({std::move(item), std::move(title), std::move(year)});
  };
  add(clubsearch::testing::attention_item(), "Attention Is All You Need", "2017");
  {
    CitationItem item;
    item.id = "77e01b2c3d4e5f60";
    item.title = "The Large N Limit of Superconformal Field Theories and Supergravity";
    item.url = "https://arxiv.org/abs/hep-th/9711200";
    item.arxiv = "hep-th/9711200";
    item.date = "1997-11";
    item.kind = "paper";
    add(std::move(item), "The Large N Limit of Superconformal Field Theories and Supergravity", "1997");
  }
  {
    CitationItem item;
    item.id = "0b1c2d3e4f506172";
    item.title = "Mastering the game of Go with deep neural networks & tree search";
    item.url = "https://www.nature.com/articles/nature16961";
    item.doi = "10.1038/nature16961";
    item.date = "2016-01-27";
    item.kind = "paper";
    item.source = "Nature";
    item.accessed = "2024-03-02";
    add(std::move(item), "Mastering the game of Go with deep neural networks & tree search", "2016");
  }
  {
    CitationItem item;
    item.id = "c0ffee0000000001";
    item.title = R"(50% of {LLM} "reasoning" is _pattern_ matching: $x_2$ & #tags ~ approx)";
    item.url = "https://www.lesswrong.com/posts/abc/50_percent?utm=a&b=c%20d#frag";
    item.date = "2023-06";
    item.kind = "blog";
    item.source = "LessWrong";
    item.note = "R&D notes, 100% {unbalanced";
    add(std::move(item), R"(50% of {LLM} "reasoning" is _pattern_ matching: $x_2$ & #tags ~ approx)", "2023");
  }
  {
    CitationItem item;
    item.id = "d1e2f3a4b5c6d7e8";
    item.title = "Über die Größe — “quoted” ‘single’ 日本語のタイトル";
    item.url = "https://www.sueddeutsche.de/wissen/ueber-die-groesse-1.2345";
    item.date = "2024";
    item.kind = "news";
    item.source = "Süddeutsche Zeitung";
    add(std::move(item), "Über die Größe — “quoted” ‘single’ 日本語のタイトル", "2024");
  }
  {
    CitationItem item;
    item.id = "5eed5eed5eed5eed";
    item.title = "A {broken title} with } extra { braces {";
    item.url = "https://www.alignmentforum.org/posts/xyz/broken";
    item.date = "2022-02-28";
    item.kind = "forum";
    item.source = "Alignment Forum";
    add(std::move(item), "A {broken title} with } extra { braces {", "2022");
  }
  {
    CitationItem item;
    item.id = "abcdef0123456789";
    item.title = "  Line one\nline two\twith\ttabs\x07 and a bell  ";
    item.url = "https://github.com/example/line-one";
    item.date = "2021-10-05";
    item.kind = "code";
    item.source = "GitHub";
    add(std::move(item), "Line one line two with tabs and a bell", "2021");
  }
  {
    CitationItem item;
    item.id = "feedface00000000";
    item.url = "https://example.org/page?id=7&x=1";
    item.kind = "other";
    add(std::move(item), "https://example.org/page?id=7&x=1", "");
  }
  // The first item again, and one whose key differs from it only in the id's digits.
  add(out.front().item, out.front().title, out.front().year);
  {
    CitationItem item;
    item.id = "3fa2ffff00000000";
    item.title =
        "Attention, Please: A Survey of Attention Mechanisms in Long Titles That Go On and On "
        "Across Many Words to Test Line Lengths in Every Reader of Every Format We Write";
    item.url = "https://example.com/survey";
    item.doi = "10.5555/long.title_2017";
    item.date = "2017-12";
    item.kind = "paper";
    add(std::move(item),
        "Attention, Please: A Survey of Attention Mechanisms in Long Titles That Go On and On "
        "Across Many Words to Test Line Lengths in Every Reader of Every Format We Write",
        "2017");
  }
  {
    CitationItem item;
    item.id = "0123abcd0123abcd";
    item.title = "Colab: fine-tuning a model in one notebook";
    item.url = "https://colab.research.google.com/drive/1abc";
    item.kind = "notebook";
    add(std::move(item), "Colab: fine-tuning a model in one notebook", "");
  }
  return out;
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: citations_export OUTPUT_DIR\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  try {
    std::filesystem::create_directories(dir);
    const std::vector<Fixture> all = fixtures();
    std::vector<CitationItem> items;
    for (const Fixture& fixture : all) items.push_back(fixture.item);
    write(dir / "items.bib", clubsearch::query::format_citations(items, CitationFormat::bibtex));
    write(dir / "items.ris", clubsearch::query::format_citations(items, CitationFormat::ris));
    write(dir / "items.json", clubsearch::query::format_citations(items, CitationFormat::csl_json));

    const std::vector<std::string> keys = clubsearch::query::citation_keys(items);
    nlohmann::json expected = nlohmann::json::array();
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Fixture& fixture = all[i];
      expected.push_back({{"key", keys[i]},
                          {"title", fixture.title},
                          {"url", fixture.item.url},
                          {"arxiv", fixture.item.arxiv},
                          {"doi", fixture.item.doi},
                          {"year", fixture.year},
                          {"month", fixture.item.date.substr(0, 7)},
                          {"accessed", fixture.item.accessed}});
    }
    write(dir / "expected.json", expected.dump(2) + "\n");
  } catch (const std::exception& error) {
    std::cerr << "citations_export: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
