// Reads Zola's, Hugo's and Jekyll's configuration files (TOML, YAML or JSON, all read into
// one tree first) for the settings that decide URLs and what is content.
#include "indexer/site_config.h"

#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "index/ascii.h"
#include "indexer/tree_bounds.h"

namespace clubsearch::indexer {

namespace fs = std::filesystem;

namespace {

using Tree = nlohmann::json;

constexpr std::array<std::string_view, 3> kJekyllConfigs{"_config.yml", "_config.yaml", "_config.toml"};
constexpr std::array<std::string_view, 4> kHugoConfigs{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json"};
// Names Zola and older Hugo sites share, told apart by their keys.
constexpr std::array<std::string_view, 5> kSharedConfigs{"config.toml", "zola.toml", "config.yaml",
                                                         "config.yml", "config.json"};
// Hugo reads config/_default/ and then the folder of the environment it builds for:
// `hugo` builds for production.
constexpr std::array<std::string_view, 2> kHugoEnvironments{"_default", "production"};

bool is_file(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error);
}

bool is_folder(const fs::path& path) {
  std::error_code error;
  return fs::is_directory(path, error);
}

template <std::size_t N>
std::optional<fs::path> first_file(const fs::path& dir, const std::array<std::string_view, N>& names) {
  for (std::string_view name : names)
    if (is_file(dir / name)) return dir / name;
  return std::nullopt;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SiteConfigError(path.string() + ": cannot read the site configuration");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// ---- One tree for every format --------------------------------------------------------

Tree toml_tree(const toml::node& node) {
  if (const auto* table = node.as_table()) {
    Tree out = Tree::object();
    for (const auto& [key, value] : *table) out[std::string(key.str())] = toml_tree(value);
    return out;
  }
  if (const auto* array = node.as_array()) {
    Tree out = Tree::array();
    for (const toml::node& item : *array) out.push_back(toml_tree(item));
    return out;
  }
  if (const auto* text = node.as_string()) return text->get();
  if (const auto* flag = node.as_boolean()) return flag->get();
  if (const auto* number = node.as_integer()) return number->get();
  if (const auto* number = node.as_floating_point()) return number->get();
  std::ostringstream written;  // dates and times, as written
  node.visit([&written](const auto& n) { written << n; });
  return written.str();
}

// Plain scalars that YAML reads as booleans stay booleans; every other scalar is text.
Tree yaml_tree(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      Tree out = Tree::object();
      for (const auto& item : node)
        if (item.first.IsScalar()) out[item.first.Scalar()] = yaml_tree(item.second);
      return out;
    }
    case YAML::NodeType::Sequence: {
      Tree out = Tree::array();
      for (const YAML::Node& item : node) out.push_back(yaml_tree(item));
      return out;
    }
    case YAML::NodeType::Scalar: {
      bool flag = false;
      if (node.Tag() == "?" && YAML::convert<bool>::decode(node, flag)) return flag;
      return node.Scalar();
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
  return nullptr;
}

Tree load_tree(const fs::path& path) {
  const std::string text = read_file(path);
  const std::string extension = index::ascii_lowercase(path.extension().string());
  Tree tree;
  if (extension == ".yaml" || extension == ".yml") {
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::Exception& error) {
      throw SiteConfigError(path.string() + ":" + std::to_string(error.mark.line + 1) + ": " + error.msg);
    }
    if (root.IsNull()) return Tree::object();  // an empty file: every setting at its default
    if (!root.IsMap()) throw SiteConfigError(path.string() + ": the site configuration is not a map of keys");
    if (const auto beyond = yaml_beyond_bounds(root))
      throw SiteConfigError(path.string() + ": the site configuration " + *beyond);
    tree = yaml_tree(root);
  } else if (extension == ".json") {
    try {
      tree = Tree::parse(text, [&path](int depth, Tree::parse_event_t event, Tree&) {
        if (opens_level_beyond_bounds(depth, event))
          throw SiteConfigError(path.string() + ": the site configuration " + json_too_deep());
        return true;
      });
    } catch (const Tree::exception& error) {
      throw SiteConfigError(path.string() + ": " + error.what());
    }
    if (!tree.is_object()) throw SiteConfigError(path.string() + ": the site configuration is not an object");
  } else {
    try {
      tree = toml_tree(toml::parse(text, path.string()));
    } catch (const toml::parse_error& error) {
      throw SiteConfigError(path.string() + ":" + std::to_string(error.source().begin.line) + ": " +
                            std::string(error.description()));
    }
  }
  return tree;
}

// The value of `name` in `table`, whatever the case of its key (Hugo's keys are not
// case-sensitive; the others' keys are written in lowercase anyway).
const Tree* find(const Tree& table, std::string_view name) {
  if (!table.is_object()) return nullptr;
  for (const auto& [key, value] : table.items())
    if (index::ascii_lowercase(key) == name) return &value;
  return nullptr;
}

std::optional<std::string> text(const Tree& table, std::string_view name) {
  const Tree* value = find(table, name);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return value->get<std::string>();
}

std::optional<bool> flag(const Tree& table, std::string_view name) {
  const Tree* value = find(table, name);
  if (value == nullptr) return std::nullopt;
  if (value->is_boolean()) return value->get<bool>();
  if (value->is_string()) {
    const std::string written = index::ascii_lowercase(value->get<std::string>());
    if (written == "true" || written == "false") return written == "true";
  }
  return std::nullopt;
}

std::string trim_slashes(std::string text) {
  while (!text.empty() && text.back() == '/') text.pop_back();
  return text;
}

// ---- Zola ------------------------------------------------------------------------------

SlugStrategy slug_strategy(const Tree& slugify, std::string_view name, const fs::path& file) {
  const std::optional<std::string> value = text(slugify, name);
  if (!value || *value == "on") return SlugStrategy::on;
  if (*value == "safe") return SlugStrategy::safe;
  if (*value == "off") return SlugStrategy::off;
  throw SiteConfigError(file.string() + ": [slugify] " + std::string(name) + " = \"" + *value +
                        "\": Zola takes \"on\", \"safe\" or \"off\"");
}

SiteConfig zola_config(const fs::path& file, const Tree& tree) {
  SiteConfig config;
  config.generator = SiteGenerator::zola;
  config.files.push_back(file);
  config.base_url = trim_slashes(text(tree, "base_url").value_or(""));
  if (const Tree* slugify = find(tree, "slugify"); slugify != nullptr && slugify->is_object()) {
    config.zola.paths = slug_strategy(*slugify, "paths", file);
    config.zola.anchors = slug_strategy(*slugify, "anchors", file);
    config.zola.paths_keep_dates = flag(*slugify, "paths_keep_dates").value_or(false);
  }
  return config;
}

// ---- Hugo ------------------------------------------------------------------------------

// Hugo's keys are not case-sensitive: merged trees hold them lowercased.
Tree lowercase_keys(const Tree& tree) {
  if (!tree.is_object()) return tree;
  Tree out = Tree::object();
  for (const auto& [key, value] : tree.items()) out[index::ascii_lowercase(key)] = lowercase_keys(value);
  return out;
}

// Later files win, table by table, as Hugo merges its configuration.
void merge_into(Tree& base, const Tree& more) {
  for (const auto& [key, value] : more.items()) {
    if (value.is_object() && base.contains(key) && base[key].is_object())
      merge_into(base[key], value);
    else
      base[key] = value;
  }
}

bool is_config_file(const fs::path& path) {
  const std::string extension = index::ascii_lowercase(path.extension().string());
  return is_file(path) &&
         (extension == ".toml" || extension == ".yaml" || extension == ".yml" || extension == ".json");
}

// A folder of config/: hugo.toml and config.toml hold root keys; any other file holds the
// key it is named after (permalinks.toml is [permalinks]). Language files such as
// menus.en.toml name no key of ours.
void merge_config_folder(const fs::path& folder, Tree& merged, std::vector<fs::path>& files) {
  std::vector<fs::path> entries;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error))
    if (is_config_file(entry.path())) entries.push_back(entry.path());
  std::sort(entries.begin(), entries.end());
  for (const fs::path& path : entries) {
    const std::string stem = index::ascii_lowercase(path.stem().string());
    if (stem.find('.') != std::string::npos) continue;
    const Tree tree = lowercase_keys(load_tree(path));
    files.push_back(path);
    if (stem == "hugo" || stem == "config")
      merge_into(merged, tree);
    else
      merge_into(merged, Tree{{stem, tree}});
  }
}

// The first version a build file names for Hugo (hugo_version_of), as text.
std::optional<std::smatch> hugo_version_in(const std::string& text) {
  static const std::regex named(R"((?:HUGO_VERSION|hugo-version)["']?[ \t]*[:=][ \t]*["']?v?(\d{1,6})\.(\d{1,6})(\.\d{1,6})?)",
                                std::regex::icase);
  std::smatch found;
  if (!std::regex_search(text, found, named)) return std::nullopt;
  return found;
}

SiteConfig hugo_config(const std::optional<fs::path>& root_file, const fs::path& root) {
  SiteConfig config;
  config.generator = SiteGenerator::hugo;
  Tree merged = Tree::object();
  if (root_file) {
    merge_into(merged, lowercase_keys(load_tree(*root_file)));
    config.files.push_back(*root_file);
  }
  for (std::string_view environment : kHugoEnvironments) {
    const fs::path folder = root / "config" / environment;
    if (is_folder(folder)) merge_config_folder(folder, merged, config.files);
  }
  if (const std::optional<HugoVersion> version = hugo_version_of(root)) {
    config.hugo.version = std::pair{version->major, version->minor};
    config.files.push_back(version->file);
  }
  config.base_url = trim_slashes(text(merged, "baseurl").value_or(""));
  config.content_dir = text(merged, "contentdir");
  config.hugo.lowercase_paths = !flag(merged, "disablepathtolower").value_or(false);
  if (const Tree* markup = find(merged, "markup"); markup != nullptr && markup->is_object())
    if (const Tree* goldmark = find(*markup, "goldmark"); goldmark != nullptr && goldmark->is_object()) {
      if (const Tree* renderer = find(*goldmark, "renderer"); renderer != nullptr && renderer->is_object())
        config.hugo.raw_html = flag(*renderer, "unsafe").value_or(false);
      if (const Tree* extensions = find(*goldmark, "extensions"); extensions != nullptr && extensions->is_object())
        config.hugo.linkify = flag(*extensions, "linkify").value_or(true);
    }
  if (const Tree* permalinks = find(merged, "permalinks"); permalinks != nullptr && permalinks->is_object()) {
    const Tree* page = find(*permalinks, "page");  // newer Hugo nests them
    const Tree& table = page != nullptr && page->is_object() ? *page : *permalinks;
    for (const auto& [section, pattern] : table.items())
      if (pattern.is_string()) config.hugo.permalinks[section] = pattern.get<std::string>();
  }
  return config;
}

// A config.toml (or .yaml, .json) of either Zola or Hugo. Zola requires base_url; Hugo
// writes baseURL and has keys Zola does not know.
bool hugo_keys(const Tree& tree) {
  if (find(tree, "base_url") != nullptr) return false;
  for (std::string_view key :
       {"baseurl", "permalinks", "contentdir", "languagecode", "params", "disablepathtolower",
        "defaultcontentlanguage", "markup", "menus", "menu", "outputs", "module"})
    if (find(tree, key) != nullptr) return true;
  return false;
}

// ---- Jekyll ----------------------------------------------------------------------------

AnchorStyle jekyll_anchors(const Tree& tree) {
  const std::string markdown = index::ascii_lowercase(text(tree, "markdown").value_or("kramdown"));
  // GitHub Pages' CommonMark converter gives GitHub's ids, as goldmark's are.
  if (markdown != "kramdown") return AnchorStyle::goldmark;
  const Tree* kramdown = find(tree, "kramdown");
  if (kramdown == nullptr || !kramdown->is_object()) return AnchorStyle::kramdown_gfm;
  if (!flag(*kramdown, "auto_ids").value_or(true)) return AnchorStyle::none;
  const std::string input = index::ascii_lowercase(text(*kramdown, "input").value_or("GFM"));
  return input == "kramdown" ? AnchorStyle::kramdown : AnchorStyle::kramdown_gfm;
}

SiteConfig jekyll_config(const fs::path& file, const Tree& tree) {
  SiteConfig config;
  config.generator = SiteGenerator::jekyll;
  config.files.push_back(file);
  std::string baseurl = trim_slashes(text(tree, "baseurl").value_or(""));
  if (!baseurl.empty() && baseurl.front() != '/') baseurl.insert(0, "/");
  config.base_url = trim_slashes(text(tree, "url").value_or("")) + baseurl;
  if (const auto source = text(tree, "source"); source && *source != ".") config.content_dir = *source;
  config.jekyll.permalink_style = text(tree, "permalink").value_or("date");
  config.jekyll.posts_template = jekyll_style_template(config.jekyll.permalink_style);
  // A `posts` collection's own permalink wins over the site's.
  if (const Tree* collections = find(tree, "collections"); collections != nullptr && collections->is_object())
    if (const Tree* posts = find(*collections, "posts"); posts != nullptr && posts->is_object())
      if (const auto permalink = text(*posts, "permalink"))
        config.jekyll.posts_template = jekyll_style_template(*permalink);
  config.jekyll.anchors = jekyll_anchors(tree);
  if (const Tree* exclude = find(tree, "exclude"); exclude != nullptr && exclude->is_array())
    for (const Tree& item : *exclude)
      if (item.is_string()) config.jekyll.exclude.push_back(item.get<std::string>());
  return config;
}

SiteConfig config_as(SiteGenerator generator, const fs::path& file, const fs::path& root) {
  switch (generator) {
    case SiteGenerator::jekyll:
      return jekyll_config(file, load_tree(file));
    case SiteGenerator::hugo:
      return hugo_config(file, root);
    case SiteGenerator::zola:
      break;
  }
  return zola_config(file, load_tree(file));
}

}  // namespace

std::string jekyll_style_template(const std::string& style) {
  if (style == "date") return "/:categories/:year/:month/:day/:title:output_ext";
  if (style == "pretty") return "/:categories/:year/:month/:day/:title/";
  if (style == "ordinal") return "/:categories/:year/:y_day/:title:output_ext";
  if (style == "weekdate") return "/:categories/:year/W:week/:short_day/:title:output_ext";
  if (style == "none") return "/:categories/:title:output_ext";
  return style;
}

SiteConfig read_site_config(const fs::path& file, std::optional<SiteGenerator> generator) {
  const std::string name = index::ascii_lowercase(file.filename().string());
  const fs::path root = file.parent_path();
  if (!generator) {
    if (name.rfind("_config.", 0) == 0) generator = SiteGenerator::jekyll;
    if (name.rfind("hugo.", 0) == 0) generator = SiteGenerator::hugo;
    if (name == "zola.toml") generator = SiteGenerator::zola;
  }
  if (generator) return config_as(*generator, file, root);
  const Tree tree = load_tree(file);
  return hugo_keys(tree) ? hugo_config(file, root) : zola_config(file, tree);
}

std::optional<HugoVersion> hugo_version_of(const fs::path& root) {
  std::vector<fs::path> files{root / "netlify.toml", root / "vercel.json", root / ".gitlab-ci.yml"};
  std::vector<fs::path> workflows;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(root / ".github" / "workflows", error)) {
    const std::string extension = index::ascii_lowercase(entry.path().extension().string());
    if (extension == ".yml" || extension == ".yaml") workflows.push_back(entry.path());
  }
  std::sort(workflows.begin(), workflows.end());
  files.insert(files.end(), workflows.begin(), workflows.end());
  constexpr std::uintmax_t kLargest = 256 << 10;  // a build file, not anything else
  for (const fs::path& file : files) {
    if (!fs::is_regular_file(file, error) || fs::file_size(file, error) > kLargest || error) continue;
    std::ifstream in(file, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (const auto found = hugo_version_in(text)) {
      const std::smatch& match = *found;
      HugoVersion version{std::stoi(match[1].str()), std::stoi(match[2].str()),
                          match[1].str() + "." + match[2].str() + match[3].str(), file};
      return version;
    }
  }
  return std::nullopt;
}

std::optional<SiteConfig> find_site_config(const fs::path& root, std::optional<SiteGenerator> generator) {
  const auto jekyll_file = first_file(root, kJekyllConfigs);
  const auto hugo_file = first_file(root, kHugoConfigs);
  const auto shared_file = first_file(root, kSharedConfigs);
  const bool hugo_folder = is_folder(root / "config" / "_default");
  if (generator == SiteGenerator::jekyll) {
    if (jekyll_file) return jekyll_config(*jekyll_file, load_tree(*jekyll_file));
    return std::nullopt;
  }
  if (generator == SiteGenerator::hugo) {
    if (hugo_file || shared_file || hugo_folder)
      return hugo_config(hugo_file ? hugo_file : shared_file, root);
    return std::nullopt;
  }
  if (generator == SiteGenerator::zola) {
    if (shared_file) return zola_config(*shared_file, load_tree(*shared_file));
    return std::nullopt;
  }
  if (jekyll_file) return jekyll_config(*jekyll_file, load_tree(*jekyll_file));
  if (hugo_file || hugo_folder) return hugo_config(hugo_file ? hugo_file : shared_file, root);
  if (shared_file) return read_site_config(*shared_file);
  return std::nullopt;
}

}  // namespace clubsearch::indexer
