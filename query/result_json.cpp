// SearchResult → JSON.
#include "query/result_json.h"

#include <algorithm>

#include "index/papers.h"

namespace clubsearch::query {

using nlohmann::json;

namespace {

json or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

}  // namespace

json paper_json(const index::Record& paper) {
  const index::PaperRecord& about = paper.paper;
  json mentions = json::array();
  for (const index::PaperMention& mention : about.mentions) {
    const std::optional<int> lag = index::months_between(about.date, mention.date);
    mentions.push_back({{"entry_id", mention.entry_id},
                        {"title", mention.title},
                        {"entry_url", mention.url},
                        {"post_id", mention.post_id},
                        {"post_title", mention.post_title},
                        {"post_url", mention.post_url},
                        {"date", or_null(mention.date)},
                        {"months_after_paper", lag ? json(*lag) : json(nullptr)},
                        {"excerpt", mention.excerpt}});
  }
  return {{"id", paper.id},
          {"title", paper.title},
          {"url", paper.url},
          {"date", or_null(about.date)},
          {"arxiv", or_null(about.arxiv)},
          {"doi", or_null(about.doi)},
          {"openreview", or_null(about.openreview)},
          {"acl", or_null(about.acl)},
          {"posts", about.posts},
          {"mention_count", std::max(about.mention_count, about.mentions.size())},
          {"last_date", or_null(about.last_date)},
          {"mentions", std::move(mentions)}};
}

json to_json(const SearchHit& hit) {
  const index::Record& record = hit.record;
  json items = json::array();
  const bool paper = record.type == index::DocumentType::paper;
  for (const index::LinkRecord& item : paper ? record.paper.links : record.items)
    items.push_back({{"title", item.title},
                     {"url", item.url},
                     {"source", item.source},
                     {"kind", item.kind},
                     {"arxiv", or_null(item.arxiv)},
                     {"paper", or_null(item.paper.empty() && paper ? record.id : item.paper)},
                     {"paper_date", or_null(paper ? record.paper.date : item.date)}});
  json snippet = json::array();
  for (const SnippetPart& part : hit.snippet) snippet.push_back({{"text", part.text}, {"match", part.match}});
  json also_in = json::array();
  for (const AlsoIn& other : hit.also_in)
    also_in.push_back({{"entry_id", other.entry_id},
                       {"entry_url", other.entry_url},
                       {"post_title", other.post_title},
                       {"post_url", other.post_url},
                       {"date", or_null(other.date)}});
  const index::PostRecord& post = record.post;
  json out = {{"id", hit.id},
          {"type", index::type_name(record.type)},
          {"title", record.title},
          {"items", std::move(items)},
          {"post", paper ? json(nullptr)
                         : json{{"id", post.id},
                                {"title", post.title},
                                {"date", or_null(post.date)},
                                {"path", post.path},
                                {"url", post.url},
                                {"section", post.section}}},
          {"entry_url", record.url},
          {"snippet", std::move(snippet)},
          {"topics", record.topics},
          {"score", hit.score},
          {"also_in", std::move(also_in)},
          {"more_in_post", hit.more_in_post},
          {"closest", hit.closest}};
  if (paper) out["paper"] = paper_json(record);
  if (!hit.explain.empty()) {
    json parts = json::array();
    for (const ScorePart& part : hit.explain)
      parts.push_back({{"signal", part.signal},
                       {"term", part.term.empty() ? json(nullptr) : json(part.term)},
                       {"weight", part.weight}});
    out["explain"] = std::move(parts);
  }
  return out;
}

json to_json(const SearchResult& result) {
  json results = json::array();
  for (const SearchHit& hit : result.hits) results.push_back(to_json(hit));
  json facets = json::object();
  for (const Facet& facet : result.facets) {
    json values = json::array();
    for (const FacetValue& value : facet.values)
      values.push_back({{"value", value.value}, {"count", value.count}, {"selected", value.selected}});
    facets[facet.name] = std::move(values);
  }
  return {{"query", result.query},
          {"total", result.total},
          {"total_exact", result.total_exact},
          {"page", result.page},
          {"per_page", result.per_page},
          {"suggestion", result.suggestion.empty() ? json(nullptr) : json(result.suggestion)},
          {"searched_suggestion", result.searched_suggestion},
          {"relaxed", result.relaxed},
          {"results", std::move(results)},
          {"facets", std::move(facets)}};
}

}  // namespace clubsearch::query
