// Static indexes: the compacted single-file copy keeps every document id, so the facet
// columns stamped for it count what its value slots hold, and a reader takes them.
#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <map>
#include <string>

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
