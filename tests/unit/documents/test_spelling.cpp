// Spelling data counts each word once per document, and deleting takes back what adding gave.
#include <doctest/doctest.h>
#include <xapian.h>

#include "indexer/spelling.h"
#include "tests/support/temp_dir.h"

using clubsearch::indexer::spelling_words;
using clubsearch::indexer::SpellingCounts;

namespace {
// Spelling data needs a disk database (the in-memory backend has no spelling table).
struct ScratchDatabase {
  clubsearch::test::TempDir dir;
  Xapian::WritableDatabase db{(dir / "db").string(), Xapian::DB_CREATE};
};
}  // namespace

TEST_CASE("a document's words count once each, whatever their case or repetition") {
  ScratchDatabase scratch;
  Xapian::WritableDatabase& db = scratch.db;
  SpellingCounts counts;
  counts.add_document("Autoencoders autoencoders AUTOENCODERS and steering", +1);
  counts.add_document("autoencoders again", +1);
  counts.apply(db);
  CHECK(db.get_spelling_suggestion("autoencodrs") == "autoencoders");
  CHECK(db.get_spelling_suggestion("steerin") == "steering");
}

TEST_CASE("deleting a document takes its words back out of the spelling table") {
  ScratchDatabase scratch;
  Xapian::WritableDatabase& db = scratch.db;
  SpellingCounts added;
  added.add_document("quokkalike marsupials", +1);
  added.apply(db);
  REQUIRE(db.get_spelling_suggestion("quokalike") == "quokkalike");
  SpellingCounts removed;
  removed.add_document("quokkalike marsupials", -1);
  removed.apply(db);
  CHECK(db.get_spelling_suggestion("quokalike").empty());
}

TEST_CASE("counts from several threads merge into one") {
  ScratchDatabase scratch;
  Xapian::WritableDatabase& db = scratch.db;
  SpellingCounts first, second;
  first.add_document("interpretability", +1);
  second.add_document("interpretability", +1);
  second.add_document("interpretability", -1);
  first.merge(second);
  first.apply(db);
  CHECK(db.get_spelling_suggestion("interpretabilty") == "interpretability");
}

TEST_CASE("only plain ASCII words of 2 to 32 characters are suggestible") {
  CHECK(spelling_words("GPT-4o and 2024 a \u7a00\u758f caf\u00e9 x86 b2b") ==
        std::vector<std::string>{"and", "b2b", "gpt", "x86"});
  CHECK(spelling_words(std::string(33, 'q')).empty());
  CHECK(spelling_words(std::string(32, 'q')) == std::vector<std::string>{std::string(32, 'q')});
}
