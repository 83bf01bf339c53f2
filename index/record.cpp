// Records as JSON objects, the form `xapian-delve` and the tests can read: one line, and
// for a paper of many mentions a second one with its whole timeline.
#include "index/record.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace clubsearch::index {

namespace {

using nlohmann::json;

json link_json(const LinkRecord& link) {
  json out = {{"title", link.title},
              {"url", link.url},
              {"host", link.host},
              {"source", link.source},
              {"kind", link.kind}};
  if (!link.arxiv.empty()) out["arxiv"] = link.arxiv;
  if (!link.paper.empty()) out["paper"] = link.paper;
  if (!link.date.empty()) out["date"] = link.date;
  return out;
}

json links_json(const std::vector<LinkRecord>& links) {
  json out = json::array();
  for (const LinkRecord& link : links) out.push_back(link_json(link));
  return out;
}

json optional_date(const std::string& date) { return date.empty() ? json(nullptr) : json(date); }

json post_json(const PostRecord& post, DocumentType type) {
  json out = {{"id", post.id},           {"path", post.path}, {"title", post.title},
              {"section", post.section}, {"url", post.url},   {"date", optional_date(post.date)}};
  if (type == DocumentType::post) {
    out["description"] = post.description;
    out["tags"] = post.tags;
    out["categories"] = post.categories;
    out["updated"] = optional_date(post.updated);
  }
  return out;
}

std::string text(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::size_t count(const json& object, const char* key, std::size_t fallback) {
  const auto found = object.find(key);
  return found != object.end() && found->is_number_unsigned() ? found->get<std::size_t>() : fallback;
}

const json& member(const json& object, const char* key, const json& fallback) {
  const auto found = object.find(key);
  return found != object.end() && found->type() == fallback.type() ? *found : fallback;
}

std::vector<std::string> strings(const json& object, const char* key) {
  static const json kNoArray = json::array();
  std::vector<std::string> out;
  for (const json& value : member(object, key, kNoArray))
    if (value.is_string()) out.push_back(value.get<std::string>());
  return out;
}

std::vector<LinkRecord> links(const json& object, const char* key) {
  static const json kNoArray = json::array();
  std::vector<LinkRecord> out;
  for (const json& link : member(object, key, kNoArray)) {
    if (!link.is_object()) continue;
    out.push_back({text(link, "title"), text(link, "url"), text(link, "host"), text(link, "source"),
                   text(link, "kind"), text(link, "arxiv"), text(link, "paper"), text(link, "date")});
  }
  return out;
}

json mention_json(const PaperMention& mention) {
  return {{"entry_id", mention.entry_id},   {"title", mention.title},           {"url", mention.url},
          {"post_id", mention.post_id},     {"post_title", mention.post_title}, {"post_url", mention.post_url},
          {"date", mention.date},           {"excerpt", mention.excerpt}};
}

// The mentions of `mentions` from the `first`th on.
json mentions_json(const std::vector<PaperMention>& mentions, std::size_t first) {
  json out = json::array();
  for (std::size_t i = first; i < mentions.size(); ++i) out.push_back(mention_json(mentions[i]));
  return out;
}

std::vector<PaperMention> mentions_of(const json& array) {
  std::vector<PaperMention> out;
  if (!array.is_array()) return out;
  for (const json& mention : array)
    if (mention.is_object())
      out.push_back({text(mention, "entry_id"), text(mention, "title"), text(mention, "url"),
                     text(mention, "post_id"), text(mention, "post_title"), text(mention, "post_url"),
                     text(mention, "date"), text(mention, "excerpt")});
  return out;
}

// A paper without its timeline's older part: the last kListedMentions mentions.
json paper_json(const PaperRecord& paper) {
  const std::size_t listed = std::min(paper.mentions.size(), kListedMentions);
  return {{"key", paper.key},
          {"arxiv", paper.arxiv},
          {"doi", paper.doi},
          {"openreview", paper.openreview},
          {"acl", paper.acl},
          {"date", paper.date},
          {"links", links_json(paper.links)},
          {"mentions", mentions_json(paper.mentions, paper.mentions.size() - listed)},
          {"mention_count", paper.mentions.size()},
          {"posts", paper.posts},
          {"last_date", paper.last_date}};
}

PaperRecord paper_of(const json& object) {
  static const json kNoArray = json::array();
  std::vector<PaperMention> mentions = mentions_of(member(object, "mentions", kNoArray));
  const std::size_t mention_count = count(object, "mention_count", mentions.size());
  return {text(object, "key"), text(object, "arxiv"), text(object, "doi"), text(object, "openreview"),
          text(object, "acl"), text(object, "date"),  links(object, "links"), std::move(mentions),
          mention_count,       count(object, "posts", 0), text(object, "last_date")};
}

}  // namespace

std::string excerpts_of(const PaperRecord& paper) {
  std::string out;
  for (const PaperMention& mention : paper.mentions) {
    if (mention.excerpt.empty()) continue;
    if (!out.empty()) out += '\n';
    out += mention.excerpt;
  }
  return out;
}

std::string_view type_name(DocumentType type) {
  switch (type) {
    case DocumentType::post:
      return "post";
    case DocumentType::paper:
      return "paper";
    case DocumentType::entry:
      break;
  }
  return "entry";
}

std::optional<DocumentType> type_of(std::string_view name) {
  for (DocumentType type : {DocumentType::entry, DocumentType::post, DocumentType::paper})
    if (type_name(type) == name) return type;
  return std::nullopt;
}

std::string encode(const Record& record) {
  json out = {{"id", record.id},
              {"type", type_name(record.type)},
              {"title", record.title},
              {"url", record.url},
              {"anchor", record.anchor},
              {"line", record.line},
              {"items", links_json(record.items)},
              {"mentions", links_json(record.mentions)}};
  // A paper's commentary is its mentions' excerpts, read from them again.
  if (record.type != DocumentType::paper) out["commentary"] = record.commentary;
  if (record.type == DocumentType::post) out["intro"] = record.intro;
  out["topics"] = record.topics;
  if (record.type == DocumentType::post) out["entries"] = record.entries;
  if (record.type == DocumentType::paper)
    out["paper"] = paper_json(record.paper);
  else
    out["post"] = post_json(record.post, record.type);
  std::string stored = out.dump(-1, ' ', false, json::error_handler_t::replace);
  // A dump holds no raw newline (one in a string is written "\n"): the first one ends
  // what a list reads.
  if (record.type == DocumentType::paper && record.paper.mentions.size() > kListedMentions)
    stored += '\n' + mentions_json(record.paper.mentions, 0).dump(-1, ' ', false, json::error_handler_t::replace);
  return stored;
}

Record decode(std::string_view stored, RecordDetail detail) {
  static const json kNoObject = json::object();
  // A paper's whole timeline follows the first line; anything else is one JSON value.
  std::size_t line_end = stored.find('\n');
  json object = json::parse(stored.substr(0, line_end), nullptr, false);
  if (object.is_discarded() && line_end != std::string_view::npos) {
    object = json::parse(stored, nullptr, false);
    line_end = std::string_view::npos;
  }
  Record record;
  if (!object.is_object()) return record;
  record.id = text(object, "id");
  record.type = type_of(text(object, "type")).value_or(DocumentType::entry);
  record.title = text(object, "title");
  record.url = text(object, "url");
  record.anchor = text(object, "anchor");
  record.line = count(object, "line", 1);
  record.items = links(object, "items");
  record.mentions = links(object, "mentions");
  record.commentary = text(object, "commentary");
  record.intro = text(object, "intro");
  record.topics = strings(object, "topics");
  record.entries = count(object, "entries", 0);
  const json& post = member(object, "post", kNoObject);
  record.post = {text(post, "id"),          text(post, "path"),    text(post, "title"),
                 text(post, "section"),     text(post, "url"),     text(post, "date"),
                 text(post, "description"), strings(post, "tags"), strings(post, "categories"),
                 text(post, "updated")};
  if (record.type == DocumentType::paper) {
    record.paper = paper_of(member(object, "paper", kNoObject));
    if (detail == RecordDetail::full && line_end != std::string_view::npos)
      record.paper.mentions = mentions_of(json::parse(stored.substr(line_end + 1), nullptr, false));
    record.commentary = excerpts_of(record.paper);
  }
  return record;
}

}  // namespace clubsearch::index
