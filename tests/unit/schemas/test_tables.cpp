// The source, topic, synonym and URL tables load, and malformed ones are rejected clearly.
#include <doctest/doctest.h>

#include "schemas/schema_error.h"
#include "schemas/source_table.h"
#include "schemas/synonym_table.h"
#include "schemas/topic_taxonomy.h"
#include "schemas/url_rules.h"

using namespace clubsearch::schemas;

namespace {
const char* kSmallSources = R"(
kinds = ["paper", "blog", "other"]
fallback_kind = "other"
[extensions]
".pdf" = "paper"
[hosts]
"arxiv.org" = { source = "arXiv", kind = "paper" }
"example.com" = { source = "Example", kind = "blog", paths = { "/papers/" = "paper", "/papers/drafts/" = "blog" } }
)";
}

TEST_CASE("a host matches itself, its www form and its subdomains, most specific first") {
  const SourceTable table = SourceTable::parse(kSmallSources, "t");
  REQUIRE(table.find("arxiv.org") != nullptr);
  CHECK(table.find("arxiv.org")->source == "arXiv");
  CHECK(table.find("www.arxiv.org")->source == "arXiv");
  CHECK(table.find("export.arxiv.org")->source == "arXiv");
  CHECK(table.find("notarxiv.org") == nullptr);
  CHECK(table.find("org") == nullptr);
}

TEST_CASE("path prefixes refine the kind, longest prefix first") {
  const SourceTable table = SourceTable::parse(kSmallSources, "t");
  const HostRule& rule = *table.find("example.com");
  CHECK(table.kind_for(rule, "/papers/x") == "paper");
  CHECK(table.kind_for(rule, "/papers/drafts/x") == "blog");
  CHECK(table.kind_for(rule, "/about") == "blog");
  REQUIRE(table.extension_kind("/files/Report.PDF") != nullptr);
  CHECK(*table.extension_kind("/files/Report.PDF") == "paper");
  CHECK(table.extension_kind("/files/report.html") == nullptr);
}

TEST_CASE("source tables with undeclared kinds or bad hosts are rejected") {
  CHECK_THROWS_WITH_AS(SourceTable::parse("kinds = [\"paper\"]\nfallback_kind = \"other\"\n[hosts]\n", "t"),
                       "t:2: fallback_kind: kind must be one of the declared 'kinds'", SchemaError);
  CHECK_THROWS_WITH_AS(
      SourceTable::parse("kinds = [\"paper\"]\nfallback_kind = \"paper\"\n[hosts]\n\"www.a.org\" = { source "
                         "= \"A\", kind = \"paper\" }\n",
                         "t"),
      "t:4: host 'www.a.org' must be a bare host name without www.", SchemaError);
  CHECK_THROWS_WITH_AS(
      SourceTable::parse("kinds = [\"paper\"]\nfallback_kind = \"paper\"\n[hosts]\n\"a.org\" = { source = "
                         "\"A\", kind = \"video\" }\n",
                         "t"),
      "t:4: host a.org: kind must be one of the declared 'kinds'", SchemaError);
}

TEST_CASE("URL kind rules and hosting platforms load in order, and malformed ones are rejected") {
  const SourceTable table = SourceTable::parse(R"(
kinds = ["paper", "blog", "other"]
fallback_kind = "other"
article_kind = "blog"
[[url_kind]]
kind = "paper"
doi = true
path_segments = ["ABS", "pdf"]
host_labels = ["Proceedings"]
[[url_kind]]
kind = "blog"
host_words = ["blog"]
path_prefixes = "/~"
first_segments = ["Weblog"]
article_number = true
[hosts]
"platform.example" = { source = "Platform", kind = "blog", author_subdomains = true, author_paths = "/@" }
)",
                                               "t");
  REQUIRE(table.url_kinds().size() == 2);
  CHECK(table.url_kinds()[0].kind == "paper");
  CHECK(table.url_kinds()[0].doi);
  CHECK(table.url_kinds()[0].path_segments == std::vector<std::string>{"abs", "pdf"});
  CHECK(table.url_kinds()[0].host_labels == std::vector<std::string>{"proceedings"});
  CHECK(table.url_kinds()[1].host_words == std::vector<std::string>{"blog"});
  CHECK(table.url_kinds()[1].path_prefixes == std::vector<std::string>{"/~"});
  CHECK(table.url_kinds()[1].first_segments == std::vector<std::string>{"weblog"});
  CHECK(table.url_kinds()[1].article_number);
  CHECK_FALSE(table.url_kinds()[0].article_number);
  CHECK(table.article_kind() == "blog");
  CHECK(table.fallback_kind() == "other");
  REQUIRE(table.find("someone.platform.example") != nullptr);
  CHECK(table.find("someone.platform.example")->author_subdomains);
  CHECK(table.find("platform.example")->author_paths == "/@");
  CHECK(SourceTable::parse(kSmallSources, "t").article_kind() == "other");  // the fallback when not declared

  const std::string head = "kinds = [\"paper\", \"other\"]\nfallback_kind = \"other\"\n";
  CHECK_THROWS_WITH_AS(
      SourceTable::parse(head + "[[url_kind]]\nkind = \"video\"\npath_segments = [\"watch\"]\n[hosts]\n",
                         "t"),
      "t:4: url_kind: kind must be one of the declared 'kinds'", SchemaError);
  CHECK_THROWS_WITH_AS(SourceTable::parse(head + "[[url_kind]]\nkind = \"paper\"\n[hosts]\n", "t"),
                       "t:3: url_kind paper matches nothing", SchemaError);
  CHECK_THROWS_WITH_AS(
      SourceTable::parse(head + "[[url_kind]]\nkind = \"paper\"\narticle_number = \"yes\"\n[hosts]\n", "t"),
      "t:5: url_kind paper: article_number must be true or false", SchemaError);
  CHECK_THROWS_WITH_AS(
      SourceTable::parse(head + "[[url_kind]]\nkind = \"paper\"\npath_prefixes = [\"abs\"]\n[hosts]\n", "t"),
      "t:3: url_kind paper: path prefix must start with '/'", SchemaError);
  CHECK_THROWS_WITH_AS(
      SourceTable::parse(
          head + "[hosts]\n\"a.org\" = { source = \"A\", kind = \"paper\", author_paths = \"@\" }\n", "t"),
      "t:4: host 'a.org': author_paths must be a path start such as \"/@\"", SchemaError);
  CHECK_THROWS_WITH_AS(SourceTable::parse(head + "article_kind = \"blog\"\n[hosts]\n", "t"),
                       "t:3: article_kind: kind must be one of the declared 'kinds'", SchemaError);
}

TEST_CASE("a host removed from a table is no longer found; its parent still is") {
  SourceTable table = SourceTable::parse(kSmallSources, "t");
  CHECK(table.hosts() == std::vector<std::string>{"arxiv.org", "example.com"});
  CHECK(table.remove_host("arxiv.org"));
  CHECK_FALSE(table.remove_host("arxiv.org"));
  CHECK(table.find("export.arxiv.org") == nullptr);
  CHECK(table.hosts() == std::vector<std::string>{"example.com"});
}

TEST_CASE("the built-in tables load") {
  CHECK(SourceTable::builtin().size() > 0);
  CHECK_FALSE(TopicTaxonomy::builtin().topics().empty());
  CHECK_FALSE(SynonymTable::builtin().groups().empty());
  CHECK(UrlRules::builtin().canonical_host("x.com") == "twitter.com");
}

TEST_CASE("the URL table: tracking parameters by host, mobile editions, mirrors and path rules") {
  const UrlRules rules = UrlRules::parse(R"(
[tracking]
names = ["ref"]
prefixes = ["utm_"]
[[params]]
hosts = ["social.example"]
drop = ["s"]
[[params]]
hosts = ["code.example"]
keep = ["ref"]
[[mirror]]
key = "forum.example"
hosts = ["mirror.example"]
[mobile]
labels = ["m", "mobile"]
hosts = ["forum.example", "wiki.example"]
[[path]]
hosts = ["forum.example"]
paths = ["/posts/{id}", "/posts/{id}/{slug}"]
key = "/posts/{id}"
)", "test urls.toml");
  CHECK(rules.is_tracking("any.example", "utm_source"));
  CHECK(rules.is_tracking("any.example", "REF"));
  CHECK_FALSE(rules.is_tracking("any.example", "id"));
  CHECK(rules.is_tracking("social.example", "s"));
  CHECK(rules.is_tracking("sub.social.example", "s"));
  CHECK_FALSE(rules.is_tracking("any.example", "s"));
  CHECK_FALSE(rules.is_tracking("code.example", "ref"));
  CHECK(rules.canonical_host("m.forum.example") == "forum.example");
  CHECK(rules.canonical_host("en.m.wiki.example") == "en.wiki.example");
  CHECK(rules.canonical_host("m.other.example") == "m.other.example");
  CHECK(rules.canonical_host("mirror.example") == "forum.example");
  CHECK(rules.canonical_host("forum.example") == "forum.example");
  REQUIRE(rules.path_rules("forum.example").size() == 1);
  const PathRule& rule = *rules.path_rules("forum.example").front();
  CHECK(rule.patterns == std::vector<std::vector<std::string>>{{"posts", "{id}"}, {"posts", "{id}", "{slug}"}});
  CHECK(rule.key_host.empty());
  CHECK(rule.key_segments == std::vector<std::string>{"posts", "{id}"});
  CHECK(rules.path_rules("other.example").empty());
}

TEST_CASE("the URL table refuses rules it cannot apply") {
  for (const char* text : {
           "[[path]]\nhosts = [\"example.org\"]\npaths = [\"/p/{id}\"]\nkey = \"/q/{other}\"\n",
           "[[path]]\nhosts = [\"example.org\"]\npaths = [\"p/{id}\"]\nkey = \"/p/{id}\"\n",
           "[[path]]\nhosts = [\"example.org\"]\npaths = [\"/p/{id\"]\nkey = \"/p\"\n",
           "[[path]]\nhosts = [\"example.org\"]\npaths = [\"/p/{id}\"]\nkey = \"p\"\n",
           "[[path]]\nhosts = [\"https://example.org\"]\npaths = [\"/p/{id}\"]\nkey = \"/p/{id}\"\n",
           "[[mirror]]\nkey = \"a.org\"\nhosts = [\"b.org\"]\n[[mirror]]\nkey = \"c.org\"\nhosts = [\"b.org\"]\n",
           "[[params]]\ndrop = [\"s\"]\n",
       }) {
    CAPTURE(text);
    CHECK_THROWS_AS(UrlRules::parse(text, "test urls.toml"), SchemaError);
  }
}


TEST_CASE("topics need a name and something to match; synonym groups need two members") {
  CHECK_THROWS_WITH_AS(TopicTaxonomy::parse("[[topic]]\nname = \"A\"\n", "t"),
                       "t:1: topic 'A' has no phrases or acronyms", SchemaError);
  CHECK_THROWS_WITH_AS(
      TopicTaxonomy::parse(
          "[[topic]]\nname = \"A\"\nphrases = [\"a\"]\n[[topic]]\nname = \"A\"\nphrases = [\"b\"]\n", "t"),
      "t:4: topic 'A' declared twice", SchemaError);
  CHECK_THROWS_WITH_AS(SynonymTable::parse("[[group]]\nterms = [\"SAE\"]\n", "t"),
                       "t:1: a synonym group needs at least two terms", SchemaError);
  const SynonymTable table =
      SynonymTable::parse("[[group]]\nterms = [\"SAE\", \"sparse autoencoder\"]\n", "t");
  CHECK(table.groups().at(0).at(1) == "sparse autoencoder");
}
