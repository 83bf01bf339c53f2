// The generator a folder without a site config was written for, guessed from its folders
// and its posts' front matter, with the evidence to show the user.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "indexer/slug.h"

namespace clubsearch::indexer {

struct FolderGuess {
  std::optional<SiteGenerator> generator;  // nullopt: nothing in the folder tells
  std::string evidence;                    // what told it, for the run's report
  std::filesystem::path content_dir;       // the folder, or its content/ folder
  // Jekyll: there is no _posts/ folder, so the folder itself holds the posts (a copy of
  // _posts/, or the _posts/ folder itself).
  bool posts_folder = false;
};

// Looks at `dir`: a _posts/, _drafts/ or _layouts/ folder (Jekyll), a content/ folder
// beside archetypes/ or layouts/ (Hugo) or templates/ (Zola), then the front matter of
// the first posts: keys only Zola reads ([extra], [taxonomies], updated, path…), keys
// only Hugo reads (lastmod, url, build options…; in YAML also draft, aliases, weight),
// YAML with layout: or permalink: (Jekyll), JSON (Hugo). The most common verdict wins;
// a tie, or no verdict, leaves the generator unknown.
FolderGuess guess_generator(const std::filesystem::path& dir);

}  // namespace clubsearch::indexer
