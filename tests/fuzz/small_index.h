// The index the search and API fuzz targets search: the sample blog (data/) indexed once
// per process into a scratch folder, removed when the process ends.
#pragma once

#include "query/searcher.h"

namespace clubsearch::fuzz {

// Built on the first call (LLVMFuzzerInitialize makes that call, outside the runs).
const query::Searcher& small_index_searcher();

}  // namespace clubsearch::fuzz
