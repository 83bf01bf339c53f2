// How well links are named and sorted on real blogs, as a reader would count it, from
// indexes any clubsearch built (link_report.sh runs it on ../shared/corpus):
//
//   index DB...            the links of the entries stored in each index: how many have
//                          no source, a bare host for a source, kind "other"
//   held-out-tables SOURCES_TOML OUT_DIR DB...
//                          for each index (named by the blog), the table without the
//                          hosts only that blog's links are named by
//   compare [--misses] (FULL_SOURCES HELD_SOURCES FULL_DB HELD_DB)...
//                          a blog indexed with the full table and with its held-out one:
//                          how many held-out links still get a readable source and the
//                          kind the full table gives them (--misses: the others, on stderr)
#include <xapian.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "index/open_index.h"
#include "index/record.h"
#include "indexer/link_classifier.h"
#include "schemas/index_schema.h"
#include "schemas/source_table.h"

namespace fs = std::filesystem;
using namespace clubsearch;

namespace {

// A source a reader can read: not empty, and not a bare host name with subdomains the
// registrable domain would drop ("www2.docs.example.com"), nor an address.
bool readable_source(const std::string& source, const std::string& host, const schemas::SourceTable& table) {
  if (source.empty()) return false;
  if (source != host || host.empty()) return true;
  if (host == "localhost" || host.find_first_not_of("0123456789.:[]") == std::string::npos) return false;
  if (indexer::registrable_domain(host) == host) return true;
  const schemas::HostRule* rule = table.find(host);
  return rule != nullptr && rule->author_subdomains;  // someone.substack.com: the author's own site
}

struct Tally {
  std::size_t links = 0, empty_source = 0, bare_host = 0, other_kind = 0, poor = 0;

  void add(const std::string& source, const std::string& host, const std::string& kind,
           const schemas::SourceTable& table) {
    ++links;
    const bool readable = readable_source(source, host, table);
    if (source.empty()) ++empty_source;
    if (!source.empty() && !readable) ++bare_host;
    if (kind == "other") ++other_kind;
    if (!readable || kind == "other") ++poor;
  }
};

std::string share(std::size_t part, std::size_t whole) {
  char out[32];
  std::snprintf(out, sizeof out, "%5.1f%%",
                whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return out;
}

void print_tally(const std::string& name, const Tally& tally) {
  std::printf("%-34s %6zu %6zu %s %6zu %s %6zu %s %6zu %s\n", name.c_str(), tally.links, tally.empty_source,
              share(tally.empty_source, tally.links).c_str(), tally.bare_host,
              share(tally.bare_host, tally.links).c_str(), tally.other_kind,
              share(tally.other_kind, tally.links).c_str(), tally.poor,
              share(tally.poor, tally.links).c_str());
}

int report_indexes(const std::vector<std::string>& dbs) {
  const schemas::SourceTable& table = schemas::SourceTable::builtin();
  std::printf("%-34s %6s %14s %14s %14s %14s\n", "index (entries' items and mentions)", "links",
              "empty source", "bare host", "kind other", "any of these");
  Tally all;
  for (const std::string& dir : dbs) {
    const Xapian::Database db = index::open_index(dir, schemas::IndexSchema::builtin());
    Tally tally;
    for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      const index::Record record = index::decode(db.get_document(*it).get_data());
      if (record.type != index::DocumentType::entry) continue;
      for (const auto* links : {&record.items, &record.mentions})
        for (const index::LinkRecord& link : *links) {
          tally.add(link.source, link.host, link.kind, table);
          all.add(link.source, link.host, link.kind, table);
        }
    }
    print_tally(fs::path(dir).filename().string(), tally);
  }
  print_tally("all", all);
  return 0;
}

// ---- held out ----------------------------------------------------------------------------

// A link of an entry in an index: where it is (document id, items or mentions, position),
// and how it was classified.
struct StoredLink {
  std::string place;
  index::LinkRecord link;
};

std::vector<StoredLink> links_in(const std::string& dir) {
  const Xapian::Database db = index::open_index(dir, schemas::IndexSchema::builtin());
  std::vector<StoredLink> out;
  for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const index::Record record = index::decode(db.get_document(*it).get_data());
    if (record.type != index::DocumentType::entry) continue;
    for (std::size_t i = 0; i < record.items.size(); ++i)
      out.push_back({record.id + " item " + std::to_string(i), record.items[i]});
    for (std::size_t i = 0; i < record.mentions.size(); ++i)
      out.push_back({record.id + " mention " + std::to_string(i), record.mentions[i]});
  }
  return out;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The host key of a [hosts] line (`"example.com" = { ... }`), or empty.
std::string key_of_line(const std::string& line) {
  if (line.size() < 3 || line.front() != '"') return {};
  const auto close = line.find('"', 1);
  if (close == std::string::npos || line.compare(close, 5, "\" = {") != 0) return {};
  return line.substr(1, close - 1);
}

// For each index (named by its folder, the blog's name), OUT_DIR/NAME.sources.toml: the
// table without the hosts that only that blog's links are named by.
int write_held_out_tables(const fs::path& sources, const fs::path& out_dir,
                          const std::vector<std::string>& dbs) {
  const std::string text = read_text(sources);
  const schemas::SourceTable table = schemas::SourceTable::parse(text, sources.string());
  std::map<std::string, std::set<std::string>> blogs_of_key;
  for (const std::string& db : dbs)
    for (const StoredLink& stored : links_in(db))
      if (const schemas::HostRule* rule = stored.link.host.empty() ? nullptr : table.find(stored.link.host))
        blogs_of_key[rule->host].insert(fs::path(db).filename().string());
  for (const std::string& db : dbs) {
    const std::string blog = fs::path(db).filename().string();
    std::ofstream out(out_dir / (blog + ".sources.toml"), std::ios::binary);
    std::istringstream lines(text);
    std::size_t removed = 0;
    for (std::string line; std::getline(lines, line);) {
      const auto users = blogs_of_key.find(key_of_line(line));
      if (users != blogs_of_key.end() && users->second == std::set<std::string>{blog}) {
        ++removed;
        continue;
      }
      out << line << "\n";
    }
    std::cerr << blog << ": " << removed << " hosts held out\n";
  }
  return 0;
}

bool article_family(const std::string& kind) {
  return kind == "blog" || kind == "news" || kind == "newsletter";
}

struct HeldOut {
  std::size_t links = 0, held = 0, readable = 0, same = 0, family = 0, lost = 0;
};

void print_held_out(const std::string& name, const HeldOut& h) {
  std::printf("%-30s %7zu %9zu %9s %9s %9s %9s\n", name.c_str(), h.links, h.held,
              share(h.readable, h.held).c_str(), share(h.same, h.held).c_str(),
              share(h.family, h.held).c_str(), share(h.lost, h.held).c_str());
}

// FULL_DB indexed with the table FULL_SOURCES, HELD_DB with HELD_SOURCES (the same posts):
// the links whose host the full table names and the held-out one does not, compared.
int compare_held_out(const std::vector<std::string>& args, bool misses) {
  HeldOut all;
  std::printf("%-30s %7s %9s %9s %9s %9s %9s\n", "blog", "links", "held-out", "readable", "same kind",
              "~ kind", "lost");
  for (std::size_t i = 0; i + 3 < args.size(); i += 4) {
    const schemas::SourceTable full = schemas::SourceTable::parse(read_text(args[i]), args[i]);
    const schemas::SourceTable held = schemas::SourceTable::parse(read_text(args[i + 1]), args[i + 1]);
    std::map<std::string, index::LinkRecord> held_links;
    for (StoredLink& stored : links_in(args[i + 3])) held_links.emplace(stored.place, std::move(stored.link));
    HeldOut blog;
    for (const StoredLink& stored : links_in(args[i + 2])) {
      ++blog.links;
      const index::LinkRecord& want = stored.link;
      const schemas::HostRule* rule = want.host.empty() ? nullptr : full.find(want.host);
      const schemas::HostRule* still = want.host.empty() ? nullptr : held.find(want.host);
      if (rule == nullptr || (still != nullptr && still->host == rule->host)) continue;
      const auto got_it = held_links.find(stored.place);
      if (got_it == held_links.end() || got_it->second.url != want.url) continue;  // not the same link
      const index::LinkRecord& got = got_it->second;
      ++blog.held;
      if (readable_source(got.source, got.host, held)) ++blog.readable;
      if (got.kind == want.kind) ++blog.same;
      if (got.kind == want.kind || (article_family(got.kind) && article_family(want.kind))) ++blog.family;
      if (got.kind == "other" && want.kind != "other") ++blog.lost;
      if (misses && got.kind != want.kind)
        std::cerr << want.kind << " -> " << got.kind << "\t" << got.source << "\t" << want.url << "\n";
    }
    print_held_out(fs::path(args[i + 2]).filename().string(), blog);
    all.links += blog.links;
    all.held += blog.held;
    all.readable += blog.readable;
    all.same += blog.same;
    all.family += blog.family;
    all.lost += blog.lost;
  }
  print_held_out("all", all);
  std::printf(
      "held-out: links whose host the table names only for this blog (classified without it);\n"
      "readable: a source that is not empty, an address or a host with extra subdomains;\n"
      "same kind: the kind the full table gives; ~ kind: the same, or both one of blog, news,\n"
      "newsletter (articles); lost: kind \"other\" where the full table knows better.\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() >= 2 && args[0] == "index") return report_indexes({args.begin() + 1, args.end()});
    if (args.size() >= 4 && args[0] == "held-out-tables")
      return write_held_out_tables(args[1], args[2], {args.begin() + 3, args.end()});
    if (args.size() >= 5 && (args.size() - 1) % 4 == 0 && args[0] == "compare")
      return compare_held_out({args.begin() + 1, args.end()}, false);
    if (args.size() >= 6 && (args.size() - 2) % 4 == 0 && args[0] == "compare" && args[1] == "--misses")
      return compare_held_out({args.begin() + 2, args.end()}, true);
  } catch (const std::exception& error) {
    std::cerr << "clubsearch_link_report: " << error.what() << "\n";
    return 1;
  }
  std::cerr
      << "usage: clubsearch_link_report index DB...\n"
         "       clubsearch_link_report held-out-tables SOURCES_TOML OUT_DIR DB...\n"
         "       clubsearch_link_report compare [--misses] (FULL_SOURCES HELD_SOURCES FULL_DB HELD_DB)...\n";
  return 2;
}
