// The keys a link is found by, the same for the indexer that writes them and the query
// that looks them up: the arXiv id a URL or citation names, and the normalised URL.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schemas/url_rules.h"

namespace clubsearch::index {

// The arXiv id a URL or text names, normalised: "https://arxiv.org/pdf/2402.18563v2.pdf",
// "arxiv.org/abs/2402.18563", "arXiv:2402.18563", "2402.18563v3" all give "2402.18563";
// old-style ids keep their archive ("hep-th/9901001"). Empty when it names none.
std::string arxiv_id(std::string_view url_or_id);

// The form under which the index stores a link's URL (the schema's "url" filter), so that
// the same page linked, shared or pasted in different forms is one key. For a web address
// ("https://…", "//host/…", or without a scheme "host.tld/path" and "www.host…"):
//  - no scheme; the host lowercased, without "www.", its root dot or the scheme's default
//    port, then as `rules` name it (mobile editions, mirrors: schemas/urls.toml);
//  - percent-escapes in one form (RFC 3986's normalisation), "." and ".." resolved, no
//    trailing slash or default document ("index.html");
//  - tracking parameters dropped (utm_*, fbclid, …; some per host), the others sorted by
//    name; no fragment;
//  - then a platform's rule for its path ("/posts/<id>/<slug>" → "/posts/<id>").
// "https://www.LessWrong.com/posts/abc/slug/?utm_source=x#c" is "lesswrong.com/posts/abc".
// A site path ("/blog/post/") is keyed the same way without a host; anything else (a
// relative link, another scheme) as written without its fragment or trailing slashes.
// Keys over 200 bytes are hashed. Empty for an empty URL.
std::string url_key(std::string_view url, const schemas::UrlRules& rules = schemas::UrlRules::builtin());

// The key of a page of the blog by its permalink, absolute or a site path (the schema's
// "permalink" filter): its path as url_key normalises paths, then "#" and the fragment
// when the URL has one ("https://blog.example/blog/post-2/#Part" → "/blog/post-2#Part").
// The host and the query play no part; the path keeps its case. Empty for anything but a
// web address or a site path.
std::string permalink_key(std::string_view url);

// What a link pasted into a search is looked up by. `urls` holds its url_key, and for a
// page of the blog itself the key of its other form (a site path for an absolute URL on
// the blog's host, and the other way round); `arxiv` the arXiv id it names; `permalink`
// its permalink_key when it may be the blog's own page: a site path, or a web address on
// `site_host` (the host of the blog's base URL as parse_web_url gives it) or on any host
// when `site_host` is empty.
struct LinkLookup {
  std::vector<std::string> urls;
  std::string arxiv;
  std::string permalink;
};

// nullopt when `pasted` is not a link: a web address (as url_key reads one), a site path
// ("/blog/post/#part"), or an arXiv id ("2404.03592", "hep-th/9901001"; not "arXiv:…",
// which is the arxiv field).
std::optional<LinkLookup> link_lookup(std::string_view pasted, std::string_view site_host);

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
