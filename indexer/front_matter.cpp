// Finds a post's front matter (TOML +++, YAML ---, JSON {}) and reads clubsearch's fields from it.
#include "indexer/front_matter.h"

#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

#include "index/ascii.h"
#include "indexer/post_error.h"
#include "indexer/tree_bounds.h"

namespace clubsearch::indexer {

namespace {

// ---- Text and lines -------------------------------------------------------------------

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string_view trim(std::string_view text) {
  text = trim_right(text);
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  return text;
}

// Drops a UTF-8 BOM and turns CRLF and lone CR into LF: each original line break stays
// one '\n', so line numbers still count the file's lines.
std::string normalise(std::string_view text) {
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  if (text.starts_with(bom)) text.remove_prefix(bom.size());
  std::string result;
  result.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      result += text[i];
      continue;
    }
    result += '\n';
    if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
  }
  return result;
}

struct Line {
  std::size_t begin = 0;  // offset in the normalised text
  std::size_t end = 0;    // offset of its '\n', or of the end of the text
  unsigned number = 0;    // 1-based line in the file
};

// A post's normalised text cut into lines.
class Document {
 public:
  explicit Document(std::string_view file_text) : text_(normalise(file_text)) {
    for (std::size_t begin = 0; begin < text_.size();) {
      const std::size_t end = std::min(text_.find('\n', begin), text_.size());
      lines_.push_back({begin, end, static_cast<unsigned>(lines_.size() + 1)});
      begin = end + 1;
    }
  }

  const std::string& text() const { return text_; }
  std::size_t size() const { return lines_.size(); }
  const Line& at(std::size_t index) const { return lines_[index]; }
  std::string_view line(std::size_t index) const {
    return std::string_view(text_).substr(lines_[index].begin, lines_[index].end - lines_[index].begin);
  }
  bool blank(std::size_t index) const { return trim(line(index)).empty(); }

  // The index of the line holding `offset`.
  std::size_t line_at(std::size_t offset) const {
    const auto after = std::upper_bound(lines_.begin(), lines_.end(), offset,
                                        [](std::size_t value, const Line& l) { return value < l.begin; });
    return static_cast<std::size_t>(std::distance(lines_.begin(), after)) - 1;
  }

 private:
  std::string text_;
  std::vector<Line> lines_;
};

// The part of the document that holds the post: all of it, or the inside of a wrapping fence.
struct Content {
  std::size_t first = 0;     // index of the first non-blank line; == last when there is none
  std::size_t last = 0;      // index past the last line
  std::size_t body_end = 0;  // offset where the body ends
};

std::size_t first_non_blank(const Document& doc, std::size_t from, std::size_t last) {
  while (from < last && doc.blank(from)) ++from;
  return from;
}

FrontMatterFormat opening_format(std::string_view line) {
  const std::string_view trimmed = trim_right(line);
  if (trimmed == "+++") return FrontMatterFormat::toml;
  if (trimmed == "---") return FrontMatterFormat::yaml;
  if (line.starts_with('{')) return FrontMatterFormat::json;
  return FrontMatterFormat::none;
}

bool opens_markdown_fence(std::string_view line) {
  const std::string_view trimmed = trim_right(line);
  return trimmed == "```" || trimmed == "```markdown" || trimmed == "```md";
}

// Some posts were pasted into a ```markdown block whole. Only a fence around front matter
// counts, so a post that merely starts and ends with code blocks keeps its fences.
Content find_content(const Document& doc) {
  const std::size_t first = first_non_blank(doc, 0, doc.size());
  std::size_t last = doc.size();
  while (last > first && doc.blank(last - 1)) --last;
  const Content whole{first, doc.size(), doc.text().size()};
  if (last - first < 2 || !opens_markdown_fence(doc.line(first)) || trim_right(doc.line(last - 1)) != "```") {
    return whole;
  }
  const Content inside{first_non_blank(doc, first + 1, last - 1), last - 1, doc.at(last - 1).begin};
  if (inside.first == inside.last || opening_format(doc.line(inside.first)) == FrontMatterFormat::none)
    return whole;
  return inside;
}

// Where the body starts once the front matter ends at `column` of line `index`: text left
// on that line (as in "---### Top News") is the body's first line.
void start_body(const Document& doc, const Content& content, std::size_t index, std::size_t column,
                SplitPost& post) {
  const Line& line = doc.at(index);
  std::size_t begin = line.begin + column;
  post.body_first_line = line.number;
  if (trim(doc.line(index).substr(column)).empty()) {
    begin = std::min(line.end + 1, content.body_end);
    post.body_first_line = line.number + 1;
  }
  post.body = doc.text().substr(begin, content.body_end - begin);
}

// ---- Values, the same for every format ------------------------------------------------

struct Field;

// A front matter value reduced to what clubsearch reads from it.
struct Value {
  enum class Kind { null, scalar, boolean, date, list, table };
  Kind kind = Kind::null;
  std::string text;                // as written; lists and tables rendered, for messages
  bool flag = false;               // boolean
  std::optional<index::Date> date;        // a native TOML date
  std::vector<std::string> items;  // list: its scalar items as text
  std::vector<Field> fields;       // table
};

struct Field {
  std::string key;
  unsigned line = 0;  // file line of the key
  Value value;
};

using Fields = std::vector<Field>;

Value make_value(Value::Kind kind, std::string text) {
  Value value;
  value.kind = kind;
  value.text = std::move(text);
  return value;
}

// ---- TOML ----------------------------------------------------------------------------

std::string toml_text(const toml::node& node) {
  if (const auto* string = node.as_string()) return string->get();
  std::ostringstream out;
  node.visit([&out](const auto& n) { out << n; });
  return out.str();
}

Value toml_value(const toml::node& node, unsigned first_line);

Fields toml_fields(const toml::table& table, unsigned first_line) {
  Fields fields;
  for (const auto& [key, node] : table) {
    fields.push_back(
        {std::string(key.str()), first_line + key.source().begin.line - 1, toml_value(node, first_line)});
  }
  return fields;
}

Value toml_value(const toml::node& node, unsigned first_line) {
  Value value = make_value(Value::Kind::scalar, toml_text(node));
  if (const auto* boolean = node.as_boolean()) {
    value.kind = Value::Kind::boolean;
    value.flag = boolean->get();
  } else if (const auto* date = node.as_date()) {
    value.kind = Value::Kind::date;
    value.date = index::Date{date->get().year, date->get().month, date->get().day};
  } else if (const auto* date_time = node.as_date_time()) {
    // The calendar date as written: the offset is not applied.
    const toml::date& day = date_time->get().date;
    value.kind = Value::Kind::date;
    value.date = index::Date{day.year, day.month, day.day};
  } else if (const auto* array = node.as_array()) {
    value.kind = Value::Kind::list;
    for (const toml::node& item : *array) {
      if (item.is_value()) value.items.push_back(toml_text(item));
    }
  } else if (const auto* table = node.as_table()) {
    value.kind = Value::Kind::table;
    value.fields = toml_fields(*table, first_line);
  }
  return value;
}

Fields parse_toml(std::string_view source, unsigned first_line) {
  try {
    return toml_fields(toml::parse(source), first_line);
  } catch (const toml::parse_error& error) {
    const unsigned line = first_line + std::max(error.source().begin.line, 1U) - 1;
    throw PostError(line, "invalid TOML front matter: " + std::string(error.description()));
  }
}

// ---- YAML ----------------------------------------------------------------------------

unsigned yaml_line(const YAML::Mark& mark, unsigned first_line) {
  return mark.line < 0 ? first_line : first_line + static_cast<unsigned>(mark.line);
}

// A list or map on one line, for messages.
std::string yaml_flow_text(const YAML::Node& node) {
  YAML::Emitter out;
  out.SetMapFormat(YAML::Flow);
  out.SetSeqFormat(YAML::Flow);
  out << node;
  return out.c_str();
}

Fields yaml_fields(const YAML::Node& map, unsigned first_line);

Value yaml_value(const YAML::Node& node, unsigned first_line) {
  Value value;
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      value = make_value(Value::Kind::scalar, node.Scalar());
      // Only a plain scalar can be a boolean: 'true' in quotes is text.
      if (node.Tag() == "?" && YAML::convert<bool>::decode(node, value.flag))
        value.kind = Value::Kind::boolean;
      break;
    case YAML::NodeType::Sequence:
      value = make_value(Value::Kind::list, yaml_flow_text(node));
      for (const YAML::Node& item : node) {
        if (item.IsScalar()) value.items.push_back(item.Scalar());
      }
      break;
    case YAML::NodeType::Map:
      value = make_value(Value::Kind::table, yaml_flow_text(node));
      value.fields = yaml_fields(node, first_line);
      break;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
  return value;
}

Fields yaml_fields(const YAML::Node& map, unsigned first_line) {
  Fields fields;
  for (const auto& entry : map) {
    if (!entry.first.IsScalar()) continue;
    fields.push_back({entry.first.Scalar(), yaml_line(entry.first.Mark(), first_line),
                      yaml_value(entry.second, first_line)});
  }
  return fields;
}

Fields parse_yaml(std::string_view source, unsigned first_line, unsigned opening_line) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(source));
  } catch (const YAML::Exception& error) {
    throw PostError(error.mark.is_null() ? opening_line : yaml_line(error.mark, first_line),
                    "invalid YAML front matter: " + error.msg);
  }
  if (root.IsNull()) return {};
  if (!root.IsMap()) throw PostError(opening_line, "front matter is not a table of keys");
  if (const auto beyond = yaml_beyond_bounds(root))
    throw PostError(opening_line, "YAML front matter " + *beyond);
  return yaml_fields(root, first_line);
}

// ---- JSON ----------------------------------------------------------------------------

// nlohmann's parser reports no positions; this iterator records how far it has read, which
// is where the key or the object it has just finished ends.
class TrackedChar {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackedChar(const char* at, const char** read_to) : at_(at), read_to_(read_to) {}

  const char& operator*() const { return *at_; }
  TrackedChar& operator++() {
    *read_to_ = ++at_;
    return *this;
  }
  TrackedChar operator++(int) {
    TrackedChar before = *this;
    ++*this;
    return before;
  }
  bool operator==(const TrackedChar& other) const { return at_ == other.at_; }

 private:
  const char* at_;
  const char** read_to_;
};

struct JsonFrontMatter {
  Fields fields;
  std::size_t end = 0;  // offset just past the object's closing brace
};

// Ordered, so that fields are read in the order they are written, as for TOML and YAML.
using Json = nlohmann::ordered_json;

std::string json_text(const Json& json) { return json.is_string() ? json.get<std::string>() : json.dump(); }

Value json_value(const Json& json, unsigned line) {
  Value value = make_value(Value::Kind::scalar, json_text(json));
  if (json.is_null()) {
    value.kind = Value::Kind::null;
  } else if (json.is_boolean()) {
    value.kind = Value::Kind::boolean;
    value.flag = json.get<bool>();
  } else if (json.is_array()) {
    value.kind = Value::Kind::list;
    for (const auto& item : json) {
      if (item.is_primitive() && !item.is_null()) value.items.push_back(json_text(item));
    }
  } else if (json.is_object()) {
    value.kind = Value::Kind::table;
    for (const auto& [key, item] : json.items()) value.fields.push_back({key, line, json_value(item, line)});
  }
  return value;
}

// nlohmann's message without its "[json.exception…] parse error at line L, column C: ".
std::string json_reason(const Json::parse_error& error) {
  const std::string_view what = error.what();
  const std::size_t colon = what.find(": ");
  return std::string(colon == std::string_view::npos ? what : what.substr(colon + 2));
}

JsonFrontMatter parse_json(std::string_view source, unsigned first_line) {
  const auto line_of = [&](std::size_t offset) {
    const auto before = source.substr(0, offset);
    return first_line + static_cast<unsigned>(std::count(before.begin(), before.end(), '\n'));
  };
  const char* read_to = source.data();
  std::optional<Json> object;
  std::map<std::string, unsigned> key_lines;  // a repeated key's last value is the one kept
  JsonFrontMatter result;
  const auto on_event = [&](int depth, Json::parse_event_t event, Json& parsed) {
    const auto read = static_cast<std::size_t>(read_to - source.data());
    if (opens_level_beyond_bounds(depth, event))
      throw PostError(line_of(read - 1), "JSON front matter " + json_too_deep());
    if (depth == 1 && event == Json::parse_event_t::key)
      key_lines[parsed.get<std::string>()] = line_of(read - 1);
    if (depth == 0 && event == Json::parse_event_t::object_end) {
      object = parsed;
      result.end = read;
    }
    return true;
  };
  try {
    object = Json::parse(TrackedChar(source.data(), &read_to),
                         TrackedChar(source.data() + source.size(), &read_to), on_event);
  } catch (const Json::parse_error& error) {
    // nlohmann wants the whole text to be JSON: when the object was read, the error is
    // about the body that follows it.
    if (!object) {
      if (error.byte > source.size())
        throw PostError(first_line, "front matter opened with '{' is never closed");
      throw PostError(line_of(error.byte - 1), "invalid JSON front matter: " + json_reason(error));
    }
  }
  for (const auto& [key, item] : object->items()) {
    const unsigned line = key_lines[key];
    result.fields.push_back({key, line, json_value(item, line)});
  }
  return result;
}

// ---- Fields ---------------------------------------------------------------------------

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string text_of(const Field& field) {
  if (field.value.kind == Value::Kind::list || field.value.kind == Value::Kind::table) {
    throw PostError(field.line, in_quotes(field.key) + " is not text: " + in_quotes(field.value.text));
  }
  return field.value.text;
}

index::Date date_of(const Field& field) {
  if (field.value.kind == Value::Kind::date) return *field.value.date;
  if (field.value.kind == Value::Kind::scalar) {
    if (const auto date = index::parse_date(field.value.text)) return *date;
  }
  throw PostError(field.line, in_quotes(field.key) + " is not a date: " + in_quotes(field.value.text));
}

bool flag_of(const Field& field) {
  if (field.value.kind == Value::Kind::boolean) return field.value.flag;
  if (field.value.kind == Value::Kind::scalar &&
      (field.value.text == "true" || field.value.text == "false")) {
    return field.value.text == "true";
  }
  throw PostError(field.line, in_quotes(field.key) + " is not true or false: " + in_quotes(field.value.text));
}

void add_term(std::string_view term, std::vector<std::string>& terms) {
  term = trim(term);
  if (!term.empty()) terms.emplace_back(term);
}

// A list of terms, or one string of them: "a" or "a, b, c".
std::vector<std::string> terms_of(const Field& field) {
  std::vector<std::string> terms;
  if (field.value.kind == Value::Kind::table) {
    throw PostError(field.line, in_quotes(field.key) + " is not a list: " + in_quotes(field.value.text));
  }
  if (field.value.kind == Value::Kind::list) {
    for (const std::string& item : field.value.items) add_term(item, terms);
    return terms;
  }
  std::string_view rest = field.value.text;
  for (std::size_t comma = rest.find(','); comma != std::string_view::npos; comma = rest.find(',')) {
    add_term(rest.substr(0, comma), terms);
    rest.remove_prefix(comma + 1);
  }
  add_term(rest, terms);
  return terms;
}

void append_unique(std::vector<std::string>& terms, const std::vector<std::string>& more) {
  for (const std::string& term : more) {
    if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(term);
  }
}

// What the fields say, before Zola's [taxonomies] are merged after the top-level terms.
struct Reading {
  FrontMatter front_matter;
  std::vector<std::string> taxonomy_tags;
  std::vector<std::string> taxonomy_categories;
  std::vector<std::string> jekyll_category;  // Jekyll's singular "category"
};

void read_taxonomies(const Field& field, Reading& reading) {
  if (field.value.kind != Value::Kind::table) {
    throw PostError(field.line, in_quotes(field.key) + " is not a table: " + in_quotes(field.value.text));
  }
  for (const Field& taxonomy : field.value.fields) {
    const std::string name = index::ascii_lowercase(taxonomy.key);
    if (taxonomy.value.kind == Value::Kind::null) continue;
    if (name == "tags") append_unique(reading.taxonomy_tags, terms_of(taxonomy));
    if (name == "categories") append_unique(reading.taxonomy_categories, terms_of(taxonomy));
  }
}

// Jekyll reads a string of categories as words: "machine learning" is two categories.
std::vector<std::string> jekyll_terms(const Field& field) {
  std::vector<std::string> terms;
  if (field.value.kind == Value::Kind::list) {
    for (const std::string& item : field.value.items) add_term(item, terms);
  } else if (field.value.kind != Value::Kind::table) {
    std::istringstream words(field.value.text);
    for (std::string word; words >> word;) terms.push_back(word);
  }
  return terms;
}

// A flag of a theme's or a generator's convention: true, or "true" written as text; any
// other value is not the convention and is ignored.
bool is_set(const Value& value) {
  if (value.kind == Value::Kind::boolean) return value.flag;
  return value.kind == Value::Kind::scalar && index::ascii_lowercase(value.text) == "true";
}

bool is_false(const Value& value) {
  if (value.kind == Value::Kind::boolean) return !value.flag;
  return value.kind == Value::Kind::scalar && index::ascii_lowercase(value.text) == "false";
}

void mark_unlisted(FrontMatter& out, std::string why) {
  if (out.unlisted.empty()) out.unlisted = std::move(why);
}

// The widespread theme conventions for a page kept out of lists: `unlisted` or `hidden`,
// at the top level, under Zola's [extra] or under Hugo's [params].
void read_list_flags(const std::string& prefix, const Fields& fields, FrontMatter& out) {
  for (const Field& field : fields) {
    const std::string key = index::ascii_lowercase(field.key);
    if ((key == "unlisted" || key == "hidden") && is_set(field.value))
      mark_unlisted(out, prefix + key + " = true");
  }
}

// Hugo's build options (`_build` before 0.98, `build` since): a page never listed or never
// rendered is not on the site's lists. `link` renders nothing either.
void read_build_options(const Field& field, FrontMatter& out) {
  if (field.value.kind != Value::Kind::table) return;
  const std::string name = index::ascii_lowercase(field.key);
  for (const Field& option : field.value.fields) {
    const std::string key = index::ascii_lowercase(option.key);
    const std::string value = index::ascii_lowercase(option.value.text);
    if (key == "list" && (value == "never" || is_false(option.value)))
      mark_unlisted(out, name + ".list = " + option.value.text);
    if (key == "render" && (value == "never" || value == "link" || is_false(option.value)))
      mark_unlisted(out, name + ".render = " + option.value.text);
  }
}

void read_dates(const std::string& key, const Field& field, Reading& reading) {
  FrontMatter& out = reading.front_matter;
  if (key == "date") out.date = date_of(field);
  if (key == "updated" || key == "lastmod") out.updated = date_of(field);
  if (key == "publishdate" || key == "pubdate") out.publish_date = date_of(field);
  if (key == "expirydate" || key == "unpublishdate") out.expiry_date = date_of(field);
  // Hugo's "published" is a date; Jekyll's is a flag that keeps the page unpublished.
  if (key == "published" && field.value.kind == Value::Kind::boolean && !field.value.flag)
    mark_unlisted(out, "published = false");
  if (key == "published" && field.value.kind != Value::Kind::boolean) out.publish_date = date_of(field);
}

void read_texts(const std::string& key, const Field& field, FrontMatter& out) {
  if (key == "title") out.title = text_of(field);
  if (key == "description") out.description = text_of(field);
  if (key == "slug") out.slug = text_of(field);
  if (key == "path") out.path = text_of(field);
  if (key == "url") out.url = text_of(field);
  if (key == "permalink") out.permalink = text_of(field);
}

void read_publishing(const std::string& key, const Field& field, FrontMatter& out) {
  if (key == "draft") out.draft = flag_of(field);
  if (key == "headless" && is_set(field.value)) mark_unlisted(out, "headless = true");
  if (key == "render" && is_false(field.value)) mark_unlisted(out, "render = false");  // Zola
  if (key == "_build" || key == "build") read_build_options(field, out);
  if ((key == "extra" || key == "params") && field.value.kind == Value::Kind::table)
    read_list_flags(key + ".", field.value.fields, out);
}

// The link a link post, or the notes on one paper, are about: a theme convention, at the
// top level or under [extra] / [params]. An arXiv id alone ("arxiv: 2106.09685") is that
// paper's page.
void read_subject_link(const Fields& fields, FrontMatter& out) {
  static constexpr std::array<std::string_view, 12> kKeys{
      "link",       "external_url", "externalurl", "external_link", "externallink", "link_url",
      "source_url", "paper",        "paper_url",   "paperurl",      "paper_link",   "arxiv"};
  for (const Field& field : fields) {
    const std::string key = index::ascii_lowercase(field.key);
    if (out.subject_link || field.value.kind != Value::Kind::scalar ||
        std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end())
      continue;
    const std::string value(trim(field.value.text));
    if (value.starts_with("https://") || value.starts_with("http://"))
      out.subject_link = value;
    else if (key == "arxiv" && !value.empty() && value.find_first_not_of("0123456789.v") == std::string::npos &&
             value.find('.') != std::string::npos)
      out.subject_link = "https://arxiv.org/abs/" + value;
  }
}

void read_field(const Field& field, Reading& reading) {
  if (field.value.kind == Value::Kind::null) return;
  const std::string key = index::ascii_lowercase(field.key);
  FrontMatter& out = reading.front_matter;
  read_texts(key, field, out);
  read_dates(key, field, reading);
  read_publishing(key, field, out);
  if (key == "tags") append_unique(out.tags, terms_of(field));
  if (key == "categories") {
    append_unique(out.categories, terms_of(field));
    append_unique(out.jekyll_categories, jekyll_terms(field));
  }
  // The singular "category" is one category, spaces and all.
  if (key == "category" && field.value.kind == Value::Kind::scalar)
    reading.jekyll_category = {std::string(trim(field.value.text))};
  if (key == "category" && field.value.kind == Value::Kind::list)
    reading.jekyll_category = jekyll_terms(field);
  if (key == "taxonomies") read_taxonomies(field, reading);
}

FrontMatter read_front_matter(FrontMatterFormat format, const Fields& fields) {
  Reading reading;
  reading.front_matter.format = format;
  read_list_flags("", fields, reading.front_matter);
  for (const Field& field : fields) read_field(field, reading);
  read_subject_link(fields, reading.front_matter);
  for (const Field& field : fields)
    if (const std::string key = index::ascii_lowercase(field.key);
        (key == "extra" || key == "params") && field.value.kind == Value::Kind::table)
      read_subject_link(field.value.fields, reading.front_matter);
  FrontMatter& out = reading.front_matter;
  append_unique(out.tags, reading.taxonomy_tags);
  append_unique(out.categories, reading.taxonomy_categories);
  append_unique(out.jekyll_categories, reading.jekyll_category);
  return out;
}

// ---- Splitting -------------------------------------------------------------------------

// Reads the fields into `post`; with BadFrontMatter::set_aside a PostError from `read`
// becomes the post's problem.
template <typename Read>
void read_fields(SplitPost& post, FrontMatterFormat format, BadFrontMatter on_bad, Read read) {
  post.front_matter.format = format;
  try {
    const Fields fields = read();
    post.front_matter = read_front_matter(format, fields);
    post.keys = fields.size();
  } catch (const PostError& error) {
    if (on_bad == BadFrontMatter::fail) throw;
    post.front_matter = FrontMatter{};
    post.front_matter.format = format;
    post.problem = FrontMatterProblem{error.line(), error.what()};
  }
}

// Front matter between a "+++" or "---" line and the next line starting with the same.
SplitPost split_delimited(const Document& doc, const Content& content, FrontMatterFormat format,
                          BadFrontMatter on_bad) {
  const std::string_view delimiter = format == FrontMatterFormat::toml ? "+++" : "---";
  const Line& opening = doc.at(content.first);
  std::size_t closing = content.first + 1;
  while (closing < content.last && !doc.line(closing).starts_with(delimiter)) ++closing;
  if (closing == content.last) {
    throw PostError(opening.number,
                    "front matter opened with '" + std::string(delimiter) + "' is never closed");
  }
  const std::size_t source_begin = opening.end + 1;
  const std::string_view source =
      std::string_view(doc.text()).substr(source_begin, doc.at(closing).begin - source_begin);
  SplitPost post;
  read_fields(post, format, on_bad, [&] {
    return format == FrontMatterFormat::toml ? parse_toml(source, opening.number + 1)
                                             : parse_yaml(source, opening.number + 1, opening.number);
  });
  start_body(doc, content, closing, delimiter.size(), post);
  return post;
}

// Hugo's JSON front matter: one object, which ends where its closing brace is.
SplitPost split_json(const Document& doc, const Content& content, BadFrontMatter on_bad) {
  const std::size_t begin = doc.at(content.first).begin;
  const JsonFrontMatter json = parse_json(
      std::string_view(doc.text()).substr(begin, content.body_end - begin), doc.at(content.first).number);
  SplitPost post;
  read_fields(post, FrontMatterFormat::json, on_bad, [&] { return json.fields; });
  const std::size_t end = begin + json.end;
  const std::size_t closing = doc.line_at(end - 1);
  start_body(doc, content, closing, end - doc.at(closing).begin, post);
  return post;
}

}  // namespace

SplitPost split_front_matter(std::string_view file_text, BadFrontMatter on_bad) {
  const Document doc(file_text);
  const Content content = find_content(doc);
  const FrontMatterFormat format =
      content.first < content.last ? opening_format(doc.line(content.first)) : FrontMatterFormat::none;
  switch (format) {
    case FrontMatterFormat::toml:
    case FrontMatterFormat::yaml:
      return split_delimited(doc, content, format, on_bad);
    case FrontMatterFormat::json:
      return split_json(doc, content, on_bad);
    case FrontMatterFormat::none:
      break;
  }
  SplitPost post;
  post.body = doc.text();
  return post;
}

}  // namespace clubsearch::indexer
