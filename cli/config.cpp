// Finding and reading clubsearch.toml.
#include "cli/config.h"

#include <toml++/toml.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace clubsearch::cli {

namespace {

constexpr const char* kFileName = "clubsearch.toml";

std::filesystem::path environment_path(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::filesystem::path(value) : std::filesystem::path();
}

std::filesystem::path user_config_file() {
  std::filesystem::path config_home = environment_path("XDG_CONFIG_HOME");
  if (config_home.empty()) {
    const std::filesystem::path home = environment_path("HOME");
    if (home.empty()) return {};
    config_home = home / ".config";
  }
  return config_home / "clubsearch" / "config.toml";
}

bool is_file(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

// A path as written in the file: `~/` is the home folder, a relative path starts at the
// file's folder (so a config in the blog works from any folder below it).
std::filesystem::path resolved(const std::string& written, const std::filesystem::path& file) {
  std::filesystem::path path(written);
  if (written == "~" || written.rfind("~/", 0) == 0) {
    const std::filesystem::path home = environment_path("HOME");
    if (!home.empty()) path = home / written.substr(written.size() > 1 ? 2 : 1);
  }
  if (path.is_relative()) path = file.parent_path() / path;
  return path.lexically_normal();
}

std::string text_of(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  if (!in) throw ConfigError(file, 0, "cannot read this config file");
  text << in.rdbuf();
  return text.str();
}

std::string string_value(const toml::node& node, const std::string& key, const std::filesystem::path& file) {
  const auto* value = node.as_string();
  if (value == nullptr || value->get().empty())
    throw ConfigError(file, node.source().begin.line, "'" + key + "' must be a non-empty string");
  return value->get();
}

}  // namespace

ConfigError::ConfigError(const std::filesystem::path& file, unsigned line, const std::string& reason)
    : std::runtime_error(file.string() + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " +
                         reason) {}

std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& start) {
  for (std::filesystem::path folder = std::filesystem::absolute(start);; folder = folder.parent_path()) {
    if (is_file(folder / kFileName)) return folder / kFileName;
    if (folder == folder.parent_path()) break;
  }
  const std::filesystem::path user = user_config_file();
  if (!user.empty() && is_file(user)) return user;
  return std::nullopt;
}

Config read_config(const std::filesystem::path& file) {
  Config config;
  config.file = std::filesystem::absolute(file).lexically_normal();
  toml::table table;
  try {
    table = toml::parse(text_of(config.file), config.file.string());
  } catch (const toml::parse_error& error) {
    throw ConfigError(config.file, error.source().begin.line, std::string(error.description()));
  }
  for (const auto& [key_name, node] : table) {
    const std::string key(key_name.str());
    if (key == "base_url") {
      config.base_url = string_value(node, key, config.file);
      continue;
    }
    if (key == "generator") {
      config.generator = string_value(node, key, config.file);
      if (config.generator != "zola" && config.generator != "hugo" && config.generator != "jekyll")
        throw ConfigError(config.file, node.source().begin.line,
                          "'generator' is '" + config.generator + "'; it must be zola, hugo or jekyll");
      continue;
    }
    if (key == "reindex_token") {
      config.reindex_token = string_value(node, key, config.file);
      continue;
    }
    std::optional<std::filesystem::path>* path = key == "db"         ? &config.db
                                                 : key == "content"  ? &config.content
                                                 : key == "sources"  ? &config.sources
                                                 : key == "topics"   ? &config.topics
                                                 : key == "synonyms" ? &config.synonyms
                                                                     : nullptr;
    if (path == nullptr)
      throw ConfigError(config.file, key_name.source().begin.line,
                        "unknown key '" + key +
                            "'; the keys are db, content, base_url, generator, sources, topics, "
                            "synonyms, reindex_token");
    *path = resolved(string_value(node, key, config.file), config.file);
    const bool is_table = path != &config.db && path != &config.content;
    if (is_table && !is_file(**path))
      throw ConfigError(config.file, node.source().begin.line,
                        "'" + key + "': no file at " + (*path)->string());
  }
  return config;
}

Config load_config(const std::string& config_option) {
  if (!config_option.empty()) return read_config(config_option);
  const auto found = find_config_file(std::filesystem::current_path());
  return found ? read_config(*found) : Config{};
}

}  // namespace clubsearch::cli
