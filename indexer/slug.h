// Slugs the way the site generator makes them: a post's URL path component from its file
// or folder name, and a heading's anchor id, so deep links land on the right heading.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace clubsearch::indexer {

enum class SiteGenerator { zola, hugo };

// URL path component for a file or folder name (without extension), e.g.
// "journal_club_1" → "journal-club-1" for Zola. Hugo lowercases paths unless the site
// sets disablePathToLower, which `keep_case` follows; Zola always lowercases.
std::string slugify_path(std::string_view name, SiteGenerator generator, bool keep_case = false);

// The id the generator gives a heading with this plain text, before de-duplication.
std::string heading_anchor(std::string_view heading_text, SiteGenerator generator);

// De-duplicates anchors within one page as both generators do: the first "intro" stays
// "intro", the next ones become "intro-1", "intro-2", ...
class AnchorSet {
 public:
  std::string unique(const std::string& anchor);

 private:
  std::unordered_map<std::string, unsigned> seen_;
};

}  // namespace clubsearch::indexer
