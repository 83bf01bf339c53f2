// Site: what the blog's static-site generator decides about URLs: the base URL, where
// content lives, and the permalink of each post (Zola and Hugo rules differ).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "index/date.h"
#include "indexer/front_matter.h"
#include "indexer/slug.h"

namespace clubsearch::indexer {

// The site's configuration file cannot be read or parsed.
class SiteConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Site {
 public:
  // A site without a configuration: Zola's URL rules and site-relative permalinks.
  explicit Site(std::filesystem::path content_dir);

  // Finds the site for `dir`: a site root (holding config.toml, hugo.toml, config.yaml…,
  // its content in content/), the content/ folder of one, or a bare folder of posts.
  static Site discover(const std::filesystem::path& dir);
  // The site described by `config_file`, with posts in `content_dir` (by default the
  // config's contentDir, or content/, beside it).
  static Site from_config(const std::filesystem::path& config_file,
                          std::optional<std::filesystem::path> content_dir = std::nullopt);

  SiteGenerator generator() const noexcept { return generator_; }
  const std::string& base_url() const noexcept { return base_url_; }
  const std::filesystem::path& content_dir() const noexcept { return content_dir_; }
  const std::optional<std::filesystem::path>& config_file() const noexcept { return config_file_; }

  void set_base_url(std::string base_url);

  // The post's URL: base URL + path, or the site-relative path when the base URL is unknown.
  // `relative_path` is the post file relative to the content directory ('/' separated).
  std::string permalink(const std::string& relative_path, const FrontMatter& front_matter,
                        const std::optional<index::Date>& date, const std::string& title) const;

 private:
  std::string zola_path(const std::string& relative_path, const FrontMatter& front_matter) const;
  std::string hugo_path(const std::string& relative_path, const FrontMatter& front_matter,
                        const std::optional<index::Date>& date, const std::string& title) const;

  SiteGenerator generator_ = SiteGenerator::zola;
  std::string base_url_;
  std::filesystem::path content_dir_;
  std::optional<std::filesystem::path> config_file_;
  std::map<std::string, std::string> hugo_permalinks_;  // section → pattern ("/:year/:slug/")
  bool hugo_lowercase_paths_ = true;
};

}  // namespace clubsearch::indexer
