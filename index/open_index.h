// Opening an index for reading, with clear errors for the two common mistakes: no index
// built yet, and an index built by a clubsearch with another schema version.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "schemas/index_schema.h"

namespace clubsearch::index {

// There is no index where one was expected, or it cannot be opened.
class IndexUnavailableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The index was built with another schema version: its terms and slots mean other things.
class SchemaMismatchError : public std::runtime_error {
 public:
  SchemaMismatchError(const std::filesystem::path& index_dir, const std::string& built_with, unsigned reads);
};

// Opens the index in `index_dir` (an index directory written by `clubsearch index`).
Xapian::Database open_index(const std::filesystem::path& index_dir, const schemas::IndexSchema& schema);

}  // namespace clubsearch::index
