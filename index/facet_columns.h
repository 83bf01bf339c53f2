// FacetColumns: every document's facet values as small integer codes, so that counting
// facets over a match set costs an array increment per value instead of a read of each
// facet's value slot per document. The indexer writes them with every commit into a file
// beside the database (facet_columns_file.h); a reader maps that file into memory and
// checks it belongs to the database it opened, or builds the columns from the
// database's value streams when it does not (slower, never wrong).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schemas/index_schema.h"

namespace clubsearch::index {

// The file format, as 32-bit words in the machine's byte order (the file is a cache of
// the database, never moved to another machine without it).
inline constexpr std::uint32_t kColumnsFormat = 1;
// The packed format (pack_columns), for a static host: little-endian, each column
// compressed on its own, so that a reader that fetches the file over the network reads
// the columns a search counts and no other.
inline constexpr std::uint32_t kPackedColumnsFormat = 2;

// What a columns file says it belongs to: the database (its UUID) and its revision of the
// columns (the serial the database's metadata names).
struct ColumnsStamp {
  std::string uuid;
  std::uint64_t serial = 0;
  Xapian::docid last_docid = 0;
  unsigned schema_version = 0;
};

// How much of an encoding is checked when it is read: its structure (every count and
// offset within bounds: enough that nothing reads outside it, and cheap), or also the
// checksum of every word (which reads the whole file: the indexer does it before it
// builds on a file, a search does not).
enum class ColumnsCheck { structure, checksum };

class FacetColumns {
 public:
  // Columns read from `words` (the format above), owned or mapped by `keep_alive`.
  // Throws std::runtime_error with the reason when they are malformed.
  FacetColumns(std::span<const std::uint32_t> words, std::shared_ptr<const void> keep_alive,
               ColumnsCheck check = ColumnsCheck::checksum);

  // Reads `bytes` bytes of a file from `offset`: all of them, or throws std::runtime_error.
  using ReadAt = std::function<std::string(std::uint64_t offset, std::size_t bytes)>;

  // Packed columns (pack_columns) in a file of `file_bytes` bytes: its header and table of
  // columns are read now (and checked), each column when it is first used (its checksum
  // and structure checked then: column() throws std::runtime_error when they fail). Throws
  // std::runtime_error with the reason when the header or table is malformed.
  static std::shared_ptr<FacetColumns> read_packed(ReadAt read, std::uint64_t file_bytes);

  // The columns of `db` built from its value streams: one per slot of
  // index::column_slots() (see index/filters.h), in that order.
  static std::shared_ptr<FacetColumns> build(const Xapian::Database& db, const schemas::IndexSchema& schema,
                                             std::uint64_t serial = 0);

  std::size_t size() const noexcept { return columns_.size(); }
  // Of columns read packed (read_packed): how many bytes of the file come before column
  // `index`'s (its offset in the table). Throws std::logic_error for other columns.
  std::uint64_t packed_bytes_before(std::size_t index) const;
  const ColumnsStamp& stamp() const noexcept { return stamp_; }
  // The encoded form, as written to a file (empty for packed columns).
  std::span<const std::uint32_t> words() const noexcept { return words_; }

  // Where they came from ("mapped from …", or why they were built in memory instead),
  // and whether that was the index's own columns file.
  const std::string& origin() const noexcept { return origin_; }
  bool stored() const noexcept { return stored_; }
  void set_origin(std::string origin, bool stored) {
    origin_ = std::move(origin);
    stored_ = stored;
  }

  // One column, as views into the words.
  struct Column {
    Xapian::valueno slot = 0;
    std::vector<std::string_view> forms;        // form → the value as written
    std::span<const std::uint32_t> form_group;  // form → group (groups in lowercased order)
    std::span<const std::uint32_t> group_form;  // group → the form it is shown as
    std::span<const std::uint32_t> starts;      // docid → first code; one past the last docid too
    std::span<const std::uint32_t> codes;       // forms of each document, in docid order
  };
  // Column `index` (of packed columns, read and unpacked on its first use).
  const Column& column(std::size_t index) const;

  // Counts, per column, the values of the documents it is shown.
  class Counter : public Xapian::MatchSpy {
   public:
    // Counts only the columns listed (indexes into column_slots()).
    Counter(const FacetColumns& columns, std::vector<std::size_t> which);
    void operator()(const Xapian::Document& doc, double weight) override;
    // value → documents, most first (ties in the order of the lowercased values); for a
    // column that was not counted, empty. Values that differ only in case are one value,
    // shown in the form most documents use.
    std::vector<std::pair<std::string, Xapian::doccount>> counts(std::size_t column) const;

   private:
    const FacetColumns& columns_;
    std::vector<std::size_t> which_;
    std::vector<const Column*> data_;                    // column → its data, if counted
    std::vector<std::vector<Xapian::doccount>> counts_;  // column → form → count
  };

 private:
  FacetColumns() = default;
  void unpack(std::size_t index) const;

  std::shared_ptr<const void> keep_alive_;
  std::span<const std::uint32_t> words_;
  ColumnsStamp stamp_;
  mutable std::vector<Column> columns_;  // of packed columns: each set when unpacked
  std::string origin_;
  bool stored_ = false;
  // Packed columns: where each one lies in the file, and its words once unpacked.
  struct Packed {
    std::uint64_t offset = 0;
    std::uint32_t bytes = 0, unpacked_bytes = 0;
    std::uint64_t checksum = 0;
    std::once_flag once;
    std::vector<std::uint32_t> words;
  };
  ReadAt read_;
  std::unique_ptr<Packed[]> packed_;
};

// The columns `columns` in the packed format (kPackedColumnsFormat), as written to a file.
std::string pack_columns(const FacetColumns& columns);

// Builds the encoded columns of a database document by document, in docid order.
class ColumnsEncoder {
 public:
  ColumnsEncoder(const schemas::IndexSchema& schema, ColumnsStamp stamp);

  // The document `docid` (greater than any given before) holds these values in column
  // `column`: a slot's value as stored (several values joined by newlines).
  void add_value(std::size_t column, Xapian::docid docid, std::string_view stored);
  // The document `docid` holds in `column` the forms `codes` of `base`'s same column.
  void add_codes(std::size_t column, Xapian::docid docid, const FacetColumns& base,
                 std::span<const std::uint32_t> codes);

  // The encoded columns, for documents up to stamp.last_docid.
  std::vector<std::uint32_t> finish();

 private:
  struct Builder;
  ColumnsStamp stamp_;
  std::vector<Xapian::valueno> slots_;
  std::vector<std::shared_ptr<Builder>> builders_;
};

// The changes of one update, for patching the columns of the revision before it.
struct ColumnChanges {
  std::vector<Xapian::docid> removed;
  std::vector<std::pair<Xapian::docid, Xapian::Document>> added;  // documents as added
};

// The columns `base` with `changes` applied, for a database whose last docid is
// `stamp.last_docid`.
std::vector<std::uint32_t> patch_columns(const FacetColumns& base, const ColumnChanges& changes,
                                         const schemas::IndexSchema& schema, const ColumnsStamp& stamp);

}  // namespace clubsearch::index
