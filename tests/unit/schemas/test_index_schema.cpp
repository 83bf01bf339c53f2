// The index schema loads, is internally consistent, and rejects malformed variants.
#include <doctest/doctest.h>

#include "schemas/index_schema.h"
#include "schemas/schema_error.h"

using clubsearch::schemas::IndexSchema;
using clubsearch::schemas::SchemaError;
using clubsearch::schemas::ValueEncoding;

TEST_CASE("the built-in schema declares every field the indexer writes") {
  const IndexSchema& schema = IndexSchema::builtin();
  CHECK(schema.version() >= 1);
  for (const char* name : {"paper", "title", "post", "description", "mention"})
    CHECK_FALSE(schema.text(name).prefix.empty());
  CHECK(schema.text("commentary").prefix.empty());  // searched by plain queries only
  for (const char* name : {"id", "file", "type", "section", "source", "kind", "topic", "tag", "arxiv", "host",
                           "url", "year", "month", "date"})
    CHECK_FALSE(schema.filter(name).prefix.empty());
  CHECK(schema.value("date").encoding == ValueEncoding::date);
  CHECK(schema.value("topic").encoding == ValueEncoding::list);
  CHECK(schema.text("paper").weight > schema.text("commentary").weight);
}

TEST_CASE("asking for an undeclared field names it") {
  CHECK_THROWS_WITH_AS(IndexSchema::builtin().text("nonsense"),
                       "built-in index.toml: no text field 'nonsense'", SchemaError);
}

TEST_CASE("malformed schemas are rejected with the line") {
  // Three lines every schema starts with; the offending lines below are 4 and on.
  const std::string head = "version = 1\nlanguage = \"english\"\nstemming = \"all\"\n";
  CHECK_THROWS_WITH_AS(
      IndexSchema::parse(head + "[text.a]\nprefix = \"XA\"\nweight = -1\n[filter]\n[value]\n", "t"),
      "t:6: 'weight' must be an integer from 0 to 100", SchemaError);
  CHECK_THROWS_WITH_AS(IndexSchema::parse(head + "[text.a]\nweight = 0\n[filter]\n[value]\n", "t"),
                       "t:4: text field 'a' has neither a prefix nor a weight: nothing could find it",
                       SchemaError);
  CHECK_THROWS_WITH_AS(
      IndexSchema::parse(head + "[text.a]\nprefix = \"xa\"\nweight = 1\n[filter]\n[value]\n", "t"),
      "t:4: prefix of 'a' must be capital ASCII letters", SchemaError);
  CHECK_THROWS_WITH_AS(
      IndexSchema::parse(
          head + "[text.a]\nprefix = \"XA\"\nweight = 1\n[filter.b]\nprefix = \"XA\"\n[value]\n", "t"),
      "t:7: prefix 'XA' used twice", SchemaError);
  CHECK_THROWS_WITH_AS(
      IndexSchema::parse(
          head + "[text]\n[filter]\n[value.a]\nslot = 1\nencoding = \"string\"\n[value.b]\nslot = 1\n"
                 "encoding = \"string\"\n",
          "t"),
      "t:9: value slot 1 used twice", SchemaError);
  CHECK_THROWS_WITH_AS(
      IndexSchema::parse(
          "version = 1\nlanguage = \"english\"\nstemming = \"most\"\n[text]\n[filter]\n[value]\n", "t"),
      "t:3: stemming must be \"all\", \"some\" or \"none\"", SchemaError);
  CHECK_THROWS_WITH_AS(IndexSchema::parse("version = [\n", "t"), doctest::Contains("t:1:"), SchemaError);
  CHECK_THROWS_AS(IndexSchema::parse("version = 0\n" + head.substr(12) + "[text]\n[filter]\n[value]\n", "t"),
                  SchemaError);
}

TEST_CASE("a text field without a prefix is searched by plain queries only") {
  const IndexSchema schema = IndexSchema::parse(
      "version = 2\nlanguage = \"english\"\nstemming = \"some\"\n[text.body]\nweight = "
      "1\n[filter]\n[value]\n",
      "t");
  CHECK(schema.text("body").prefix.empty());
  CHECK(schema.stemming() == "some");
  CHECK(schema.version() == 2);
}

TEST_CASE("papers' documents have every prefix under [papers]'s but the shared filters'") {
  const std::string head =
      "version = 1\nlanguage = \"english\"\nstemming = \"all\"\n[text.body]\nweight = 1\n[text.title]\n"
      "prefix = \"S\"\nweight = 2\n[filter.id]\nprefix = \"Q\"\n[filter.topic]\nprefix = \"XTOPIC\"\n[value]\n"
      "[title]\nkey_prefix = \"XTKEY\"\n";
  const IndexSchema schema = IndexSchema::parse(head + "[papers]\nprefix = \"XZ\"\nshared = [\"id\"]\n", "t");
  CHECK(schema.text_prefix().empty());
  const IndexSchema& papers = schema.papers();
  CHECK(&papers != &schema);
  CHECK(papers.text_prefix() == "XZ");
  CHECK(papers.text("body").prefix.empty());  // its words are under text_prefix
  CHECK(papers.text("title").prefix == "XZS");
  CHECK(papers.filter("id").prefix == "Q");
  CHECK(papers.filter("topic").prefix == "XZXTOPIC");
  CHECK(papers.title_terms().key_prefix == "XZXTKEY");
  CHECK(&papers.papers() == &papers);
  // A copy of the schema keeps its papers' schema.
  const IndexSchema copy = schema;
  CHECK(copy.papers().filter("topic").prefix == "XZXTOPIC");
  // Without [papers], papers' documents are written like the others.
  const IndexSchema plain = IndexSchema::parse(head, "t");
  CHECK(&plain.papers() == &plain);

  CHECK_THROWS_WITH_AS(IndexSchema::parse(head + "[papers]\nprefix = \"XT\"\n", "t"),
                       "t:16: papers.prefix 'XT' begins the prefix 'XTKEY'", SchemaError);
  CHECK_THROWS_WITH_AS(IndexSchema::parse(head + "[papers]\nprefix = \"XZ\"\nshared = [\"nope\"]\n", "t"),
                       doctest::Contains("papers.shared names filters of [filter]"), SchemaError);
  CHECK_THROWS_WITH_AS(IndexSchema::parse(head + "[papers]\nprefix = \"xz\"\n", "t"),
                       doctest::Contains("prefix of 'papers' must be capital ASCII letters"), SchemaError);
  // The built-in schema keeps papers apart.
  CHECK_FALSE(IndexSchema::builtin().papers().text_prefix().empty());
}
