// Static indexes: the compacted single-file copy keeps every document id, so the facet
// columns stamped for it count what its value slots hold, and a reader takes them.
#include <doctest/doctest.h>
#include <xapian.h>
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "index/columns_file.h"
#include "index/facet_columns.h"
#include "index/filters.h"
#include "index/metadata.h"
#include "index/static_index.h"
#include "index/terms.h"
#include "schemas/index_schema.h"
#include "tests/support/temp_dir.h"

using namespace clubsearch::index;
using clubsearch::schemas::IndexSchema;
using clubsearch::test::TempDir;

namespace {

const IndexSchema& schema() { return IndexSchema::builtin(); }

// Documents per source, as the columns count them over the whole database.
std::map<std::string, Xapian::doccount> source_counts(const Xapian::Database& db, const FacetColumns& columns) {
  const auto& slots = column_slots();
  const auto column = static_cast<std::size_t>(std::find(slots.begin(), slots.end(), "source") - slots.begin());
  FacetColumns::Counter counter(columns, {column});
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query::MatchAll);
  enquire.add_matchspy(&counter);
  enquire.get_mset(0, 0, db.get_doccount());
  std::map<std::string, Xapian::doccount> counts;
  for (const auto& [value, count] : counter.counts(column)) counts[value] = count;
  return counts;
}

}  // namespace

TEST_CASE("a static index keeps the document ids its facet columns are stamped for") {
  TempDir dir;
  {
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
    const char* sources[] = {"arXiv", "LessWrong", "arXiv", "Anthropic", "arXiv", "LessWrong"};
    for (const char* source : sources) {
      Xapian::Document doc;
      doc.add_value(schema().value("source").slot, join_list({source}));
      doc.add_boolean_term("Qdoc");
      db.add_document(doc);
    }
    // Gaps at both ends and inside: a compaction that renumbered would shift the columns.
    db.delete_document(1);
    db.delete_document(4);
    db.delete_document(6);
    db.set_metadata(metadata::kSchemaVersion, std::to_string(schema().version()));
    db.commit();
  }
  const Xapian::Database source((dir / "db").string());
  write_static_index(source, dir / "db", dir / "static", schema());

  const StaticIndex opened = open_static_index(dir / "static", schema());
  CHECK(opened.columns->stored());
  CHECK(opened.db.get_doccount() == 3);
  CHECK(opened.db.get_uuid() != source.get_uuid());
  CHECK(opened.db.get_document(2).get_value(schema().value("source").slot) == "LessWrong");
  const std::map<std::string, Xapian::doccount> expected{{"LessWrong", 1}, {"arXiv", 2}};
  CHECK(source_counts(opened.db, *opened.columns) == expected);
  CHECK(source_counts(source, *FacetColumns::build(source, schema())) == expected);
}

TEST_CASE("a static index whose columns file is another's counts with columns built from it") {
  TempDir dir;
  {
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_value(schema().value("source").slot, join_list({"arXiv"}));
    db.add_document(doc);
    db.set_metadata(metadata::kSchemaVersion, std::to_string(schema().version()));
    db.commit();
  }
  const Xapian::Database source((dir / "db").string());
  write_static_index(source, dir / "db", dir / "static", schema());
  write_columns_file(dir / "static" / kStaticColumns, FacetColumns::build(source, schema())->words());

  const StaticIndex opened = open_static_index(dir / "static", schema());
  CHECK_FALSE(opened.columns->stored());
  CHECK(opened.columns->origin().find("does not belong") != std::string::npos);
  CHECK(source_counts(opened.db, *opened.columns) == std::map<std::string, Xapian::doccount>{{"arXiv", 1}});
}

TEST_CASE("index.warm holds the static database's inner blocks and the blocks opening it reads, deflated") {
  TempDir dir;
  {
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
    // Enough documents for B-trees of more than one level.
    for (int n = 0; n < 3000; ++n) {
      Xapian::Document doc;
      for (int word = 0; word < 12; ++word) doc.add_term("w" + std::to_string((n * 7 + word * 131) % 5000), 1);
      doc.set_data(std::string(200, static_cast<char>('a' + n % 26)));
      db.add_document(doc);
    }
    db.set_metadata(metadata::kSchemaVersion, std::to_string(schema().version()));
    db.commit();
  }
  write_static_index(Xapian::Database((dir / "db").string()), dir / "db", dir / "static", schema());
  const auto read = [](const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  const std::string glass = read(dir / "static" / kStaticDatabase);
  REQUIRE(glass.size() % kStaticBlockBytes == 0);
  const auto count = static_cast<std::uint32_t>(glass.size() / kStaticBlockBytes);
  const auto level = [&](std::uint32_t block) { return static_cast<unsigned char>(glass[block * kStaticBlockBytes + 4]); };
  std::vector<std::uint32_t> inner;
  for (std::uint32_t n = 2; n + 1 < count; ++n)
    if (level(n) >= 1 && level(n) <= 16) inner.push_back(n);
  REQUIRE(inner.size() >= 3);  // roots and the blocks below them

  // Inflated, the file is the blocks it names, in order, as index.glass holds them.
  const auto inflate = [&](std::size_t blocks) {
    const std::string deflated = read(dir / "static" / kStaticWarmBlocks);
    std::string bytes(blocks * kStaticBlockBytes, '\0');
    uLongf size = static_cast<uLongf>(bytes.size());
    REQUIRE(::uncompress(reinterpret_cast<Bytef*>(bytes.data()), &size, reinterpret_cast<const Bytef*>(deflated.data()),
                         static_cast<uLong>(deflated.size())) == Z_OK);
    CHECK(size == bytes.size());
    return bytes;
  };

  SUBCASE("every inner block, when the budget allows") {
    const std::vector<std::uint32_t> blocks = write_warm_blocks(dir / "static", glass.size());
    std::vector<std::uint32_t> expected{0, 1};
    expected.insert(expected.end(), inner.begin(), inner.end());
    expected.push_back(count - 1);
    CHECK(blocks == expected);
    const std::string bytes = inflate(blocks.size());
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      CAPTURE(blocks[i]);
      CHECK(bytes.compare(i * kStaticBlockBytes, kStaticBlockBytes, glass, blocks[i] * kStaticBlockBytes,
                          kStaticBlockBytes) == 0);
    }
    CHECK(read(dir / "static" / kStaticWarmBlocks).size() < bytes.size());
  }
  SUBCASE("within a budget: the blocks opening reads, then the levels nearest the roots") {
    const std::vector<std::uint32_t> blocks = write_warm_blocks(dir / "static", 4 * kStaticBlockBytes);
    REQUIRE(blocks.size() == 4);
    const std::uint32_t top = *std::max_element(inner.begin(), inner.end(), [&](auto a, auto b) { return level(a) < level(b); });
    CHECK(std::count(blocks.begin(), blocks.end(), 0u) == 1);
    CHECK(std::count(blocks.begin(), blocks.end(), 1u) == 1);
    CHECK(std::count(blocks.begin(), blocks.end(), count - 1) == 1);
    const auto other = *std::find_if(blocks.begin(), blocks.end(), [&](auto n) { return n > 1 && n + 1 < count; });
    CHECK(level(other) == level(top));
    inflate(blocks.size());
  }
}
