// The arXiv paper both citation tests start from (the unit tests' pinned entries and the
// round-trip fixtures): every field a citation can have, written by hand.
#pragma once

#include "query/citations.h"

namespace clubsearch::testing {

inline query::CitationItem attention_item() {
  query::CitationItem item;
  item.id = "3fa2b1c4d5e6f708";
  item.title = "Attention Is All You Need";
  item.url = "https://arxiv.org/abs/1706.03762";
  item.arxiv = "1706.03762";
  item.date = "2017-06-12";
  item.kind = "paper";
  item.source = "arXiv";
  item.note = "Discussed in Journal Club 3 (2024-05-01)";
  item.accessed = "2024-05-01";
  return item;
}

}  // namespace clubsearch::testing
