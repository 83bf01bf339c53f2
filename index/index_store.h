// IndexStore: the layout of an index directory. Readers open the directory itself:
// Xapian follows its XAPIANDB stub to the current generation (a glass database in a
// gen-NNNNNN folder). A rebuild writes a new generation and switches the stub to it with
// one atomic rename, so readers see the old index or the new one, never a mix. Beside
// each generation's database are its facet columns (facet-NNNNNN.columns, see
// columns_file.h); beside the generations, the writer's lock and the marker of a run
// asked for while another was writing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <utility>
#include <vector>

namespace clubsearch::index {

class IndexStore {
 public:
  explicit IndexStore(std::filesystem::path dir);

  const std::filesystem::path& dir() const noexcept { return dir_; }
  std::filesystem::path lock_file() const { return dir_ / "writer.lock"; }
  std::filesystem::path stub_file() const { return dir_ / "XAPIANDB"; }
  // Left by a run that found the index being written: the writer runs once more.
  std::filesystem::path pending_marker() const { return dir_ / "reindex.pending"; }

  // Identifies the stub as it is now (its inode and modification time; zeros when there
  // is none): a rebuild replaces it by a rename, so a reader that sees another identity
  // opens the index again.
  std::pair<std::uintmax_t, std::int64_t> stub_identity() const;

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

  // Every generation folder, oldest first.
  std::vector<std::filesystem::path> generations() const;

 private:
  std::filesystem::path dir_;
};

}  // namespace clubsearch::index
