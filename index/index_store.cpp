// Generations and the XAPIANDB stub of an index directory.
#include "index/index_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <string>
#include <system_error>

namespace clubsearch::index {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kGenerationPrefix = "gen-";
constexpr std::string_view kPartsSuffix = ".parts";

std::optional<unsigned long> generation_number(const fs::path& path) {
  const std::string name = path.filename().string();
  if (name.rfind(kGenerationPrefix, 0) != 0 || name.size() == kGenerationPrefix.size()) return std::nullopt;
  const std::string digits = name.substr(kGenerationPrefix.size());
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoul(digits);
}

void fsync_path(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot open " + path.string());
  const int result = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (result != 0) throw std::system_error(error, std::generic_category(), "cannot sync " + path.string());
}

}  // namespace

IndexStore::IndexStore(fs::path dir) : dir_(std::move(dir)) {}

std::vector<fs::path> IndexStore::generations() const {
  std::vector<std::pair<unsigned long, fs::path>> found;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir_, error))
    if (const auto number = generation_number(entry.path()); number && entry.is_directory())
      found.emplace_back(*number, entry.path());
  std::sort(found.begin(), found.end());
  std::vector<fs::path> out;
  for (auto& [number, path] : found) out.push_back(std::move(path));
  return out;
}

std::pair<std::uintmax_t, std::int64_t> IndexStore::stub_identity() const {
  struct stat info {};
  if (::stat(stub_file().c_str(), &info) != 0) return {0, 0};
  return {static_cast<std::uintmax_t>(info.st_ino),
          static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec};
}

std::optional<fs::path> IndexStore::current() const {
  std::ifstream stub(stub_file());
  std::string backend, name;
  if (!(stub >> backend >> name) || !generation_number(name)) return std::nullopt;
  const fs::path generation = dir_ / name;
  std::error_code error;
  if (!fs::is_directory(generation, error)) return std::nullopt;
  return generation;
}

fs::path IndexStore::next_generation() const {
  const auto existing = generations();
  const unsigned long next = existing.empty() ? 1 : *generation_number(existing.back()) + 1;
  char name[32];
  std::snprintf(name, sizeof name, "gen-%06lu", next);
  return dir_ / name;
}

fs::path IndexStore::parts_dir(const fs::path& generation) const {
  return dir_ / (generation.filename().string() + std::string(kPartsSuffix));
}

void IndexStore::publish(const fs::path& generation) const {
  const fs::path temporary = dir_ / "XAPIANDB.new";
  {
    std::ofstream stub(temporary, std::ios::trunc);
    // A relative path: the index folder can be moved or copied as a whole.
    stub << "glass " << generation.filename().string() << "\n";
    stub.flush();
    if (!stub) throw std::system_error(errno, std::generic_category(), "cannot write " + temporary.string());
  }
  fsync_path(temporary, O_RDONLY);
  fs::rename(temporary, stub_file());
  fsync_path(dir_, O_RDONLY | O_DIRECTORY);
}

void IndexStore::remove_stale_generations() const {
  const auto live = current();
  std::optional<fs::path> previous;
  for (const fs::path& generation : generations())
    if (live && generation_number(generation) < generation_number(*live)) previous = generation;
  for (const fs::path& generation : generations()) {
    if ((live && generation == *live) || (previous && generation == *previous)) continue;
    fs::remove_all(generation);
  }
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir_, error)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(kGenerationPrefix, 0) == 0 && name.size() > kPartsSuffix.size() &&
        name.substr(name.size() - kPartsSuffix.size()) == kPartsSuffix)
      fs::remove_all(entry.path());
  }
}

}  // namespace clubsearch::index
