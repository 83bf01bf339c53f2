// IndexReport: what one indexing run did, and every file it could not index and why.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace clubsearch::indexer {

struct FileProblem {
  std::string path;   // as the user named it: content directory + relative path
  unsigned line = 0;  // 1-based; 0 when the problem is not tied to a line
  std::string reason;

  // "path:line: reason" (or "path: reason"), the form editors and compilers use, on one
  // line whatever the path or the reason holds: control characters are written as
  // escapes ("\n" in a file name cannot start a line of its own), and a reason is cut
  // at kMaxReasonBytes.
  std::string describe() const;
};

inline constexpr std::size_t kMaxReasonBytes = 400;

struct IndexReport {
  std::size_t files = 0;          // Markdown posts found
  std::size_t indexed = 0;        // posts parsed and written by this run
  std::size_t unchanged = 0;      // posts skipped because their content had not changed
  std::size_t removed = 0;        // posts gone since the last run, now deleted from the index
  std::size_t drafts = 0;         // left out: draft (see --drafts)
  std::size_t future = 0;         // left out: dated or scheduled after today
  std::size_t expired = 0;        // left out: past their expiry date
  std::size_t unlisted = 0;       // left out: kept out of the site's lists by their front matter
  std::size_t empty = 0;          // left out: nothing but blanks (or empty front matter)
  std::size_t section_pages = 0;  // _index.md files, not posts
  std::size_t not_posts = 0;      // files the generator does not publish (Jekyll: undated in _posts/)
  std::size_t entries = 0;        // entry documents written by this run
  std::size_t documents = 0;      // the blog's documents (entries and posts) in the index after the run
  std::size_t papers = 0;         // paper documents in the index after the run
  std::vector<FileProblem> problems;
  // Files indexed anyway, with what their author should know (front matter set aside); a
  // file is warned about when it is indexed, not on the runs that find it unchanged.
  std::vector<FileProblem> warnings;
  bool rebuilt = false;  // a new generation was built (first run, --full, schema change)
  std::string rebuild_reason;
  bool committed = false;  // false when --strict refused to commit (a problem or a warning)
  double seconds = 0;
};

}  // namespace clubsearch::indexer
