// IndexStore numbers generations, publishes one through the XAPIANDB stub and removes stale ones.
#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "index/index_store.h"
#include "tests/support/temp_dir.h"

using namespace clubsearch::index;
using clubsearch::test::TempDir;
namespace fs = std::filesystem;

namespace {

// A glass database in `generation` holding one document with `term`.
void write_generation(const fs::path& generation, const std::string& term) {
  Xapian::WritableDatabase database(generation.string(),
                                    Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
  Xapian::Document document;
  document.add_boolean_term(term);
  database.add_document(document);
  database.commit();
  database.close();
}

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename().string());
  return names;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("the first generation of an empty index folder is gen-000001") {
  const TempDir dir;
  const IndexStore store(dir.path());
  CHECK(store.next_generation() == dir.path() / "gen-000001");
  CHECK_FALSE(store.current().has_value());
  CHECK(store.stub_file() == dir.path() / "XAPIANDB");
  CHECK(store.lock_file() == dir.path() / "writer.lock");
}

TEST_CASE("the next generation is numbered after the highest existing one, gaps and other names ignored") {
  const TempDir dir;
  fs::create_directories(dir.path() / "gen-000001");
  fs::create_directories(dir.path() / "gen-000005");
  fs::create_directories(dir.path() / "gen-abc");
  fs::create_directories(dir.path() / "gen-");
  fs::create_directories(dir.path() / "generation-000099");
  dir.write("gen-000042", "a file, not a generation");
  const IndexStore store(dir.path());
  CHECK(store.next_generation() == dir.path() / "gen-000006");
}

TEST_CASE("generation numbers compare as numbers, not as text") {
  const TempDir dir;
  fs::create_directories(dir.path() / "gen-000009");
  fs::create_directories(dir.path() / "gen-0000010");
  CHECK(IndexStore(dir.path()).next_generation() == dir.path() / "gen-000011");
}

TEST_CASE("publish writes a glass stub naming the generation that Xapian opens through the folder") {
  const TempDir dir;
  const IndexStore store(dir.path());
  const fs::path generation = store.next_generation();
  write_generation(generation, "Qfirst");
  store.publish(generation);
  CHECK(read_text(store.stub_file()) == "glass gen-000001\n");
  CHECK_FALSE(fs::exists(dir.path() / "XAPIANDB.new"));
  REQUIRE(store.current().has_value());
  CHECK(*store.current() == generation);

  Xapian::Database database(dir.path().string());
  CHECK(database.get_doccount() == 1);
  CHECK(database.term_exists("Qfirst"));
}

TEST_CASE("publishing a new generation switches readers that open the folder afterwards") {
  const TempDir dir;
  const IndexStore store(dir.path());
  const fs::path first = store.next_generation();
  write_generation(first, "Qfirst");
  store.publish(first);
  const fs::path second = store.next_generation();
  CHECK(second == dir.path() / "gen-000002");
  write_generation(second, "Qsecond");
  store.publish(second);
  CHECK(*store.current() == second);
  Xapian::Database database(dir.path().string());
  CHECK(database.term_exists("Qsecond"));
  CHECK_FALSE(database.term_exists("Qfirst"));
}

TEST_CASE("the stub still opens after the index folder is moved") {
  const TempDir dir;
  const fs::path original = dir.path() / "index";
  fs::create_directories(original);
  const IndexStore store(original);
  const fs::path generation = store.next_generation();
  write_generation(generation, "Qmoved");
  store.publish(generation);
  const fs::path moved = dir.path() / "moved";
  fs::rename(original, moved);
  CHECK(Xapian::Database(moved.string()).term_exists("Qmoved"));
}

TEST_CASE("current is empty when the stub is missing, garbled or names a missing generation") {
  const TempDir dir;
  const IndexStore store(dir.path());
  CHECK_FALSE(store.current().has_value());
  dir.write("XAPIANDB", "glass gen-000003\n");
  CHECK_FALSE(store.current().has_value());
  fs::create_directories(dir.path() / "gen-000003");
  CHECK(store.current() == dir.path() / "gen-000003");
  dir.write("XAPIANDB", "glass somewhere-else\n");
  CHECK_FALSE(store.current().has_value());
  dir.write("XAPIANDB", "");
  CHECK_FALSE(store.current().has_value());
}

TEST_CASE("removing stale generations keeps the current one and the newest older one") {
  const TempDir dir;
  const IndexStore store(dir.path());
  for (const char* name : {"gen-000001", "gen-000002", "gen-000003", "gen-000004", "gen-000005"})
    write_generation(dir.path() / name, "Q" + std::string(name));
  store.publish(dir.path() / "gen-000004");
  dir.write("notes.txt", "not a generation");
  store.remove_stale_generations();
  // gen-000005 is newer than the current one: left by a killed run, never published.
  CHECK(names_in(dir.path()) == std::set<std::string>{"XAPIANDB", "gen-000003", "gen-000004", "notes.txt"});
  CHECK(Xapian::Database(dir.path().string()).term_exists("Qgen-000004"));
}

TEST_CASE("removing stale generations with only the current one keeps it") {
  const TempDir dir;
  const IndexStore store(dir.path());
  write_generation(dir.path() / "gen-000001", "Qone");
  store.publish(dir.path() / "gen-000001");
  store.remove_stale_generations();
  CHECK(names_in(dir.path()) == std::set<std::string>{"XAPIANDB", "gen-000001"});
}

TEST_CASE("removing stale generations also removes the parts a killed build left behind") {
  const TempDir dir;
  const IndexStore store(dir.path());
  write_generation(dir.path() / "gen-000001", "Qone");
  store.publish(dir.path() / "gen-000001");
  const fs::path parts = store.parts_dir(dir.path() / "gen-000002");
  CHECK(parts == dir.path() / "gen-000002.parts");
  dir.write("gen-000002.parts/part-1/data", "half-built");
  CHECK(store.next_generation() == dir.path() / "gen-000002");  // parts are not a generation
  store.remove_stale_generations();
  CHECK(names_in(dir.path()) == std::set<std::string>{"XAPIANDB", "gen-000001"});
}
