// PostComposer: the shape of a Journal Club post, with the irregularities of real ones.
#include "corpus/post.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "corpus/calendar.h"

namespace clubsearch::bench {
namespace {

using std::chrono::year_month_day;

constexpr std::array<std::string_view, 12> month_names = {"January",   "February", "March",    "April",
                                                          "May",       "June",     "July",     "August",
                                                          "September", "October",  "November", "December"};

constexpr std::array<std::string_view, 5> heading_suffixes = {"(video)", "(thread)", "(part 2)", "(slides)",
                                                              "and the discussion"};
constexpr std::array<std::string_view, 3> heading_prefixes = {"Re-reading", "Revisiting", "Finally read"};

// Dates run from 2019 to mid-2026: all in the past, since indexers leave out
// future-dated posts (as Zola and Hugo do) and the corpus must not depend on today.
constexpr std::chrono::sys_days first_day{std::chrono::year{2019} / 1 / 1};
constexpr std::chrono::sys_days last_day{std::chrono::year{2026} / 6 / 30};

std::string markdown_link(const Link& link) { return "[" + link.title + "](" + link.url + ")"; }

// Words of a title that commentary on it would repeat: long ones, in running-text case.
std::vector<std::string> focus_words(std::string_view title) {
  std::vector<std::string> focus;
  std::size_t pos = 0;
  while (pos < title.size() && focus.size() < 3) {
    const std::size_t end = std::min(title.find(' ', pos), title.size());
    std::string word(title.substr(pos, end - pos));
    while (!word.empty() && std::ispunct(static_cast<unsigned char>(word.back())) != 0) {
      word.pop_back();
    }
    const bool capitalized_word = word.size() > 1 && std::islower(static_cast<unsigned char>(word[1])) != 0;
    if (capitalized_word) word[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(word[0])));
    if (word.size() >= 5) focus.push_back(std::move(word));
    pos = end + 1;
  }
  return focus;
}

}  // namespace

std::string SyntheticPost::relative_path() const {
  return section + "/" + slug + (bundle ? "/index.md" : ".md");
}

std::string SyntheticPost::id() const { return "p" + std::to_string(number); }

PostComposer::PostComposer(const Vocabulary& vocabulary, Random& random, std::size_t total_posts)
    : vocabulary_(vocabulary),
      random_(random),
      prose_(vocabulary, random),
      links_(vocabulary, prose_, random),
      total_posts_(total_posts) {}

SyntheticPost PostComposer::compose(std::size_t number) {
  SyntheticPost post;
  add_front_matter(post, number);
  post.intro.append(prose_.sentences(random_.between(1, 3)));
  const int entries = entry_count();
  for (int i = 0; i < entries; ++i) post.entries.push_back(entry(post.date));
  post.crlf = random_.chance(0.01);
  return post;
}

void PostComposer::add_front_matter(SyntheticPost& post, std::size_t number) {
  post.number = number;
  set_date(post);
  set_location(post);
  add_metadata(post);
}

// Evenly spaced in post order, so a post's number and date agree as on a real blog.
void PostComposer::set_date(SyntheticPost& post) const {
  const auto span = static_cast<std::size_t>((last_day - first_day).count()) + 1;
  const auto offset = static_cast<long>((post.number - 1) * span / total_posts_);
  post.date = year_month_day{first_day + std::chrono::days{offset}};
  post.title = "Journal Club: " + std::string(month_names[static_cast<unsigned>(post.date.month()) - 1]) +
               " " + std::to_string(static_cast<unsigned>(post.date.day())) + " " +
               std::to_string(static_cast<int>(post.date.year()));
}

// Mostly journal-club/journal-club-N.md; also underscores, a second section and bundles.
void PostComposer::set_location(SyntheticPost& post) {
  const bool notes = random_.chance(0.12);
  post.section = notes ? "notes" : "journal-club";
  const std::string separator = !notes && random_.chance(0.3) ? "_" : "-";
  post.slug = (notes ? "reading" + separator + "notes" : "journal" + separator + "club") + separator +
              std::to_string(post.number);
  post.bundle = random_.chance(0.1);
}

// The date in the three TOML forms Zola accepts, and optional description and tags.
void PostComposer::add_metadata(SyntheticPost& post) {
  const double form = random_.unit();
  const std::string iso = iso_date(post.date);
  post.date_toml = form < 0.88 ? iso : form < 0.94 ? "\"" + iso + "\"" : iso + "T09:30:00+01:00";
  if (random_.chance(0.3)) post.description = prose_.sentence();
  post.draft_key = random_.chance(0.5);
  if (!random_.chance(0.7)) return;
  const int count = random_.between(1, 4);
  for (int i = 0; i < count; ++i) {
    std::string tag(vocabulary_.tag(random_));
    if (std::find(post.tags.begin(), post.tags.end(), tag) == post.tags.end()) {
      post.tags.push_back(std::move(tag));
    }
  }
}

// 3 + Binomial(17, 7/17): from 3 to 20 entries, 10 on average, mostly 8 to 12.
int PostComposer::entry_count() {
  int count = 3;
  for (int i = 0; i < 17; ++i) count += random_.chance(7.0 / 17.0) ? 1 : 0;
  return count;
}

int PostComposer::paragraph_count() {
  const double roll = random_.unit();
  return roll < 0.33 ? 1 : roll < 0.68 ? 2 : roll < 0.89 ? 3 : 4;
}

SyntheticEntry PostComposer::entry(year_month_day posted) {
  SyntheticEntry result;
  add_heading(result, posted);
  add_commentary(result, posted);
  result.tight = random_.chance(0.05);
  result.trailing_space = random_.chance(0.03);
  return result;
}

void PostComposer::add_heading(SyntheticEntry& entry, year_month_day posted) {
  entry.papers.push_back(links_.make(posted));
  entry.heading = markdown_link(entry.papers.front());
  entry.heading_plain = entry.papers.front().title;
  const double shape = random_.unit();
  if (shape < 0.04) {
    // Two links in one heading: a pair of related papers, or a paper and its code.
    entry.papers.push_back(random_.chance(0.5) ? links_.repository() : links_.make(posted));
    const std::string_view joiner = random_.chance(0.6) ? " and " : ", ";
    entry.heading += std::string(joiner) + markdown_link(entry.papers.back());
    entry.heading_plain += std::string(joiner) + entry.papers.back().title;
  } else if (shape < 0.06) {
    const std::string suffix(random_.pick(heading_suffixes));
    entry.heading += " " + suffix;
    entry.heading_plain += " " + suffix;
  } else if (shape < 0.07) {
    const std::string prefix(random_.pick(heading_prefixes));
    entry.heading = prefix + " " + entry.heading;
    entry.heading_plain = prefix + " " + entry.heading_plain;
  }
}

void PostComposer::add_commentary(SyntheticEntry& entry, year_month_day posted) {
  const std::vector<std::string> focus = focus_words(entry.papers.front().title);
  if (random_.chance(0.03)) entry.blocks.push_back(quote(focus));
  const int paragraphs = paragraph_count();
  for (int i = 0; i < paragraphs; ++i) entry.blocks.push_back(paragraph(entry, focus, posted));
  if (random_.chance(0.03)) {
    entry.blocks.push_back(list());
  } else if (random_.chance(0.005)) {
    entry.blocks.push_back(table());
  }
}

Text PostComposer::paragraph(SyntheticEntry& entry, std::span<const std::string> focus,
                             year_month_day posted) {
  Text text;
  const int sentences = random_.between(1, 6);
  const int link_at = random_.chance(0.12) ? random_.between(0, sentences - 1) : -1;
  for (int i = 0; i < sentences; ++i) {
    if (i > 0) text.append(" ");
    if (i == link_at) {
      text.append(linked_sentence(entry, posted));
    } else if (random_.chance(0.03)) {
      text.append(decorated_sentence(focus));
    } else {
      text.append(prose_.sentence(focus));
    }
  }
  return text;
}

// "Words [anchor](url) words." — the anchor is the linked title or a few words.
Text PostComposer::linked_sentence(SyntheticEntry& entry, year_month_day posted) {
  Link link = links_.make(posted);
  if (random_.chance(0.4)) link.title = prose_.words(random_.between(1, 3));
  std::string before = prose_.words(random_.between(1, 4));
  capitalize_first(before);
  const std::string after = prose_.words(random_.between(1, 4)) + ".";
  Text text;
  text.append(before + " ");
  text.append(markdown_link(link), link.title);
  text.append(" " + after);
  entry.mentions.push_back(std::move(link));
  return text;
}

// A sentence with a `code span` or a **bold** word in the middle.
Text PostComposer::decorated_sentence(std::span<const std::string> focus) {
  std::string first = prose_.sentence(focus);
  first.pop_back();  // the full stop goes after the decorated word
  Text text;
  text.append(first + " ");
  if (random_.chance(0.6)) {
    const std::string_view code = vocabulary_.code_name(random_);
    text.append("`" + std::string(code) + "`", code);
  } else {
    const std::string_view word = vocabulary_.content_word(random_);
    text.append("**" + std::string(word) + "**", word);
  }
  text.append(".");
  return text;
}

Text PostComposer::quote(std::span<const std::string> focus) {
  const std::string quoted = prose_.sentences(random_.between(1, 2), focus);
  Text text;
  text.append("> " + quoted, quoted);
  return text;
}

Text PostComposer::list() {
  Text text;
  const int items = random_.between(2, 5);
  for (int i = 0; i < items; ++i) {
    const std::string item = random_.chance(0.5) ? prose_.sentence() : prose_.words(random_.between(2, 5));
    if (i > 0) text.append("\n");
    text.append("- " + item, item);
  }
  return text;
}

Text PostComposer::table() {
  const int columns = random_.between(2, 3);
  const int rows = random_.between(2, 4);
  auto row = [&](bool header) {
    Text line;
    line.append("|", "");
    for (int c = 0; c < columns; ++c) {
      std::string cell = header || c == 0 ? prose_.words(1) : "0." + std::to_string(random_.between(10, 99));
      if (c > 0) line.append("", " ");
      line.append(" " + cell + " |", cell);
    }
    return line;
  };
  Text text = row(true);
  std::string rule = "\n|";
  for (int c = 0; c < columns; ++c) rule += "---|";
  text.append(rule, "");
  for (int r = 0; r < rows; ++r) {
    text.append("\n");
    text.append(row(false));
  }
  return text;
}

}  // namespace clubsearch::bench
