// Reading an index back for assertions.
#include "tests/e2e/index_inspection.h"

#include <algorithm>

#include "indexer/document_builder.h"
#include "index/index_store.h"
#include "query/searcher.h"
#include "schemas/index_schema.h"
#include "tests/e2e/process.h"

namespace clubsearch::test {

Xapian::Database open_database(const std::filesystem::path& index_dir) {
  return Xapian::Database(index_dir.string());
}

Xapian::doccount blog_documents(const Xapian::Database& db) {
  return db.get_doccount() - db.get_termfreq(index::TermRules(schemas::IndexSchema::builtin()).term("type", "paper"));
}

std::vector<nlohmann::json> records_of(const Xapian::Database& db, const std::string& relative_path) {
  const indexer::DocumentBuilder builder(schemas::IndexSchema::builtin());
  const std::string term = builder.file_term(relative_path);
  std::vector<nlohmann::json> records;
  for (auto posting = db.postlist_begin(term); posting != db.postlist_end(term); ++posting)
    records.push_back(nlohmann::json::parse(db.get_document(*posting).get_data()));
  // Entries in file order, the post's own document last.
  std::stable_sort(records.begin(), records.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
    const bool a_post = a["type"] == "post", b_post = b["type"] == "post";
    if (a_post != b_post) return b_post;
    return a["line"].get<unsigned>() < b["line"].get<unsigned>();
  });
  return records;
}

std::size_t count_matches(const Xapian::Database& db, const std::string& query) {
  query::SearchRequest request;
  request.query = query;
  request.per_page = 1;
  return query::Searcher(db, schemas::IndexSchema::builtin()).search(request).total;
}

std::pair<bool, std::string> xapian_check(const std::filesystem::path& index_dir) {
  const auto generation = index::IndexStore(index_dir).current();
  if (!generation) return {false, "no current generation"};
  const ProcessResult result = run_process({"xapian-check", generation->string()});
  return {result.exit_code == 0, result.out + result.err};
}

}  // namespace clubsearch::test
