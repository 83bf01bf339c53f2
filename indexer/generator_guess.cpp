// Guesses a folder's generator from its layout and the front matter keys of its first posts.
#include "indexer/generator_guess.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <vector>

#include "index/ascii.h"
#include "indexer/content_scan.h"

namespace clubsearch::indexer {

namespace fs = std::filesystem;

namespace {

// Enough posts to see the blog's habits, few enough to cost nothing next to indexing.
constexpr std::size_t kPostsRead = 64;
constexpr std::size_t kBytesRead = 16 * 1024;

// Front matter keys that only one of the generators gives a meaning to. In TOML, Zola
// and Hugo share title, date, draft, weight, aliases, slug…; Zola keeps taxonomies and
// theme settings in tables of its own. In YAML, Jekyll has no draft (it has _drafts/).
constexpr std::array<std::string_view, 7> kZolaKeys{"extra",           "taxonomies", "updated", "path",
                                                    "in_search_index", "render",     "template"};
constexpr std::array<std::string_view, 15> kHugoTomlKeys{
    "lastmod",   "publishdate", "expirydate", "url",  "headless",   "_build",   "build", "params",
    "linktitle", "pubdate",     "cascade",    "tags", "categories", "keywords", "markup"};
constexpr std::array<std::string_view, 14> kHugoYamlKeys{
    "draft",    "lastmod", "publishdate", "expirydate", "aliases",   "weight",  "url",
    "headless", "_build",  "build",       "params",     "linktitle", "pubdate", "cascade"};
constexpr std::array<std::string_view, 2> kJekyllKeys{"layout", "permalink"};

bool is_folder(const fs::path& path) {
  std::error_code error;
  return fs::is_directory(path, error);
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

enum class Format { none, toml, yaml, json };

struct FrontMatterKeys {
  Format format = Format::none;
  std::vector<std::string> keys;  // top-level keys and tables, lowercased
};

std::string key_of(std::string_view line, char separator) {
  const std::size_t end = line.find(separator);
  if (end == std::string_view::npos) return {};
  std::string key(trim(line.substr(0, end)));
  if (key.size() >= 2 && (key.front() == '"' || key.front() == '\'')) key = key.substr(1, key.size() - 2);
  const std::size_t dot = key.find('.');  // TOML dotted keys: extra.x is in [extra]
  return index::ascii_lowercase(dot == std::string::npos ? key : key.substr(0, dot));
}

// The top-level keys of a post's front matter, read line by line: broken YAML still shows
// its keys, and nothing is parsed twice.
FrontMatterKeys front_matter_keys(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text(kBytesRead, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  FrontMatterKeys found;
  std::size_t pos = 0;
  auto next_line = [&](std::string_view& line) {
    if (pos >= text.size()) return false;
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    line = std::string_view(text).substr(pos, end - pos);
    pos = end + 1;
    return true;
  };
  std::string_view line;
  while (next_line(line) && trim(line).empty()) {
  }
  if (trim(line) == "+++") found.format = Format::toml;
  if (trim(line) == "---") found.format = Format::yaml;
  if (line.starts_with('{')) found.format = Format::json;
  if (found.format != Format::toml && found.format != Format::yaml) return found;
  const std::string_view closing = found.format == Format::toml ? "+++" : "---";
  while (next_line(line) && !line.starts_with(closing)) {
    if (line.empty() || line.front() == ' ' || line.front() == '\t' || line.front() == '#' ||
        line.front() == '-')
      continue;
    if (found.format == Format::toml && line.front() == '[') {  // [table] or [[array of tables]]
      const std::string_view name = line.substr(line.find_first_not_of('['));
      found.keys.push_back(key_of(std::string(name.substr(0, name.find(']'))) + "=", '='));
      continue;
    }
    const std::string key = key_of(line, found.format == Format::toml ? '=' : ':');
    if (!key.empty()) found.keys.push_back(key);
  }
  return found;
}

template <std::size_t N>
bool has_any(const std::vector<std::string>& keys, const std::array<std::string_view, N>& wanted) {
  return std::any_of(keys.begin(), keys.end(), [&](const std::string& key) {
    return std::find(wanted.begin(), wanted.end(), key) != wanted.end();
  });
}

// Of two generators, the one whose own keys the post has, if only one's are there.
template <std::size_t N, std::size_t M>
std::optional<SiteGenerator> either(const std::vector<std::string>& keys, SiteGenerator first,
                                    const std::array<std::string_view, N>& first_keys, SiteGenerator second,
                                    const std::array<std::string_view, M>& second_keys) {
  const bool is_first = has_any(keys, first_keys);
  if (is_first == has_any(keys, second_keys)) return std::nullopt;
  return is_first ? first : second;
}

// One post's verdict, if its front matter tells.
std::optional<SiteGenerator> verdict(const FrontMatterKeys& found) {
  switch (found.format) {
    case Format::json:
      return SiteGenerator::hugo;  // only Hugo reads JSON front matter
    case Format::toml:
      return either(found.keys, SiteGenerator::zola, kZolaKeys, SiteGenerator::hugo, kHugoTomlKeys);
    case Format::yaml:
      return either(found.keys, SiteGenerator::jekyll, kJekyllKeys, SiteGenerator::hugo, kHugoYamlKeys);
    case Format::none:
      break;
  }
  return std::nullopt;
}

const char* evidence_of(SiteGenerator generator) {
  switch (generator) {
    case SiteGenerator::hugo:
      return "keys only Hugo reads (lastmod, url, build…; in YAML also draft, weight, aliases) or JSON front "
             "matter";
    case SiteGenerator::jekyll:
      return "YAML front matter with layout: or permalink:";
    case SiteGenerator::zola:
      break;
  }
  return "keys only Zola reads ([extra], [taxonomies], updated, path…)";
}

struct Survey {
  std::size_t read = 0;
  std::array<std::size_t, 3> votes{};  // by SiteGenerator
  bool posts_folder_seen = false;      // a _posts/ folder somewhere below
};

// The first posts under `dir` in name order, skipping what no generator publishes: hidden
// names, folders starting with '_' (but _posts/ and _drafts/), themes and their examples.
void survey(const fs::path& dir, bool top, Survey& out) {
  if (out.read == kPostsRead) return;
  std::vector<fs::path> files, folders;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.front() == '.') continue;
    std::error_code kind_error;
    if (entry.is_directory(kind_error) && !entry.is_symlink(kind_error)) {
      if (name == "_posts") out.posts_folder_seen = true;
      const bool special = name.front() == '_' && name != "_posts" && name != "_drafts";
      if (!special && name != "exampleSite" && name != "node_modules" && !(top && name == "themes"))
        folders.push_back(entry.path());
    } else if (has_any_markdown_suffix(name) && name.front() != '_' && entry.is_regular_file(kind_error)) {
      // Only regular files are read: a pipe named post.md would never answer.
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::sort(folders.begin(), folders.end());
  for (const fs::path& file : files) {
    if (out.read == kPostsRead) return;
    ++out.read;
    if (const auto generator = verdict(front_matter_keys(file)))
      ++out.votes[static_cast<std::size_t>(*generator)];
  }
  for (const fs::path& folder : folders) survey(folder, false, out);
}

}  // namespace

FolderGuess guess_generator(const fs::path& dir) {
  FolderGuess guess;
  guess.content_dir = dir;
  const fs::path normal = dir.lexically_normal();
  const std::string name = (normal.filename().empty() ? normal.parent_path() : normal).filename().string();
  if (name == "_posts") {
    guess.generator = SiteGenerator::jekyll;
    guess.evidence = "the folder is a Jekyll _posts/ folder";
    guess.posts_folder = true;
    return guess;
  }
  for (std::string_view jekyll_folder : {"_posts", "_drafts", "_layouts"}) {
    if (is_folder(dir / jekyll_folder)) {
      guess.generator = SiteGenerator::jekyll;
      guess.evidence = "the site has a " + std::string(jekyll_folder) + "/ folder";
      guess.posts_folder = !is_folder(dir / "_posts");
      return guess;
    }
  }
  if (is_folder(dir / "content")) {
    guess.content_dir = dir / "content";
    for (std::string_view hugo_folder : {"archetypes", "layouts"})
      if (is_folder(dir / hugo_folder)) {
        guess.generator = SiteGenerator::hugo;
        guess.evidence = "the site has content/ and " + std::string(hugo_folder) + "/ folders";
        return guess;
      }
    if (is_folder(dir / "templates")) {
      guess.generator = SiteGenerator::zola;
      guess.evidence = "the site has content/ and templates/ folders";
      return guess;
    }
  }
  Survey found;
  survey(guess.content_dir, true, found);
  if (found.posts_folder_seen) {
    guess.generator = SiteGenerator::jekyll;
    guess.evidence = "the site has a _posts/ folder below its root";
    return guess;
  }
  const auto best = std::max_element(found.votes.begin(), found.votes.end());
  if (*best == 0 || std::count(found.votes.begin(), found.votes.end(), *best) > 1) return guess;
  guess.generator = static_cast<SiteGenerator>(best - found.votes.begin());
  guess.evidence = std::to_string(*best) + " of the " + std::to_string(found.read) + " posts read have " +
                   evidence_of(*guess.generator);
  guess.posts_folder = guess.generator == SiteGenerator::jekyll && !found.posts_folder_seen;
  return guess;
}

}  // namespace clubsearch::indexer
