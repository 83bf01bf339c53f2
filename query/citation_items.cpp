// Results → the items to cite.
#include "query/citation_items.h"

#include <map>

#include "index/link_keys.h"
#include "index/papers.h"

namespace clubsearch::query {

namespace {

std::string discussed_in(const std::string& post_title, const std::string& date) {
  return post_title + (date.empty() ? "" : " (" + date + ")");
}

// One item per paper or link, in order of first appearance; a second mention of the same
// one adds its post to the note.
class Collector {
 public:
  void add(const index::Record& record) {
    if (record.type == index::DocumentType::paper) {
      add_paper(record);
      return;
    }
    for (const index::LinkRecord& item : record.items) add_link(item, record.post);
  }

  std::vector<CitationItem> items() {
    std::vector<CitationItem> out;
    for (auto& [item, notes] : items_) {
      item.note = notes.empty() ? "" : "Discussed in " + join(notes);
      out.push_back(std::move(item));
    }
    return out;
  }

 private:
  static std::string join(const std::vector<std::string>& notes) {
    std::string out;
    for (const std::string& note : notes) out += (out.empty() ? "" : "; ") + note;
    return out;
  }

  void add_paper(const index::Record& paper) {
    auto& [item, notes] = slot(paper.id);
    if (item.id.empty()) {
      item.id = paper.id;
      item.title = paper.title;
      item.url = paper.url;
      item.arxiv = paper.paper.arxiv;
      item.doi = paper.paper.doi;
      item.date = paper.paper.date;
      item.kind = "paper";
      if (!paper.paper.links.empty()) item.source = paper.paper.links.front().source;
    }
    for (const index::PaperMention& mention : paper.paper.mentions) note(item, notes, mention.post_title, mention.date);
  }

  void add_link(const index::LinkRecord& link, const index::PostRecord& post) {
    if (link.url.empty() || link.host.empty()) return;  // a relative link: the blog's own page
    const std::string key = link.paper.empty() ? index::url_key(link.url) : link.paper;
    auto& [item, notes] = slot(key);
    if (item.id.empty()) {
      item.id = link.paper.empty() ? index::paper_id("url:" + key) : link.paper;
      item.title = link.title;
      item.url = link.url;
      item.arxiv = link.arxiv;
      item.kind = link.kind;
      item.source = link.source;
      item.date = link.date;
      if (const auto identity = index::paper_identity(link.url, link.arxiv, link.kind)) {
        item.doi = identity->doi;
        if (!identity->arxiv.empty()) item.url = "https://arxiv.org/abs/" + identity->arxiv;
      }
    }
    note(item, notes, post.title, post.date);
  }

  static void note(CitationItem& item, std::vector<std::string>& notes, const std::string& post_title,
                   const std::string& date) {
    const std::string text = discussed_in(post_title, date);
    for (const std::string& known : notes)
      if (known == text) return;
    notes.push_back(text);
    if (date > item.accessed) item.accessed = date;
  }

  std::pair<CitationItem, std::vector<std::string>>& slot(const std::string& key) {
    const auto [found, added] = index_.emplace(key, items_.size());
    if (added) items_.emplace_back();
    return items_[found->second];
  }

  std::map<std::string, std::size_t> index_;
  std::vector<std::pair<CitationItem, std::vector<std::string>>> items_;
};

}  // namespace

std::vector<CitationItem> citation_items(const std::vector<index::Record>& records) {
  Collector collector;
  for (const index::Record& record : records) collector.add(record);
  return collector.items();
}

}  // namespace clubsearch::query
