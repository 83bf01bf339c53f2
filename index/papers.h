// A paper's identity across the forms it is linked in, the same for the indexer that
// gathers a paper's mentions and the query layer that looks a paper up: the one key all
// its links share (its arXiv id in any form, its DOI, its OpenReview or ACL Anthology id,
// its id on a proceedings site, else the normalised URL), the identifiers its links carry, and the date they tell.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "schemas/url_rules.h"

namespace clubsearch::index {

struct PaperIdentity {
  // "arxiv:2404.03592", "doi:10.1145/3292500.3330701" (lowercased, as DOIs compare),
  // "openreview:rJl-b3RcF7", "acl:2020.acl-main.463", a proceedings site's own id
  // ("neurips:<hash or number>", "cvf:<file stem>", "pmlr:v139/radford21a"), or "url:"
  // and the URL's url_key.
  std::string key;
  std::string arxiv;       // normalised arXiv id, or empty
  std::string doi;         // as written in the link (case kept), without "doi:" or a resolver
  std::string openreview;  // the forum id, or empty
  std::string acl;         // the ACL Anthology id, or empty
  // What the identifier or the URL says of when the paper came out: "YYYY-MM" for an
  // arXiv id (its first submission), "YYYY-MM-DD" for a bioRxiv/medRxiv DOI, "YYYY" for an
  // ACL Anthology id, a proceedings URL with its year or a PMLR id; empty when it says
  // nothing.
  std::string date;
};

// The identity of a linked item (its URL, the arXiv id the classifier found, and its
// kind): nullopt for a link that is not a paper (its kind is not "paper" and it names no
// arXiv id: a news story with a DOI is news) or has no URL.
std::optional<PaperIdentity> paper_identity(std::string_view url, std::string_view arxiv, std::string_view kind,
                                            const schemas::UrlRules& rules = schemas::UrlRules::builtin());

// The stable id of the paper with this key (16 hex digits, apart from entry and post ids).
std::string paper_id(std::string_view key);

// The DOI a URL names ("https://doi.org/10.1145/…", ".../doi/abs/10.1145/…",
// a publisher's "/article/10.1007/…", bioRxiv's "/content/10.1101/…v2.full.pdf"), without
// a trailing version, format or page; empty when it names none.
std::string doi_of_url(std::string_view url);

// The year a paper date starts with, or empty.
std::string year_of(std::string_view date);

// How much later than the paper a post discussed it, in whole months (a date of one year
// counts from its middle); nullopt when either date is unknown or the post is earlier.
std::optional<int> months_between(std::string_view paper_date, std::string_view post_date);

}  // namespace clubsearch::index
