// Exit codes of the clubsearch command, documented in `clubsearch --help` and the README.
#pragma once

namespace clubsearch::cli {

inline constexpr int kExitOk = 0;       // done; search: at least one result
inline constexpr int kExitPartial = 1;  // index: updated, but some files could not be indexed
                                        // search, related: no results (like grep), or no
                                        // entry with the id asked for
inline constexpr int kExitUsage = 2;    // bad arguments or a malformed query
inline constexpr int kExitFailed = 3;   // nothing done: no index, index of another schema
                                        // version, bad config file, bad content folder,
                                        // --strict refused, database error
inline constexpr int kExitLocked = 75;  // another indexer holds the index's writer lock (EX_TEMPFAIL)

}  // namespace clubsearch::cli
