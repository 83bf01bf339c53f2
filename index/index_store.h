// IndexStore: the layout of an index directory. Readers open the directory itself:
// Xapian follows its XAPIANDB stub to the current generation (a glass database in a
// gen-NNNNNN folder). A rebuild writes a new generation and switches the stub to it with
// one atomic rename, so readers see the old index or the new one, never a mix.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

namespace clubsearch::index {

class IndexStore {
 public:
  explicit IndexStore(std::filesystem::path dir);

  const std::filesystem::path& dir() const noexcept { return dir_; }
  std::filesystem::path lock_file() const { return dir_ / "writer.lock"; }
  std::filesystem::path stub_file() const { return dir_ / "XAPIANDB"; }

  // The generation the stub names, when the stub and that generation both exist.
  std::optional<std::filesystem::path> current() const;
  // A path for a new generation, numbered after every existing one.
  std::filesystem::path next_generation() const;
  // Scratch space for building `generation` in parts before they are merged into it.
  std::filesystem::path parts_dir(const std::filesystem::path& generation) const;
  // Points the stub at `generation` atomically (write, fsync, rename, fsync the folder).
  void publish(const std::filesystem::path& generation) const;
  // Deletes generations and parts left by killed runs, and all generations but the
  // newest older one (which readers opened before the last switch may still be using).
  // Caller holds the writer lock.
  void remove_stale_generations() const;

 private:
  std::vector<std::filesystem::path> generations() const;  // oldest first

  std::filesystem::path dir_;
};

}  // namespace clubsearch::index
