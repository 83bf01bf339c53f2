// Paper identities: every form a paper is linked in gives one key, and the date its
// identifier or URL tells.
#include <doctest/doctest.h>

#include <string>

#include "index/link_keys.h"
#include "index/papers.h"

using clubsearch::index::doi_of_url;
using clubsearch::index::months_between;
using clubsearch::index::paper_identity;

namespace {

// The identity as the indexer makes it: the classifier's arXiv id is the URL's.
std::string key_of(const std::string& url, const std::string& kind = "paper") {
  const auto identity = paper_identity(url, clubsearch::index::arxiv_id(url), kind);
  return identity ? identity->key : "";
}

std::string date_of(const std::string& url) {
  const auto identity = paper_identity(url, clubsearch::index::arxiv_id(url), "paper");
  return identity ? identity->date : "?";
}

}  // namespace

TEST_CASE("an arXiv paper is one paper in every form, dated by its id") {
  for (const char* url : {"https://arxiv.org/abs/1706.03762", "https://arxiv.org/pdf/1706.03762v7.pdf",
                          "http://www.arxiv.org/abs/1706.03762v1", "https://arxiv.org/html/1706.03762v5",
                          "https://huggingface.co/papers/1706.03762", "https://doi.org/10.48550/arXiv.1706.03762"}) {
    CAPTURE(url);
    CHECK(key_of(url) == "arxiv:1706.03762");
    CHECK(date_of(url) == "2017-06");
  }
  CHECK(key_of("https://arxiv.org/abs/hep-th/9901001") == "arxiv:hep-th/9901001");
  CHECK(date_of("https://arxiv.org/abs/hep-th/9901001") == "1999-01");
  CHECK(date_of("https://arxiv.org/abs/0704.0001") == "2007-04");
}

TEST_CASE("a DOI is found in resolvers and publishers' paths, without formats or versions") {
  CHECK(doi_of_url("https://doi.org/10.1145/3292500.3330701") == "10.1145/3292500.3330701");
  CHECK(doi_of_url("https://dl.acm.org/doi/abs/10.1145/3292500.3330701") == "10.1145/3292500.3330701");
  CHECK(doi_of_url("https://dl.acm.org/doi/pdf/10.1145/3292500.3330701") == "10.1145/3292500.3330701");
  CHECK(doi_of_url("https://link.springer.com/article/10.1007/s11023-020-09548-1") == "10.1007/s11023-020-09548-1");
  CHECK(doi_of_url("https://www.biorxiv.org/content/10.1101/2020.05.01.072595v2.full.pdf") ==
        "10.1101/2020.05.01.072595");
  CHECK(doi_of_url("https://www.nature.com/articles/s41586-021-03819-2") == "10.1038/s41586-021-03819-2");
  CHECK(doi_of_url("https://onlinelibrary.wiley.com/doi/full/10.1111/cogs.12345") == "10.1111/cogs.12345");
  CHECK(doi_of_url("https://example.org/blog/10-things") == "");
  CHECK(doi_of_url("https://example.org/10.5/x") == "");  // a registrant code is 4 digits or more
  // Case does not make another paper.
  CHECK(key_of("https://doi.org/10.1145/ABC.123") == key_of("https://dl.acm.org/doi/10.1145/abc.123"));
  CHECK(date_of("https://www.biorxiv.org/content/10.1101/2020.05.01.072595v1") == "2020-05-01");
}

TEST_CASE("OpenReview, ACL Anthology and proceedings links") {
  CHECK(key_of("https://openreview.net/forum?id=rJl-b3RcF7") == "openreview:rJl-b3RcF7");
  CHECK(key_of("https://openreview.net/pdf?id=rJl-b3RcF7") == "openreview:rJl-b3RcF7");
  CHECK(key_of("https://aclanthology.org/2020.acl-main.463.pdf") == "acl:2020.acl-main.463");
  CHECK(key_of("https://aclanthology.org/2020.acl-main.463/") == "acl:2020.acl-main.463");
  CHECK(date_of("https://aclanthology.org/2020.acl-main.463/") == "2020");
  CHECK(key_of("https://www.aclweb.org/anthology/P19-1001.pdf") == "acl:P19-1001");
  CHECK(date_of("https://www.aclweb.org/anthology/P19-1001.pdf") == "2019");
  CHECK(date_of("https://papers.nips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html") == "2017");
  CHECK(date_of("https://proceedings.neurips.cc/paper_files/paper/2022/file/abc-Paper.pdf") == "2022");
  CHECK(date_of("https://openaccess.thecvf.com/content_CVPR_2019/html/X.html") == "2019");
  CHECK(date_of("https://openaccess.thecvf.com/content/ICCV2021/papers/X.pdf") == "2021");
}

TEST_CASE("a proceedings paper is one paper across its abstract page, its PDF and its other files") {
  const std::string neurips = "https://proceedings.neurips.cc/paper_files/paper/2022/";
  const std::string hash = "0123456789abcdef0123456789abcdef";
  CHECK(key_of(neurips + "hash/" + hash + "-Abstract-Conference.html") == "neurips:" + hash);
  CHECK(key_of(neurips + "file/" + hash + "-Paper-Conference.pdf") == "neurips:" + hash);
  CHECK(key_of(neurips + "file/" + hash + "-Supplemental-Conference.zip") == "neurips:" + hash);
  CHECK(key_of("https://papers.nips.cc/paper/2017/hash/" + hash + "-Abstract.html") ==
        key_of("http://papers.nips.cc/paper/2017/file/" + hash + "-Paper.pdf"));
  CHECK(key_of("https://papers.nips.cc/paper/7181-attention-is-all-you-need.pdf") == "neurips:7181");
  CHECK(key_of("https://papers.nips.cc/paper/7181-attention-is-all-you-need") == "neurips:7181");
  // A listing of a year's papers is no paper's id.
  CHECK(key_of("https://papers.nips.cc/paper/2017").rfind("url:", 0) == 0);

  CHECK(key_of("https://openaccess.thecvf.com/content_cvpr_2017/html/Zhou_Scene_Parsing_CVPR_2017_paper.html") ==
        "cvf:zhou_scene_parsing_cvpr_2017_paper");
  CHECK(key_of("http://openaccess.thecvf.com/content_cvpr_2017/papers/Zhou_Scene_Parsing_CVPR_2017_paper.pdf") ==
        "cvf:zhou_scene_parsing_cvpr_2017_paper");
  CHECK(key_of("https://openaccess.thecvf.com/content/ICCV2021/html/Li_X_ICCV_2021_paper.html") ==
        key_of("https://openaccess.thecvf.com/content/ICCV2021/papers/Li_X_ICCV_2021_paper.pdf"));
  CHECK(key_of("https://openaccess.thecvf.com/content/ICCV2021/supplemental/Li_X_ICCV_2021_supplemental.pdf")
            .rfind("url:", 0) == 0);

  CHECK(key_of("http://proceedings.mlr.press/v80/santoro18a/santoro18a.pdf") == "pmlr:v80/santoro18a");
  CHECK(key_of("https://proceedings.mlr.press/v80/santoro18a.html") == "pmlr:v80/santoro18a");
  CHECK(date_of("http://proceedings.mlr.press/v15/mcmahan11b.html") == "2011");
  CHECK(date_of("https://proceedings.mlr.press/v139/radford21a.html") == "2021");
  CHECK(key_of("https://proceedings.mlr.press/v139/").rfind("url:", 0) == 0);
}

TEST_CASE("other papers are keyed by their URL; what is not a paper has no identity") {
  CHECK(key_of("https://transformer-circuits.pub/2023/monosemantic-features/index.html?utm_source=x") ==
        key_of("https://transformer-circuits.pub/2023/monosemantic-features/"));
  CHECK(key_of("https://transformer-circuits.pub/2023/monosemantic-features/").rfind("url:", 0) == 0);
  CHECK(key_of("https://example.substack.com/p/some-post", "blog") == "");
  CHECK(key_of("", "paper") == "");
  // A news story with a DOI is news.
  CHECK(key_of("https://www.nature.com/articles/d41586-018-05364-x", "news") == "");
  CHECK(key_of("https://www.nature.com/articles/s41586-021-03819-2") == "doi:10.1038/s41586-021-03819-2");
  // A blog post that names an arXiv paper in its link is that paper.
  CHECK(key_of("https://www.alphaxiv.org/abs/2404.03592", "blog") == "arxiv:2404.03592");
}

TEST_CASE("months between a paper and a post") {
  CHECK(months_between("2017-06", "2024-05-01") == 83);
  CHECK(months_between("2024-06", "2024-06-21") == 0);
  CHECK(months_between("2017", "2018-07-01") == 12);  // a year counts from its middle
  CHECK_FALSE(months_between("2024-06", "2024-01-01").has_value());
  CHECK_FALSE(months_between("", "2024-01-01").has_value());
  CHECK_FALSE(months_between("2024-06", "").has_value());
}
