// The keys of what an index records about itself in Xapian's metadata, written by the
// indexer in the same commit as the documents they describe.
#pragma once

#include <string>

namespace clubsearch::index::metadata {

inline const std::string kSchemaVersion = "clubsearch.schema_version";
inline const std::string kSettings = "clubsearch.settings";       // fingerprint of the tables and the site
inline const std::string kIndexedAt = "clubsearch.indexed_at";    // ISO 8601 UTC of the last run
inline const std::string kContentDir = "clubsearch.content_dir";  // what the last run indexed
inline const std::string kBaseUrl = "clubsearch.base_url";        // the site's base URL; empty: unknown
inline const std::string kFacetColumns = "clubsearch.facet_columns";  // serial of the columns file
inline const std::string kSharedLinks = "clubsearch.shared_links";  // index/shared_links.h
// How many posts their one entry tells whole (filter told:entry): searches leave their
// own documents out only where there are some, so that others read no more of the index.
inline const std::string kToldPosts = "clubsearch.told_posts";
inline const std::string kFilePrefix = "file:";                       // per post: signature and path

}  // namespace clubsearch::index::metadata
