// SiteWriter: writes synthetic posts as a Zola site and, optionally, a scriptindex dump.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "corpus/post.h"

namespace clubsearch::bench {

struct CorpusTotals {
  std::size_t posts = 0;
  std::size_t entries = 0;
  std::uintmax_t markdown_bytes = 0;  // post files only
  std::size_t dump_records = 0;
};

// The post as Markdown with TOML front matter, as it would be written by hand.
std::string render_markdown(const SyntheticPost& post);

// The post as scriptindex records: one for the post's intro, one per entry, holding
// the same text that clubsearch extracts from the Markdown.
std::string render_dump_records(const SyntheticPost& post);

class SiteWriter {
 public:
  // Refuses an `out_dir` that exists and is not empty: stale posts from an earlier,
  // larger run would silently join the corpus.
  SiteWriter(std::filesystem::path out_dir, std::optional<std::filesystem::path> dump_file);

  void write(const SyntheticPost& post);

  // Flushes the dump and reports a failed write; call once after the last post.
  CorpusTotals finish();

 private:
  void write_site_files();

  std::filesystem::path content_dir_;
  std::filesystem::path out_dir_;
  std::optional<std::ofstream> dump_;
  CorpusTotals totals_;
};

}  // namespace clubsearch::bench
