// Test support: read back what `clubsearch index` wrote, straight from the Xapian database.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace clubsearch::test {

Xapian::Database open_database(const std::filesystem::path& index_dir);

// How many of the blog's own documents (entries and posts; not papers) a database holds.
Xapian::doccount blog_documents(const Xapian::Database& db);

// The stored records of one post's documents (its entries in file order, then the post
// document), found by the post's path relative to the content directory.
std::vector<nlohmann::json> records_of(const Xapian::Database& db, const std::string& relative_path);

// Number of documents a query string matches (parsed by clubsearch's own query layer).
std::size_t count_matches(const Xapian::Database& db, const std::string& query);

// Runs `xapian-check` on the generation the index directory points to; returns its output
// and whether it passed.
std::pair<bool, std::string> xapian_check(const std::filesystem::path& index_dir);

}  // namespace clubsearch::test
