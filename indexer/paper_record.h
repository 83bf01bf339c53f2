// A paper's record, gathered from the entries that link it: its best title, its
// identifiers and date, every form it is linked in, and its timeline of mentions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "index/record.h"

namespace clubsearch::indexer {

// Whether a link's text names nothing ("paper", "pdf", "here", a bare URL or arXiv id):
// never a paper's title when another text is known.
bool is_generic_link_text(std::string_view title);

// What of an entry's record its papers' records are made from: the record with its
// commentary cut to the excerpt a paper's timeline shows, without what they never read
// (the links in its text, its anchor, its post's path and section). A rebuild keeps these in memory
// from parsing; an update reads the entries from the index and makes the same.
index::Record paper_source(index::Record entry);

// The record of the paper `paper_id` from the entries (as paper_source makes them, in
// any order) whose items include it (LinkRecord::paper). Its title is the text the paper is most often linked with,
// generic texts last (then the entry's heading, then the URL); ties go to the newest
// mention. Empty records in `entries` are skipped; no entry at all gives a record
// without mentions. (Pointers, so that a rebuild's entries that link several papers are
// kept once.)
index::Record paper_record(const std::string& paper_id, const std::vector<const index::Record*>& entries);
index::Record paper_record(const std::string& paper_id, const std::vector<index::Record>& entries);

// The start of a commentary, cut at a word near `limit` bytes, with "…" when cut.
std::string excerpt(std::string_view text, std::size_t limit = 320);

}  // namespace clubsearch::indexer
