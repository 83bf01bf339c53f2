// The clubsearch.toml config file: where the index and the blog are, so that the common
// case needs no flags; found beside the blog (or above it) or in the user's config dir.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace clubsearch::cli {

// Paths are absolute: relative ones in the file are taken from the file's own folder.
struct Config {
  std::filesystem::path file;  // empty when no config file was found
  std::optional<std::filesystem::path> db;
  std::optional<std::filesystem::path> content;  // the blog's site root or content folder
  std::string base_url;
  std::string generator;      // "zola", "hugo" or "jekyll": whose rules `index` follows; empty: the site's
  std::string reindex_token;  // what `POST /api/reindex` must be sent (serve)
  std::optional<std::filesystem::path> sources, topics, synonyms;  // the user's own tables
};

// A config file that cannot be read or is malformed; what() is "path:line: reason".
class ConfigError : public std::runtime_error {
 public:
  ConfigError(const std::filesystem::path& file, unsigned line, const std::string& reason);
};

// The config file that applies when none is given: clubsearch.toml in `start` or the
// nearest folder above it, else $XDG_CONFIG_HOME/clubsearch/config.toml
// (~/.config/clubsearch/config.toml) when it exists.
std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& start);

// Throws ConfigError.
Config read_config(const std::filesystem::path& file);

// `--config FILE` when given, else the file find_config_file() finds from the current
// folder, else an empty Config.
Config load_config(const std::string& config_option);

}  // namespace clubsearch::cli
