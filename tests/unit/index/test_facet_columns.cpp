// Facet columns: built from value streams, patched by updates (always the same words as
// built anew), written to files that readers refuse when they do not belong to the
// database, and counted the way the value slots say.
#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "index/columns_file.h"
#include "index/facet_columns.h"
#include "index/filters.h"
#include "index/index_store.h"
#include "index/metadata.h"
#include "index/terms.h"
#include "schemas/index_schema.h"
#include "tests/support/temp_dir.h"

using namespace clubsearch::index;
using clubsearch::schemas::IndexSchema;
using clubsearch::test::TempDir;
namespace fs = std::filesystem;

namespace {

const IndexSchema& schema() { return IndexSchema::builtin(); }

std::size_t column_of(std::string_view slot) {
  const auto& slots = column_slots();
  return static_cast<std::size_t>(std::find(slots.begin(), slots.end(), slot) - slots.begin());
}

// A document with these values in the facet slots (lists joined as the indexer joins them).
Xapian::Document document(const std::map<std::string, std::vector<std::string>>& values) {
  Xapian::Document doc;
  for (const auto& [slot, list] : values) doc.add_value(schema().value(slot).slot, join_list(list));
  doc.add_boolean_term("Qdoc");
  return doc;
}

// Counts of one column over every document, straight from the value slots: the
// reference the columns are checked against (lowercased values, as the columns group them).
std::map<std::string, Xapian::doccount> brute_counts(const Xapian::Database& db, std::string_view slot) {
  std::map<std::string, Xapian::doccount> counts;
  for (auto posting = db.postlist_begin(""); posting != db.postlist_end(""); ++posting) {
    const std::string stored = db.get_document(*posting).get_value(schema().value(slot).slot);
    for (const std::string_view value : split_list(stored))
      ++counts[Xapian::Unicode::tolower(std::string(value))];
  }
  return counts;
}

std::map<std::string, Xapian::doccount> column_counts(const Xapian::Database& db, const FacetColumns& columns,
                                                      std::string_view slot) {
  FacetColumns::Counter counter(columns, {column_of(slot)});
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query::MatchAll);
  enquire.add_matchspy(&counter);
  enquire.get_mset(0, 0, db.get_doccount());
  std::map<std::string, Xapian::doccount> counts;
  for (const auto& [value, count] : counter.counts(column_of(slot)))
    counts[Xapian::Unicode::tolower(value)] = count;
  return counts;
}

const std::vector<std::string> kSources{"arXiv",     "arxiv",   "LessWrong",
                                        "Anthropic", "Lil'Log", "Ünïcode Blog"};
const std::vector<std::string> kSections{"blog", "notebook", "journal-club"};

std::map<std::string, std::vector<std::string>> random_values(std::mt19937& random) {
  auto pick = [&](const std::vector<std::string>& from) { return from[random() % from.size()]; };
  std::map<std::string, std::vector<std::string>> values;
  values["section"] = {pick(kSections)};
  std::vector<std::string> sources;
  for (std::size_t n = random() % 3; n > 0; --n) {
    const std::string source = pick(kSources);
    if (std::find(sources.begin(), sources.end(), source) == sources.end()) sources.push_back(source);
  }
  values["source"] = sources;
  values["year"] = {std::to_string(2018 + random() % 8)};
  values["post"] = {"post" + std::to_string(random() % 20)};
  return values;
}

}  // namespace

TEST_CASE("columns built from value streams count what the value slots hold, case folded") {
  TempDir dir;
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  db.add_document(document({{"source", {"arXiv", "LessWrong"}}, {"section", {"blog"}}, {"year", {"2024"}}}));
  db.add_document(document({{"source", {"arxiv"}}, {"section", {"blog"}}, {"year", {"2023"}}}));
  db.add_document(document({{"source", {"arXiv"}}, {"section", {"notebook"}}}));
  db.add_document(document({}));  // no facet values at all
  db.commit();
  const auto columns = FacetColumns::build(db, schema());
  CHECK(columns->size() == column_slots().size());
  CHECK(columns->stamp().last_docid == 4);

  FacetColumns::Counter counter(*columns, {column_of("source"), column_of("section")});
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query::MatchAll);
  enquire.add_matchspy(&counter);
  enquire.get_mset(0, 0, 10);
  // "arXiv" and "arxiv" are one value, shown as most documents write it.
  using Counts = std::vector<std::pair<std::string, Xapian::doccount>>;
  CHECK(counter.counts(column_of("source")) == Counts{{"arXiv", 3}, {"LessWrong", 1}});
  CHECK(counter.counts(column_of("section")) == Counts{{"blog", 2}, {"notebook", 1}});
  CHECK(counter.counts(column_of("year")).empty());  // not asked for
}

TEST_CASE("a value written two ways as often is shown in the first form in byte order") {
  TempDir dir;
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  db.add_document(document({{"source", {"arxiv"}}}));
  db.add_document(document({{"source", {"ArXiv"}}}));
  db.commit();
  const auto columns = FacetColumns::build(db, schema());
  FacetColumns::Counter counter(*columns, {column_of("source")});
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query::MatchAll);
  enquire.add_matchspy(&counter);
  enquire.get_mset(0, 0, 10);
  CHECK(counter.counts(column_of("source")) ==
        std::vector<std::pair<std::string, Xapian::doccount>>{{"ArXiv", 2}});
}

TEST_CASE("patched columns are word for word the columns built anew, over random updates") {
  TempDir dir;
  std::mt19937 random(20261206);
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  std::vector<Xapian::docid> live;
  for (int i = 0; i < 200; ++i) live.push_back(db.add_document(document(random_values(random))));
  db.commit();
  std::shared_ptr<const FacetColumns> columns = FacetColumns::build(db, schema(), 1);

  for (std::uint64_t round = 2; round <= 12; ++round) {
    CAPTURE(round);
    ColumnChanges changes;
    for (std::size_t n = random() % 30; n > 0 && !live.empty(); --n) {
      const std::size_t at = random() % live.size();
      changes.removed.push_back(live[at]);
      db.delete_document(live[at]);
      live.erase(live.begin() + static_cast<std::ptrdiff_t>(at));
    }
    for (std::size_t n = random() % 30; n > 0; --n) {
      const Xapian::Document added = document(random_values(random));
      const Xapian::docid docid = db.add_document(added);
      live.push_back(docid);
      changes.added.emplace_back(docid, added);
    }
    const ColumnsStamp stamp{db.get_uuid(), round, db.get_lastdocid(), schema().version()};
    const std::vector<std::uint32_t> patched = patch_columns(*columns, changes, schema(), stamp);
    db.commit();
    const auto rebuilt = FacetColumns::build(db, schema(), round);
    REQUIRE(std::equal(patched.begin(), patched.end(), rebuilt->words().begin(), rebuilt->words().end()));
    for (const std::string_view slot : {"source", "section", "year", "post"})
      CHECK(column_counts(db, *rebuilt, slot) == brute_counts(db, slot));
    columns = rebuilt;
  }
}

TEST_CASE("a columns file is mapped for the revision that names it and refused for any other") {
  TempDir dir;
  const IndexStore store(dir.path());
  const fs::path generation = dir / "gen-000001";
  {
    Xapian::WritableDatabase db(generation.string(), Xapian::DB_CREATE);
    db.add_document(document({{"source", {"arXiv"}}, {"post", {"p1"}}}));
    db.add_document(document({{"source", {"LessWrong"}}, {"post", {"p2"}}}));
    write_columns_file(columns_path(generation, 1), FacetColumns::build(db, schema(), 1)->words());
    db.set_metadata(metadata::kFacetColumns, "1");
    db.commit();
  }
  store.publish(generation);
  const Xapian::Database db(dir.path().string());
  std::string why;

  SUBCASE("the file the database names, whole") {
    const auto columns = open_stored_columns(db, store, schema(), why);
    REQUIRE_MESSAGE(columns, why);
    CHECK(columns->stored());
    CHECK(columns->stamp().serial == 1);
    CHECK(column_counts(db, *columns, "source") == brute_counts(db, "source"));
    CHECK(load_columns(db, dir.path(), schema())->stored());
  }
  SUBCASE("a damaged file is refused by its checksum where that is checked (before an update builds on it)") {
    {
      std::fstream file(columns_path(generation, 1), std::ios::in | std::ios::out | std::ios::binary);
      file.seekp(-3, std::ios::end);
      file.put('\x7f');
    }
    CHECK_FALSE(open_stored_columns(db, store, schema(), why, ColumnsCheck::checksum));
    CHECK(why.find("checksum") != std::string::npos);
    // A search checks the structure only; a damaged code counts nothing, and never
    // reads outside the file.
    const auto searched = open_stored_columns(db, store, schema(), why);
    REQUIRE(searched);
    CHECK(column_counts(db, *searched, "post").size() <= 2);
  }
  SUBCASE("a file whose structure is damaged is refused, and the columns are built instead") {
    {
      // The form count of the first column, far beyond the file.
      std::fstream file(columns_path(generation, 1), std::ios::in | std::ios::out | std::ios::binary);
      file.seekp(33 * 4, std::ios::beg);
      const char huge[4] = {'\xff', '\xff', '\xff', '\x0f'};
      file.write(huge, 4);
    }
    CHECK_FALSE(open_stored_columns(db, store, schema(), why));
    CHECK(why.find("end early") != std::string::npos);
    const auto columns = load_columns(db, dir.path(), schema());
    CHECK_FALSE(columns->stored());
    CHECK(columns->origin().find("end early") != std::string::npos);
    CHECK(column_counts(db, *columns, "source") == brute_counts(db, "source"));
  }
  SUBCASE("a file cut short is refused") {
    fs::resize_file(columns_path(generation, 1), fs::file_size(columns_path(generation, 1)) - 8);
    CHECK_FALSE(open_stored_columns(db, store, schema(), why));
    CHECK(why.find("cut short") != std::string::npos);
  }
  SUBCASE("a missing file is reported, and the columns are built instead") {
    fs::remove(columns_path(generation, 1));
    CHECK_FALSE(open_stored_columns(db, store, schema(), why));
    CHECK(why.find("missing") != std::string::npos);
    CHECK_FALSE(load_columns(db, dir.path(), schema())->stored());
  }
  SUBCASE("the columns of another revision are not taken for this one's") {
    // Written for a database with a document more, under the serial this one names.
    Xapian::WritableDatabase other((dir / "other").string(), Xapian::DB_CREATE);
    for (int i = 0; i < 3; ++i) other.add_document(document({{"source", {"arXiv"}}}));
    other.commit();
    ColumnsEncoder encoder(schema(), {db.get_uuid(), 1, other.get_lastdocid(), schema().version()});
    write_columns_file(columns_path(generation, 1), encoder.finish());
    CHECK_FALSE(open_stored_columns(db, store, schema(), why));
    CHECK(why.find("does not belong") != std::string::npos);
  }
  SUBCASE("an index that names no columns (written before they were stored)") {
    Xapian::WritableDatabase writable(generation.string(), Xapian::DB_OPEN);
    writable.set_metadata(metadata::kFacetColumns, "");
    writable.commit();
    const Xapian::Database reopened(dir.path().string());
    CHECK_FALSE(open_stored_columns(reopened, store, schema(), why));
    CHECK(why.find("records no facet columns") != std::string::npos);
  }
}

TEST_CASE("old columns files are removed, the previous revision's kept for its readers") {
  TempDir dir;
  for (const std::uint64_t serial : {1u, 2u, 3u, 4u}) std::ofstream(columns_path(dir.path(), serial)) << "x";
  std::ofstream(columns_path(dir.path(), 5).string() + ".tmp") << "half";
  std::ofstream(dir / "iamglass") << "not ours";
  remove_columns_files(dir.path(), 3, 4);
  std::set<std::string> left;
  for (const auto& entry : fs::directory_iterator(dir.path())) left.insert(entry.path().filename().string());
  CHECK(left == std::set<std::string>{"facets-000003.columns", "facets-000004.columns", "iamglass"});
}

TEST_CASE("packed columns unpack to the same columns, each read from the file when it is first used") {
  TempDir dir;
  std::mt19937 random(20261207);
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  for (int i = 0; i < 300; ++i) db.add_document(document(random_values(random)));
  for (Xapian::docid gone : {1u, 57u, 58u, 59u, 300u}) db.delete_document(gone);  // gaps, and at both ends
  db.add_document(document({}));  // no facet values at all
  db.commit();
  const auto columns = FacetColumns::build(db, schema(), 3);
  const std::string file = pack_columns(*columns);
  CHECK(file.size() < columns->words().size_bytes() / 2);

  std::vector<std::pair<std::uint64_t, std::size_t>> reads;
  auto reader = [&](const std::string& bytes) {
    return [&reads, &bytes](std::uint64_t offset, std::size_t count) {
      reads.emplace_back(offset, count);
      if (offset > bytes.size() || count > bytes.size() - offset) throw std::runtime_error("past the end");
      return bytes.substr(offset, count);
    };
  };
  const auto packed = FacetColumns::read_packed(reader(file), file.size());
  CHECK(packed->size() == columns->size());
  CHECK(packed->stamp().uuid == db.get_uuid());
  CHECK(packed->stamp().serial == 3);
  CHECK(packed->stamp().last_docid == db.get_lastdocid());
  CHECK(packed->words().empty());
  // Opening reads the header and the table of columns, and no column.
  const std::uint64_t table_end = 32 * 4 + columns->size() * 6 * 4;
  for (const auto& [offset, count] : reads) CHECK(offset + count <= table_end);

  // The first use of a column reads that column once, and nothing else.
  const std::size_t before = reads.size();
  const FacetColumns::Column& source = packed->column(column_of("source"));
  REQUIRE(reads.size() == before + 1);
  CHECK(reads.back().first >= table_end);
  packed->column(column_of("source"));
  CHECK(reads.size() == before + 1);

  for (std::size_t index = 0; index < columns->size(); ++index) {
    CAPTURE(index);
    const FacetColumns::Column& want = columns->column(index);
    const FacetColumns::Column& got = packed->column(index);
    CHECK(got.slot == want.slot);
    CHECK(got.forms == want.forms);
    CHECK(std::ranges::equal(got.form_group, want.form_group));
    CHECK(std::ranges::equal(got.group_form, want.group_form));
    CHECK(std::ranges::equal(got.starts, want.starts));
    CHECK(std::ranges::equal(got.codes, want.codes));
  }
  CHECK(&source == &packed->column(column_of("source")));
  for (const std::string_view slot : {"source", "section", "year", "post"})
    CHECK(column_counts(db, *packed, slot) == brute_counts(db, slot));

  SUBCASE("a damaged column is refused when it is used, and the others are still read") {
    std::string damaged = file;
    const std::size_t last_read = reads.back().first;  // the post column's, read last above
    damaged[last_read + 3] = static_cast<char>(damaged[last_read + 3] ^ 0x40);
    const auto opened = FacetColumns::read_packed(reader(damaged), damaged.size());
    CHECK_THROWS_WITH_AS(opened->column(column_of("post")), doctest::Contains("checksum"), std::runtime_error);
    CHECK(column_counts(db, *opened, "source") == brute_counts(db, "source"));
  }
  SUBCASE("every column but the post column lies before packed_bytes_before_post, the post column after it") {
    const std::uint64_t prefix = packed->packed_bytes_before(column_of("post"));
    // As export-static asks, of the file.
    dir.write("packed.columns", file);
    CHECK(packed_bytes_before_post(dir / "packed.columns") == prefix);
    CHECK(prefix > table_end);
    CHECK(prefix < file.size());
    const std::string head = file.substr(0, prefix);
    // A reader of the prefix alone opens the file and unpacks every facet's column.
    auto prefix_only = [&](std::uint64_t offset, std::size_t count) {
      if (offset + count > head.size()) throw std::runtime_error("past the prefix");
      return head.substr(offset, count);
    };
    const auto opened = FacetColumns::read_packed(prefix_only, file.size());
    for (std::size_t index = 0; index + 1 < columns->size(); ++index) CHECK_NOTHROW(opened->column(index));
    CHECK_THROWS_WITH_AS(opened->column(column_of("post")), doctest::Contains("past the prefix"), std::runtime_error);
    CHECK(column_of("post") == columns->size() - 1);
    dir.write("cut.columns", file.substr(0, 40));
    CHECK_THROWS_AS(packed_bytes_before_post(dir / "cut.columns"), std::runtime_error);
    const std::string other(reinterpret_cast<const char*>(columns->words().data()), columns->words().size_bytes());
    dir.write("other.columns", other);
    CHECK_THROWS_AS(packed_bytes_before_post(dir / "other.columns"), std::runtime_error);
    CHECK_THROWS_AS(columns->packed_bytes_before(0), std::logic_error);
  }
  SUBCASE("a file cut short, or of the other format, is refused") {
    const std::string cut = file.substr(0, file.size() - 1);
    CHECK_THROWS_AS(FacetColumns::read_packed(reader(cut), cut.size()), std::runtime_error);
    const std::string other(reinterpret_cast<const char*>(columns->words().data()), columns->words().size_bytes());
    CHECK_THROWS_WITH_AS(FacetColumns::read_packed(reader(other), other.size()), doctest::Contains("format 1"),
                         std::runtime_error);
  }
}
