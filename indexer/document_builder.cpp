// Lays out entries and posts as Xapian documents: free text, filter terms, values and
// the JSON record that lets a result be shown without reading the post again.
#include "indexer/document_builder.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "index/ascii.h"
#include "indexer/caching_stemmer.h"
#include "index/hashing.h"
#include "index/link_keys.h"

namespace clubsearch::indexer {

namespace {

using nlohmann::json;

// Xapian refuses terms longer than 245 bytes.
constexpr std::size_t kMaxTermBytes = 240;

// Cuts at a UTF-8 character boundary at or below `limit` bytes.
std::string truncated(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text;
}


json item_json(const LinkedItem& item) {
  json out = {{"title", item.title},
              {"url", item.url},
              {"host", item.host},
              {"source", item.source},
              {"kind", item.kind}};
  if (!item.arxiv_id.empty()) out["arxiv"] = item.arxiv_id;
  return out;
}

json items_json(const std::vector<LinkedItem>& items) {
  json out = json::array();
  for (const LinkedItem& item : items) out.push_back(item_json(item));
  return out;
}

// What an entry's result shows of its post. The rest (description, tags, categories,
// updated) is in the post's own document, reachable by the id.
json post_summary_json(const Post& post, const std::string& id) {
  json out = {{"id", id},
              {"path", post.path},
              {"title", post.title},
              {"section", post.section},
              {"url", post.permalink}};
  out["date"] = post.date ? json(post.date->iso()) : json(nullptr);
  return out;
}

json post_json(const Post& post, const std::string& id) {
  json out = post_summary_json(post, id);
  out["description"] = post.description;
  out["tags"] = post.tags;
  out["categories"] = post.categories;
  out["updated"] = post.updated ? json(post.updated->iso()) : json(nullptr);
  return out;
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& value : values) {
    if (!out.empty()) out += '\n';
    std::string clean = value;
    std::replace(clean.begin(), clean.end(), '\n', ' ');
    out += clean;
  }
  return out;
}

// Writes one document's terms and values; a small helper per document keeps the
// schema lookups in one place.
class DocumentWriter {
 public:
  DocumentWriter(const schemas::IndexSchema& schema, Xapian::Document& document)
      : schema_(schema), document_(document) {
    generator_.set_stemmer(thread_stem(schema.language()));
    generator_.set_stemming_strategy(schema.stemming() == "all"    ? Xapian::TermGenerator::STEM_ALL
                                     : schema.stemming() == "some" ? Xapian::TermGenerator::STEM_SOME
                                                                   : Xapian::TermGenerator::STEM_NONE);
    generator_.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    generator_.set_document(document_);
  }

  // Indexes `value` as each of `fields`: once without prefix, with their weights summed
  // (text that is both an entry's heading and its paper's title counts as both, for one
  // pass), then once under each field's prefix.
  void text(std::initializer_list<const char*> fields, const std::string& value) {
    if (value.empty()) return;
    unsigned weight = 0;
    for (const char* field : fields) weight += schema_.text(field).weight;
    if (weight > 0) {
      generator_.index_text(value, weight);
      generator_.increase_termpos();  // no phrase spans two fields
    }
    for (const char* field : fields) {
      const std::string& prefix = schema_.text(field).prefix;
      if (prefix.empty()) continue;
      generator_.index_text(value, 1, prefix);
      generator_.increase_termpos();
    }
  }
  void text(const char* field, const std::string& value) { text({field}, value); }

  void filter(const char* field, const std::string& value) {
    if (value.empty()) return;
    const schemas::FilterField& spec = schema_.filter(field);
    // Unicode lowercasing, as the query parser does for the values a user types.
    document_.add_boolean_term(
        truncated(spec.prefix + (spec.lowercase ? Xapian::Unicode::tolower(value) : value), kMaxTermBytes));
  }

  void value(const char* field, const std::string& value) {
    if (value.empty()) return;
    document_.add_value(schema_.value(field).slot, value);
  }

 private:
  const schemas::IndexSchema& schema_;
  Xapian::Document& document_;
  Xapian::TermGenerator generator_;
};

void add_date(DocumentWriter& writer, const std::optional<index::Date>& date) {
  if (!date) return;
  writer.filter("date", date->yyyymmdd());
  writer.filter("month", date->yyyymm());
  writer.filter("year", std::to_string(date->year));
  writer.value("date", date->yyyymmdd());
  writer.value("year", std::to_string(date->year));
  writer.value("month", date->iso().substr(0, 7));
}

// Terms that let a search find every document linking to one thing.
void add_link_terms(DocumentWriter& writer, const std::vector<LinkedItem>& links) {
  for (const LinkedItem& link : links) {
    writer.filter("host", link.host);
    writer.filter("arxiv", link.arxiv_id);
    writer.filter("url", index::url_key(link.url));
  }
}

std::vector<std::string> distinct(std::vector<std::string> values) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (std::string& value : values)
    if (!value.empty() && seen.insert(value).second) out.push_back(std::move(value));
  return out;
}

// The texts of a document's stored record that were indexed as free text or under a
// prefix: what its words for the spelling corrector come from.
std::string spelling_text_of_record(const json& record) {
  if (!record.is_object()) return {};
  std::string text = record.value("title", "") + "\n" + record.value("commentary", "");
  for (const char* list : {"items", "mentions"})
    for (const json& item : record.value(list, json::array())) text += "\n" + item.value("title", "");
  const json post = record.value("post", json::object());
  text += "\n" + post.value("title", "");
  if (record.value("type", "") == "post")
    text += "\n" + post.value("description", "");  // entries don't index it
  return text;
}

}  // namespace

std::string spelling_text_of(const Xapian::Document& document) {
  return spelling_text_of_record(json::parse(document.get_data(), nullptr, false));
}

DocumentBuilder::DocumentBuilder(const schemas::IndexSchema& schema) : schema_(schema) {}

std::string DocumentBuilder::post_id(const std::string& relative_path) { return index::hash64_hex(relative_path); }

std::string DocumentBuilder::id_term(const std::string& id) const { return schema_.filter("id").prefix + id; }

std::string DocumentBuilder::file_term(const std::string& relative_path) const {
  return schema_.filter("file").prefix + post_id(relative_path);
}

std::vector<IndexedDocument> DocumentBuilder::build(const Post& post) const {
  const std::string post_id_value = post_id(post.path);
  const json post_summary = post_summary_json(post, post_id_value);
  std::vector<IndexedDocument> out;

  auto common = [&](DocumentWriter& writer, const std::string& id, const char* type,
                    const std::vector<std::string>& topics) {
    writer.filter("id", id);
    writer.filter("file", post_id_value);
    writer.filter("type", type);
    writer.filter("section", post.section);
    for (const std::string& topic : topics) writer.filter("topic", topic);
    for (const std::string& tag : post.tags) writer.filter("tag", tag);
    for (const std::string& category : post.categories) writer.filter("tag", category);
    add_date(writer, post.date);
    writer.value("section", post.section);
    writer.value("topic", joined(topics));
    writer.value("post", post_id_value);
    writer.value("type", type);
  };

  std::map<std::string, unsigned> seen_keys;
  for (const Entry& entry : post.entries) {
    // The entry's place: its anchor, or (for entries without a heading of their own) what
    // it links to. Repeats within one post are told apart by their order.
    std::string key = post.path + '\n' + entry.anchor + '\n' + entry.heading + '\n' +
                      (entry.items.empty() ? "" : entry.items.front().url);
    const unsigned repeat = seen_keys[key]++;
    if (repeat > 0) key += '\n' + std::to_string(repeat);
    IndexedDocument indexed{index::hash64_hex(key), Xapian::Document(), {}};
    DocumentWriter writer(schema_, indexed.document);
    common(writer, indexed.id, "entry", entry.topics);

    std::vector<std::string> sources, kinds;
    // Most headings are just their paper's linked title.
    const bool heading_is_title = entry.items.size() == 1 && entry.items.front().title == entry.heading;
    for (const LinkedItem& item : entry.items) {
      if (heading_is_title)
        writer.text({"paper", "title"}, item.title);
      else
        writer.text("paper", item.title);
      writer.filter("source", item.source);
      writer.filter("kind", item.kind);
      sources.push_back(item.source);
      kinds.push_back(item.kind);
    }
    if (!heading_is_title) writer.text("title", entry.heading);
    writer.text("post", post.title);
    writer.text("commentary", entry.commentary);
    for (const LinkedItem& mention : entry.mentions) writer.text("mention", mention.title);
    add_link_terms(writer, entry.items);
    add_link_terms(writer, entry.mentions);
    writer.value("source", joined(distinct(sources)));
    writer.value("kind", joined(distinct(kinds)));

    const json record = {{"id", indexed.id},
                         {"type", "entry"},
                         {"title", entry.heading},
                         {"url", entry.url},
                         {"anchor", entry.anchor},
                         {"line", entry.line},
                         {"items", items_json(entry.items)},
                         {"mentions", items_json(entry.mentions)},
                         {"commentary", entry.commentary},
                         {"topics", entry.topics},
                         {"post", post_summary}};
    indexed.document.set_data(record.dump(-1, ' ', false, json::error_handler_t::replace));
    indexed.spelling_text = spelling_text_of_record(record);
    out.push_back(std::move(indexed));
  }

  IndexedDocument whole{post_id_value, Xapian::Document(), {}};
  DocumentWriter writer(schema_, whole.document);
  common(writer, whole.id, "post", post.topics);
  writer.text("title", post.title);
  writer.text("description", post.description);
  writer.text("commentary", post.body);
  for (const LinkedItem& mention : post.mentions) writer.text("mention", mention.title);
  add_link_terms(writer, post.mentions);
  const json record = {{"id", whole.id},
                       {"type", "post"},
                       {"title", post.title},
                       {"url", post.permalink},
                       {"anchor", ""},
                       {"line", 1},
                       {"items", json::array()},
                       {"mentions", items_json(post.mentions)},
                       {"commentary", post.body},
                       {"intro", post.intro},
                       {"topics", post.topics},
                       {"entries", post.entries.size()},
                       {"post", post_json(post, post_id_value)}};
  whole.document.set_data(record.dump(-1, ' ', false, json::error_handler_t::replace));
  whole.spelling_text = spelling_text_of_record(record);
  out.push_back(std::move(whole));
  return out;
}

}  // namespace clubsearch::indexer
