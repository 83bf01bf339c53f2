// Site: what the blog's static-site generator decides about its posts: which generator's
// rules apply and why, the base URL, where content lives, what a file's place and name
// make of it, and the permalink of each post (Zola, Hugo and Jekyll rules differ).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/date.h"
#include "indexer/content_scan.h"
#include "indexer/front_matter.h"
#include "indexer/markdown_tree.h"
#include "indexer/site_config.h"
#include "indexer/slug.h"

namespace clubsearch::indexer {

// Which generator's rules a run follows, and what decided it.
struct GeneratorChoice {
  SiteGenerator generator = SiteGenerator::zola;
  // "config.toml", "--generator", "inferred from a _posts/ folder", "by default: …".
  std::string decided_by;
  // No site config and no choice named the generator: it was inferred, or taken by default.
  bool guessed = false;
};

// What the generator makes of a file from its place and name, before its front matter.
struct PageFile {
  bool draft = false;  // Jekyll: a file in _drafts/
  std::string section;
  std::string default_title;                 // the title of a page without one
  std::optional<index::Date> date;           // the date its name gives
  std::vector<std::string> path_categories;  // Jekyll: the folders above _posts/
};

class Site {
 public:
  // A site without a configuration: Zola's URL rules and site-relative permalinks.
  explicit Site(std::filesystem::path content_dir);

  // Finds the site for `dir`: a site root (holding _config.yml, hugo.toml, config/_default/,
  // config.toml…), the content/ folder of one, or a folder without a site config, whose
  // generator is inferred from its folders and front matter (Zola's rules when nothing
  // tells). `generator` chooses the rules instead (`chosen_by` says where the choice was
  // made, for the report). Throws SiteConfigError for a config that cannot be used.
  static Site discover(const std::filesystem::path& dir,
                       std::optional<SiteGenerator> generator = std::nullopt,
                       const std::string& chosen_by = {});
  // The site described by `config_file`, with posts in `content_dir` (by default the
  // config's contentDir or source, else content/ beside it for Zola and Hugo and the
  // config's folder for Jekyll).
  static Site from_config(const std::filesystem::path& config_file,
                          std::optional<std::filesystem::path> content_dir = std::nullopt,
                          std::optional<SiteGenerator> generator = std::nullopt,
                          const std::string& chosen_by = {});

  SiteGenerator generator() const noexcept { return config_.generator; }
  const GeneratorChoice& choice() const noexcept { return choice_; }
  const std::string& base_url() const noexcept { return config_.base_url; }
  const std::filesystem::path& content_dir() const noexcept { return content_dir_; }
  const std::optional<std::filesystem::path>& config_file() const noexcept { return config_file_; }
  AnchorStyle anchor_style() const;
  // Whether the generator puts a post's raw HTML (`<a href="…">`) on its page: Zola and
  // Jekyll do; Hugo only with markup.goldmark.renderer.unsafe.
  bool renders_raw_html() const;
  // What the generator makes links of beyond CommonMark: raw HTML links (above), and bare
  // addresses (Hugo's Linkify, on unless markup.goldmark.extensions.linkify = false).
  LinkExtensions link_extensions() const;
  ScanRules scan_rules() const;
  // Every setting that changes which files are posts or what their URLs are: an index
  // built with other settings is rebuilt.
  std::string url_settings() const;

  void set_base_url(std::string base_url);

  // `relative_path` is the post file relative to the content directory ('/' separated).
  PageFile page_file(const std::string& relative_path) const;

  // The post's URL: base URL + path, or the site-relative path when the base URL is unknown.
  std::string permalink(const std::string& relative_path, const FrontMatter& front_matter,
                        const std::optional<index::Date>& date, const std::string& title) const;

  // A post's Markdown with the site's own links written as the addresses the generator
  // makes of them, so that they are links: Jekyll's Liquid, which it renders before the
  // Markdown (`{{ site.baseurl }}`, `{{ site.url }}`, `{{ "/x" | relative_url }}` and
  // `absolute_url`, `{% post_url 2024-01-05-name %}`, `{% link path %}`), and Zola's
  // internal links (`[…](@/blog/post.md#part)`). A target's URL is made by the site's rules
  // from its path alone (its front matter is not read). Everything else, and other
  // generators' text, is left as it is.
  std::string with_site_links(std::string_view markdown) const;

 private:
  Site(SiteConfig config, std::filesystem::path content_dir, GeneratorChoice choice);

  std::string zola_path(const std::string& relative_path, const FrontMatter& front_matter) const;
  std::string hugo_path(const std::string& relative_path, const FrontMatter& front_matter,
                        const std::optional<index::Date>& date, const std::string& title) const;
  std::string jekyll_path(const std::string& relative_path, const FrontMatter& front_matter,
                          const std::optional<index::Date>& date) const;

  SiteConfig config_;
  std::filesystem::path content_dir_;
  std::optional<std::filesystem::path> config_file_;
  GeneratorChoice choice_;
  bool content_is_root_ = true;  // the content folder is the site's root (Jekyll, no config)
};

}  // namespace clubsearch::indexer
