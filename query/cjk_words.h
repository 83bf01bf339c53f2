// Chinese, Japanese and Korean text has no spaces between words. The index holds each
// run of CJK characters as its characters and their pairs (Xapian's n-grams). A query
// that required every pair of a run would also require the pairs that straddle two words
// ("去除开屏广告" would need "除开", which "去除各种软件开屏广告" lacks), and a dictionary
// to find the words (ICU's) is a library no reader of an index loads. So a run requires
// its characters, and its pairs only rank: the more of them a document holds, the
// closer its words are to the run typed.
#pragma once

#include <xapian.h>

#include <string>

namespace clubsearch::query {

// `text` with each run of CJK characters (one or more) outside double quotes and field
// values written as `field:HEX`, its UTF-8 bytes in hex (the query parser would cut a
// field value of CJK characters into n-grams); a quoted phrase, or title:大模型, stays as
// typed.
std::string cjk_runs_as_field(const std::string& text, const std::string& field);

// The query of one run given in hex: all its characters, ranked up by its pairs; each
// term under `prefix` (the words', IndexSchema::text_prefix). With `any_part`, as when any
// word of a query may match: its pairs, any of them (most Chinese words are two
// characters, so a document holding some of the run's words holds some of its pairs),
// or its character when it is one.
Xapian::Query cjk_run_query(const std::string& hex, const std::string& prefix = std::string(), bool any_part = false);

}  // namespace clubsearch::query
