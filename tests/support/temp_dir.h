// Test support: scratch folders that clean up after themselves, and small file helpers.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace clubsearch::test {

// A uniquely named folder under the system's temp folder, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const noexcept { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  // Writes `text` to `relative` under the folder, creating the folders above it.
  std::filesystem::path write(const std::string& relative, std::string_view text) const;

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& path, std::string_view content);
std::string read_file(const std::filesystem::path& path);
// Copies a directory tree (for fixtures a test modifies).
void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace clubsearch::test
