// Site discovery, generator configuration and permalink rules of Zola and Hugo.
#include "indexer/site.h"

#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "index/ascii.h"

namespace clubsearch::indexer {

namespace fs = std::filesystem;

namespace {

// The configuration keys clubsearch reads, whatever the file format.
struct ConfigValues {
  std::optional<std::string> zola_base_url;  // "base_url"
  std::optional<std::string> hugo_base_url;  // "baseURL" in any case
  std::optional<std::string> content_dir;    // Hugo "contentDir"
  std::map<std::string, std::string> permalinks;
  bool disable_path_to_lower = false;
};

constexpr std::array<std::string_view, 9> kConfigNames{"config.toml", "hugo.toml",   "zola.toml",
                                                       "config.yaml", "config.yml",  "hugo.yaml",
                                                       "hugo.yml",    "config.json", "hugo.json"};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SiteConfigError(path.string() + ": cannot read the site configuration");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ConfigValues read_toml(const fs::path& path) {
  ConfigValues values;
  toml::table root;
  try {
    root = toml::parse(read_file(path), path.string());
  } catch (const toml::parse_error& error) {
    throw SiteConfigError(path.string() + ":" + std::to_string(error.source().begin.line) + ": " +
                          std::string(error.description()));
  }
  for (const auto& [key, node] : root) {
    const std::string name = index::ascii_lowercase(key.str());
    if (name == "base_url" && node.is_string()) values.zola_base_url = node.as_string()->get();
    if (name == "baseurl" && node.is_string()) values.hugo_base_url = node.as_string()->get();
    if (name == "contentdir" && node.is_string()) values.content_dir = node.as_string()->get();
    if (name == "disablepathtolower") values.disable_path_to_lower = node.value_or(false);
    if (name == "permalinks" && node.is_table()) {
      const toml::table* table = node.as_table();
      if (const auto* page = table->get_as<toml::table>("page")) table = page;  // newer Hugo nests them
      for (const auto& [section, pattern] : *table)
        if (pattern.is_string()) values.permalinks[std::string(section.str())] = pattern.as_string()->get();
    }
  }
  return values;
}

ConfigValues read_yaml(const fs::path& path) {
  ConfigValues values;
  YAML::Node root;
  try {
    root = YAML::Load(read_file(path));
  } catch (const YAML::Exception& error) {
    throw SiteConfigError(path.string() + ":" + std::to_string(error.mark.line + 1) + ": " + error.msg);
  }
  if (!root.IsMap()) throw SiteConfigError(path.string() + ": the site configuration is not a map of keys");
  for (const auto& item : root) {
    const std::string name = index::ascii_lowercase(item.first.as<std::string>(""));
    const YAML::Node& node = item.second;
    if (name == "baseurl" && node.IsScalar()) values.hugo_base_url = node.as<std::string>();
    if (name == "base_url" && node.IsScalar()) values.zola_base_url = node.as<std::string>();
    if (name == "contentdir" && node.IsScalar()) values.content_dir = node.as<std::string>();
    if (name == "disablepathtolower" && node.IsScalar()) values.disable_path_to_lower = node.as<bool>(false);
    if (name == "permalinks" && node.IsMap()) {
      const YAML::Node table = node["page"] && node["page"].IsMap() ? node["page"] : node;
      for (const auto& section : table)
        if (section.second.IsScalar())
          values.permalinks[section.first.as<std::string>("")] = section.second.as<std::string>();
    }
  }
  return values;
}

ConfigValues read_json(const fs::path& path) {
  ConfigValues values;
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(read_file(path));
  } catch (const nlohmann::json::exception& error) {
    throw SiteConfigError(path.string() + ": " + error.what());
  }
  if (!root.is_object()) throw SiteConfigError(path.string() + ": the site configuration is not an object");
  for (const auto& [key, node] : root.items()) {
    const std::string name = index::ascii_lowercase(key);
    if (name == "baseurl" && node.is_string()) values.hugo_base_url = node.get<std::string>();
    if (name == "base_url" && node.is_string()) values.zola_base_url = node.get<std::string>();
    if (name == "contentdir" && node.is_string()) values.content_dir = node.get<std::string>();
    if (name == "disablepathtolower" && node.is_boolean()) values.disable_path_to_lower = node.get<bool>();
    if (name == "permalinks" && node.is_object()) {
      const nlohmann::json& table = node.contains("page") && node["page"].is_object() ? node["page"] : node;
      for (const auto& [section, pattern] : table.items())
        if (pattern.is_string()) values.permalinks[section] = pattern.get<std::string>();
    }
  }
  return values;
}

ConfigValues read_config(const fs::path& path) {
  const std::string extension = index::ascii_lowercase(path.extension().string());
  if (extension == ".yaml" || extension == ".yml") return read_yaml(path);
  if (extension == ".json") return read_json(path);
  return read_toml(path);
}

std::optional<fs::path> config_in(const fs::path& dir) {
  for (std::string_view name : kConfigNames) {
    const fs::path candidate = dir / name;
    std::error_code error;
    if (fs::is_regular_file(candidate, error)) return candidate;
  }
  return std::nullopt;
}

std::string trim_slashes(std::string text) {
  while (!text.empty() && text.back() == '/') text.pop_back();
  return text;
}

struct PathParts {
  std::vector<std::string> sections;  // folders above the post
  std::string stem;                   // file name without extension, or the bundle's folder
};

PathParts split_post_path(const std::string& relative_path) {
  PathParts parts;
  std::vector<std::string> components;
  std::stringstream stream(relative_path);
  for (std::string component; std::getline(stream, component, '/');)
    if (!component.empty()) components.push_back(component);
  if (components.empty()) return parts;
  std::string file = components.back();
  components.pop_back();
  const auto dot = file.rfind('.');
  std::string stem = dot == std::string::npos ? file : file.substr(0, dot);
  if ((stem == "index" || stem == "_index") && !components.empty()) {  // a page bundle: the folder names it
    stem = components.back();
    components.pop_back();
  }
  parts.sections = std::move(components);
  parts.stem = std::move(stem);
  return parts;
}

// "2024-07-10-title" and "2024-07-10_title" name a dated post "title" (Zola strips the date).
std::string without_date_prefix(const std::string& stem) {
  if (stem.size() > 11 && index::date_from_file_name(stem) && (stem[10] == '-' || stem[10] == '_'))
    return stem.substr(11);
  return stem;
}

std::string join_sections(const std::vector<std::string>& sections) {
  std::string path = "/";
  for (const std::string& section : sections) path += section + "/";
  return path;
}

std::string two_digits(int value) { return (value < 10 ? "0" : "") + std::to_string(value); }

}  // namespace

Site::Site(fs::path content_dir) : content_dir_(std::move(content_dir)) {}

Site Site::from_config(const fs::path& config_file, std::optional<fs::path> content_dir) {
  const ConfigValues values = read_config(config_file);
  Site site(content_dir ? std::move(*content_dir) : config_file.parent_path() / values.content_dir.value_or("content"));
  site.config_file_ = config_file;
  // The file's name says which generator reads it; a shared name like config.toml is
  // told apart by its keys (Zola's base_url, Hugo's baseURL).
  const bool hugo = config_file.filename().string().rfind("hugo.", 0) == 0 ||
                    (config_file.filename() != "zola.toml" && values.hugo_base_url && !values.zola_base_url);
  site.generator_ = hugo ? SiteGenerator::hugo : SiteGenerator::zola;
  site.base_url_ = trim_slashes((hugo ? values.hugo_base_url : values.zola_base_url).value_or(""));
  site.hugo_permalinks_ = values.permalinks;
  site.hugo_lowercase_paths_ = !values.disable_path_to_lower;
  return site;
}

Site Site::discover(const fs::path& dir) {
  if (const auto config = config_in(dir)) return from_config(*config);
  if (dir.filename() == "content" || (dir.filename().empty() && dir.parent_path().filename() == "content")) {
    const fs::path root = dir.filename().empty() ? dir.parent_path().parent_path() : dir.parent_path();
    if (const auto config = config_in(root)) return from_config(*config, dir);
  }
  return Site(dir);
}

void Site::set_base_url(std::string base_url) { base_url_ = trim_slashes(std::move(base_url)); }

std::string Site::permalink(const std::string& relative_path, const FrontMatter& front_matter,
                            const std::optional<index::Date>& date, const std::string& title) const {
  std::string path;
  if (generator_ == SiteGenerator::hugo) {
    path = hugo_path(relative_path, front_matter, date, title);
  } else {
    path = zola_path(relative_path, front_matter);
  }
  return base_url_ + path;
}

std::string Site::zola_path(const std::string& relative_path, const FrontMatter& front_matter) const {
  if (front_matter.path) {
    std::string path = *front_matter.path;
    if (path.empty() || path.front() != '/') path.insert(0, "/");
    if (path.back() != '/') path += '/';
    return path;
  }
  if (front_matter.permalink) return *front_matter.permalink;
  const PathParts parts = split_post_path(relative_path);
  const std::string slug =
      slugify_path(front_matter.slug.value_or(without_date_prefix(parts.stem)), SiteGenerator::zola);
  return join_sections(parts.sections) + slug + "/";
}

std::string Site::hugo_path(const std::string& relative_path, const FrontMatter& front_matter,
                            const std::optional<index::Date>& date, const std::string& title) const {
  if (front_matter.url) {
    std::string path = *front_matter.url;
    if (path.empty() || path.front() != '/') path.insert(0, "/");
    return path;
  }
  if (front_matter.permalink) return *front_matter.permalink;
  const PathParts parts = split_post_path(relative_path);
  const std::string section = parts.sections.empty() ? "" : parts.sections.front();
  const bool keep_case = !hugo_lowercase_paths_;
  auto hugo_slug = [&](std::string_view text) { return slugify_path(text, SiteGenerator::hugo, keep_case); };
  const std::string file_slug = hugo_slug(parts.stem);
  const std::string slug = hugo_slug(front_matter.slug ? *front_matter.slug : title);
  std::string path;
  if (auto pattern = hugo_permalinks_.find(section); pattern != hugo_permalinks_.end()) {
    const std::string& text = pattern->second;
    for (std::size_t pos = 0; pos < text.size();) {
      if (text[pos] != ':') {
        path += text[pos++];
        continue;
      }
      std::size_t end = pos + 1;
      while (end < text.size() && ((text[end] >= 'a' && text[end] <= 'z') || text[end] == '_')) ++end;
      const std::string token = text.substr(pos + 1, end - pos - 1);
      if (token == "year" && date)
        path += std::to_string(date->year);
      else if (token == "month" && date)
        path += two_digits(date->month);
      else if (token == "day" && date)
        path += two_digits(date->day);
      else if (token == "slug")
        path += slug;
      else if (token == "title")
        path += hugo_slug(title);
      else if (token == "filename" || token == "contentbasename")
        path += file_slug;
      else if (token == "slugorfilename" || token == "slugorcontentbasename")
        path += front_matter.slug ? slug : file_slug;
      else if (token == "section" || token == "sections")
        path += section;
      else
        path += text.substr(pos, end - pos);  // unknown token: kept as written, visibly
      pos = end;
    }
    if (path.empty() || path.front() != '/') path.insert(0, "/");
  } else {
    path = join_sections(parts.sections) + (front_matter.slug ? slug : file_slug) + "/";
  }
  return hugo_lowercase_paths_ ? index::ascii_lowercase(path) : path;
}

}  // namespace clubsearch::indexer
