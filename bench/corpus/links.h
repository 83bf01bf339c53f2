// Links: titles and URLs from the mix of hosts a research-reading blog links to.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "corpus/prose.h"
#include "corpus/random.h"
#include "corpus/vocabulary.h"

namespace clubsearch::bench {

struct Link {
  std::string title;
  std::string url;
};

class LinkMaker {
 public:
  LinkMaker(const Vocabulary& vocabulary, ProseWriter& prose, Random& random);

  // Something read around `posted`: an arXiv paper (sometimes one already linked from
  // an earlier post, under any of its URL forms), a forum post, a repository, …
  Link make(std::chrono::year_month_day posted);

  // A code repository, for headings that link a paper and its code.
  Link repository();

 private:
  struct Paper {
    std::string id;  // "2404.03592"
    std::string title;
  };

  Link arxiv(std::chrono::year_month_day posted);
  Link forum(std::string_view host);
  Link lab_blog(std::chrono::year_month_day posted);
  Link notebook();
  Link lilian_weng(std::chrono::year_month_day posted);
  Link video();
  Link hugging_face(std::chrono::year_month_day posted);
  Link openreview();
  Link news(std::chrono::year_month_day posted);
  Link newsletter();
  Link personal_site(std::chrono::year_month_day posted);

  Paper paper(std::chrono::year_month_day posted);
  std::string token(std::size_t length);

  const Vocabulary& vocabulary_;
  ProseWriter& prose_;
  Random& random_;
  WeightedIndex host_mix_;
  std::vector<Paper> recent_papers_;  // ring buffer: papers that get linked again
  std::size_t next_recent_ = 0;
  std::vector<std::string> personal_domains_;
  WeightedIndex personal_ranks_;  // a few personal blogs are linked again and again
};

}  // namespace clubsearch::bench
