// "Did you mean": edit distances and which known names are near enough to suggest.
#include <doctest/doctest.h>

#include "cli/suggestions.h"

using clubsearch::cli::edit_distance;
using clubsearch::cli::nearest_names;

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps of neighbours") {
  CHECK(edit_distance("limit", "limit") == 0);
  CHECK(edit_distance("limt", "limit") == 1);    // a letter left out
  CHECK(edit_distance("limiit", "limit") == 1);  // one too many
  CHECK(edit_distance("limot", "limit") == 1);   // one changed
  CHECK(edit_distance("srot", "sort") == 1);     // two swapped
  CHECK(edit_distance("", "json") == 4);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("a near name is suggested; a far one, or a tie of prefixes, is not") {
  const std::vector<std::string> options{"help", "limit", "page", "sort", "since", "until", "facets", "json",
                                         "group-by-post", "source"};
  CHECK(nearest_names("limt", options) == std::vector<std::string>{"limit"});
  CHECK(nearest_names("srot", options) == std::vector<std::string>{"sort"});
  CHECK(nearest_names("facet", options) == std::vector<std::string>{"facets"});
  CHECK(nearest_names("group-by-psot", options) == std::vector<std::string>{"group-by-post"});
  CHECK(nearest_names("grup-by-pst", options) == std::vector<std::string>{"group-by-post"});  // 2 edits, long name
  CHECK(nearest_names("lim", options) == std::vector<std::string>{"limit"});                 // a unique beginning
  CHECK(nearest_names("frobnicate", options).empty());
  CHECK(nearest_names("lmt", options).empty());  // two edits in a short name
  CHECK(nearest_names("so", options).empty());   // too short to begin only one
  CHECK(nearest_names("sin", options) == std::vector<std::string>{"since"});
  CHECK(nearest_names("limit", options).empty());  // the name itself is no suggestion
  // Equally near: both.
  CHECK(nearest_names("sorce", {"source", "force2"}) == std::vector<std::string>{"source"});
  CHECK(nearest_names("pag", {"page", "pad"}) == std::vector<std::string>{"page", "pad"});
}

TEST_CASE("command names: a slip of the keyboard, not another word") {
  const std::vector<std::string> commands{"index", "related", "stats", "serve", "hook"};
  CHECK(nearest_names("indx", commands) == std::vector<std::string>{"index"});
  CHECK(nearest_names("stat", commands) == std::vector<std::string>{"stats"});
  CHECK(nearest_names("serv", commands) == std::vector<std::string>{"serve"});
  CHECK(nearest_names("relatd", commands) == std::vector<std::string>{"related"});
  CHECK(nearest_names("attention", commands).empty());
  CHECK(nearest_names("indexing", commands).empty());
}
