// Links get the right host, source, kind and arXiv id, whatever form the URL is written in.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "index/link_keys.h"
#include "indexer/link_classifier.h"
#include "schemas/source_table.h"

using namespace clubsearch::indexer;
using clubsearch::index::arxiv_id;
using clubsearch::schemas::SourceTable;

namespace {

const char* kSources = R"(
kinds = ["paper", "blog", "forum", "notebook", "code", "news", "other"]
fallback_kind = "other"
[extensions]
".pdf" = "paper"
".ipynb" = "notebook"
[hosts]
"arxiv.org" = { source = "arXiv", kind = "paper" }
"lesswrong.com" = { source = "LessWrong", kind = "forum" }
"anthropic.com" = { source = "Anthropic", kind = "blog", paths = { "/research/" = "paper", "/news/" = "news" } }
"lilianweng.github.io" = { source = "Lil'Log", kind = "blog" }
"colab.research.google.com" = { source = "Google Colab", kind = "notebook" }
"github.com" = { source = "GitHub", kind = "code" }
)";

const SourceTable& table() {
  static const SourceTable sources = SourceTable::parse(kSources, "test sources");
  return sources;
}

LinkedItem classify(const std::string& url) { return LinkClassifier(table()).classify("a title", url); }

}  // namespace

TEST_CASE("known hosts take source and kind from the table") {
  const LinkedItem paper = classify("https://arxiv.org/pdf/2402.18563");
  CHECK(paper.title == "a title");
  CHECK(paper.url == "https://arxiv.org/pdf/2402.18563");
  CHECK(paper.host == "arxiv.org");
  CHECK(paper.source == "arXiv");
  CHECK(paper.kind == "paper");
  CHECK(paper.arxiv_id == "2402.18563");

  const LinkedItem forum = classify(
      "https://www.lesswrong.com/posts/jGuXSZgv6qfdhMCuJ/refusal-in-llms-is-mediated-by-a-single-direction");
  CHECK(forum.host == "lesswrong.com");
  CHECK(forum.source == "LessWrong");
  CHECK(forum.kind == "forum");
  CHECK(forum.arxiv_id.empty());

  const LinkedItem blog = classify("https://lilianweng.github.io/posts/2024-07-07-hallucination/");
  CHECK(blog.source == "Lil'Log");
  CHECK(blog.kind == "blog");

  const LinkedItem colab =
      classify("https://colab.research.google.com/drive/1CF5Lr1bxoAFC_IPX5I0azu4X8UDz_zp-?usp=sharing");
  CHECK(colab.host == "colab.research.google.com");
  CHECK(colab.source == "Google Colab");
  CHECK(colab.kind == "notebook");

  CHECK(classify("http://export.arxiv.org/abs/2404.03592").source == "arXiv");
}

TEST_CASE("path prefixes override the host's kind") {
  CHECK(classify("https://www.anthropic.com/research/tracing-thoughts").kind == "paper");
  CHECK(classify("https://www.anthropic.com/news/anthropics-responsible-scaling-policy").kind == "news");
  CHECK(classify("https://www.anthropic.com/careers").kind == "blog");
  CHECK(classify("https://www.anthropic.com").kind == "blog");
}

TEST_CASE("hosts are lowercased, without www., port, userinfo or trailing dot") {
  CHECK(classify("HTTPS://WWW.LessWrong.COM:443/posts/x").host == "lesswrong.com");
  const LinkedItem with_userinfo = classify("https://user:secret@www.github.com:8080/a/b");
  CHECK(with_userinfo.host == "github.com");
  CHECK(with_userinfo.source == "GitHub");
  CHECK(with_userinfo.kind == "code");
  CHECK(classify("https://example.com./x").host == "example.com");
  CHECK(classify("https://www2.example.com/").host == "www2.example.com");
  CHECK(classify("https://www.example.com").host == "example.com");
}

TEST_CASE("internationalised host names are kept as lowercase Unicode") {
  const LinkedItem idn = classify("https://www.M\u00dcLLER.de/\u00fcber");
  CHECK(idn.host == "m\u00fcller.de");
  CHECK(idn.source == "m\u00fcller.de");
  CHECK(classify("https://xn--mller-kva.de/").host == "xn--mller-kva.de");
}

TEST_CASE("unknown hosts are named by their registrable domain") {
  const LinkedItem netlify = classify(
      "https://dansblog.netlify.app/posts/"
      "2022-05-20-to-catch-a-derivative-first-youve-got-to-think-like-a-derivative/x");
  CHECK(netlify.host == "dansblog.netlify.app");
  CHECK(netlify.source == "dansblog.netlify.app");
  CHECK(netlify.kind == "other");

  CHECK(classify("https://someone.github.io/notes/").source == "someone.github.io");
  CHECK(classify("https://www.bbc.co.uk/news/technology-1").source == "bbc.co.uk");
  CHECK(classify("https://news.bbc.co.uk/x").source == "bbc.co.uk");
  CHECK(classify("https://docs.example.com/guide").source == "example.com");
  CHECK(classify("https://www.featurelab.xyz/").source == "featurelab.xyz");
}

TEST_CASE("hosts without a registrable domain are their own source") {
  const LinkedItem ip = classify("http://127.0.0.1:8000/report.pdf");
  CHECK(ip.host == "127.0.0.1");
  CHECK(ip.source == "127.0.0.1");
  CHECK(ip.kind == "paper");
  CHECK(classify("http://localhost:1313/posts/").source == "localhost");
  CHECK(classify("http://[::1]:8080/").source == "::1");
  CHECK(classify("https://github.io/").source == "github.io");
}

TEST_CASE("unknown hosts take their kind from the path's extension") {
  CHECK(classify("https://example.com/papers/thing.PDF?dl=1#page=3").kind == "paper");
  CHECK(classify("https://example.com/nb/analysis.ipynb").kind == "notebook");
  CHECK(classify("https://example.com/pdf-tools/").kind == "other");
}

TEST_CASE("links that are not http(s) keep title and url but get no host or source") {
  for (const std::string url : {"mailto:someone@example.com", "#section-2", "/blog/other-post/",
                                "../files/paper.pdf", "javascript:alert(1)", "data:text/plain,hi",
                                "ftp://example.com/x.pdf", "", "https://", "www.example.com/no-scheme"}) {
    CAPTURE(url);
    const LinkedItem item = LinkClassifier(table()).classify("Title <b>", url);
    CHECK(item.title == "Title <b>");
    CHECK(item.url == url);
    CHECK(item.host.empty());
    CHECK(item.source.empty());
    CHECK(item.kind == "other");
    CHECK(item.arxiv_id.empty());
  }
}

TEST_CASE("scheme-relative and browser-style URLs are read") {
  const LinkedItem relative = classify("//arxiv.org/abs/2404.03592");
  CHECK(relative.host == "arxiv.org");
  CHECK(relative.arxiv_id == "2404.03592");

  const LinkedItem spaced = classify("https://zh.wikipedia.org/wiki/\u4e2d\u6587 \u9875\u9762|x");
  CHECK(spaced.host == "zh.wikipedia.org");
  CHECK(spaced.source == "wikipedia.org");
  CHECK(classify("  https://example.com/a?q=[1]&r=50%  ").host == "example.com");
}

TEST_CASE("arXiv ids from every URL form") {
  for (const char* url : {"https://arxiv.org/abs/2404.03592", "https://arxiv.org/abs/2404.03592v2",
                          "http://arxiv.org/pdf/2404.03592", "https://arxiv.org/pdf/2404.03592v3.pdf",
                          "https://arxiv.org/pdf/2404.03592.pdf", "https://arxiv.org/html/2404.03592v1",
                          "https://arxiv.org/html/2404.03592v1/#S3", "https://arxiv.org/abs/2404.03592/",
                          "http://export.arxiv.org/abs/2404.03592?context=cs.CL",
                          "https://www.arxiv.org/abs/2404.03592v2#comments", "arxiv.org/abs/2404.03592",
                          "//arxiv.org/pdf/2404.03592", "https://huggingface.co/papers/2404.03592",
                          "https://www.alphaxiv.org/abs/2404.03592v1", "HTTPS://ARXIV.ORG/abs/2404.03592"}) {
    CAPTURE(url);
    CHECK(arxiv_id(url) == "2404.03592");
  }
  CHECK(arxiv_id("https://arxiv.org/html/2310.13121v5") == "2310.13121");
}

TEST_CASE("arXiv ids written as text") {
  for (const char* text :
       {"2402.18563", "2402.18563v2", "  2402.18563v12\n", "arXiv:2402.18563", "arXiv: 2402.18563",
        "ARXIV:2402.18563v1", "arXiv 2402.18563", "arXiv:2402.18563v2 [cs.CL]"}) {
    CAPTURE(text);
    CHECK(arxiv_id(text) == "2402.18563");
  }
  CHECK(arxiv_id("0704.0001") == "0704.0001");
  CHECK(arxiv_id("1412.8729") == "1412.8729");
  CHECK(arxiv_id("1501.00001") == "1501.00001");
}

TEST_CASE("old-style arXiv ids keep their archive and drop the subject class") {
  CHECK(arxiv_id("hep-th/9901001") == "hep-th/9901001");
  CHECK(arxiv_id("arXiv:hep-th/9901001v1") == "hep-th/9901001");
  CHECK(arxiv_id("math.GT/0309136") == "math/0309136");
  CHECK(arxiv_id("Math.GT/0309136") == "math/0309136");
  CHECK(arxiv_id("https://arxiv.org/abs/math.GT/0309136v2") == "math/0309136");
  CHECK(arxiv_id("https://arxiv.org/pdf/cond-mat/0207270v1.pdf") == "cond-mat/0207270");
  CHECK(arxiv_id("https://arxiv.org/abs/hep-th/9901001") == "hep-th/9901001");
  CHECK(arxiv_id("cs/0703999") == "cs/0703999");
}

TEST_CASE("things that are not arXiv ids give none") {
  for (const char* text : {"",
                           "3.11.2",
                           "2404.1",
                           "2404.0359",
                           "1399.12345",
                           "2413.12345",
                           "2400.12345",
                           "0703.1234",
                           "1412.12345",
                           "1501.0001",
                           "2404.03592v",
                           "2404.035921",
                           "2404.03592.1",
                           "see 2404.03592 here",
                           "arxiv2404.03592",
                           "arXiv:",
                           "hep-th/9101001",
                           "math/0704001",
                           "hep-th/990100",
                           "-th/9901001",
                           "math./0309136",
                           "https://arxiv.org/list/cs.AI/recent",
                           "https://arxiv.org/a/smith_j_1",
                           "https://arxiv.org/abs/",
                           "https://arxiv.org/html/2404.03592v1/x1.png",
                           "https://example.com/abs/2404.03592",
                           "https://notarxiv.org/abs/2404.03592",
                           "https://huggingface.co/2404.03592",
                           "https://huggingface.co/papers",
                           "mailto:2404.03592@example.com"}) {
    CAPTURE(text);
    CHECK(arxiv_id(text).empty());
  }
}

TEST_CASE("one classifier is used from several threads at once") {
  const LinkClassifier classifier(table());
  const std::vector<std::string> urls = {
      "https://arxiv.org/abs/2404.03592v2",   "https://someone.github.io/x",
      "https://www.bbc.co.uk/news",           "mailto:a@b.c",
      "https://www.anthropic.com/research/x", "https://www.M\u00dcLLER.de/"};
  std::vector<LinkedItem> expected;
  for (const auto& url : urls) expected.push_back(classifier.classify("t", url));
  std::vector<std::vector<LinkedItem>> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results)
    threads.emplace_back([&classifier, &urls, &result] {
      for (int round = 0; round < 50; ++round)
        for (const auto& url : urls) result.push_back(classifier.classify("t", url));
    });
  for (auto& thread : threads) thread.join();
  for (const auto& result : results) {
    REQUIRE(result.size() == 50 * urls.size());
    for (std::size_t i = 0; i < result.size(); ++i) {
      const LinkedItem& want = expected[i % urls.size()];
      CHECK(result[i].host == want.host);
      CHECK(result[i].source == want.source);
      CHECK(result[i].kind == want.kind);
      CHECK(result[i].arxiv_id == want.arxiv_id);
    }
  }
}

TEST_CASE("url_key: one key for the same page linked with or without scheme, www., slash or fragment") {
  using clubsearch::index::url_key;
  CHECK(url_key("https://www.LessWrong.com/posts/abc/#comments") == "lesswrong.com/posts/abc");
  CHECK(url_key("http://lesswrong.com/posts/abc") == "lesswrong.com/posts/abc");
  CHECK(url_key("lesswrong.com/posts/abc/") == "lesswrong.com/posts/abc");
  CHECK(url_key("https://example.org/Case/Kept") == "example.org/Case/Kept");
  CHECK(url_key("") == "");
  const std::string long_url = "https://example.org/" + std::string(300, 'a');
  CHECK(url_key(long_url).size() == 17);
  CHECK(url_key(long_url).front() == '#');
}
