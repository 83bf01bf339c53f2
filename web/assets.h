// The page's stylesheet, script and icon, embedded in the binary (web/assets/), with
// the ETags and versioned URLs that let browsers cache them for good.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "page/page.h"

namespace clubsearch::web {

struct Asset {
  std::string_view body;
  std::string content_type;
  std::string etag;     // quoted, from the content's hash
  std::string version;  // the hash alone, for ?v= in links
};

// The asset with this file name (e.g. "app.js"), or nullptr.
const Asset* find_asset(std::string_view name);
// Every asset's file name.
std::vector<std::string_view> asset_names();
// Links to the assets, each with its version.
const page::AssetLinks& asset_links();

}  // namespace clubsearch::web
