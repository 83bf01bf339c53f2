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
kinds = ["paper", "blog", "newsletter", "forum", "notebook", "code", "news", "video", "social", "other"]
fallback_kind = "other"
article_kind = "blog"
[extensions]
".pdf" = "paper"
".ipynb" = "notebook"
".png" = "other"
[[url_kind]]
kind = "code"
host_labels = ["gitlab"]
[[url_kind]]
kind = "paper"
doi = true
path_segments = ["abs"]
host_labels = ["proceedings"]
[[url_kind]]
kind = "video"
path_segments = ["watch"]
[[url_kind]]
kind = "social"
path_prefixes = ["/@"]
[[url_kind]]
kind = "news"
path_segments = ["news"]
host_words = ["news"]
[[url_kind]]
kind = "blog"
path_segments = ["posts"]
host_words = ["blog"]
[[url_kind]]
kind = "news"
first_segments = ["business"]
article_number = true
[hosts]
"arxiv.org" = { source = "arXiv", kind = "paper" }
"lesswrong.com" = { source = "LessWrong", kind = "forum" }
"anthropic.com" = { source = "Anthropic", kind = "blog", paths = { "/research/" = "paper", "/news/" = "news" } }
"lilianweng.github.io" = { source = "Lil'Log", kind = "blog" }
"github.io" = { source = "GitHub Pages", kind = "blog", author_subdomains = true }
"colab.research.google.com" = { source = "Google Colab", kind = "notebook" }
"github.com" = { source = "GitHub", kind = "code" }
"substack.com" = { source = "Substack", kind = "newsletter", author_subdomains = true }
"medium.com" = { source = "Medium", kind = "blog", author_subdomains = true, author_paths = "/@" }
"bigcorp.com" = { source = "BigCorp", kind = "other" }
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

  CHECK(classify("https://www.bbc.co.uk/news/technology-1").source == "bbc.co.uk");
  CHECK(classify("https://news.bbc.co.uk/x").source == "bbc.co.uk");
  CHECK(classify("https://docs.example.com/guide").source == "example.com");
  CHECK(classify("https://www.featurelab.xyz/").source == "featurelab.xyz");
  CHECK(classify("https://deep.sub.example.ac.jp/x").source == "example.ac.jp");
}

TEST_CASE("hosts without a registrable domain are their own source") {
  const LinkedItem ip = classify("http://127.0.0.1:8000/report.pdf");
  CHECK(ip.host == "127.0.0.1");
  CHECK(ip.source == "127.0.0.1");
  CHECK(ip.kind == "paper");
  CHECK(classify("http://localhost:1313/posts/").source == "localhost");
  CHECK(classify("http://[::1]:8080/").source == "::1");
}

TEST_CASE("a hosting platform's subdomains and author paths are their authors' own sources") {
  const LinkedItem pages = classify("https://someone.github.io/notes/");
  CHECK(pages.source == "someone.github.io");
  CHECK(pages.kind == "blog");
  CHECK(classify("https://github.io/").source == "GitHub Pages");
  CHECK(classify("https://a.b.someone.github.io/x").source == "someone.github.io");
  // A subdomain the table names keeps its name.
  CHECK(classify("https://lilianweng.github.io/posts/x/").source == "Lil'Log");

  const LinkedItem letter = classify("https://www.weekly-notes.substack.com/p/issue-12-on-probes");
  CHECK(letter.host == "weekly-notes.substack.com");
  CHECK(letter.source == "weekly-notes.substack.com");
  CHECK(letter.kind == "newsletter");
  CHECK(classify("https://substack.com/discover").source == "Substack");
  CHECK(classify("https://someone.substack.com/p/report.pdf").kind == "paper");

  const LinkedItem medium = classify("https://medium.com/@JaneDoe/what-i-learned-from-probes-1a2b3c");
  CHECK(medium.source == "medium.com/@JaneDoe");
  CHECK(medium.kind == "blog");
  CHECK(classify("https://janedoe.medium.com/what-i-learned-1a2b3c").source == "janedoe.medium.com");
  CHECK(classify("https://medium.com/some-publication/a-post-1a2b3c").source == "Medium");
  CHECK(classify("https://medium.com/@").source == "Medium");
}

TEST_CASE("unknown hosts take their kind from the path's extension") {
  CHECK(classify("https://example.com/papers/thing.PDF?dl=1#page=3").kind == "paper");
  CHECK(classify("https://example.com/nb/analysis.ipynb").kind == "notebook");
  CHECK(classify("https://example.com/tools.pdf.html").kind == "other");
  CHECK(classify("https://example.com/figures/attention-map-layer-3.png").kind == "other");
}

TEST_CASE("a listed host's PDF or notebook is that kind, unless a path rule of the host says otherwise") {
  CHECK(classify("https://github.com/someone/repo/blob/main/analysis.ipynb").kind == "notebook");
  CHECK(classify("https://github.com/someone/repo/blob/main/paper.pdf").kind == "paper");
  CHECK(classify("https://github.com/someone/repo").kind == "code");
  CHECK(classify("https://www.anthropic.com/news/announcement.pdf").kind == "news");
}

TEST_CASE("unknown hosts take their kind from the table's URL rules, in order") {
  CHECK(classify("https://journal.example.org/doi/10.1145/3442188.3445922").kind == "paper");
  CHECK(classify("https://example.org/10.48550/arXiv.2404.03592").kind == "paper");
  CHECK(classify("https://example.org/10.x/ok").kind == "other");
  CHECK(classify("https://preprints.example.org/abs/1234").kind == "paper");
  CHECK(classify("https://proceedings.example.cc/volume/9/one.html").kind == "paper");
  CHECK(classify("https://gitlab.example.org/group/project").kind == "code");
  CHECK(classify("https://gitlab.example.org/group/project/-/blob/main/report.pdf").kind == "paper");
  CHECK(classify("https://videos.example.org/watch?v=abc").kind == "video");
  CHECK(classify("https://toot.example.social/@someone/112233445566").kind == "social");
  CHECK(classify("https://designnews.example.com/2024/01/a").kind == "news");
  CHECK(classify("https://www.example.com/news/2024/city-council-votes").kind == "news");
  CHECK(classify("https://myblog.example/posts/x").kind == "blog");
  // Path segments are whole and compared without case; host labels are whole too.
  CHECK(classify("https://example.com/Watch").kind == "video");
  CHECK(classify("https://example.com/watches").kind == "other");
  CHECK(classify("https://notproceedings.example.com/x").kind == "other");
}

TEST_CASE("news sites' conventions: a section as the first segment, an article number") {
  CHECK(classify("https://daily.example/business/a-merger-is-announced").kind == "news");
  CHECK(classify("https://daily.example/tags/business/a-merger").kind == "blog");  // not first: a slug
  CHECK(classify("https://daily.example/2024/09/a-story/679804/").kind == "news");
  CHECK(classify("https://daily.example/a-story-about-a-series-1236702311/").kind == "news");
  CHECK(classify("https://daily.example/123456-a-story").kind == "news");
  CHECK(classify("https://daily.example/stories/123456.html").kind == "news");
  // Explicit path words come first: a blog's numbered post is the blog's.
  CHECK(classify("https://someone.example/posts/123456-my-post").kind == "blog");
  // Not article numbers: short numbers, compact dates, numbers inside words or before a name.
  CHECK(classify("https://someone.example/2024/05/1234-a-note").kind == "blog");
  CHECK(classify("https://someone.example/archive/20240512").kind == "other");
  CHECK(classify("https://someone.example/archive/202405").kind == "other");
  CHECK(classify("https://someone.example/title/tt28523129/").kind == "other");
  CHECK(classify("https://someone.example/show/55030.Cosmos").kind == "other");
}

TEST_CASE("an unknown host's page that looks like an article is of the article kind; its home page is not") {
  CHECK(classify("https://example.com/2024/05/17/").kind == "blog");
  CHECK(classify("https://example.com/2024/5/what-we-learned").kind == "blog");
  CHECK(classify("https://example.com/archive/2023-11-02-notes-on-probing").kind == "blog");
  CHECK(classify("https://example.com/thoughts/why-probes-work.html").kind == "blog");
  CHECK(classify("https://example.com/dark-mode/").kind == "blog");
  CHECK(classify("https://example.com/").kind == "other");
  CHECK(classify("https://example.com").kind == "other");
  CHECK(classify("https://example.com/pricing").kind == "other");
  CHECK(classify("https://example.com/2024/").kind == "other");
  CHECK(classify("https://example.com/2024/13/x").kind == "other");
}

TEST_CASE("a subdomain under a listed parent keeps the parent's source and shows its own kind") {
  const LinkedItem blog = classify("https://blog.bigcorp.com/2024/05/our-new-model");
  CHECK(blog.source == "BigCorp");
  CHECK(blog.kind == "blog");
  CHECK(classify("https://news.bigcorp.com/x").kind == "news");
  CHECK(classify("https://shop.bigcorp.com/our-new-model").kind == "other");
  CHECK(classify("https://bigcorp.com/news/x").kind == "other");  // the host itself: the table's kind
}

TEST_CASE("a page of Google's AMP cache is the publisher's page it serves") {
  const std::string amp = "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/2024/a-story";
  const LinkedItem item = classify(amp);
  CHECK(item.url == amp);
  CHECK(item.host == "example.com");
  CHECK(item.source == "example.com");
  CHECK(item.kind == "news");
  CHECK(classify("https://arxiv-org.cdn.ampproject.org/v/arxiv.org/abs/2404.03592").source == "arXiv");
  CHECK(classify("https://arxiv-org.cdn.ampproject.org/v/arxiv.org/abs/2404.03592").arxiv_id == "2404.03592");
  CHECK(classify("https://cdn.ampproject.org/v0.js").source == "ampproject.org");
}

TEST_CASE("a web URL written with missing slashes or without a scheme but with www. is read as browsers do") {
  const LinkedItem one_slash = classify("https:/www.example.com/2025/08/05/a-long-story-here.html");
  CHECK(one_slash.host == "example.com");
  CHECK(one_slash.source == "example.com");
  CHECK(one_slash.kind == "blog");
  CHECK(classify("http:arxiv.org/abs/2404.03592").source == "arXiv");
  const LinkedItem bare = classify("www.lesswrong.com/posts/abc/a-post");
  CHECK(bare.host == "lesswrong.com");
  CHECK(bare.source == "LessWrong");
}

TEST_CASE("links to the blog itself are shown under the blog's name") {
  const OwnSite site = OwnSite::from_base_url("https://www.myblog.example/");
  CHECK(site.host == "myblog.example");
  CHECK(site.name == "myblog.example");
  const LinkClassifier classifier(table());
  for (const std::string url :
       {"/2024/05/another-post/", "../other-post.md", "other-post/", "/blog/x?draft=1#top",
        "{{< ref \"other-post.md\" >}}", "{% post_url 2024-05-01-other-post %}",
        "https://myblog.example/blog/x/", "https://www.myblog.example/"}) {
    CAPTURE(url);
    const LinkedItem item = classifier.classify("Another post", url, site);
    CHECK(item.url == url);
    CHECK(item.host == "myblog.example");
    CHECK(item.source == "myblog.example");
    CHECK(item.kind == "blog");
  }
  CHECK(classifier.classify("slides", "/files/talk.pdf", site).kind == "paper");
  CHECK(classifier.classify("figure", "images/figure-1.png", site).kind == "other");
  CHECK(classifier.classify("elsewhere", "https://other.example/x", site).source == "other.example");
}

TEST_CASE("without a base URL the blog's own links are shown under a fixed name") {
  const OwnSite site = OwnSite::from_base_url("");
  CHECK(site.host.empty());
  CHECK(site.name == "this blog");
  CHECK(OwnSite::from_base_url("/").name == "this blog");
  const LinkedItem item = LinkClassifier(table()).classify("x", "/writing/a-post/", site);
  CHECK(item.host.empty());
  CHECK(item.source == "this blog");
  CHECK(item.kind == "blog");
  CHECK(LinkClassifier(table()).classify("x", "/writing/a-post/").source == "this blog");
}

TEST_CASE("mail, telephone, script and same-page links are not items") {
  for (const char* url :
       {"mailto:someone@example.com", "MAILTO:a@b.c", "tel:+441234", "sms:+441234", "javascript:alert(1)",
        "data:text/plain,hi", "about:blank", "file:///home/x.pdf", "#section-2", "", "   "}) {
    CAPTURE(url);
    CHECK_FALSE(LinkClassifier::is_item(url));
  }
  for (const char* url : {"https://example.com", "/blog/x/", "../x.md", "x.md", "ftp://example.com/x.pdf",
                          "//example.com/x", "{{< ref \"x\" >}}"}) {
    CAPTURE(url);
    CHECK(LinkClassifier::is_item(url));
  }
}

TEST_CASE("other schemes keep title and url but get no host or source") {
  for (const std::string url : {"ftp://example.com/x.pdf", "https://", "irc://irc.example.net/chan"}) {
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

TEST_CASE("the built-in table names the kinds of hosts a research blog links to, seen or not") {
  const LinkClassifier builtin(SourceTable::builtin());
  auto kind = [&](const std::string& url) { return builtin.classify("t", url).kind; };
  auto source = [&](const std::string& url) { return builtin.classify("t", url).source; };
  // Papers: DOIs, abstract and PDF pages, proceedings, anthologies.
  CHECK(kind("https://doi.org/10.1038/s41586-021-03819-2") == "paper");
  CHECK(kind("https://dl.example-society.org/doi/10.5555/1234567") == "paper");
  CHECK(kind("https://preprints.example.net/abs/2024.0001") == "paper");
  CHECK(kind("https://lab.example.edu/pdf/our-method") == "paper");
  CHECK(kind("https://lab.example.edu/~someone/thesis.pdf") == "paper");
  CHECK(kind("https://openreview.net/forum?id=abc123") == "paper");
  CHECK(kind("https://proceedings.example-conf.org/2024/file/abc-Paper.html") == "paper");
  CHECK(kind("https://papers.example-conf.cc/2023/hash/abc") == "paper");
  CHECK(kind("https://www.example-assoc.org/anthology/2024.main.12/") == "paper");
  // Code: forges, self-hosted ones, and Hugging Face's models, spaces and datasets.
  CHECK(kind("https://github.com/someone/tool") == "code");
  CHECK(kind("https://gitlab.com/someone/tool") == "code");
  CHECK(kind("https://codeberg.org/someone/tool") == "code");
  CHECK(kind("https://bitbucket.org/someone/tool") == "code");
  CHECK(kind("https://git.sr.ht/~someone/tool") == "code");
  CHECK(kind("https://git.example-university.edu/lab/tool") == "code");
  CHECK(kind("https://huggingface.co/someone/model-7b") == "code");
  CHECK(kind("https://huggingface.co/spaces/someone/demo") == "code");
  CHECK(kind("https://huggingface.co/datasets/someone/data") == "code");
  CHECK(kind("https://huggingface.co/papers/2404.03592") == "paper");
  // A research lab's site: its publications are papers, its blog and projects are not.
  CHECK(kind("https://www.microsoft.com/en-us/research/publication/mrc/") == "paper");
  CHECK(kind("https://www.microsoft.com/en-us/research/uploads/prod/2020/01/x.pdf") == "paper");
  CHECK(kind("https://www.microsoft.com/en-us/research/blog/the-poet-in-the-machine/") == "blog");
  CHECK(kind("https://www.microsoft.com/en-us/research/project/deepspeed/") == "blog");
  // Video, podcasts, newsletters.
  CHECK(kind("https://www.youtube.com/watch?v=abc") == "video");
  CHECK(kind("https://youtu.be/abc") == "video");
  CHECK(kind("https://vimeo.com/123456") == "video");
  CHECK(kind("https://podcasts.apple.com/us/podcast/a-show/id123") == "podcast");
  CHECK(kind("https://open.spotify.com/episode/abc") == "podcast");
  CHECK(kind("https://shows.example.fm/podcast/episode-12-with-a-guest") == "podcast");
  CHECK(kind("https://someone.substack.com/p/a-post") == "newsletter");
  CHECK(source("https://someone.substack.com/p/a-post") == "someone.substack.com");
  CHECK(kind("https://example.org/newsletter/issue-42") == "newsletter");
  CHECK(kind("https://someone.beehiiv.com/p/a-post") == "newsletter");
  // Social networks, the fediverse, reference works.
  CHECK(kind("https://x.com/someone/status/123") == "social");
  CHECK(kind("https://twitter.com/someone/status/123") == "social");
  CHECK(kind("https://bsky.app/profile/someone.example/post/abc") == "social");
  CHECK(kind("https://mastodon.social/@someone/123") == "social");
  CHECK(kind("https://a-small-instance.example/@someone/123") == "social");
  CHECK(kind("https://en.wikipedia.org/wiki/Sparse_dictionary_learning") == "reference");
  CHECK(kind("https://docs.example-library.dev/guide/install") == "reference");
  // Blogs and news on hosts never seen.
  CHECK(kind("https://someone.example/blog/why-probes-work") == "blog");
  CHECK(kind("https://someone.example/2024/03/why-probes-work/") == "blog");
  CHECK(kind("https://news.example-university.edu/2024/lab-builds-a-thing") == "news");
  CHECK(source("https://someone.ghost.io/a-post/") == "someone.ghost.io");
  CHECK(source("https://someone.blogspot.com/2024/05/a-post.html") == "someone.blogspot.com");
}
