// Lays out entries and posts as Xapian documents: free text, filter terms, values and
// the record (index/record.h) that lets a result be shown without reading the post again.
#include "indexer/document_builder.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>

#include "index/hashing.h"
#include "index/papers.h"
#include "index/title_terms.h"
#include "index/record.h"
#include "indexer/caching_stemmer.h"
#include "indexer/paper_record.h"

namespace clubsearch::indexer {

namespace {

index::LinkRecord link_record(const LinkedItem& item) {
  return {item.title, item.url, item.host, item.source, item.kind, item.arxiv_id, {}, {}};
}

// An entry's item with the paper it is, if it is one.
index::LinkRecord item_record(const LinkedItem& item) {
  index::LinkRecord out = link_record(item);
  if (const auto identity = index::paper_identity(item.url, item.arxiv_id, item.kind)) {
    out.paper = index::paper_id(identity->key);
    out.date = identity->date;
  }
  return out;
}

// A paper date as the "paperdate" value holds it: YYYYMMDD, "00" for what it does not tell.
std::string paper_date_value(const std::string& date) {
  if (index::year_of(date).empty()) return {};
  std::string out = date.substr(0, 4);
  out += date.size() >= 7 ? date.substr(5, 2) : "00";
  out += date.size() >= 10 ? date.substr(8, 2) : "00";
  return out;
}

std::vector<index::LinkRecord> link_records(const std::vector<LinkedItem>& items) {
  std::vector<index::LinkRecord> out;
  out.reserve(items.size());
  for (const LinkedItem& item : items) out.push_back(link_record(item));
  return out;
}

// What an entry's result shows of its post. The rest (description, tags, categories,
// updated) is in the post's own document, reachable by the id.
index::PostRecord post_summary(const Post& post, const std::string& id) {
  index::PostRecord out;
  out.id = id;
  out.path = post.path;
  out.title = post.title;
  out.section = post.section;
  out.url = post.permalink;
  out.date = post.date ? post.date->iso() : std::string();
  return out;
}

index::PostRecord post_record(const Post& post, const std::string& id) {
  index::PostRecord out = post_summary(post, id);
  out.description = post.description;
  out.tags = post.tags;
  out.categories = post.categories;
  out.updated = post.updated ? post.updated->iso() : std::string();
  return out;
}

// Writes one document's terms and values; a small helper per document keeps the
// schema lookups in one place.
class DocumentWriter {
 public:
  DocumentWriter(const index::TermRules& rules, Xapian::Document& document)
      : rules_(rules), schema_(rules.schema()), document_(document) {
    generator_.set_stemmer(thread_stem(schema_.language()));
    generator_.set_stemming_strategy(rules.generator_stemming());
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
      generator_.index_text(value, weight, schema_.text_prefix());
      generator_.increase_termpos();  // no phrase spans two fields
    }
    for (const char* field : fields) {
      const std::string& prefix = schema_.text(field).prefix;
      if (prefix.empty()) continue;
      generator_.index_text(value, 1, prefix);
      generator_.increase_termpos();
    }
    // A title (a paper's, or a heading) also has its key and its words as written.
    if (std::any_of(fields.begin(), fields.end(),
                    [](std::string_view field) { return field == "paper" || field == "title"; })) {
      for (const std::string& term : index::title_key_terms(value, schema_, thread_stem(schema_.language())))
        document_.add_term(term);
      for (const std::string& term : index::title_form_terms(value, schema_)) document_.add_term(term);
      for (const std::string& term : index::title_pair_terms(value, schema_, thread_stem(schema_.language())))
        document_.add_term(term);
    }
  }
  void text(const char* field, const std::string& value) { text({field}, value); }

  void filter(const char* field, const std::string& key) {
    if (!key.empty()) document_.add_boolean_term(rules_.term(field, key));
  }
  // The "item" term of a key under `field`: what the entry is about.
  void item(const char* field, const std::string& key) {
    if (!key.empty()) document_.add_boolean_term(rules_.item_term(field, key));
  }

  void value(const char* field, const std::string& value) {
    if (value.empty()) return;
    document_.add_value(schema_.value(field).slot, value);
  }

 private:
  const index::TermRules& rules_;
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

// Terms that let a search find every document linking to one thing, in the form a
// query looks them up (index::filter_key).
void add_link_terms(DocumentWriter& writer, const std::vector<LinkedItem>& links) {
  for (const LinkedItem& link : links) {
    writer.filter("host", index::filter_key("host", link.host));
    writer.filter("arxiv", index::filter_key("arxiv", link.arxiv_id));
    writer.filter("url", index::filter_key("url", link.url));
  }
}

// The entries' own items once more, as what they are about: a pasted link finds the
// entries about it before those that only mention it.
void add_item_terms(DocumentWriter& writer, const std::vector<LinkedItem>& items) {
  for (const LinkedItem& item : items) {
    writer.item("arxiv", index::filter_key("arxiv", item.arxiv_id));
    writer.item("url", index::filter_key("url", item.url));
  }
}

// Whether a text holds a letter or a digit (any byte of a multibyte character counts).
bool has_words(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x80 || std::isalnum(byte) != 0;
  });
}

// A post its one entry tells whole: the entry has the post's title, and the post holds
// nothing outside it (one paper's notes, a link post). Its own document would be found by
// the same words as the entry, as a second result with the same title and the same page.
bool told_by_its_entry(const Post& post) {
  return post.entries.size() == 1 && post.entries.front().heading == post.title && post.mentions.empty() &&
         !has_words(post.body);
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
std::string spelling_text_of_record(const index::Record& record) {
  std::string text = record.title + "\n" + record.commentary;
  for (const auto* links : {&record.items, &record.mentions})
    for (const index::LinkRecord& link : *links) text += "\n" + link.title;
  text += "\n" + record.post.title;
  if (record.type == index::DocumentType::post) text += "\n" + record.post.description;  // entries don't index it
  return text;
}

}  // namespace

std::string spelling_text_of(const Xapian::Document& document) {
  return spelling_text_of_record(index::decode(document.get_data()));
}

DocumentBuilder::DocumentBuilder(const schemas::IndexSchema& schema) : rules_(schema), paper_rules_(schema.papers()) {}

std::string DocumentBuilder::post_id(const std::string& relative_path) { return index::post_id(relative_path); }

std::string DocumentBuilder::id_term(const std::string& id) const { return rules_.id_term(id); }

std::string DocumentBuilder::file_term(const std::string& relative_path) const {
  return rules_.file_term(post_id(relative_path));
}

std::vector<IndexedDocument> DocumentBuilder::build(const Post& post) const {
  const std::string post_id_value = post_id(post.path);
  const index::PostRecord summary = post_summary(post, post_id_value);
  std::vector<IndexedDocument> out;

  auto common = [&](DocumentWriter& writer, const std::string& id, index::DocumentType type,
                    const std::vector<std::string>& topics) {
    const std::string type_key(index::type_name(type));
    writer.filter("id", id);
    writer.filter("file", post_id_value);
    writer.filter("type", type_key);
    writer.filter("section", post.section);
    for (const std::string& topic : topics) writer.filter("topic", topic);
    for (const std::string& tag : post.tags) writer.filter("tag", tag);
    for (const std::string& category : post.categories) writer.filter("tag", category);
    add_date(writer, post.date);
    writer.value("section", post.section);
    writer.value("topic", index::join_list(topics));
    writer.value("post", post_id_value);
    writer.value("type", type_key);
  };
  auto store = [](IndexedDocument& indexed, const index::Record& record) {
    indexed.document.set_data(index::encode(record));
    indexed.spelling_text = spelling_text_of_record(record);
  };

  const bool told = told_by_its_entry(post);
  std::map<std::string, unsigned> seen_keys;
  for (const Entry& entry : post.entries) {
    // The entry's place: its anchor, or (for entries without a heading of their own) what
    // it links to. Repeats within one post are told apart by their order.
    std::string key = post.path + '\n' + entry.anchor + '\n' + entry.heading + '\n' +
                      (entry.items.empty() ? "" : entry.items.front().url);
    const unsigned repeat = seen_keys[key]++;
    if (repeat > 0) key += '\n' + std::to_string(repeat);
    IndexedDocument indexed{index::hash64_hex(key), Xapian::Document(), {}, {}};
    DocumentWriter writer(rules_, indexed.document);
    common(writer, indexed.id, index::DocumentType::entry, entry.topics);

    std::vector<std::string> sources, kinds, paper_years;
    std::vector<index::LinkRecord> items;
    for (const LinkedItem& item : entry.items) items.push_back(item_record(item));
    std::string paper_date;
    for (const index::LinkRecord& item : items) {
      if (item.paper.empty()) continue;
      writer.filter("paperid", item.paper);
      writer.filter("paperyear", index::year_of(item.date));
      paper_years.push_back(index::year_of(item.date));
      if (paper_date.empty()) paper_date = paper_date_value(item.date);
    }
    writer.value("paperyear", index::join_list(distinct(paper_years)));
    writer.value("paperdate", paper_date);
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
    // The entry stands for its post in searches, so it is found by the post's description too.
    if (told) writer.text("description", post.description);
    for (const LinkedItem& mention : entry.mentions) writer.text("mention", mention.title);
    add_link_terms(writer, entry.items);
    add_link_terms(writer, entry.mentions);
    add_item_terms(writer, entry.items);
    // Its place on the site: the post's path and its anchor, or "#" alone, so that every
    // entry's key starts with the post's path and "#" and none is the post's own.
    writer.filter("permalink", index::filter_key("permalink", entry.anchor.empty() ? post.permalink + "#" : entry.url));
    writer.value("source", index::join_list(distinct(sources)));
    writer.value("kind", index::join_list(distinct(kinds)));

    index::Record record;
    record.id = indexed.id;
    record.type = index::DocumentType::entry;
    record.title = entry.heading;
    record.url = entry.url;
    record.anchor = entry.anchor;
    record.line = entry.line;
    record.items = items;
    record.mentions = link_records(entry.mentions);
    record.commentary = entry.commentary;
    record.topics = entry.topics;
    record.post = summary;
    store(indexed, record);
    if (!paper_years.empty()) indexed.paper_source = paper_source(std::move(record));
    out.push_back(std::move(indexed));
  }

  IndexedDocument whole{post_id_value, Xapian::Document(), {}, {}};
  DocumentWriter writer(rules_, whole.document);
  common(writer, whole.id, index::DocumentType::post, post.topics);
  if (told) writer.filter("told", "entry");
  writer.text("title", post.title);
  writer.text("description", post.description);
  writer.text("commentary", post.body);
  for (const LinkedItem& mention : post.mentions) writer.text("mention", mention.title);
  add_link_terms(writer, post.mentions);
  writer.filter("permalink", index::filter_key("permalink", post.permalink));
  index::Record record;
  record.id = whole.id;
  record.type = index::DocumentType::post;
  record.title = post.title;
  record.url = post.permalink;
  record.line = 1;
  record.mentions = link_records(post.mentions);
  record.commentary = post.body;
  record.intro = post.intro;
  record.topics = post.topics;
  record.entries = post.entries.size();
  record.post = post_record(post, post_id_value);
  store(whole, record);
  out.push_back(std::move(whole));
  return out;
}

IndexedDocument DocumentBuilder::build_paper(const index::Record& paper) const {
  IndexedDocument indexed{paper.id, Xapian::Document(), {}, {}};
  // Under the papers' own prefix ([papers] of the schema).
  DocumentWriter writer(paper_rules_, indexed.document);
  const std::string type_key(index::type_name(index::DocumentType::paper));
  writer.filter("id", paper.id);
  writer.filter("type", type_key);
  writer.filter("paperid", paper.id);
  writer.value("type", type_key);
  writer.text({"paper", "title"}, paper.title);
  std::vector<std::string> sources, kinds;
  std::vector<LinkedItem> links;
  for (const index::LinkRecord& link : paper.paper.links) {
    writer.filter("source", link.source);
    writer.filter("kind", link.kind);
    sources.push_back(link.source);
    kinds.push_back(link.kind);
    links.push_back({link.title, link.url, link.host, link.source, link.kind, link.arxiv});
  }
  add_link_terms(writer, links);
  add_item_terms(writer, links);
  writer.value("source", index::join_list(distinct(sources)));
  writer.value("kind", index::join_list(distinct(kinds)));
  for (const std::string& topic : paper.topics) writer.filter("topic", topic);
  writer.value("topic", index::join_list(paper.topics));
  // Its date is when it was last discussed: --since and the year facet ask what was read
  // when, the paper year when it was written.
  add_date(writer, index::parse_date(paper.paper.last_date));
  const std::string year = index::year_of(paper.paper.date);
  writer.filter("paperyear", year);
  writer.value("paperyear", year);
  writer.value("paperdate", paper_date_value(paper.paper.date));
  const std::string posts = std::to_string(paper.paper.posts);
  writer.filter("discussed", posts);
  writer.value("discussed", posts);
  writer.value("discussedorder", Xapian::sortable_serialise(static_cast<double>(paper.paper.posts)));
  indexed.document.set_data(index::encode(paper));
  return indexed;
}

std::vector<std::string> DocumentBuilder::papers_of(const Xapian::Document& document) const {
  const std::string prefix = rules_.term("paperid", "");
  std::vector<std::string> out;
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
    term.skip_to(prefix);
    if (term == document.termlist_end() || (*term).rfind(prefix, 0) != 0) break;
    out.push_back((*term).substr(prefix.size()));
  }
  return out;
}

}  // namespace clubsearch::indexer
