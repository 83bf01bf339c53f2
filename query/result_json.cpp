// SearchResult → JSON.
#include "query/result_json.h"

namespace clubsearch::query {

using nlohmann::json;

json to_json(const SearchHit& hit) {
  const index::Record& record = hit.record;
  json items = json::array();
  for (const index::LinkRecord& item : record.items)
    items.push_back({{"title", item.title},
                     {"url", item.url},
                     {"source", item.source},
                     {"kind", item.kind},
                     {"arxiv", item.arxiv.empty() ? json(nullptr) : json(item.arxiv)}});
  json snippet = json::array();
  for (const SnippetPart& part : hit.snippet) snippet.push_back({{"text", part.text}, {"match", part.match}});
  json also_in = json::array();
  for (const AlsoIn& other : hit.also_in)
    also_in.push_back({{"entry_id", other.entry_id},
                       {"entry_url", other.entry_url},
                       {"post_title", other.post_title},
                       {"post_url", other.post_url},
                       {"date", other.date.empty() ? json(nullptr) : json(other.date)}});
  const index::PostRecord& post = record.post;
  json out = {{"id", hit.id},
          {"type", index::type_name(record.type)},
          {"title", record.title},
          {"items", std::move(items)},
          {"post",
           {{"id", post.id},
            {"title", post.title},
            {"date", post.date.empty() ? json(nullptr) : json(post.date)},
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
