// Fuzz target: a post file's bytes (front matter in TOML, YAML or JSON, and Markdown)
// → the Post the parser makes of it, as a Zola, a Hugo and a Jekyll post, → the Xapian
// documents and stored records of its entries. A PostError is the parser's refusal of a
// file; anything else escaping, or a sanitizer's report, is a defect.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "index/record.h"
#include "indexer/document_builder.h"
#include "indexer/link_classifier.h"
#include "indexer/post_error.h"
#include "indexer/post_parser.h"
#include "indexer/site.h"
#include "indexer/topic_matcher.h"
#include "schemas/index_schema.h"
#include "schemas/source_table.h"
#include "schemas/topic_taxonomy.h"
#include "tests/fuzz/fuzz_target.h"

using namespace clubsearch;

namespace {

// A site of each generator (tests/fixtures/sites/), and the path a post has in it.
struct Layout {
  indexer::Site site;
  std::string relative_path;
};

struct Parsers {
  indexer::LinkClassifier links{schemas::SourceTable::builtin()};
  indexer::TopicMatcher topics{schemas::TopicTaxonomy::builtin()};
  indexer::DocumentBuilder documents{schemas::IndexSchema::builtin()};
  std::vector<Layout> layouts;

  Parsers() {
    const std::string sites = CLUBSEARCH_FIXTURES_DIR "/sites/";
    layouts.push_back({indexer::Site::discover(sites + "zola"), "blog/2024-03-01-journal-club.md"});
    layouts.push_back({indexer::Site::discover(sites + "hugo"), "posts/reading-list/index.md"});
    layouts.push_back({indexer::Site::discover(sites + "jekyll"), "_posts/2024-05-06-paper-notes.md"});
  }
};

const Parsers* parsers = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  static const Parsers built;
  parsers = &built;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const Layout& layout : parsers->layouts) {
    const indexer::PostParser parser(layout.site, parsers->links, parsers->topics);
    indexer::Post post;
    try {
      post = parser.parse(layout.relative_path, bytes);
    } catch (const indexer::PostError&) {
      continue;  // a file the indexer reports and skips
    }
    const std::vector<indexer::IndexedDocument> documents = parsers->documents.build(post);
    // One document per entry and one for the post; each record reads back.
    if (documents.size() != post.entries.size() + 1) fuzz::broken("not one document per entry and the post");
    for (const indexer::IndexedDocument& document : documents)
      (void)index::decode(document.document.get_data());
  }
  return 0;
}
