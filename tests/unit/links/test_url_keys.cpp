// The keys a link is indexed and searched by (index/link_keys.h): the same page written
// as different URLs is one key, different pages stay different, and what a search takes
// for a pasted link.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "index/link_keys.h"
#include "schemas/url_rules.h"

using clubsearch::index::link_lookup;
using clubsearch::index::LinkLookup;
using clubsearch::index::permalink_key;
using clubsearch::index::url_key;
using clubsearch::schemas::UrlRules;

namespace {

// Every form must give the key of the first.
void check_same_key(const std::vector<std::string>& forms) {
  const std::string want = url_key(forms.front());
  REQUIRE_FALSE(want.empty());
  for (const std::string& form : forms) {
    CAPTURE(form);
    CHECK(url_key(form) == want);
  }
}

void check_different_keys(const std::string& a, const std::string& b) {
  CAPTURE(a);
  CAPTURE(b);
  CHECK(url_key(a) != url_key(b));
}

}  // namespace

TEST_CASE("url_key: tracking parameters go, the others stay, sorted by name") {
  CHECK(url_key("https://example.org/post?utm_source=newsletter&utm_medium=email&utm_campaign=x") ==
        "example.org/post");
  CHECK(url_key("https://example.org/post?UTM_Source=x") == "example.org/post");
  for (const char* tracking : {"fbclid", "gclid", "mc_cid", "mc_eid", "ref", "ref_src", "msclkid", "igshid"}) {
    CAPTURE(tracking);
    CHECK(url_key(std::string("https://example.org/post?") + tracking + "=abc123") == "example.org/post");
  }
  // What the page is stays, and its parameters are sorted so their order does not matter.
  CHECK(url_key("https://news.ycombinator.com/item?id=40000000&utm_source=x") ==
        "news.ycombinator.com/item?id=40000000");
  CHECK(url_key("https://example.org/search?q=sae&page=2") == "example.org/search?page=2&q=sae");
  check_same_key({"https://example.org/search?page=2&q=sae", "https://example.org/search?q=sae&page=2",
                  "https://example.org/search?fbclid=x&q=sae&page=2"});
  // A repeated name keeps its values' order; a name without a value stays one.
  CHECK(url_key("https://example.org/a?b=2&a=1&b=1") == "example.org/a?a=1&b=2&b=1");
  CHECK(url_key("https://example.org/a?flag&utm_term=x") == "example.org/a?flag");
  // A space written "+" or "%20" is one.
  CHECK(url_key("https://example.org/s?q=a+b") == url_key("https://example.org/s?q=a%20b"));
  check_different_keys("https://news.ycombinator.com/item?id=1", "https://news.ycombinator.com/item?id=2");
  check_different_keys("https://example.org/forum?id=7", "https://example.org/forum");
}

TEST_CASE("url_key: some parameters are tracking on some hosts only") {
  // A tweet's share parameters; a search's s= elsewhere is what it searched.
  CHECK(url_key("https://twitter.com/someone/status/123?s=20&t=AbCdEf") == url_key("https://twitter.com/someone/status/123"));
  CHECK(url_key("https://example.org/?s=sparse") == "example.org?s=sparse");
  // YouTube's share id goes, the video stays.
  check_same_key({"https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://youtube.com/watch?v=dQw4w9WgXcQ&si=Xy12",
                  "https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ"});
  check_different_keys("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube.com/watch?v=aaaaaaaaaaa");
  check_different_keys("https://example.org/video?si=1", "https://example.org/video?si=2");
  // A branch on GitHub is not a referrer.
  CHECK(url_key("https://github.com/org/repo/pulls?ref=main") == "github.com/org/repo/pulls?ref=main");
}

TEST_CASE("url_key: scheme, www., case of the host, port, trailing slash, index.html and fragment do not matter") {
  check_same_key({"https://example.org/a/b", "http://example.org/a/b", "example.org/a/b", "//example.org/a/b",
                  "https://www.example.org/a/b/", "HTTPS://WWW.Example.ORG/a/b", "https://example.org./a/b",
                  "https://example.org:443/a/b", "http://example.org:80/a/b", "https://example.org/a/b#part",
                  "https://example.org/a/b/index.html", "https://example.org/a/b/index.htm#x",
                  "https://example.org/a/./c/../b", "  https://example.org/a/b  "});
  CHECK(url_key("https://example.org/a/b") == "example.org/a/b");
  CHECK(url_key("https://example.org/") == "example.org");
  CHECK(url_key("https://example.org/index.html") == "example.org");
  // The path's case is the server's to decide; another port is another server.
  check_different_keys("https://example.org/Case", "https://example.org/case");
  CHECK(url_key("http://localhost.example:8080/a") == "localhost.example:8080/a");
  check_different_keys("https://example.org/a/b", "https://example.org/a/b/c");
  check_different_keys("https://example.org/a/b", "https://example.com/a/b");
}

TEST_CASE("url_key: percent-escapes are in one form") {
  // Unreserved characters unescaped, the rest escaped in capitals, raw text escaped.
  check_same_key({"https://example.org/~user/caf%C3%A9", "https://example.org/%7Euser/caf%c3%a9",
                  "https://example.org/~user/caf\u00e9"});
  CHECK(url_key("https://example.org/%7euser") == "example.org/~user");
  check_same_key({"https://example.org/a%20b", "https://example.org/a b"});
  check_different_keys("https://example.org/a%2Fb", "https://example.org/a/b");
}

TEST_CASE("url_key: mobile editions are the site itself, on the hosts that have them") {
  check_same_key({"https://twitter.com/a/status/1", "https://mobile.twitter.com/a/status/1",
                  "https://m.twitter.com/a/status/1"});
  check_same_key({"https://en.wikipedia.org/wiki/Attention", "https://en.m.wikipedia.org/wiki/Attention"});
  check_same_key({"https://www.lesswrong.com/posts/abc", "https://m.lesswrong.com/posts/abc"});
  // Only there: m.me is Messenger's own domain, mobile.de a site of its own, and an
  // unknown m. host is left as it is.
  CHECK(url_key("https://m.me/somepage") == "m.me/somepage");
  CHECK(url_key("https://mobile.de/cars") == "mobile.de/cars");
  CHECK(url_key("https://m.example.org/a") == "m.example.org/a");
}

TEST_CASE("url_key: a mirror is keyed as the site it mirrors") {
  check_same_key({"https://www.lesswrong.com/posts/ABC123/some-slug",
                  "https://www.alignmentforum.org/posts/ABC123/some-slug",
                  "https://www.greaterwrong.com/posts/ABC123/some-slug"});
  check_same_key({"https://twitter.com/someone/status/1234567890", "https://x.com/someone/status/1234567890",
                  "https://mobile.x.com/someone/status/1234567890?s=46"});
  check_same_key({"https://www.reddit.com/r/MachineLearning/comments/abc12/title_here/",
                  "https://old.reddit.com/r/MachineLearning/comments/abc12/title_here/",
                  "https://reddit.com/r/MachineLearning/comments/abc12", "https://redd.it/abc12"});
  check_same_key({"https://arxiv.org/abs/2404.03592", "http://export.arxiv.org/abs/2404.03592/"});
  check_different_keys("https://forum.effectivealtruism.org/posts/ABC123/x", "https://www.lesswrong.com/posts/ABC123/x");
  CHECK(url_key("https://ea.greaterwrong.com/posts/ABC123/x") == "forum.effectivealtruism.org/posts/ABC123");
}

TEST_CASE("url_key: a platform's several paths for one page are one key") {
  // LessWrong and the Alignment Forum: a post by its id, with or without the slug.
  check_same_key({"https://www.lesswrong.com/posts/ABC123/some-slug", "https://www.lesswrong.com/posts/ABC123",
                  "lesswrong.com/posts/ABC123/", "https://www.lesswrong.com/posts/ABC123/another-slug",
                  "https://www.lesswrong.com/s/SEQ9/p/ABC123", "alignmentforum.org/posts/ABC123"});
  CHECK(url_key("https://www.lesswrong.com/posts/ABC123/some-slug") == "lesswrong.com/posts/ABC123");
  // Different posts stay different, and so do a post's comment and other pages.
  check_different_keys("https://www.lesswrong.com/posts/ABC123/slug", "https://www.lesswrong.com/posts/XYZ789/slug");
  check_different_keys("https://www.lesswrong.com/posts/ABC123/slug",
                       "https://www.lesswrong.com/posts/ABC123/slug?commentId=c1");
  check_different_keys("https://www.greaterwrong.com/posts/ABC123/slug",
                       "https://www.greaterwrong.com/posts/ABC123/slug/comment/c1");
  check_different_keys("https://www.lesswrong.com/users/someone", "https://www.lesswrong.com/users/other");
  // A tweet by its id, whoever's name is in the path.
  check_same_key({"https://twitter.com/Someone/status/99", "https://x.com/someone/status/99",
                  "https://twitter.com/i/web/status/99", "https://x.com/someone/status/99/photo/1"});
  check_different_keys("https://twitter.com/someone/status/99", "https://twitter.com/someone/status/98");
  // A video's short link and other pages; a start time stays.
  check_same_key({"https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://youtu.be/dQw4w9WgXcQ",
                  "https://youtu.be/dQw4w9WgXcQ?si=abc", "https://www.youtube.com/shorts/dQw4w9WgXcQ"});
  check_different_keys("https://youtu.be/dQw4w9WgXcQ?t=30", "https://youtu.be/dQw4w9WgXcQ");
  // An OpenReview submission's PDF is its forum page; the id stays.
  check_same_key({"https://openreview.net/forum?id=abcDEF", "https://openreview.net/pdf?id=abcDEF"});
  check_different_keys("https://openreview.net/forum?id=abcDEF", "https://openreview.net/forum?id=other");
}

TEST_CASE("url_key: site paths, relative links and other schemes") {
  check_same_key({"/blog/post/", "/blog/post", "/blog/post/#part", "/blog/post/index.html"});
  CHECK(url_key("/blog/post/") == "/blog/post");
  CHECK(url_key("/") == "/");
  CHECK(url_key("../post/#x") == "../post");
  CHECK(url_key("mailto:someone@example.org") == "mailto:someone@example.org");
  CHECK(url_key("") == "");
  // Not a host: a relative link to a file whose name has a dot.
  CHECK(url_key("notes.md") == "notes.md");
  const std::string long_url = "https://example.org/" + std::string(300, 'a');
  CHECK(url_key(long_url).size() == 17);
  CHECK(url_key(long_url).front() == '#');
  CHECK(url_key(long_url + "?utm_source=x") == url_key(long_url));
}

TEST_CASE("url_key: the rules are the table's") {
  const UrlRules rules = UrlRules::parse(R"(
default_documents = ["default.aspx"]
[tracking]
names = ["src"]
[[mirror]]
key = "example.org"
hosts = ["example-mirror.net"]
[[path]]
hosts = ["example.org"]
paths = ["/p/{id}/{slug}"]
key = "/p/{id}"
)", "test urls.toml");
  CHECK(url_key("https://example-mirror.net/p/42/title/default.aspx?src=feed&utm_source=x", rules) ==
        "example.org/p/42?utm_source=x");
  CHECK(url_key("https://www.lesswrong.com/posts/ABC123/slug", rules) == "lesswrong.com/posts/ABC123/slug");
}

TEST_CASE("permalink_key: the path and anchor of a page of the blog, whatever its host") {
  CHECK(permalink_key("https://the.blog/blog/journal-club-2/#some-anchor") == "/blog/journal-club-2#some-anchor");
  CHECK(permalink_key("/blog/journal-club-2/#some-anchor") == "/blog/journal-club-2#some-anchor");
  CHECK(permalink_key("HTTP://WWW.The.Blog/blog/journal-club-2#some-anchor") == "/blog/journal-club-2#some-anchor");
  CHECK(permalink_key("the.blog/blog/journal-club-2/?utm_source=x#some-anchor") ==
        "/blog/journal-club-2#some-anchor");
  CHECK(permalink_key("https://the.blog/blog/journal-club-2/") == "/blog/journal-club-2");
  CHECK(permalink_key("https://the.blog/blog/journal-club-2/index.html") == "/blog/journal-club-2");
  CHECK(permalink_key("/blog/journal-club-2/#") == "/blog/journal-club-2#");
  CHECK(permalink_key("https://the.blog/") == "/");
  // Paths and anchors keep their case; a page is not its parts.
  CHECK(permalink_key("/Blog/Post/#Part") == "/Blog/Post#Part");
  CHECK(permalink_key("/blog/post/#a") != permalink_key("/blog/post/#b"));
  CHECK(permalink_key("/blog/post/#a") != permalink_key("/blog/post/"));
  CHECK(permalink_key("notes.md").empty());
  CHECK(permalink_key("").empty());
}

TEST_CASE("link_lookup: a pasted link is looked up by every key it may be indexed under") {
  // Another site's page, with the blog's host known: its URL key and arXiv id.
  const auto arxiv = link_lookup("arxiv.org/pdf/2404.03592v2.pdf", "journal.example.org");
  REQUIRE(arxiv);
  CHECK(arxiv->urls == std::vector<std::string>{"arxiv.org/pdf/2404.03592v2.pdf"});
  CHECK(arxiv->arxiv == "2404.03592");
  CHECK(arxiv->permalink.empty());
  for (const char* form : {"https://arxiv.org/abs/2404.03592", "http://export.arxiv.org/abs/2404.03592v3",
                           "https://arxiv.org/html/2404.03592v1", "arxiv.org/abs/2404.03592",
                           "https://www.alphaxiv.org/abs/2404.03592", "2404.03592", "2404.03592v2"}) {
    CAPTURE(form);
    const auto lookup = link_lookup(form, "journal.example.org");
    REQUIRE(lookup);
    CHECK(lookup->arxiv == "2404.03592");
  }
  const auto bare = link_lookup("2404.03592", "");
  REQUIRE(bare);
  CHECK(bare->urls.empty());
  CHECK(bare->permalink.empty());

  // The blog's own page, absolute: its permalink, and its URL as the blog's own links
  // write it, absolute or as a site path.
  const auto own = link_lookup("https://www.journal.example.org/blog/jc-2/#part", "journal.example.org");
  REQUIRE(own);
  CHECK(own->permalink == "/blog/jc-2#part");
  CHECK(own->urls == std::vector<std::string>{"journal.example.org/blog/jc-2", "/blog/jc-2"});
  // As a site path.
  const auto path = link_lookup("/blog/jc-2/#part", "journal.example.org");
  REQUIRE(path);
  CHECK(path->permalink == "/blog/jc-2#part");
  CHECK(path->urls == std::vector<std::string>{"/blog/jc-2", "journal.example.org/blog/jc-2"});
  const auto path_only = link_lookup("/blog/jc-2/", "");
  REQUIRE(path_only);
  CHECK(path_only->permalink == "/blog/jc-2");
  CHECK(path_only->urls == std::vector<std::string>{"/blog/jc-2"});
  // Without the blog's host, any web address may be the blog's own page.
  const auto unknown = link_lookup("https://the.blog/blog/jc-2/#part", "");
  REQUIRE(unknown);
  CHECK(unknown->permalink == "/blog/jc-2#part");
  CHECK(unknown->urls == std::vector<std::string>{"the.blog/blog/jc-2"});
}

TEST_CASE("link_lookup: what is not a link") {
  for (const char* text : {"sparse", "title:refusal", "arXiv:2404.03592", "url:https://example.org/a",
                           "example.org", "e.g.", "and/or", "fig.3/4", "v1.2/x", "1.5/2", "/", "//",
                           "\"https://example.org/a\"", "ftp://example.org/a", "mailto:a@example.org",
                           "https://", "2404.1", ""}) {
    CAPTURE(text);
    CHECK_FALSE(link_lookup(text, "").has_value());
  }
  for (const char* text : {"https://example.org", "http://example.org/a", "example.org/a/b",
                           "www.lesswrong.com/posts/abc", "www.example.org", "//example.org/a", "/blog/post",
                           "hep-th/9901001"}) {
    CAPTURE(text);
    CHECK(link_lookup(text, "").has_value());
  }
}
