// Files written whole: beside their name first, synced, then renamed onto it, so that a
// reader (a server mapping the file, a static host serving it) sees the old file or the
// new one, never half of one.
#pragma once

#include <filesystem>
#include <string_view>

namespace clubsearch::index {

// Writes `bytes` as `path` (through `path`.tmp). Throws std::system_error.
void write_whole_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace clubsearch::index
