// Title keys and title word forms.
#include "index/title_terms.h"

#include "index/terms.h"

namespace clubsearch::index {

namespace {

bool is_apostrophe(unsigned ch) { return ch == '\'' || ch == 0x2019 || ch == 0x2018 || ch == 0x02BC; }

bool starts_cjk(std::string_view word) {
  Xapian::Utf8Iterator it(word.data(), word.size());
  return it != Xapian::Utf8Iterator() && is_cjk(*it);
}

bool ends_cjk(std::string_view word) {
  unsigned last = 0;
  for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it) last = *it;
  return is_cjk(last);
}

// Where a title's head ends, or npos when it has none.
std::size_t head_end(std::string_view title) {
  std::size_t end = std::string_view::npos;
  for (std::string_view separator : {": ", " - ", " \u2013 ", " \u2014 ", " | ", " (", "\uff1a"}) {
    const std::size_t at = title.find(separator);
    if (at != std::string_view::npos && at > 0 && at < end) end = at;
  }
  return end;
}

}  // namespace

bool is_cjk(unsigned ch) {
  return (ch >= 0x2E80 && ch <= 0x9FFF) || (ch >= 0xAC00 && ch <= 0xD7AF) || (ch >= 0xF900 && ch <= 0xFAFF) ||
         (ch >= 0x20000 && ch <= 0x2FA1F);
}

bool is_cjk_word(std::string_view word) { return starts_cjk(word); }

std::vector<std::string> title_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool apostrophe = false;  // one seen after the word's last character, not yet kept
  auto finish = [&] {
    if (word.empty()) return;
    if (word == "s" && !words.empty()) {
      word.clear();  // "Anthropic s": a possessive without its apostrophe
      return;
    }
    words.push_back(Xapian::Unicode::tolower(word));
    word.clear();
  };
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    if (Xapian::Unicode::is_wordchar(ch)) {
      if (apostrophe) word += '\'';
      apostrophe = false;
      // A CJK run and a Latin word next to each other are two words ("AI时代").
      if (!word.empty() && is_cjk(ch) != ends_cjk(word)) finish();
      Xapian::Unicode::append_utf8(word, ch);
    } else if (is_apostrophe(ch) && !word.empty() && !apostrophe) {
      apostrophe = true;
    } else {
      apostrophe = false;
      finish();
    }
  }
  finish();
  return words;
}

std::string title_key(std::string_view prefix, const std::vector<std::string>& stems) {
  std::string key(prefix);
  for (std::size_t i = 0; i < stems.size(); ++i) {
    if (i > 0 && !(ends_cjk(stems[i - 1]) && starts_cjk(stems[i]))) key += ' ';
    key += stems[i];
  }
  return cut_to_term(std::move(key));
}

std::vector<std::string> title_key_terms(std::string_view title, const schemas::IndexSchema& schema,
                                         const Xapian::Stem& stem) {
  const std::string& prefix = schema.title_terms().key_prefix;
  if (prefix.empty()) return {};
  std::vector<std::string> keys;
  auto add = [&](std::string_view text) {
    std::vector<std::string> stems;
    for (const std::string& word : title_words(text)) stems.push_back(stem(word));
    if (stems.empty()) return;
    std::string key = title_key(prefix, stems);
    if (keys.empty() || keys.front() != key) keys.push_back(std::move(key));
  };
  add(title);
  if (const std::size_t end = head_end(title); end != std::string_view::npos) add(title.substr(0, end));
  return keys;
}

std::vector<std::string> title_form_terms(std::string_view title, const schemas::IndexSchema& schema) {
  const std::string& prefix = schema.title_terms().forms_prefix;
  if (prefix.empty()) return {};
  std::vector<std::string> terms;
  for (const std::string& word : title_words(title))
    if (!is_cjk_word(word)) terms.push_back(cut_to_term(prefix + word));
  return terms;
}

std::string title_pair(std::string_view prefix, const std::string& first, const std::string& second) {
  return title_key(prefix, {first, second});
}

std::vector<std::string> title_pair_terms(std::string_view title, const schemas::IndexSchema& schema,
                                          const Xapian::Stem& stem) {
  const std::string& prefix = schema.title_terms().pairs_prefix;
  if (prefix.empty()) return {};
  const std::vector<std::string> words = title_words(title);
  std::vector<std::string> terms;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) terms.push_back(title_pair(prefix, stem(words[i]), stem(words[i + 1])));
  return terms;
}

}  // namespace clubsearch::index
