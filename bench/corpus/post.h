// SyntheticPost: one generated Journal Club post, as content before it is rendered.
#pragma once

#include <chrono>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "corpus/links.h"
#include "corpus/prose.h"
#include "corpus/random.h"
#include "corpus/vocabulary.h"

namespace clubsearch::bench {

struct SyntheticEntry {
  std::string heading;          // Markdown after "#### ": one or two links, maybe words
  std::string heading_plain;    // the heading as plain text
  std::vector<Link> papers;     // links in the heading
  std::vector<Link> mentions;   // links inside the commentary
  std::vector<Text> blocks;     // paragraphs, and now and then a quote, list or table
  bool tight = false;           // commentary starts on the very next line
  bool trailing_space = false;  // heading line ends in spaces, as hand-written ones do
};

struct SyntheticPost {
  std::size_t number = 0;  // 1-based
  std::string section;     // folder under content/
  std::string slug;
  bool bundle = false;  // <slug>/index.md rather than <slug>.md
  std::chrono::year_month_day date;
  std::string date_toml;  // the date as written in the front matter
  std::string title;
  std::string description;  // empty: none
  bool draft_key = false;   // writes an explicit `draft = false`
  std::vector<std::string> tags;
  Text intro;
  std::vector<SyntheticEntry> entries;
  bool crlf = false;  // Windows line endings

  std::string relative_path() const;  // "journal-club/journal-club-7.md"
  std::string id() const;             // stable id: "p7"
};

// Composes posts 1..total, dated evenly from 2019 to 2026 in order.
class PostComposer {
 public:
  PostComposer(const Vocabulary& vocabulary, Random& random, std::size_t total_posts);

  SyntheticPost compose(std::size_t number);

 private:
  void add_front_matter(SyntheticPost& post, std::size_t number);
  void set_date(SyntheticPost& post) const;
  void set_location(SyntheticPost& post);
  void add_metadata(SyntheticPost& post);
  SyntheticEntry entry(std::chrono::year_month_day posted);
  void add_heading(SyntheticEntry& entry, std::chrono::year_month_day posted);
  void add_commentary(SyntheticEntry& entry, std::chrono::year_month_day posted);
  Text paragraph(SyntheticEntry& entry, std::span<const std::string> focus,
                 std::chrono::year_month_day posted);
  Text linked_sentence(SyntheticEntry& entry, std::chrono::year_month_day posted);
  Text decorated_sentence(std::span<const std::string> focus);
  Text quote(std::span<const std::string> focus);
  Text list();
  Text table();
  int entry_count();
  int paragraph_count();

  const Vocabulary& vocabulary_;
  Random& random_;
  ProseWriter prose_;
  LinkMaker links_;
  std::size_t total_posts_;
};

}  // namespace clubsearch::bench
