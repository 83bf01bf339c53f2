// SiteConfig: what a site's generator configuration says about its URLs and content, read
// from the generator's own files: Zola's config.toml, Hugo's root config and config/
// folder, Jekyll's _config.yml.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "indexer/slug.h"

namespace clubsearch::indexer {

// The site's configuration file cannot be read or parsed.
class SiteConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Zola's [slugify] table.
struct ZolaSettings {
  SlugStrategy paths = SlugStrategy::on;
  SlugStrategy anchors = SlugStrategy::on;
  bool paths_keep_dates = false;  // a file name's date prefix stays in its slug
};

struct HugoSettings {
  std::map<std::string, std::string> permalinks;  // section → pattern ("/:year/:slug/")
  bool lowercase_paths = true;                    // false: disablePathToLower
  // The Hugo release the site is built with, as its build files name it (hugo_version_of),
  // as {major, minor}; none when they do not.
  std::optional<std::pair<int, int>> version;
  // Hugo before 0.144 made a heading's id of the heading as written, a link's URL and all
  // (fixed in 0.144.0): what a site built with an older release has.
  bool heading_ids_from_source() const { return version && *version < std::pair{0, 144}; }
  // markup.goldmark.renderer.unsafe: Hugo renders raw HTML (an `<a href>` in a post) only
  // when it is set; by default it leaves it out of the page, the text between tags kept.
  bool raw_html = false;
  // markup.goldmark.extensions.linkify (on by default): a bare address is a link.
  bool linkify = true;
};

// The Hugo release a site's build files name, and the file that names it: HUGO_VERSION in
// netlify.toml, vercel.json, .gitlab-ci.yml or a GitHub Actions workflow
// (.github/workflows/*.yml), or the hugo-version of a workflow's Hugo set-up step. None
// when no such file names one ("latest" names none).
struct HugoVersion {
  int major = 0, minor = 0;
  std::string text;             // "0.111.3"
  std::filesystem::path file;  // where it was found
};
std::optional<HugoVersion> hugo_version_of(const std::filesystem::path& root);

struct JekyllSettings {
  // The posts' permalink template ("/:categories/:year/:month/:day/:title:output_ext") and
  // the style it came from (date, pretty, ordinal, weekdate, none, or the template itself),
  // which decides how pages' URLs end.
  std::string permalink_style = "date";
  std::string posts_template = "/:categories/:year/:month/:day/:title:output_ext";
  AnchorStyle anchors = AnchorStyle::kramdown_gfm;
  std::vector<std::string> exclude;  // `exclude`, added to Jekyll's own
  // No _posts/ folder: the content folder is itself a folder of posts (a copy of _posts/).
  bool posts_folder = false;
};

struct SiteConfig {
  SiteGenerator generator = SiteGenerator::zola;
  std::string base_url;                      // without a trailing '/'; empty: site-relative URLs
  std::optional<std::string> content_dir;    // Hugo's contentDir, Jekyll's source; from the root
  std::vector<std::filesystem::path> files;  // the files read, in the order they were merged
  ZolaSettings zola;
  HugoSettings hugo;
  JekyllSettings jekyll;
};

// Jekyll's built-in permalink styles as templates; anything else is a template already.
std::string jekyll_style_template(const std::string& style);

// The configuration of the site whose root is `root`, when it has one: Jekyll's
// _config.yml (.yaml, .toml), Hugo's hugo.toml (.yaml, .yml, .json) and config/_default/
// (with config/production/, what `hugo` builds), or a config.toml (zola.toml, config.yaml,
// config.yml, config.json) whose keys tell Zola from Hugo. `generator`, when given, reads
// the files as that generator's. Throws SiteConfigError for a file that cannot be used.
std::optional<SiteConfig> find_site_config(const std::filesystem::path& root,
                                           std::optional<SiteGenerator> generator = std::nullopt);

// The configuration in `file` (for Hugo, also the config/ folder beside it); the file's
// name, or its keys, tell its generator unless `generator` is given.
SiteConfig read_site_config(const std::filesystem::path& file,
                            std::optional<SiteGenerator> generator = std::nullopt);

}  // namespace clubsearch::indexer
