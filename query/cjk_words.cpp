// CJK runs of a query: characters required, pairs ranking.
#include "query/cjk_words.h"

#include <vector>

#include "index/title_terms.h"

namespace clubsearch::query {

std::string cjk_runs_as_field(const std::string& text, const std::string& field) {
  std::string out;
  std::string run;
  bool quoted = false;
  bool in_field = false;  // in a field's value (title:大模型), which is the field's to read
  auto flush = [&] {
    if (run.empty()) return;
    // A lone character too: Xapian 1.4.22's parser refuses a word, then CJK text it
    // reads as unbroken, then another word ("sparse 語 model": "parse error").
    if (quoted || in_field) {
      out += run;
    } else {
      // Apart from what it touches: "AI时代" is two words.
      if (!out.empty() && out.back() != ' ') out += ' ';
      // As hex: the parser would cut a field value of CJK characters into n-grams.
      static constexpr char kHex[] = "0123456789abcdef";
      out += field + ":";
      for (const char c : run) {
        out += kHex[static_cast<unsigned char>(c) >> 4];
        out += kHex[static_cast<unsigned char>(c) & 0xF];
      }
      out += ' ';
    }
    run.clear();
  };
  for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    if (index::is_cjk(ch)) {
      Xapian::Unicode::append_utf8(run, ch);
      continue;
    }
    flush();
    if (ch == '"') quoted = !quoted;
    if (ch == ':') in_field = true;
    if (ch == ' ' || ch == '\t' || ch == '\n') in_field = false;
    Xapian::Unicode::append_utf8(out, ch);
  }
  flush();
  while (!out.empty() && out.back() == ' ' && (text.empty() || text.back() != ' ')) out.pop_back();
  return out;
}

Xapian::Query cjk_run_query(const std::string& hex, const std::string& prefix, bool any_part) {
  std::string run;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    auto digit = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    run += static_cast<char>(digit(hex[i]) * 16 + digit(hex[i + 1]));
  }
  std::vector<std::string> characters;
  for (Xapian::Utf8Iterator it(run); it != Xapian::Utf8Iterator(); ++it) {
    std::string character;
    Xapian::Unicode::append_utf8(character, *it);
    characters.push_back(Xapian::Unicode::tolower(character));
  }
  std::vector<Xapian::Query> each, pairs;
  for (std::size_t i = 0; i < characters.size(); ++i) {
    each.emplace_back(prefix + characters[i]);
    if (i + 1 < characters.size()) pairs.emplace_back(prefix + characters[i] + characters[i + 1]);
  }
  const Xapian::Query all(Xapian::Query::OP_AND, each.begin(), each.end());
  if (pairs.empty()) return all;
  if (any_part) return Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end());
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, all, Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end()));
}

}  // namespace clubsearch::query
