// Prose: phrase-structured word sequences so that text reads like (bad) English.
#include "corpus/prose.h"

#include <array>
#include <cctype>

namespace clubsearch::bench {
namespace {

constexpr std::array<std::string_view, 11> title_connectors = {"of", "for",  "in", "with", "and", "via",
                                                               "on", "from", "to", "the",  "a"};

constexpr std::array<std::string_view, 10> question_openers = {"Do",   "Can",  "Are",  "Why", "How",
                                                               "What", "Does", "When", "Is",  "Should"};

bool is_connector(std::string_view word) {
  for (const std::string_view connector : title_connectors) {
    if (word == connector) return true;
  }
  return false;
}

char upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

void add_word(std::string& out, std::string_view word) {
  if (!out.empty()) out += ' ';
  out += word;
}

}  // namespace

void capitalize_first(std::string& text) {
  if (!text.empty()) text[0] = upper(text[0]);
}

void Text::append(std::string_view both) { append(both, both); }

void Text::append(std::string_view markdown_part, std::string_view plain_part) {
  markdown += markdown_part;
  plain += plain_part;
}

void Text::append(const Text& other) { append(other.markdown, other.plain); }

// A phrase is zero to two function words then one to three content words: roughly
// the function/content alternation of English, and its ~45% share of function words.
void ProseWriter::add_phrase(std::string& out, std::span<const std::string> focus) {
  const double glue = random_.unit();
  const int function_count = glue < 0.2 ? 0 : glue < 0.8 ? 1 : 2;
  for (int i = 0; i < function_count; ++i) add_word(out, vocabulary_.function_word(random_));
  const double body = random_.unit();
  const int content_count = body < 0.55 ? 1 : body < 0.9 ? 2 : 3;
  for (int i = 0; i < content_count; ++i) {
    if (!focus.empty() && random_.chance(0.04)) {
      add_word(out, random_.pick(focus));
    } else if (random_.chance(0.02)) {
      add_word(out, number());
    } else {
      add_word(out, vocabulary_.content_word(random_));
    }
  }
}

std::string ProseWriter::number() {
  switch (random_.below(5)) {
    case 0:
      return std::to_string(random_.between(2, 12));
    case 1:
      return std::to_string(random_.between(5, 99)) + "%";
    case 2:
      return std::to_string(random_.between(2, 10)) + "x";
    case 3:
      return "0." + std::to_string(random_.between(10, 99));
    default:
      return std::to_string(random_.between(2015, 2026));
  }
}

std::string ProseWriter::sentence(std::span<const std::string> focus) {
  std::string out;
  const int phrases = random_.between(3, 8);
  for (int i = 0; i < phrases; ++i) {
    add_phrase(out, focus);
    if (i + 1 < phrases && random_.chance(0.1)) out += ',';
  }
  capitalize_first(out);
  const double end = random_.unit();
  out += end < 0.92 ? '.' : end < 0.97 ? '?' : '!';
  return out;
}

std::string ProseWriter::sentences(int count, std::span<const std::string> focus) {
  std::string out;
  for (int i = 0; i < count; ++i) add_word(out, sentence(focus));
  return out;
}

std::string ProseWriter::words(int count) {
  std::string out;
  for (int i = 0; i < count; ++i) add_word(out, vocabulary_.content_word(random_));
  return out;
}

// Chunks of title words joined by an occasional connector ("of", "via"…).
std::string ProseWriter::title_phrase(int words) {
  std::string out;
  for (int i = 0; i < words; ++i) {
    if (i > 0 && random_.chance(0.3)) add_word(out, random_.pick(title_connectors));
    add_word(out, vocabulary_.title_word(random_));
  }
  return out;
}

std::string ProseWriter::title_case(std::string_view phrase) const {
  std::string out;
  std::size_t pos = 0;
  bool first = true;
  while (pos <= phrase.size()) {
    const std::size_t end = std::min(phrase.find(' ', pos), phrase.size());
    std::string word(phrase.substr(pos, end - pos));
    if (first || !is_connector(word)) capitalize_first(word);
    add_word(out, word);
    first = false;
    pos = end + 1;
  }
  return out;
}

std::string ProseWriter::sentence_case(std::string_view phrase) const {
  std::string out(phrase);
  capitalize_first(out);
  return out;
}

// Separate statements, not one `+` expression: the order in which operands of `+`
// are evaluated is unspecified, and each draw advances the random sequence.
std::string ProseWriter::question(int words) {
  std::string out(random_.pick(question_openers));
  out += ' ';
  out += title_phrase(words);
  out += '?';
  return out;
}

std::string ProseWriter::paper_title() {
  const double style = random_.unit();
  if (style < 0.25) {
    // "Name: What It Does" — a system or method name, then a subtitle.
    std::string name(vocabulary_.rare_word(random_));
    capitalize_first(name);
    if (random_.chance(0.3)) name = std::string(vocabulary_.technical_term(random_)) + " " + name;
    return title_case(name) + ": " + title_case(title_phrase(random_.between(2, 6)));
  }
  if (style < 0.3) return question(random_.between(3, 7));
  return title_case(title_phrase(random_.between(2, 8)));
}

std::string ProseWriter::forum_title() {
  if (random_.chance(0.15)) return question(random_.between(3, 8));
  return sentence_case(title_phrase(random_.between(3, 10)));
}

std::string ProseWriter::headline() {
  std::string out = sentence_case(title_phrase(random_.between(5, 9)));
  if (random_.chance(0.3)) out += ", " + title_phrase(random_.between(2, 4));
  return out;
}

}  // namespace clubsearch::bench
