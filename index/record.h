// Record: what a document of the index stores to be shown as a result without reading
// the post again. The indexer encodes it, the query layer decodes it; nothing else knows
// how it is stored. Its layout belongs to the schema version (schemas/index.toml): a
// change to it bumps that version, so an index never holds records of another layout.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clubsearch::index {

// The layout version of records, which must be the schema version (a unit test holds
// the two together).
inline constexpr unsigned kRecordLayout = 6;

enum class DocumentType { entry, post, paper };

std::string_view type_name(DocumentType type);  // "entry", "post", "paper"
// The type of this name; nullopt for any other.
std::optional<DocumentType> type_of(std::string_view name);

// A link: an entry's paper (its items) or a link mentioned in the commentary.
struct LinkRecord {
  std::string title;
  std::string url;
  std::string host;
  std::string source;
  std::string kind;
  std::string arxiv;  // normalised arXiv id, or empty
  std::string paper;  // the id of the paper it is (index/papers.h), or empty for anything else
  std::string date;   // the paper's date as its identifier or URL tells it, or empty

  bool operator==(const LinkRecord&) const = default;
};

// One entry that discusses a paper, as the paper's timeline shows it.
struct PaperMention {
  std::string entry_id;
  std::string title;  // the entry's heading
  std::string url;    // the deep link to the entry
  std::string post_id;
  std::string post_title;
  std::string post_url;
  std::string date;     // the post's date (YYYY-MM-DD), or empty when undated
  std::string excerpt;  // the start of the entry's commentary

  bool operator==(const PaperMention&) const = default;
};

// A paper: one work, however and wherever it is linked. Only in a paper's own document.
struct PaperRecord {
  std::string key;  // its identity's key (index/papers.h)
  std::string arxiv;
  std::string doi;
  std::string openreview;
  std::string acl;
  std::string date;                     // "YYYY", "YYYY-MM" or "YYYY-MM-DD", or empty
  std::vector<LinkRecord> links;        // each form it is linked in, the most used first
  // The entries that discuss it, the oldest first, undated last: all of them in a record
  // read whole, the last kListedMentions in one read for a list (RecordDetail::listed).
  std::vector<PaperMention> mentions;
  std::size_t mention_count = 0;        // how many entries discuss it (all of them)
  std::size_t posts = 0;                // how many posts discuss it
  std::string last_date;                // the newest of their posts' dates, or empty

  bool operator==(const PaperRecord&) const = default;
};

// The post a document belongs to. Every document has the summary; a post's own
// document has the rest too.
struct PostRecord {
  std::string id;
  std::string path;  // relative to the content folder
  std::string title;
  std::string section;
  std::string url;   // permalink
  std::string date;  // YYYY-MM-DD, or empty when undated
  // Only in the post's own document:
  std::string description;
  std::vector<std::string> tags;
  std::vector<std::string> categories;
  std::string updated;  // YYYY-MM-DD, or empty

  bool operator==(const PostRecord&) const = default;
};

struct Record {
  std::string id;
  DocumentType type = DocumentType::entry;
  std::string title;   // the entry's heading; a post's title; a paper's best title
  std::string url;     // the deep link to the entry; a post's permalink; a paper's link
  std::string anchor;  // the heading's anchor, or empty
  std::size_t line = 1;
  std::vector<LinkRecord> items;     // what an entry is about (none for a post)
  std::vector<LinkRecord> mentions;  // links inside the commentary
  std::string commentary;            // plain text; a post's whole body; a paper's excerpts
  std::string intro;                 // a post's text before its first entry
  std::vector<std::string> topics;
  std::size_t entries = 0;  // a post's number of entries
  PostRecord post;          // none for a paper
  PaperRecord paper;        // a paper's

  bool operator==(const Record&) const = default;
};

// A paper's timeline entries a list of results carries, the newest of them; the whole
// timeline is for the paper's own page (`show`, /papers/{id}).
inline constexpr std::size_t kListedMentions = 3;

// How much of a record to read: all of it, or what a list of results shows (a paper's
// last kListedMentions mentions, without reading the rest of its timeline).
enum class RecordDetail { full, listed };

// A paper's commentary: the excerpts of its mentions (those read), one a line.
std::string excerpts_of(const PaperRecord& paper);

// The stored form: JSON, and for a paper with more than kListedMentions mentions a
// second JSON line with the whole timeline, so that a list reads the first line alone.
// Invalid UTF-8 is replaced, never a reason to fail.
std::string encode(const Record& record);
// Reads a stored record; fields missing or of another type are left empty, so one odd
// document never stops a page of results. A paper's commentary is its mentions'
// excerpts, one a line (those read).
Record decode(std::string_view stored, RecordDetail detail = RecordDetail::full);

}  // namespace clubsearch::index
