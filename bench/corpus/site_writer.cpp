// SiteWriter: Markdown and dump rendering, and the files of a minimal Zola site.
#include "corpus/site_writer.h"

#include <stdexcept>

#include "corpus/calendar.h"

namespace clubsearch::bench {
namespace {

namespace fs = std::filesystem;

std::string to_crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (const char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

void write_file(const fs::path& path, std::string_view text) {
  std::ofstream file(path, std::ios::binary);
  file.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!file.flush()) throw std::runtime_error("cannot write " + path.string());
}

void add_front_matter(std::string& out, const SyntheticPost& post) {
  out += "+++\ntitle = \"" + post.title + "\"\ndate = " + post.date_toml + "\n";
  if (!post.description.empty()) out += "description = \"" + post.description + "\"\n";
  if (post.draft_key) out += "draft = false\n";
  if (!post.tags.empty()) {
    out += "\n[taxonomies]\ntags = [";
    for (std::size_t i = 0; i < post.tags.size(); ++i) {
      out += (i > 0 ? ", \"" : "\"") + post.tags[i] + "\"";
    }
    out += "]\n";
  }
  out += "+++\n\n";
}

void add_entry(std::string& out, const SyntheticEntry& entry) {
  out += "#### " + entry.heading + (entry.trailing_space ? " \n" : "\n");
  if (!entry.tight) out += '\n';
  for (const Text& block : entry.blocks) out += block.markdown + "\n\n";
}

// A dump value may span lines: scriptindex reads a line starting with '=' as the
// continuation of the previous field.
void add_field(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += '=';
  for (const char c : value) {
    out += c;
    if (c == '\n') out += '=';
  }
  out += '\n';
}

void add_entry_record(std::string& out, const SyntheticPost& post, std::size_t index,
                      const SyntheticEntry& entry) {
  add_field(out, "id", post.id() + "-e" + std::to_string(index + 1));
  add_field(out, "type", "entry");
  add_field(out, "post", post.title);
  add_field(out, "heading", entry.heading_plain);
  for (const Link& paper : entry.papers) add_field(out, "paper", paper.title);
  for (const Link& mention : entry.mentions) add_field(out, "mention", mention.title);
  std::string commentary;
  for (const Text& block : entry.blocks) {
    if (!commentary.empty()) commentary += '\n';
    commentary += block.plain;
  }
  add_field(out, "commentary", commentary);
  for (const Link& paper : entry.papers) add_field(out, "url", paper.url);
  for (const Link& mention : entry.mentions) add_field(out, "url", mention.url);
  add_field(out, "date", compact_date(post.date));
  out += '\n';
}

}  // namespace

std::string render_markdown(const SyntheticPost& post) {
  std::string out;
  add_front_matter(out, post);
  out += post.intro.markdown + "\n\n";
  for (const SyntheticEntry& entry : post.entries) add_entry(out, entry);
  return post.crlf ? to_crlf(out) : out;
}

std::string render_dump_records(const SyntheticPost& post) {
  std::string out;
  add_field(out, "id", post.id());
  add_field(out, "type", "post");
  add_field(out, "post", post.title);
  add_field(out, "commentary", post.intro.plain);
  add_field(out, "date", compact_date(post.date));
  out += '\n';
  for (std::size_t i = 0; i < post.entries.size(); ++i) {
    add_entry_record(out, post, i, post.entries[i]);
  }
  return out;
}

SiteWriter::SiteWriter(fs::path out_dir, std::optional<fs::path> dump_file)
    : content_dir_(out_dir / "content"), out_dir_(std::move(out_dir)) {
  if (fs::exists(out_dir_) && !fs::is_empty(out_dir_)) {
    throw std::runtime_error(out_dir_.string() + " exists and is not empty");
  }
  if (dump_file) {
    dump_.emplace(*dump_file, std::ios::binary | std::ios::trunc);
    if (!*dump_) throw std::runtime_error("cannot create " + dump_file->string());
  }
  write_site_files();
}

void SiteWriter::write_site_files() {
  fs::create_directories(content_dir_ / "journal-club");
  fs::create_directories(content_dir_ / "notes");
  write_file(out_dir_ / "config.toml",
             "base_url = \"https://journal.example.org\"\n"
             "title = \"Synthetic Journal Club\"\n"
             "taxonomies = [{name = \"tags\", feed = true}]\n");
  write_file(content_dir_ / "_index.md", "+++\ntitle = \"Home\"\n+++\n");
  write_file(content_dir_ / "journal-club" / "_index.md",
             "+++\ntitle = \"Journal Club\"\nsort_by = \"date\"\n+++\n");
  write_file(content_dir_ / "notes" / "_index.md",
             "+++\ntitle = \"Reading notes\"\nsort_by = \"date\"\n+++\n");
}

void SiteWriter::write(const SyntheticPost& post) {
  const std::string markdown = render_markdown(post);
  const fs::path path = content_dir_ / post.relative_path();
  if (post.bundle) fs::create_directory(path.parent_path());
  write_file(path, markdown);
  ++totals_.posts;
  totals_.entries += post.entries.size();
  totals_.markdown_bytes += markdown.size();
  if (dump_) {
    const std::string records = render_dump_records(post);
    dump_->write(records.data(), static_cast<std::streamsize>(records.size()));
    totals_.dump_records += 1 + post.entries.size();
  }
}

CorpusTotals SiteWriter::finish() {
  if (dump_ && !dump_->flush()) throw std::runtime_error("cannot write the scriptindex dump");
  return totals_;
}

}  // namespace clubsearch::bench
