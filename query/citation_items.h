// What of a search's results is cited: each paper once (a paper's own record, or the
// papers an entry links), and the other things an entry links (a blog post, a forum
// thread), as the CitationItems query/citations formats.
#pragma once

#include <vector>

#include "query/citations.h"
#include "index/record.h"

namespace clubsearch::query {

// The items to cite for these results, in their order, each paper once: a paper's
// result is itself; an entry's is what it links (not a relative link to the blog's own
// pages); a post's own document links nothing (cite its entries' records instead).
// Dates are the papers' own (as far as their identifiers tell); the note says which
// posts discussed it (all of them: give records read whole, Searcher::whole_records),
// and `accessed` is the latest of their dates.
std::vector<CitationItem> citation_items(const std::vector<index::Record>& records);

}  // namespace clubsearch::query
