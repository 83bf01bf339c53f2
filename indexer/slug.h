// Slugs the way the site generator makes them: a post's URL path component from its file
// or folder name, and a heading's anchor id, so deep links land on the right heading.
// Zola, Hugo and Jekyll (kramdown) each have their own rules.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace clubsearch::indexer {

enum class SiteGenerator { zola, hugo, jekyll };

// "zola", "hugo", "jekyll".
const char* generator_name(SiteGenerator generator);

// Zola's [slugify] strategies for paths and anchors: "on" (the `slug` crate, transliterated
// to ASCII), "safe" (only what paths cannot hold is removed), "off" (as written).
enum class SlugStrategy { on, safe, off };

// How a page's headings get their ids.
enum class AnchorStyle {
  zola_on,       // Zola, [slugify] anchors = "on": the `slug` crate
  zola_safe,     // Zola, anchors = "safe" or "off": ASCII whitespace becomes '_'
  goldmark,      // Hugo (0.144 and later): goldmark's GitHub-style ids of the heading's text
  // Hugo before 0.144: the same ids of the heading as written in Markdown, so that a
  // link's URL (and title, and a reference's label) is part of its heading's id:
  // "## [Paper](https://arxiv.org/abs/2404.16014)" is "paperhttpsarxivorgabs240416014".
  goldmark_source,
  kramdown_gfm,  // Jekyll's default: kramdown with GFM input
  kramdown,      // Jekyll with `kramdown: input: kramdown`
  none,          // no ids (kramdown `auto_ids: false`)
};

// The anchor style a generator uses unless its config says otherwise.
AnchorStyle default_anchor_style(SiteGenerator generator);

// URL path component for a file or folder name (without extension), e.g.
// "journal_club_1" → "journal-club-1" for Zola. Hugo lowercases paths unless the site
// sets disablePathToLower, which `keep_case` follows; Zola always lowercases.
// Jekyll's slugs are jekyll_slugify's.
std::string slugify_path(std::string_view name, SiteGenerator generator, bool keep_case = false);

// Zola's slugify_paths: "on" is slugify_path's Zola rule; "safe" trims trailing spaces and
// dots and removes < > : " / \ | ? *; "off" keeps the name as written.
std::string zola_slugify_path(std::string_view name, SlugStrategy strategy);

// Jekyll's Utils.slugify. `default_mode` replaces every run of characters that are not
// letters, marks or decimal digits by one '-'; `pretty` also keeps . _ ~ ! $ & ' ( ) + , ; = @.
// One '-' is trimmed from each end; the result is lowercased unless `cased`.
enum class JekyllSlugMode { default_mode, pretty };
std::string jekyll_slugify(std::string_view text, JekyllSlugMode mode, bool cased = false);

// The id a heading with this plain text gets, before de-duplication (for goldmark_source,
// give the heading as written: heading_source in post_body.h).
std::string heading_anchor(std::string_view heading_text, AnchorStyle style);
// The generator's default style.
std::string heading_anchor(std::string_view heading_text, SiteGenerator generator);

// De-duplicates anchors within one page as the generator does. Zola and Hugo: the first
// "intro" stays "intro", the next ones become "intro-1", "intro-2", ..., skipping any id
// already on the page. kramdown counts each id it generated, whatever else is on the page.
class AnchorSet {
 public:
  explicit AnchorSet(AnchorStyle style = AnchorStyle::zola_on) : style_(style) {}
  std::string unique(const std::string& anchor);

 private:
  AnchorStyle style_;
  std::unordered_map<std::string, unsigned> seen_;
};

}  // namespace clubsearch::indexer
