// Gathering a paper's record from its mentions.
#include "indexer/paper_record.h"

#include <algorithm>
#include <map>
#include <set>

#include "index/ascii.h"
#include "index/link_keys.h"
#include "index/papers.h"

namespace clubsearch::indexer {

namespace {

std::string collapse_spaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// The link a reader follows to a paper: its arXiv abstract, its DOI's resolver, its
// OpenReview forum, its ACL Anthology page, else the form it is linked in most.
std::string canonical_url(const index::PaperRecord& paper, const std::string& most_used) {
  if (!paper.arxiv.empty()) return "https://arxiv.org/abs/" + paper.arxiv;
  if (!paper.doi.empty()) return "https://doi.org/" + paper.doi;
  if (!paper.openreview.empty()) return "https://openreview.net/forum?id=" + paper.openreview;
  if (!paper.acl.empty()) return "https://aclanthology.org/" + paper.acl + "/";
  return most_used;
}

}  // namespace

bool is_generic_link_text(std::string_view title) {
  const std::string text = index::ascii_lowercase(collapse_spaces(title));
  static const std::set<std::string, std::less<>> generic{
      "paper",    "the paper", "this paper", "pdf",     "[pdf]",   "(pdf)",    "arxiv",   "link",
      "here",     "this",      "abstract",   "article", "post",    "blog",     "blog post", "preprint",
      "source",   "read",      "read more",  "full paper", "full text", "code", "website", "project page",
      "openreview", "doi",     "html",       "slides",  "video",   "thread",   "tweet"};
  if (text.size() < 3 || generic.count(text) > 0) return true;
  if (text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0 || text.rfind("www.", 0) == 0) return true;
  return !index::arxiv_id(text).empty() && text.find(' ') == std::string::npos;
}

std::string excerpt(std::string_view text, std::size_t limit) {
  std::string clean = collapse_spaces(text);
  if (clean.size() <= limit) return clean;
  std::size_t cut = clean.rfind(' ', limit);
  if (cut == std::string::npos || cut < limit / 2) {
    cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(clean[cut]) & 0xC0) == 0x80) --cut;
  }
  clean.resize(cut);
  while (!clean.empty() && (clean.back() == ',' || clean.back() == ';' || clean.back() == ':')) clean.pop_back();
  return clean + "\u2026";
}

index::Record paper_source(index::Record entry) {
  entry.commentary = excerpt(entry.commentary);
  // What a paper's record never reads.
  entry.mentions.clear();
  entry.anchor.clear();
  entry.post.path.clear();
  entry.post.section.clear();
  return entry;
}

index::Record paper_record(const std::string& paper_id, const std::vector<index::Record>& entries) {
  std::vector<const index::Record*> pointers;
  pointers.reserve(entries.size());
  for (const index::Record& entry : entries) pointers.push_back(&entry);
  return paper_record(paper_id, pointers);
}

index::Record paper_record(const std::string& paper_id, const std::vector<const index::Record*>& entries) {
  index::Record record;
  record.id = paper_id;
  record.type = index::DocumentType::paper;
  index::PaperRecord& paper = record.paper;

  struct Candidate {
    std::size_t uses = 0;
    std::string newest;  // date of its newest use
  };
  std::map<std::string, Candidate> titles, headings;
  std::map<std::string, std::pair<std::size_t, index::LinkRecord>> links;  // url key → uses, first form
  std::map<std::string, std::size_t> topics;
  std::set<std::string> posts;
  for (const index::Record* pointer : entries) {
    const index::Record& entry = *pointer;
    if (entry.id.empty()) continue;
    bool mentioned = false;
    std::size_t linked = 0;
    for (const index::LinkRecord& item : entry.items) {
      if (item.paper != paper_id) continue;
      mentioned = true;
      ++linked;
      const std::string title = collapse_spaces(item.title);
      Candidate& candidate = titles[title];
      ++candidate.uses;
      candidate.newest = std::max(candidate.newest, entry.post.date);
      auto& link = links[index::url_key(item.url)];
      if (link.first++ == 0) link.second = item;
      if (const auto identity = index::paper_identity(item.url, item.arxiv, item.kind)) {
        if (paper.key.empty()) paper.key = identity->key;
        if (paper.arxiv.empty()) paper.arxiv = identity->arxiv;
        if (paper.doi.empty()) paper.doi = identity->doi;
        if (paper.openreview.empty()) paper.openreview = identity->openreview;
        if (paper.acl.empty()) paper.acl = identity->acl;
        if (paper.date.size() < identity->date.size()) paper.date = identity->date;
      }
    }
    if (!mentioned) continue;
    // An entry about this paper alone is often headed by its title.
    if (linked == entry.items.size()) {
      Candidate& heading = headings[collapse_spaces(entry.title)];
      ++heading.uses;
      heading.newest = std::max(heading.newest, entry.post.date);
    }
    for (const std::string& topic : entry.topics) ++topics[topic];
    posts.insert(entry.post.id);
    paper.mentions.push_back({entry.id, entry.title, entry.url, entry.post.id, entry.post.title, entry.post.url,
                              entry.post.date, entry.commentary});
  }

  // The most used real title; then the most used heading; then any text at all.
  auto best = [](const std::map<std::string, Candidate>& candidates, bool allow_generic) {
    const std::pair<const std::string, Candidate>* chosen = nullptr;
    for (const auto& candidate : candidates) {
      if (candidate.first.empty() || (!allow_generic && is_generic_link_text(candidate.first))) continue;
      if (chosen == nullptr || candidate.second.uses > chosen->second.uses ||
          (candidate.second.uses == chosen->second.uses && candidate.second.newest > chosen->second.newest))
        chosen = &candidate;
    }
    return chosen == nullptr ? std::string() : chosen->first;
  };
  record.title = best(titles, false);
  if (record.title.empty()) record.title = best(headings, false);
  if (record.title.empty()) record.title = best(titles, true);

  std::vector<std::pair<std::size_t, index::LinkRecord>> by_use;
  for (auto& [key, link] : links) by_use.push_back(std::move(link));
  std::stable_sort(by_use.begin(), by_use.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (auto& [uses, link] : by_use) paper.links.push_back(std::move(link));
  record.url = canonical_url(paper, paper.links.empty() ? std::string() : paper.links.front().url);
  if (record.title.empty()) record.title = record.url;

  // Oldest first, undated last; posts of one day by id, and one post's entries in the
  // order given (the file's), so that an update and a rebuild write the same record.
  std::stable_sort(paper.mentions.begin(), paper.mentions.end(),
                   [](const index::PaperMention& a, const index::PaperMention& b) {
                     if (a.date.empty() != b.date.empty()) return b.date.empty();
                     if (a.date != b.date) return a.date < b.date;
                     return a.post_id < b.post_id;
                   });
  paper.posts = posts.size();
  paper.mention_count = paper.mentions.size();
  for (const index::PaperMention& mention : paper.mentions) paper.last_date = std::max(paper.last_date, mention.date);

  std::vector<std::pair<std::string, std::size_t>> ranked(topics.begin(), topics.end());
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [topic, uses] : ranked) record.topics.push_back(topic);
  record.commentary = index::excerpts_of(paper);
  return record;
}

}  // namespace clubsearch::indexer
