// The Atom feed of a search and the OpenSearch description of the page.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "page/page.h"

namespace clubsearch::web {

using api::PageState;

// `response` is the search `state` asks, run newest first; `base` is "http://host:port".
std::string atom_feed(const PageState& state, const nlohmann::json& response, const std::string& base);
std::string opensearch_description(const std::string& base);

}  // namespace clubsearch::web
