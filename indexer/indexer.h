// Indexer: brings an index directory up to date with a site's posts: incrementally
// (only added, changed and removed files) or by a full rebuild, atomically either way.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>

#include "index/date.h"
#include "indexer/index_report.h"
#include "indexer/site.h"
#include "schemas/index_schema.h"
#include "schemas/source_table.h"
#include "schemas/synonym_table.h"
#include "schemas/topic_taxonomy.h"

namespace clubsearch::indexer {

// The tables an index is built with. The index records their fingerprints; a run with
// different tables rebuilds rather than mixing documents made by both.
struct IndexTables {
  const schemas::IndexSchema& schema;
  const schemas::SourceTable& sources;
  const schemas::TopicTaxonomy& topics;
  const schemas::SynonymTable& synonyms;
};

struct IndexOptions {
  bool full = false;            // rebuild from scratch even when an index exists
  bool include_drafts = false;  // index posts marked draft
  // A file that cannot be indexed, or is indexed with a warning, aborts the run: nothing is
  // committed.
  bool strict = false;
  std::uintmax_t max_file_bytes = 16u << 20;
  // Index posts that are symlinks to files outside the content folder (else reported and
  // skipped: a link to /etc/passwd is not a post to publish).
  bool follow_outside_links = false;
  std::optional<index::Date> today;  // decides future and expired posts; defaults to today (UTC)
  unsigned threads = 0;       // parsing threads; 0 = one per core
  // Called on the calling thread after each file: (files done, files to do).
  std::function<void(std::size_t, std::size_t)> progress;
};

class Indexer {
 public:
  Indexer(const Site& site, const IndexTables& tables);

  // Updates the index in `index_dir` (created if missing). Throws IndexLockedError when
  // another run holds the writer lock, ContentDirError for a missing content directory,
  // Xapian::Error for database failures; files that cannot be indexed are reported in
  // the result instead, and their previously indexed version (if any) is kept.
  IndexReport run(const std::filesystem::path& index_dir, const IndexOptions& options) const;

 private:
  std::string settings_fingerprint(const IndexOptions& options) const;

  const Site& site_;
  IndexTables tables_;
};

}  // namespace clubsearch::indexer
