// Loads and validates the index schema (schemas/index.toml).
#include "schemas/index_schema.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <optional>
#include <set>

#include "schemas/embedded.h"
#include "schemas/schema_error.h"
#include "schemas/toml_table.h"

namespace clubsearch::schemas {

namespace {

using detail::line_of;

const toml::table& section(const toml::table& root, std::string_view name, std::string_view origin) {
  const auto* table = root.get_as<toml::table>(name);
  if (table == nullptr)
    throw SchemaError(std::string(origin), 0, "missing table [" + std::string(name) + "]");
  return *table;
}

const toml::table& field_table(const toml::node& node, const std::string& what, std::string_view origin) {
  const auto* table = node.as_table();
  if (table == nullptr) throw SchemaError(std::string(origin), line_of(node), what + " must be a table");
  return *table;
}

std::string checked_prefix(const toml::table& table, const std::string& field, std::string_view origin) {
  std::string prefix = detail::required_string(table, "prefix", origin);
  // Xapian's convention: a prefix is capital letters, so it can never be mistaken for
  // the start of an (always lowercased) word.
  if (!std::all_of(prefix.begin(), prefix.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    throw SchemaError(std::string(origin), line_of(table),
                      "prefix of '" + field + "' must be capital ASCII letters");
  return prefix;
}

unsigned positive_integer(const toml::table& table, std::string_view key, std::string_view origin,
                          long long min, long long max) {
  const toml::node* node = table.get(key);
  const auto* integer = node ? node->as_integer() : nullptr;
  if (integer == nullptr || integer->get() < min || integer->get() > max)
    throw SchemaError(std::string(origin), node ? line_of(*node) : line_of(table),
                      "'" + std::string(key) + "' must be an integer from " + std::to_string(min) + " to " +
                          std::to_string(max));
  return static_cast<unsigned>(integer->get());
}

ValueEncoding parse_encoding(const toml::table& table, std::string_view origin) {
  const std::string name = detail::required_string(table, "encoding", origin);
  if (name == "string") return ValueEncoding::string;
  if (name == "date") return ValueEncoding::date;
  if (name == "list") return ValueEncoding::list;
  throw SchemaError(std::string(origin), line_of(table),
                    "unknown encoding '" + name + "' (expected string, date or list)");
}

template <typename Field>
const Field& find_named(const std::vector<Field>& fields, std::string_view name, std::string_view kind,
                        const std::string& origin) {
  for (const Field& field : fields)
    if (field.name == name) return field;
  throw SchemaError(origin, 0, "no " + std::string(kind) + " field '" + std::string(name) + "'");
}

std::string number_text(double value) {
  std::string text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

double number_in(const toml::table& table, std::string_view key, std::string_view origin, double fallback,
                 double min, double max) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return fallback;
  const std::optional<double> value = node->value<double>();  // an integer is a number too
  if (!value || *value < min || *value > max)
    throw SchemaError(std::string(origin), line_of(*node),
                      "'" + std::string(key) + "' must be a number from " + number_text(min) + " to " +
                          number_text(max));
  return *value;
}

Ranking parse_ranking(const toml::table& table, std::string_view origin) {
  static constexpr std::string_view kKeys[] = {
      "bm25_k1",     "bm25_b",  "title_words", "title_forms", "title_phrase",       "title_equals",
      "title_starts", "synonym", "prefix",      "typo",        "prefix_min_letters", "prefix_expansion",
      "typo_min_letters"};
  for (const auto& [key, node] : table)
    if (std::find(std::begin(kKeys), std::end(kKeys), key.str()) == std::end(kKeys))
      throw SchemaError(std::string(origin), line_of(node), "unknown ranking key '" + std::string(key.str()) + "'");
  Ranking ranking;
  ranking.bm25_k1 = number_in(table, "bm25_k1", origin, ranking.bm25_k1, 0, 10);
  ranking.bm25_b = number_in(table, "bm25_b", origin, ranking.bm25_b, 0, 1);
  for (auto [key, field] : {std::pair{"title_words", &Ranking::title_words},
                            {"title_forms", &Ranking::title_forms},
                            {"title_phrase", &Ranking::title_phrase},
                            {"title_equals", &Ranking::title_equals},
                            {"title_starts", &Ranking::title_starts},
                            {"synonym", &Ranking::synonym},
                            {"prefix", &Ranking::prefix},
                            {"typo", &Ranking::typo}})
    ranking.*field = number_in(table, key, origin, ranking.*field, 0, 100);
  if (table.contains("prefix_min_letters"))
    ranking.prefix_min_letters = positive_integer(table, "prefix_min_letters", origin, 1, 20);
  if (table.contains("prefix_expansion"))
    ranking.prefix_expansion = positive_integer(table, "prefix_expansion", origin, 1, 1000);
  if (table.contains("typo_min_letters"))
    ranking.typo_min_letters = positive_integer(table, "typo_min_letters", origin, 2, 20);
  return ranking;
}

}  // namespace

IndexSchema IndexSchema::parse(std::string_view toml_text, std::string_view origin) {
  const toml::table root = detail::parse_toml(toml_text, origin);
  IndexSchema schema;
  schema.fingerprint_ = std::hash<std::string_view>{}(toml_text);
  schema.origin_ = std::string(origin);
  schema.version_ = positive_integer(root, "version", origin, 1, 1'000'000);
  schema.language_ = detail::required_string(root, "language", origin);
  schema.stemming_ = detail::required_string(root, "stemming", origin);
  if (schema.stemming_ != "all" && schema.stemming_ != "some" && schema.stemming_ != "none")
    throw SchemaError(std::string(origin), line_of(*root.get("stemming")),
                      "stemming must be \"all\", \"some\" or \"none\"");

  std::set<std::string> prefixes;
  auto claim_prefix = [&](const std::string& prefix, const toml::table& table) {
    if (!prefixes.insert(prefix).second)
      throw SchemaError(std::string(origin), line_of(table), "prefix '" + prefix + "' used twice");
  };

  for (const auto& [key, node] : section(root, "text", origin)) {
    const std::string name(key.str());
    const toml::table& table = field_table(node, "text." + name, origin);
    TextField field{name, table.contains("prefix") ? checked_prefix(table, name, origin) : std::string(),
                    positive_integer(table, "weight", origin, 0, 100)};
    if (field.prefix.empty() && field.weight == 0)
      throw SchemaError(std::string(origin), line_of(table),
                        "text field '" + name + "' has neither a prefix nor a weight: nothing could find it");
    if (!field.prefix.empty()) claim_prefix(field.prefix, table);
    schema.text_.push_back(std::move(field));
  }
  for (const auto& [key, node] : section(root, "filter", origin)) {
    const std::string name(key.str());
    const toml::table& table = field_table(node, "filter." + name, origin);
    FilterField field{name, checked_prefix(table, name, origin), table["lowercase"].value_or(true)};
    claim_prefix(field.prefix, table);
    schema.filters_.push_back(std::move(field));
  }
  std::set<unsigned> slots;
  for (const auto& [key, node] : section(root, "value", origin)) {
    const std::string name(key.str());
    const toml::table& table = field_table(node, "value." + name, origin);
    ValueSlot slot{name, positive_integer(table, "slot", origin, 0, 1'000'000),
                   parse_encoding(table, origin)};
    if (!slots.insert(slot.slot).second)
      throw SchemaError(std::string(origin), line_of(table),
                        "value slot " + std::to_string(slot.slot) + " used twice");
    schema.values_.push_back(std::move(slot));
  }
  if (const auto* title = root.get_as<toml::table>("title")) {
    for (auto [key, field] : {std::pair{"key_prefix", &TitleTerms::key_prefix},
                              {"forms_prefix", &TitleTerms::forms_prefix},
                              {"pairs_prefix", &TitleTerms::pairs_prefix}}) {
      if (!title->contains(key)) continue;
      const std::string prefix = detail::required_string(*title, key, origin);
      if (!std::all_of(prefix.begin(), prefix.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        throw SchemaError(std::string(origin), line_of(*title->get(key)),
                          "title." + std::string(key) + " must be capital ASCII letters");
      claim_prefix(prefix, *title);
      schema.title_terms_.*field = prefix;
    }
  }
  if (const auto* ranking = root.get_as<toml::table>("ranking")) schema.ranking_ = parse_ranking(*ranking, origin);
  if (const auto* papers = root.get_as<toml::table>("papers")) {
    const std::string space = checked_prefix(*papers, "papers", origin);
    // No other document's term may start with it: no prefix does (words are lowercase).
    for (const std::string& prefix : prefixes)
      if (prefix.rfind(space, 0) == 0)
        throw SchemaError(std::string(origin), line_of(*papers),
                          "papers.prefix '" + space + "' begins the prefix '" + prefix + "'");
    std::set<std::string> shared;
    if (const toml::node* node = papers->get("shared")) {
      const auto* names = node->as_array();
      if (names == nullptr) throw SchemaError(std::string(origin), line_of(*node), "papers.shared must be a list");
      for (const toml::node& name : *names) {
        const auto* text = name.as_string();
        if (text == nullptr || std::none_of(schema.filters_.begin(), schema.filters_.end(),
                                            [&](const FilterField& f) { return f.name == text->get(); }))
          throw SchemaError(std::string(origin), line_of(name), "papers.shared names filters of [filter]");
        shared.insert(text->get());
      }
    }
    auto papers_schema = std::make_shared<IndexSchema>(schema);
    papers_schema->text_prefix_ = space;
    for (TextField& field : papers_schema->text_)
      if (!field.prefix.empty()) field.prefix = space + field.prefix;
    for (FilterField& field : papers_schema->filters_)
      if (shared.count(field.name) == 0) field.prefix = space + field.prefix;
    for (std::string* prefix : {&papers_schema->title_terms_.key_prefix, &papers_schema->title_terms_.forms_prefix,
                                &papers_schema->title_terms_.pairs_prefix})
      if (!prefix->empty()) *prefix = space + *prefix;
    schema.papers_ = std::move(papers_schema);
  }
  return schema;
}

const IndexSchema& IndexSchema::builtin() {
  static const IndexSchema schema = parse(embedded_file("index.toml"), "built-in index.toml");
  return schema;
}

const TextField& IndexSchema::text(std::string_view name) const {
  return find_named(text_, name, "text", origin_);
}
const FilterField& IndexSchema::filter(std::string_view name) const {
  return find_named(filters_, name, "filter", origin_);
}
const ValueSlot& IndexSchema::value(std::string_view name) const {
  return find_named(values_, name, "value", origin_);
}

}  // namespace clubsearch::schemas
