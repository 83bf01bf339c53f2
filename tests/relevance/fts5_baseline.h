// The naive baseline the relevance suite measures clubsearch against: SQLite FTS5's BM25
// over one document per Markdown link, as anyone would set it up in an afternoon. It is
// not tuned for the judgments and shares nothing with our indexer but the list of posts:
// its split of a post is its own, and deliberately simple.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace clubsearch::indexer {
class Site;
}

namespace clubsearch::relevance {

// One document of the baseline: a link with the block that holds it, or a post without links.
struct NaiveDocument {
  std::string post;        // the post's path relative to the content folder
  std::string post_title;  // from the front matter, else the file's default title
  std::string link_text;   // as written between the brackets, its whitespace made single spaces
  std::string url;         // the link's destination as written; empty: the post has no links
  std::string text;        // the block holding the link and the linkless blocks after it; else the whole body

  bool has_link() const { return !url.empty(); }
};

// The naive split of a post's Markdown body: blocks end at blank lines and a list item
// starts a new one; each inline link `[text](url)` (not an image, not an empty
// destination) and each autolink `<https://…>` (its text is its URL) is one document with
// its block and the blocks without links that follow it (the commentary under a linked
// heading); a body without such links is one document.
std::vector<NaiveDocument> naive_documents(const std::string& post, const std::string& post_title,
                                           std::string_view body);

// The posts of `site` its content scan lists, those `wanted` keeps (the posts our index
// holds: what a generator publishes is not what the baseline is compared on), split by
// naive_documents. Reads titles and bodies with our front matter parser.
std::vector<NaiveDocument> naive_site_documents(const indexer::Site& site,
                                                const std::function<bool(const std::string& path)>& wanted);

// The FTS5 query for what a user typed: each word (a run of letters and digits, see
// index::words_of; CJK as unicode61 splits it) double-quoted, joined by OR. With
// `last_is_prefix`, the last word is a prefix query ("transf"*), as a search box that
// searches while one types does. Empty when the text has no word.
std::string fts5_query(std::string_view typed, bool last_is_prefix = false);

// An in-memory FTS5 table of the documents (columns: post title, link text, block),
// tokenized by `porter unicode61 remove_diacritics 2` and ranked by bm25() with equal
// column weights. Throws std::runtime_error when this SQLite has no FTS5.
class Fts5Baseline {
 public:
  explicit Fts5Baseline(std::vector<NaiveDocument> documents);
  ~Fts5Baseline();
  Fts5Baseline(const Fts5Baseline&) = delete;
  Fts5Baseline& operator=(const Fts5Baseline&) = delete;

  // The best `limit` documents for `typed` (see fts5_query), best first.
  std::vector<const NaiveDocument*> search(std::string_view typed, std::size_t limit,
                                           bool last_is_prefix = false) const;

  const std::vector<NaiveDocument>& documents() const noexcept { return documents_; }

 private:
  std::vector<NaiveDocument> documents_;
  sqlite3* db_ = nullptr;
};

}  // namespace clubsearch::relevance
