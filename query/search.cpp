// Parses the query with the schema's field prefixes, ranks with BM25, cuts snippets.
#include "query/search.h"

#include <string_view>

namespace clubsearch::query {

namespace {

// Control characters never occur in indexed text, so they mark matches unambiguously.
constexpr std::string_view kMatchStart = "\x02";
constexpr std::string_view kMatchEnd = "\x03";

// MSet::snippet escapes its text for HTML; the parts are returned raw and escaped by
// whoever shows them.
std::string unescape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    bool replaced = false;
    for (auto [entity, character] : {std::pair<std::string_view, char>{"&amp;", '&'},
                                     {"&lt;", '<'},
                                     {"&gt;", '>'},
                                     {"&quot;", '"'},
                                     {"&#39;", '\''}}) {
      if (text.substr(pos, entity.size()) == entity) {
        out += character;
        pos += entity.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[pos++];
  }
  return out;
}

std::vector<SnippetPart> snippet_parts(std::string_view marked) {
  std::vector<SnippetPart> parts;
  bool match = false;
  std::size_t pos = 0;
  while (pos <= marked.size()) {
    const auto next = marked.find_first_of("\x02\x03", pos);
    const std::string text =
        unescape_html(marked.substr(pos, next == std::string_view::npos ? next : next - pos));
    if (!text.empty()) parts.push_back({text, match});
    if (next == std::string_view::npos) break;
    match = marked[next] == kMatchStart[0];
    pos = next + 1;
  }
  return parts;
}

Xapian::QueryParser make_parser(const Xapian::Database& db, const schemas::IndexSchema& schema) {
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(Xapian::Stem(schema.language()));
  parser.set_stemming_strategy(schema.stemming() == "all"    ? Xapian::QueryParser::STEM_ALL
                               : schema.stemming() == "some" ? Xapian::QueryParser::STEM_SOME
                                                             : Xapian::QueryParser::STEM_NONE);
  parser.set_default_op(Xapian::Query::OP_AND);
  for (const schemas::TextField& field : schema.text_fields())
    if (!field.prefix.empty()) parser.add_prefix(field.name, field.prefix);
  for (const schemas::FilterField& field : schema.filter_fields())
    if (field.name != "id" && field.name != "file" && field.name != "url")
      parser.add_boolean_prefix(field.name, field.prefix);
  return parser;
}

}  // namespace

SearchResult search(const Xapian::Database& db, const schemas::IndexSchema& schema,
                    const SearchRequest& request) {
  Xapian::QueryParser parser = make_parser(db, schema);
  Xapian::Query query;
  try {
    query = parser.parse_query(request.query, Xapian::QueryParser::FLAG_DEFAULT |
                                                  Xapian::QueryParser::FLAG_WILDCARD |
                                                  Xapian::QueryParser::FLAG_CJK_NGRAM);
  } catch (const Xapian::QueryParserError& error) {
    throw QueryError("cannot parse the query '" + request.query + "': " + error.get_msg());
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  const Xapian::MSet matches = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                                static_cast<Xapian::doccount>(request.limit));
  SearchResult result;
  result.query = request.query;
  result.total = matches.get_matches_estimated();
  result.total_exact = matches.get_matches_lower_bound() == matches.get_matches_upper_bound();
  for (auto match = matches.begin(); match != matches.end(); ++match) {
    SearchHit hit;
    hit.record = nlohmann::json::parse(match.get_document().get_data(), nullptr, false);
    hit.id = hit.record.value("id", "");
    hit.score = match.get_weight();
    const std::string commentary = hit.record.value("commentary", "");
    hit.snippet =
        snippet_parts(matches.snippet(commentary, 240, Xapian::Stem(schema.language()),
                                      Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
                                          Xapian::MSet::SNIPPET_EXHAUSTIVE | Xapian::MSet::SNIPPET_CJK_NGRAM,
                                      std::string(kMatchStart), std::string(kMatchEnd), "\u2026"));
    result.hits.push_back(std::move(hit));
  }
  return result;
}

}  // namespace clubsearch::query
