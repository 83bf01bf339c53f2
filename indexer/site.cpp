// Site discovery, and what Zola, Hugo and Jekyll make of a file's place and name: its
// section, its default title and date, and its permalink.
#include "indexer/site.h"

#include <optional>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#include "index/ascii.h"
#include "index/date.h"
#include "indexer/generator_guess.h"
#include "indexer/jekyll.h"

namespace clubsearch::indexer {

namespace fs = std::filesystem;

namespace {

std::string trim_slashes(std::string text) {
  while (!text.empty() && text.back() == '/') text.pop_back();
  return text;
}

std::vector<std::string> components_of(const std::string& relative_path) {
  std::vector<std::string> components;
  std::stringstream stream(relative_path);
  for (std::string component; std::getline(stream, component, '/');)
    if (!component.empty()) components.push_back(component);
  return components;
}

std::string without_extension(const std::string& file) {
  const auto dot = file.rfind('.');
  return dot == std::string::npos || dot == 0 ? file : file.substr(0, dot);
}

struct PathParts {
  std::vector<std::string> sections;  // folders above the post
  std::string stem;                   // file name without extension, or the bundle's folder
};

PathParts split_post_path(const std::string& relative_path) {
  PathParts parts;
  std::vector<std::string> components = components_of(relative_path);
  if (components.empty()) return parts;
  std::string stem = without_extension(components.back());
  components.pop_back();
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

// Where a file stands in a Jekyll site.
struct JekyllPlace {
  enum class Kind { post, draft, page } kind = Kind::page;
  std::vector<std::string> categories;  // post, draft: the folders above _posts/ (_drafts/)
  std::vector<std::string> folders;     // page: its folders from the root
  std::string file;
  std::string below;  // post: its path below _posts/, without its extension
};

JekyllPlace jekyll_place(const std::string& relative_path, bool posts_folder) {
  JekyllPlace place;
  std::vector<std::string> components = components_of(relative_path);
  if (components.empty()) return place;
  place.file = components.back();
  components.pop_back();
  std::size_t special = components.size();
  for (std::size_t i = 0; i < components.size() && special == components.size(); ++i)
    if (components[i] == "_posts" || components[i] == "_drafts") special = i;
  if (special == components.size() && !posts_folder) {
    place.folders = std::move(components);
    return place;
  }
  const bool in_special = special < components.size();
  place.kind =
      in_special && components[special] == "_drafts" ? JekyllPlace::Kind::draft : JekyllPlace::Kind::post;
  if (in_special)
    place.categories.assign(components.begin(), components.begin() + static_cast<std::ptrdiff_t>(special));
  const std::size_t below_from = in_special ? special + 1 : 0;
  for (std::size_t i = below_from; i < components.size(); ++i) place.below += "/" + components[i];
  place.below += "/" + without_extension(place.file);
  return place;
}

JekyllName jekyll_name(const JekyllPlace& place) {
  if (place.kind == JekyllPlace::Kind::post)
    if (auto name = jekyll_post_name(place.file)) return *name;
  return jekyll_draft_name(place.file);
}

std::string strategy_name(SlugStrategy strategy) {
  return strategy == SlugStrategy::on ? "on" : strategy == SlugStrategy::safe ? "safe" : "off";
}

std::string files_read(const std::vector<fs::path>& files, const fs::path& root) {
  std::string text;
  for (const fs::path& file : files) {
    const fs::path shown = file.lexically_relative(root);
    text += (text.empty() ? "" : ", ") +
            (shown.empty() || shown.native().starts_with("..") ? file : shown).string();
  }
  return text;
}

// The config's content folder: Hugo's contentDir or Jekyll's source, else content/ for
// Zola and Hugo and the root itself for Jekyll.
fs::path content_of(const SiteConfig& config, const fs::path& root) {
  if (config.content_dir) return root / *config.content_dir;
  return config.generator == SiteGenerator::jekyll ? root : root / "content";
}

}  // namespace

Site::Site(fs::path content_dir)
    : content_dir_(std::move(content_dir)),
      choice_{SiteGenerator::zola, "by default: no site config", true} {}

Site::Site(SiteConfig config, fs::path content_dir, GeneratorChoice choice)
    : config_(std::move(config)), content_dir_(std::move(content_dir)), choice_(std::move(choice)) {
  if (!config_.files.empty()) config_file_ = config_.files.front();
}

Site Site::from_config(const fs::path& config_file, std::optional<fs::path> content_dir,
                       std::optional<SiteGenerator> generator, const std::string& chosen_by) {
  SiteConfig config = read_site_config(config_file, generator);
  const fs::path root = config_file.parent_path();
  const bool jekyll = config.generator == SiteGenerator::jekyll;
  fs::path content = content_dir ? *content_dir : content_of(config, root);
  const fs::path normal = content.lexically_normal();
  const std::string name = (normal.filename().empty() ? normal.parent_path() : normal).filename().string();
  config.jekyll.posts_folder = jekyll && name == "_posts";
  GeneratorChoice choice{config.generator, generator ? chosen_by : files_read(config.files, root), false};
  Site site(std::move(config), std::move(content), std::move(choice));
  site.content_is_root_ = jekyll || site.content_dir_.lexically_normal() == root.lexically_normal();
  return site;
}

Site Site::discover(const fs::path& dir, std::optional<SiteGenerator> generator,
                    const std::string& chosen_by) {
  auto configured = [&](SiteConfig config, const fs::path& root, std::optional<fs::path> content) {
    const bool jekyll = config.generator == SiteGenerator::jekyll;
    if (!content) content = content_of(config, root);
    GeneratorChoice choice{config.generator, generator ? chosen_by : files_read(config.files, root), false};
    Site site(std::move(config), std::move(*content), std::move(choice));
    site.content_is_root_ = jekyll;
    return site;
  };
  if (auto config = find_site_config(dir, generator))
    return configured(std::move(*config), dir, std::nullopt);
  const fs::path normal = dir.lexically_normal();
  const fs::path folder = normal.filename().empty() ? normal.parent_path() : normal;
  if (folder.filename() == "content") {  // the content/ folder of a Zola or Hugo site
    auto config = find_site_config(folder.parent_path(), generator);
    if (config && config->generator != SiteGenerator::jekyll)
      return configured(std::move(*config), folder.parent_path(), dir);
  }
  // No site config: the generator is chosen, or inferred from what the folder holds.
  const FolderGuess guess = guess_generator(dir);
  SiteConfig config;
  config.generator = generator ? *generator : guess.generator.value_or(SiteGenerator::zola);
  GeneratorChoice choice{config.generator, chosen_by, false};
  if (!generator) {
    choice.guessed = true;
    choice.decided_by = guess.generator
                            ? "inferred: " + guess.evidence
                            : "by default: no site config, and nothing in the folder tells its generator";
  }
  fs::path content = guess.content_dir;
  if (config.generator == SiteGenerator::jekyll) {
    content = dir;  // Jekyll has no content/ folder
    config.jekyll.posts_folder =
        guess.generator == SiteGenerator::jekyll ? guess.posts_folder : !fs::is_directory(dir / "_posts");
  }
  Site site(std::move(config), content, std::move(choice));
  site.content_is_root_ = content == dir;
  return site;
}

void Site::set_base_url(std::string base_url) { config_.base_url = trim_slashes(std::move(base_url)); }

AnchorStyle Site::anchor_style() const {
  switch (config_.generator) {
    case SiteGenerator::hugo:
      return config_.hugo.heading_ids_from_source() ? AnchorStyle::goldmark_source : AnchorStyle::goldmark;
    case SiteGenerator::jekyll:
      return config_.jekyll.anchors;
    case SiteGenerator::zola:
      break;
  }
  return config_.zola.anchors == SlugStrategy::on ? AnchorStyle::zola_on : AnchorStyle::zola_safe;
}

bool Site::renders_raw_html() const {
  return config_.generator != SiteGenerator::hugo || config_.hugo.raw_html;
}

LinkExtensions Site::link_extensions() const {
  return {renders_raw_html(), config_.generator == SiteGenerator::hugo && config_.hugo.linkify};
}

ScanRules Site::scan_rules() const {
  ScanRules rules;
  rules.skip_themes = content_is_root_;
  rules.jekyll = config_.generator == SiteGenerator::jekyll;
  rules.jekyll_posts_folder = rules.jekyll && config_.jekyll.posts_folder;
  if (rules.jekyll) rules.exclude = config_.jekyll.exclude;
  // Jekyll's default markdown_ext ("markdown,mkdown,mkdn,mkd,md"); Hugo's Markdown suffixes.
  if (rules.jekyll) rules.markdown_extensions = {".md", ".markdown", ".mkdown", ".mkdn", ".mkd"};
  if (config_.generator == SiteGenerator::hugo) rules.markdown_extensions = {".md", ".markdown", ".mdown"};
  return rules;
}

std::string Site::url_settings() const {
  std::ostringstream settings;
  settings << generator_name(config_.generator) << ' ' << config_.base_url << ' '
           << static_cast<int>(anchor_style());
  switch (config_.generator) {
    case SiteGenerator::zola:
      settings << " paths=" << strategy_name(config_.zola.paths)
               << " keep_dates=" << config_.zola.paths_keep_dates;
      break;
    case SiteGenerator::hugo:
      settings << " lower=" << config_.hugo.lowercase_paths << " raw_html=" << config_.hugo.raw_html
               << " linkify=" << config_.hugo.linkify;
      for (const auto& [section, pattern] : config_.hugo.permalinks)
        settings << ' ' << section << '=' << pattern;
      break;
    case SiteGenerator::jekyll:
      settings << " style=" << config_.jekyll.permalink_style << " posts=" << config_.jekyll.posts_template
               << " posts_folder=" << config_.jekyll.posts_folder;
      for (const std::string& excluded : config_.jekyll.exclude) settings << " exclude=" << excluded;
      break;
  }
  return settings.str();
}

PageFile Site::page_file(const std::string& relative_path) const {
  PageFile file;
  if (config_.generator == SiteGenerator::jekyll) {
    const JekyllPlace place = jekyll_place(relative_path, config_.jekyll.posts_folder);
    if (place.kind == JekyllPlace::Kind::page) {
      file.section = place.folders.empty() ? "" : place.folders.front();
      file.default_title = without_extension(place.file);
      return file;
    }
    const JekyllName name = jekyll_name(place);
    file.draft = place.kind == JekyllPlace::Kind::draft;
    file.section = place.categories.empty() ? "posts" : place.categories.front();
    file.default_title = jekyll_title(name.slug);
    file.date = name.date;
    file.path_categories = place.categories;
    return file;
  }
  const auto slash = relative_path.find('/');
  file.section = slash == std::string::npos ? "" : relative_path.substr(0, slash);
  // A post without a title is called by its file name (or its bundle's folder name).
  std::vector<std::string> components = components_of(relative_path);
  if (!components.empty()) {
    file.default_title = without_extension(components.back());
    if ((file.default_title == "index" || file.default_title == "_index") && components.size() > 1)
      file.default_title = components[components.size() - 2];
  }
  file.date = index::date_from_file_name(file.default_title);
  return file;
}

std::string Site::permalink(const std::string& relative_path, const FrontMatter& front_matter,
                            const std::optional<index::Date>& date, const std::string& title) const {
  switch (config_.generator) {
    case SiteGenerator::hugo:
      return config_.base_url + hugo_path(relative_path, front_matter, date, title);
    case SiteGenerator::jekyll:
      return config_.base_url + jekyll_path(relative_path, front_matter, date);
    case SiteGenerator::zola:
      break;
  }
  return config_.base_url + zola_path(relative_path, front_matter);
}

namespace {

// A Liquid string literal ('x' or "x"): its text, or nullopt.
std::optional<std::string_view> liquid_string(std::string_view text) {
  if (text.size() < 2 || (text.front() != '\'' && text.front() != '"') || text.back() != text.front())
    return std::nullopt;
  return text.substr(1, text.size() - 2);
}

// The scheme and host of a URL ("https://e.org" of "https://e.org/blog"), and its path.
std::pair<std::string, std::string> origin_and_path(const std::string& url) {
  const std::size_t scheme = url.find("://");
  const std::size_t path = scheme == std::string::npos ? 0 : url.find('/', scheme + 3);
  if (path == std::string::npos) return {url, ""};
  return {url.substr(0, path), url.substr(path)};
}

}  // namespace

std::string Site::with_site_links(std::string_view markdown) const {
  const auto [origin, base_path] = origin_and_path(config_.base_url);
  std::string out;
  out.reserve(markdown.size());
  if (config_.generator == SiteGenerator::zola) {
    // `](@/path.md#part)` and `]: @/path.md`: the page's URL (Zola's own check that the
    // file exists is the site's build's).
    std::size_t done = 0;
    for (std::size_t at = markdown.find("@/"); at != std::string_view::npos; at = markdown.find("@/", at + 2)) {
      // A link's destination, or a reference definition's: a line "[label]: @/…".
      const std::size_t line = at == 0 ? 0 : markdown.rfind('\n', at - 1) + 1;  // npos + 1 is 0
      const std::string_view before = index::ascii_trimmed(markdown.substr(line, at - line));
      const bool destination = (at >= 2 && markdown.compare(at - 2, 2, "](") == 0) ||
                               (before.size() >= 4 && before.front() == '[' && before.substr(before.size() - 2) == "]:" &&
                                before.find(']') == before.size() - 2);
      if (!destination) continue;
      std::size_t end = at + 2;
      while (end < markdown.size() && markdown[end] != ')' && markdown[end] != ' ' && markdown[end] != '\n' &&
             markdown[end] != '#')
        ++end;
      const std::string path(markdown.substr(at + 2, end - at - 2));
      if (path.empty()) continue;
      out.append(markdown.substr(done, at - done));
      out += permalink(path, FrontMatter{}, std::nullopt, "");
      done = end;
    }
    out.append(markdown.substr(done));
    return out;
  }
  if (config_.generator != SiteGenerator::jekyll) return std::string(markdown);
  std::size_t pos = 0;
  while (pos < markdown.size()) {
    const std::size_t open = markdown.find('{', pos);
    if (open == std::string_view::npos || open + 1 >= markdown.size()) break;
    const char kind = markdown[open + 1];
    const std::string_view close = kind == '{' ? "}}" : "%}";
    const std::size_t end = kind == '{' || kind == '%' ? markdown.find(close, open + 2) : std::string_view::npos;
    if (end == std::string_view::npos || markdown.substr(open, end - open).find('\n') != std::string_view::npos) {
      out.append(markdown.substr(pos, open + 1 - pos));
      pos = open + 1;
      continue;
    }
    std::string_view inner = index::ascii_trimmed(markdown.substr(open + 2, end - open - 2));
    if (!inner.empty() && inner.front() == '-') inner = index::ascii_trimmed(inner.substr(1));  // {{- … -}}
    if (!inner.empty() && inner.back() == '-') inner = index::ascii_trimmed(inner.substr(0, inner.size() - 1));
    std::optional<std::string> address;
    if (kind == '{') {
      const std::size_t bar = inner.find('|');
      const std::string_view value = index::ascii_trimmed(inner.substr(0, bar));
      const std::string_view filter = bar == std::string_view::npos ? "" : index::ascii_trimmed(inner.substr(bar + 1));
      if (filter.empty() && value == "site.baseurl") address = base_path;
      if (filter.empty() && value == "site.url") address = origin;
      if (const std::optional<std::string_view> literal = liquid_string(value);
          literal && (filter == "relative_url" || filter == "absolute_url")) {
        std::string path(*literal);
        if (path.empty() || path.front() != '/') path.insert(0, "/");
        address = (filter == "absolute_url" ? origin : "") + base_path + path;
      }
    } else {
      const std::size_t space = inner.find(' ');
      const std::string_view tag = inner.substr(0, space);
      std::string target(space == std::string_view::npos ? "" : index::ascii_trimmed(inner.substr(space + 1)));
      while (!target.empty() && target.front() == '/') target.erase(0, 1);
      if (tag == "post_url" && !target.empty()) {
        // A post's name, "2024-01-05-name": its URL on the site, base path included (Jekyll 4).
        const std::string file = (config_.jekyll.posts_folder ? "" : "_posts/") + target + ".md";
        address = origin_and_path(permalink(file, FrontMatter{}, index::parse_date(target.substr(0, 10)), "")).second;
      } else if (tag == "link" && !target.empty()) {
        const std::size_t slash = target.rfind('/');
        const std::string name = target.substr(slash == std::string::npos ? 0 : slash + 1);
        address = origin_and_path(permalink(target, FrontMatter{}, index::parse_date(name.substr(0, 10)), "")).second;
      }
    }
    if (!address) {
      out.append(markdown.substr(pos, end + 2 - pos));
    } else {
      out.append(markdown.substr(pos, open - pos));
      out += *address;
    }
    pos = end + 2;
  }
  if (pos < markdown.size()) out.append(markdown.substr(pos));
  return out;
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
  const std::string name = config_.zola.paths_keep_dates ? parts.stem : without_date_prefix(parts.stem);
  const std::string slug = zola_slugify_path(front_matter.slug.value_or(name), config_.zola.paths);
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
  const bool lowercase = config_.hugo.lowercase_paths;
  auto hugo_slug = [&](std::string_view text) { return slugify_path(text, SiteGenerator::hugo, !lowercase); };
  const std::string file_slug = hugo_slug(parts.stem);
  const std::string slug = hugo_slug(front_matter.slug ? *front_matter.slug : title);
  std::string path;
  if (auto pattern = config_.hugo.permalinks.find(index::ascii_lowercase(section));
      pattern != config_.hugo.permalinks.end()) {
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
  return lowercase ? index::ascii_lowercase(path) : path;
}

std::string Site::jekyll_path(const std::string& relative_path, const FrontMatter& front_matter,
                              const std::optional<index::Date>& date) const {
  const JekyllPlace place = jekyll_place(relative_path, config_.jekyll.posts_folder);
  JekyllDocument document;
  document.basename = without_extension(place.file);
  if (place.kind == JekyllPlace::Kind::page) {
    document.post = false;
    for (const std::string& folder : place.folders)
      document.folder += (document.folder.empty() ? "" : "/") + folder;
    return jekyll_url(front_matter.permalink.value_or(
                          jekyll_page_template(config_.jekyll.permalink_style, document.basename)),
                      document);
  }
  document.slug = front_matter.slug.value_or(jekyll_name(place).slug);
  document.path_in_collection = place.below;
  document.date = date;
  document.categories = place.categories;
  document.categories.insert(document.categories.end(), front_matter.jekyll_categories.begin(),
                             front_matter.jekyll_categories.end());
  return jekyll_url(front_matter.permalink.value_or(config_.jekyll.posts_template), document);
}

}  // namespace clubsearch::indexer
