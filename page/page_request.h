// A request for the search page, read and answered: what the server's GET /?QS and the
// static engine's page both show, from one Searcher, before page.h renders it.
#pragma once

#include <string_view>

#include "page/page.h"
#include "query/searcher.h"

namespace clubsearch::page {

// The page `target` asks for ("/?q=…" or "?q=…"): its search, or the related listing of
// `related=ID`, answered by `searcher`; a request the page refuses (a parameter it cannot
// read, a malformed query, a page past the last, an unknown entry) as the content's
// error. What the index cannot answer (a Xapian error) is thrown.
PageContent page_content(std::string_view target, const query::Searcher& searcher);

}  // namespace clubsearch::page
