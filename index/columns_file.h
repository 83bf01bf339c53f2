// The facet columns of an index on disk: one file per revision of the columns beside a
// generation's database, named by the serial that the database's metadata records in the
// same commit as the documents, so a reader always finds the columns of the revision it
// reads, or knows it has none.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "index/facet_columns.h"
#include "index/index_store.h"
#include "schemas/index_schema.h"

namespace clubsearch::index {

// The serial of the columns `db` names in its metadata; 0 when it names none.
std::uint64_t columns_serial(const Xapian::Database& db);

// The file of the columns with this serial in `generation`.
std::filesystem::path columns_path(const std::filesystem::path& generation, std::uint64_t serial);

// Writes the file whole before it takes its name (written beside it, synced, renamed), so
// no reader or crash ever sees part of one. Throws std::system_error.
void write_columns_file(const std::filesystem::path& path, std::span<const std::uint32_t> words);
// The same for columns packed for a static host (pack_columns).
void write_columns_file(const std::filesystem::path& path, std::string_view packed);

// Deletes the columns files of `generation` but those whose serial is in [keep_from, keep_to]
// (older readers may still be mapping the previous ones), and any half-written one.
void remove_columns_files(const std::filesystem::path& generation, std::uint64_t keep_from,
                          std::uint64_t keep_to);

// The stored columns of `db` (an index in `store`), mapped into memory and checked
// against it (database UUID, serial, last document, schema version) and as `check`
// says; nullptr when there are none that match, with the reason in `why`.
std::shared_ptr<const FacetColumns> open_stored_columns(const Xapian::Database& db, const IndexStore& store,
                                                        const schemas::IndexSchema& schema, std::string& why,
                                                        ColumnsCheck check = ColumnsCheck::structure);

// The columns in the file at `path` if they are `db`'s (database UUID, serial, last
// document, schema version; structure checked), else nullptr with the reason in `why`.
// A file of packed columns (a static index's) is read with pread, each column when it is
// first used; any other is mapped.
// How many bytes of the packed columns file at `path` (a static index's) come before its
// post column, the last: the header, the table and every facet's column, which is what a
// search not grouped by post may read of it. Reads and checks the header and table only;
// throws std::runtime_error for a file that is not packed columns.
std::uint64_t packed_bytes_before_post(const std::filesystem::path& path);

std::shared_ptr<const FacetColumns> open_columns_file(const std::filesystem::path& path, const Xapian::Database& db,
                                                      const schemas::IndexSchema& schema, std::string& why);

// The stored columns of `db` (their structure checked), else columns built from its
// value streams, whose origin() says why (an index written before columns were stored,
// or a file lost or damaged).
std::shared_ptr<const FacetColumns> load_columns(const Xapian::Database& db,
                                                 const std::filesystem::path& index_dir,
                                                 const schemas::IndexSchema& schema);

}  // namespace clubsearch::index
