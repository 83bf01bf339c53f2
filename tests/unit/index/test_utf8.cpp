// well_formed_utf8 keeps UTF-8 as it is and replaces each byte that starts no well-formed
// sequence with U+FFFD: what the query builder reads a typed query as.
#include <doctest/doctest.h>

#include "index/utf8.h"

using clubsearch::index::well_formed_utf8;

TEST_CASE("well_formed_utf8 keeps well-formed text byte for byte") {
  for (const char* text : {"", "sparse autoencoders", "言語モデル", "café ü €", "\xf0\x9f\x93\x84 paper"})
    CHECK(well_formed_utf8(text) == text);
}

TEST_CASE("well_formed_utf8 replaces each byte that starts no well-formed sequence, and only it") {
  const std::string replacement = "\xef\xbf\xbd";
  CHECK(well_formed_utf8("a\xff" "b") == "a" + replacement + "b");
  // A sequence cut short: its lead byte and the continuation each become U+FFFD, and the
  // well-formed character after them is kept.
  CHECK(well_formed_utf8("OR;\xe8\x80\xe8\xaa\x9e" "a") == "OR;" + replacement + replacement + "\xe8\xaa\x9e" "a");
  CHECK(well_formed_utf8("\xc0\xaf") == replacement + replacement);               // overlong '/'
  CHECK(well_formed_utf8("\xed\xa0\x80") == replacement + replacement + replacement);  // a surrogate
  CHECK(well_formed_utf8("end\xe8") == "end" + replacement);
}
