// The keys a link is found by, the same for the indexer that writes them and the query
// that looks them up: the arXiv id a URL or citation names, and the normalised URL.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clubsearch::index {

// The arXiv id a URL or text names, normalised: "https://arxiv.org/pdf/2402.18563v2.pdf",
// "arxiv.org/abs/2402.18563", "arXiv:2402.18563", "2402.18563v3" all give "2402.18563";
// old-style ids keep their archive ("hep-th/9901001"). Empty when it names none.
std::string arxiv_id(std::string_view url_or_id);

// The form under which the index stores a link's URL (the schema's "url" filter): scheme,
// "www.", #fragment and trailing slashes dropped and the host lowercased, so the same page
// linked two ways is one key; keys over 200 bytes are hashed. Empty for an empty URL.
std::string url_key(std::string_view url);

// The parts of an http(s) URL (or a scheme-relative "//host/...") that classifying needs.
struct WebUrl {
  std::string host;  // lowercased, percent-escapes decoded, no trailing dot, no leading "www."
  bool ip_literal = false;
  std::vector<std::string> segments;  // path segments as written
  std::string path;                   // "/" + segments joined, without query or fragment
};

// nullopt for anything but an http(s) or scheme-relative URL with a host. Links in posts
// are written for browsers: spaces, non-ASCII text and stray '%' are tolerated.
std::optional<WebUrl> parse_web_url(std::string_view url);

// The arXiv id of a paper page: /abs/ID, /pdf/ID(.pdf), /html/ID (and the older /ps/,
// /format/) on arxiv.org or a subdomain; /papers/ID on Hugging Face; /abs/ID on
// alphaXiv. Empty for any other page.
std::string arxiv_id_of(const WebUrl& url);

}  // namespace clubsearch::index
