// Searcher: runs SearchRequests against an index: ranking, filters, facets counted the
// way faceted search servers do, pagination, grouping by post, snippets, spelling help,
// "also in" other posts, and "more like this".
#pragma once

#include <xapian.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "index/facet_columns.h"
#include "index/record.h"
#include "index/shared_links.h"
#include "index/terms.h"
#include "query/deferred_reads.h"
#include "query/index_stats.h"
#include "query/query_builder.h"
#include "query/search_request.h"
#include "query/search_result.h"
#include "schemas/index_schema.h"
#include "schemas/stopword_list.h"

namespace clubsearch::query {

// Gives the facet columns of a database (index/columns_file.h: the index's own file, or
// built from the database); called once, by the first search that counts facets.
using ColumnsSource = std::function<std::shared_ptr<const index::FacetColumns>(const Xapian::Database&)>;

// The columns stored in the index folder `index_dir`, else built from the database.
ColumnsSource stored_columns(std::filesystem::path index_dir, const schemas::IndexSchema& schema);

// Like the Xapian objects it holds, a Searcher is for one thread at a time.
class Searcher {
 public:
  // Without a source, facet columns are built from the database's value streams.
  Searcher(Xapian::Database db, const schemas::IndexSchema& schema, ColumnsSource columns = {},
           const schemas::StopwordList& stopwords = schemas::StopwordList::builtin());

  // Loads what the first search with facets would (the facet columns), so that a server
  // pays it at start rather than on a user's request.
  void prepare() const { columns(); }
  // The facet columns, loaded if they were not.
  const index::FacetColumns& columns() const;
  // The facet columns if a search has loaded them, else nullptr.
  const index::FacetColumns* loaded_columns() const { return columns_.get(); }

  // Throws QueryError for a malformed query and RequestError for a bad parameter.
  SearchResult search(const SearchRequest& request) const;

  // The stored record of the document with this id, if the index has it.
  std::optional<index::Record> record(const std::string& id) const;
  // The document with this id as a result (record and also_in; no snippet or score).
  std::optional<SearchHit> entry(const std::string& id) const;
  // The records of a search's hits read whole (a result's paper carries only its newest
  // mentions): what a citation of the result set notes.
  std::vector<index::Record> whole_records(const std::vector<SearchHit>& hits) const;

  // The records of a post's documents: its entries in the order of the file, then the
  // post's own document; empty when no post has this id.
  std::vector<index::Record> post_documents(const std::string& post_id) const;

  // Entries like the one with this id ("more like this"), from its own most telling
  // words; nullopt when there is no such document.
  std::optional<SearchResult> related(const std::string& id, std::size_t limit) const;

  // What the index in `index_dir` (this searcher's) holds, counted with the facet columns
  // it already has in memory.
  IndexStats stats(const std::filesystem::path& index_dir) const;

  // For an index whose reads may be deferred (query/deferred_reads.h): the parts of a
  // request that stand on their own (the words of the query, its terms, each hit, each
  // entry "also in" another post) run each on its own, their reads deferred together. A
  // run with reads deferred answers incompletely: its caller drops the answer and runs
  // the request again. `ahead` (may be empty): DeferredReads::set_ahead.
  void defer_reads(std::function<bool()> deferred, std::function<void(std::uint64_t)> ahead = {});

 private:
  Xapian::Query filters_of(const SearchRequest& request, const std::string& except_facet) const;
  // `query` kept to the documents of `scope`: papers, or all but papers and, unless the
  // query names type:post, the own documents of posts their one entry tells whole.
  Xapian::Query scoped(const Xapian::Query& query, SearchScope scope) const;
  std::vector<Facet> count_facets(
      const SearchRequest& request, const Xapian::Query& text,
      const std::vector<std::vector<std::pair<std::string, Xapian::doccount>>>& main_counts) const;
  // How many documents match, passing each to the counter (if any): a pass without weights.
  Xapian::doccount count_matches(const Xapian::Query& query, index::FacetColumns::Counter* counter) const;
  // The terms a hit's snippet marks the words of `query` by, as a query.
  Xapian::Query marked_terms(const Xapian::Query& query) const;
  Xapian::MSet highlighter(const Xapian::Query& query) const;
  SearchHit hit_of(const Xapian::MSetIterator& match, const Xapian::MSet& highlighter) const;
  std::vector<AlsoIn> also_in(const index::Record& record) const;
  std::optional<Xapian::docid> docid_of(const std::string& id) const;
  // Reads the frequency of each term of `query`, each a part on its own: the first read
  // of each posting list, asked for together before the match reads them one by one.
  void read_terms(const Xapian::Query& query) const;
  // When a word of `words` is in many documents, reads the documents' lengths along the
  // index, each block on its own. True when a read was deferred.
  bool read_lengths(const Xapian::Query& words) const;
  // Reads the length of document `docid` (or the next one there is).
  void read_length(Xapian::docid docid) const;
  // Reads the posting list of each term of `query` to its end, each list a part on its own,
  // and the lengths of documents the lists of its `words` hold. True when a read was
  // deferred.
  bool read_postings(const Xapian::Query& query, const Xapian::Query& words) const;
  // Reads the positions of the words of each phrase of `query` in each document that holds
  // them all, each document on its own; its words' posting lists are at hand. True when a
  // read was deferred.
  bool read_positions(const Xapian::Query& query) const;
  // Reads the value stream of each of `slots` to its end, each a part on its own, said to
  // be read in order: a match sorted by values reads them along the index. True when a
  // read was deferred.
  bool read_values(const std::vector<Xapian::valueno>& slots) const;
  // Fills the explain of each hit that is (or is not) a closest match, found by `built`:
  // what its score is made of, by signal and by term.
  void explain(const BuiltQuery& built, std::vector<SearchHit>& hits, bool closest) const;

  Xapian::Database db_;
  const schemas::IndexSchema& schema_;
  index::TermRules rules_;
  Xapian::Stem stem_;
  QueryBuilder builder_;
  // Papers' own documents have terms of their own (the schema's [papers]). Their query
  // builder reads the synonym table again: made by the first search of papers only.
  index::TermRules paper_rules_;
  const schemas::StopwordList& stopwords_;
  mutable std::optional<QueryBuilder> paper_builder_;
  ColumnsSource columns_source_;
  // Whether the index holds posts their one entry tells whole (metadata::kToldPosts; an
  // index that does not say is taken to hold some).
  bool told_posts_;
  mutable std::shared_ptr<const index::FacetColumns> columns_;
  // The link terms other documents may share (index/shared_links.h), read by the first
  // "also in"; nullopt inside when the index records none.
  mutable std::optional<std::optional<index::SharedLinks>> shared_links_;
  DeferredReads deferred_;
};

}  // namespace clubsearch::query
