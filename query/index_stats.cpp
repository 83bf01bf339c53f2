// Counts posts and entries per facet value: one pass over all entries, one over all posts.
#include "query/index_stats.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <unordered_set>

#include "index/filters.h"
#include "index/metadata.h"
#include "index/terms.h"

namespace clubsearch::query {

namespace {

std::uintmax_t directory_bytes(const std::filesystem::path& dir) {
  std::uintmax_t total = 0;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error))
    if (it->is_regular_file(error)) total += it->file_size(error);
  return total;
}

struct ValueCounts {
  std::size_t entries = 0;
  std::unordered_set<std::uint32_t> posts;  // codes of the post column
};

// Counts, for some facet columns, the documents it is shown and the distinct posts they
// belong to (by the post column), per value (group of forms that differ only in case).
class PostsAndEntries : public Xapian::MatchSpy {
 public:
  PostsAndEntries(const index::FacetColumns& columns, std::vector<std::size_t> which, std::size_t post_column,
                  bool count_entries)
      : columns_(columns),
        which_(std::move(which)),
        post_column_(post_column),
        count_entries_(count_entries) {
    for (std::size_t column : which_) {
      entries_[column].assign(columns_.column(column).group_form.size(), 0);
      posts_[column].resize(columns_.column(column).group_form.size());
    }
  }

  void operator()(const Xapian::Document& doc, double) override {
    const Xapian::docid docid = doc.get_docid();
    const std::vector<std::uint32_t> post = codes_of(columns_.column(post_column_), docid);
    for (std::size_t column : which_) {
      const index::FacetColumns::Column& data = columns_.column(column);
      std::vector<std::uint32_t> groups;
      for (const std::uint32_t code : codes_of(data, docid))
        if (code < data.form_group.size()) groups.push_back(data.form_group[code]);
      std::sort(groups.begin(), groups.end());
      groups.erase(std::unique(groups.begin(), groups.end()), groups.end());  // "AI" and "ai": once
      for (const std::uint32_t group : groups) {
        if (group >= entries_[column].size()) continue;
        if (count_entries_) ++entries_[column][group];
        if (!post.empty()) posts_[column][group].insert(post.front());
      }
    }
  }

  // Adds what was counted in `column` to `out`, by value as shown.
  void add_to(std::size_t column, std::map<std::string, ValueCounts>& out) const {
    const index::FacetColumns::Column& data = columns_.column(column);
    const std::vector<std::size_t>& entries = entries_.at(column);
    const std::vector<std::unordered_set<std::uint32_t>>& posts = posts_.at(column);
    for (std::uint32_t group = 0; group < entries.size(); ++group) {
      if (entries[group] == 0 && posts[group].empty()) continue;
      ValueCounts& counts = out[std::string(data.forms[data.group_form[group]])];
      counts.entries += entries[group];
      counts.posts.insert(posts[group].begin(), posts[group].end());
    }
  }

 private:
  static std::vector<std::uint32_t> codes_of(const index::FacetColumns::Column& data, Xapian::docid docid) {
    if (docid + 1 >= data.starts.size()) return {};  // added after the columns were written
    const std::uint32_t end =
        std::min<std::uint32_t>(data.starts[docid + 1], static_cast<std::uint32_t>(data.codes.size()));
    std::vector<std::uint32_t> out;
    for (std::uint32_t i = data.starts[docid]; i < end; ++i) out.push_back(data.codes[i]);
    return out;
  }

  const index::FacetColumns& columns_;
  std::vector<std::size_t> which_;
  std::size_t post_column_;
  bool count_entries_;
  std::map<std::size_t, std::vector<std::size_t>> entries_;  // column → group → entries
  std::map<std::size_t, std::vector<std::unordered_set<std::uint32_t>>> posts_;  // column → group → posts
};

std::size_t column_of(std::string_view slot) {
  const auto& slots = index::column_slots();
  return static_cast<std::size_t>(std::find(slots.begin(), slots.end(), slot) - slots.begin());
}

// Runs `spy` over every document of this type.
void count_documents(const Xapian::Database& db, const index::TermRules& rules, std::string_view type,
                     Xapian::MatchSpy& spy) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(rules.term("type", std::string(type))));
  enquire.add_matchspy(&spy);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.get_mset(0, 0, db.get_doccount());
}

}  // namespace

IndexStats index_stats(const Xapian::Database& db, const schemas::IndexSchema& schema,
                       const index::FacetColumns& columns, const std::filesystem::path& index_dir) {
  IndexStats stats;
  const index::TermRules rules(schema);
  stats.posts = db.get_termfreq(rules.term("type", "post"));
  stats.entries = db.get_termfreq(rules.term("type", "entry"));
  stats.papers = db.get_termfreq(rules.term("type", "paper"));
  stats.documents = db.get_doccount() - stats.papers;
  stats.schema_version = db.get_metadata(index::metadata::kSchemaVersion);
  stats.indexed_at = db.get_metadata(index::metadata::kIndexedAt);
  stats.content_dir = db.get_metadata(index::metadata::kContentDir);
  stats.bytes_on_disk = directory_bytes(index_dir);
  stats.facet_columns = columns.origin();

  // One pass over the entries counts entries and their posts for every facet; one over the
  // posts' own documents adds the posts of each section, year and topic (an essay without
  // entries is a post of its section all the same).
  const std::vector<std::size_t> counted{column_of("source"), column_of("kind"), column_of("topic"),
                                         column_of("section"), column_of("year")};
  const std::size_t post_column = column_of(index::kPostSlot);
  PostsAndEntries of_entries(columns, counted, post_column, true);
  PostsAndEntries of_posts(columns, {counted[2], counted[3], counted[4]}, post_column, false);
  count_documents(db, rules, "entry", of_entries);
  count_documents(db, rules, "post", of_posts);

  auto counts_of = [&](std::size_t column, bool posts_have_it) {
    std::map<std::string, ValueCounts> by_value;
    of_entries.add_to(column, by_value);
    if (posts_have_it) of_posts.add_to(column, by_value);
    std::vector<FacetCount> out;
    for (const auto& [value, counts] : by_value) out.push_back({value, counts.posts.size(), counts.entries});
    std::stable_sort(out.begin(), out.end(), [](const FacetCount& a, const FacetCount& b) {
      return a.posts != b.posts ? a.posts > b.posts : a.entries > b.entries;
    });
    return out;
  };
  stats.sources = counts_of(counted[0], false);
  stats.kinds = counts_of(counted[1], false);
  stats.topics = counts_of(counted[2], true);
  stats.sections = counts_of(counted[3], true);
  stats.years = counts_of(counted[4], true);
  std::sort(stats.years.begin(), stats.years.end(),
            [](const FacetCount& a, const FacetCount& b) { return a.value > b.value; });
  std::size_t dated = 0;
  for (const FacetCount& year : stats.years) dated += year.posts;
  stats.undated_posts = stats.posts > dated ? stats.posts - dated : 0;
  return stats;
}

namespace {

nlohmann::json counts_json(const std::vector<FacetCount>& counts) {
  nlohmann::json out = nlohmann::json::array();
  for (const FacetCount& count : counts)
    out.push_back({{"value", count.value}, {"posts", count.posts}, {"entries", count.entries}});
  return out;
}

}  // namespace

nlohmann::json to_json(const IndexStats& stats, const std::filesystem::path& index_dir) {
  return {{"index", index_dir.string()},
          {"schema_version", stats.schema_version},
          {"indexed_at", stats.indexed_at},
          {"content_dir", stats.content_dir},
          {"bytes", stats.bytes_on_disk},
          {"facet_columns", stats.facet_columns},
          {"posts", stats.posts},
          {"entries", stats.entries},
          {"documents", stats.documents},
          {"papers", stats.papers},
          {"sections", counts_json(stats.sections)},
          {"sources", counts_json(stats.sources)},
          {"kinds", counts_json(stats.kinds)},
          {"topics", counts_json(stats.topics)},
          {"years", counts_json(stats.years)},
          {"undated_posts", stats.undated_posts}};
}

}  // namespace clubsearch::query
