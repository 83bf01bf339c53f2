// Opens an index directory and checks its schema version.
#include "index/open_index.h"

#include "index/index_store.h"
#include "index/metadata.h"

namespace clubsearch::index {

namespace {

std::string mismatch_message(const std::filesystem::path& index_dir, const std::string& built_with,
                             unsigned reads) {
  return "the index at " + index_dir.string() + " was built with schema version " +
         (built_with.empty() ? "(none recorded)" : built_with) + ", and this clubsearch reads version " +
         std::to_string(reads) + "; rebuild it with: clubsearch index --full --db " + index_dir.string() +
         " CONTENT_DIR";
}

}  // namespace

SchemaMismatchError::SchemaMismatchError(const std::filesystem::path& index_dir,
                                         const std::string& built_with, unsigned reads)
    : std::runtime_error(mismatch_message(index_dir, built_with, reads)) {}

Xapian::Database open_index(const std::filesystem::path& index_dir, const schemas::IndexSchema& schema) {
  std::error_code error;
  if (!std::filesystem::exists(IndexStore(index_dir).stub_file(), error))
    throw IndexUnavailableError("no index at " + index_dir.string() +
                                "; build one with: clubsearch index CONTENT_DIR --db " + index_dir.string());
  Xapian::Database db;
  try {
    db = Xapian::Database(index_dir.string());
  } catch (const Xapian::DatabaseCorruptError& failure) {
    throw IndexUnavailableError("the index at " + index_dir.string() + " is damaged (" + failure.get_msg() +
                                "); rebuild it with: clubsearch index CONTENT_DIR --db " + index_dir.string() +
                                " --full");
  } catch (const Xapian::Error& failure) {
    throw IndexUnavailableError("cannot open the index at " + index_dir.string() + ": " + failure.get_msg());
  }
  const std::string built_with = db.get_metadata(metadata::kSchemaVersion);
  if (built_with != std::to_string(schema.version()))
    throw SchemaMismatchError(index_dir, built_with, schema.version());
  return db;
}

}  // namespace clubsearch::index
