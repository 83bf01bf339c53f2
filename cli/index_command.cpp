// `clubsearch index` as clubsearch-index runs it: update the index from a site's posts and
// report what happened.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "cli/companion.h"
#include "cli/exit_codes.h"
#include "cli/index_location.h"
#include "index/index_store.h"
#include "indexer/content_watch.h"
#include "indexer/indexer.h"
#include "indexer/writer_lock.h"

namespace clubsearch::cli {

namespace {

// --watch: a run starts once changes have stopped for kWatchQuiet, or kWatchLongest
// after the first of a steady stream.
constexpr std::chrono::milliseconds kWatchQuiet{250};
constexpr std::chrono::milliseconds kWatchLongest{3000};

// --watch: at most this many changed paths are named on a run's line.
constexpr std::size_t kWatchNamedChanges = 10;

// A user's own copy of a schema table (the option's, else the config file's), or the
// built-in one.
template <typename Table>
Table load_table(const std::string& option, const std::optional<std::filesystem::path>& configured,
                 const Table& builtin) {
  const std::string file = !option.empty() ? option : configured ? configured->string() : std::string();
  if (file.empty()) return builtin;
  std::ifstream in(file, std::ios::binary);
  if (!in) throw CLI::ValidationError(file + ": cannot read this table");
  std::ostringstream text;
  text << in.rdbuf();
  return Table::parse(text.str(), file);
}

// CONTENT_DIR, else the config file's `content`, else the current folder.
std::string content_dir_of(const IndexOptions& options, const Config& config) {
  if (!options.content_dir.empty()) return options.content_dir;
  return config.content ? config.content->string() : ".";
}

std::optional<indexer::SiteGenerator> generator_named(const std::string& name) {
  if (name == "zola") return indexer::SiteGenerator::zola;
  if (name == "hugo") return indexer::SiteGenerator::hugo;
  if (name == "jekyll") return indexer::SiteGenerator::jekyll;
  return std::nullopt;
}

indexer::Site make_site(const IndexOptions& options, const Config& config) {
  const std::string content_dir = content_dir_of(options, config);
  // --generator, else the config file's `generator`, else the site's own config or layout.
  const std::string& chosen = !options.generator.empty() ? options.generator : config.generator;
  const std::string chosen_by = !options.generator.empty()
                                    ? "chosen with --generator"
                                    : "chosen by `generator` in " + config.file.string();
  const auto generator = generator_named(chosen);
  indexer::Site site =
      options.site_config.empty()
          ? indexer::Site::discover(content_dir, generator, chosen_by)
          : indexer::Site::from_config(options.site_config, content_dir, generator, chosen_by);
  const std::string& base_url = !options.base_url.empty() ? options.base_url : config.base_url;
  if (!base_url.empty()) site.set_base_url(base_url);
  return site;
}

std::string plural(std::size_t count, const std::string& one, const std::string& many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::string generator_title(indexer::SiteGenerator generator) {
  switch (generator) {
    case indexer::SiteGenerator::hugo:
      return "Hugo";
    case indexer::SiteGenerator::jekyll:
      return "Jekyll";
    case indexer::SiteGenerator::zola:
      break;
  }
  return "Zola";
}

// "Jekyll rules (inferred from a _posts/ folder)".
std::string rules_used(const indexer::Site& site) {
  return generator_title(site.generator()) + " rules (" + site.choice().decided_by + ")";
}

std::string summary(const indexer::IndexReport& report, const std::filesystem::path& index_dir,
                    const indexer::Site& site) {
  std::ostringstream out;
  out << "indexed " << plural(report.indexed, "post", "posts") << " ("
      << plural(report.entries, "entry", "entries") << ")";
  if (report.unchanged > 0) out << ", " << report.unchanged << " unchanged";
  if (report.removed > 0) out << ", " << report.removed << " removed";
  const std::size_t left_out =
      report.drafts + report.future + report.expired + report.unlisted + report.empty;
  if (left_out > 0) {
    out << "; left out " << plural(report.drafts, "draft", "drafts") << ", " << report.future << " future, "
        << report.expired << " expired, " << report.unlisted << " unlisted, " << report.empty << " empty";
  }
  if (!report.problems.empty())
    out << "; " << plural(report.problems.size(), "file", "files") << " could not be indexed";
  if (!report.warnings.empty())
    out << "; " << plural(report.warnings.size(), "file", "files") << " indexed with a warning";
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", report.seconds);
  out << "; " << plural(report.documents, "document", "documents") << " and "
      << plural(report.papers, "paper", "papers") << " in " << index_dir.string() << " (" << seconds << " s)";
  out << "\n" << rules_used(site);
  if (report.not_posts > 0)
    out << "; " << plural(report.not_posts, "file", "files") << " in _posts/ without a date ("
        << (report.not_posts == 1 ? "not a post)" : "not posts)");
  if (report.rebuilt) out << "\nrebuilt the index: " << report.rebuild_reason;
  if (!report.committed)
    out << "\nnothing was committed: --strict and some files could not be indexed or had warnings";
  return out.str();
}

// What a watch run follows, for its line: "changed posts/a.md, posts/b.md".
std::string describe(const indexer::ContentChanges& changes) {
  std::string text = "changed";
  std::size_t named = 0;
  for (const std::filesystem::path& path : changes.paths) {
    if (named == kWatchNamedChanges) {
      text += ", and " + std::to_string(changes.paths.size() - named) + " more";
      break;
    }
    text += (named++ == 0 ? " " : ", ") + path.generic_string();
  }
  if (changes.unnamed)
    text += named == 0 ? " files the watch could not name" : ", and files the watch could not name";
  return text;
}

nlohmann::json report_json(const indexer::IndexReport& report, const std::filesystem::path& index_dir,
                           const indexer::Site& site) {
  auto listed = [](const std::vector<indexer::FileProblem>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const indexer::FileProblem& problem : list)
      out.push_back({{"path", problem.path}, {"line", problem.line}, {"reason", problem.reason}});
    return out;
  };
  return {{"index", index_dir.string()},
          {"files", report.files},
          {"indexed", report.indexed},
          {"entries", report.entries},
          {"unchanged", report.unchanged},
          {"removed", report.removed},
          {"drafts", report.drafts},
          {"future", report.future},
          {"expired", report.expired},
          {"unlisted", report.unlisted},
          {"empty", report.empty},
          {"section_pages", report.section_pages},
          {"not_posts", report.not_posts},
          {"documents", report.documents},
          {"papers", report.papers},
          {"rebuilt", report.rebuilt},
          {"rebuild_reason", report.rebuild_reason},
          {"committed", report.committed},
          {"seconds", report.seconds},
          {"generator",
           {{"name", indexer::generator_name(site.generator())},
            {"decided_by", site.choice().decided_by},
            {"guessed", site.choice().guessed}}},
          {"problems", listed(report.problems)},
          {"warnings", listed(report.warnings)}};
}

// The pending-run marker (--queue) has a line for each run asked for while the index was
// being written: "full" for a rebuild, "update" otherwise, so that a rebuild asked for
// while updates stream in is done as one, not as one more update.
void queue_run(const std::filesystem::path& pending, bool full) {
  std::ofstream(pending, std::ios::app) << (full ? "full\n" : "update\n");
}

// The runs queued for the writer, taken: nothing when none was asked for, else whether one
// of them asked for a rebuild. The marker is renamed before it is read, so that a run
// queued meanwhile leaves a new one.
std::optional<bool> take_queued_runs(const std::filesystem::path& pending) {
  std::filesystem::path taken = pending;
  taken += "." + std::to_string(::getpid());
  std::error_code error;
  std::filesystem::rename(pending, taken, error);
  if (error) return std::nullopt;
  bool full = false;
  {
    std::ifstream in(taken);
    for (std::string line; std::getline(in, line);) full = full || line == "full";
  }
  std::filesystem::remove(taken, error);
  return full;
}

}  // namespace

int run_index(const GlobalOptions& global, const IndexOptions& options) {
  const Config& config = global.config;
  const std::filesystem::path index_dir = index_location(global.db, config);
  const schemas::SourceTable sources =
      load_table(options.sources_file, config.sources, schemas::SourceTable::builtin());
  const schemas::TopicTaxonomy topics =
      load_table(options.topics_file, config.topics, schemas::TopicTaxonomy::builtin());
  const schemas::SynonymTable synonyms =
      load_table(options.synonyms_file, config.synonyms, schemas::SynonymTable::builtin());
  const indexer::Site site = make_site(options, config);
  const indexer::Indexer indexer(site, {schemas::IndexSchema::builtin(), sources, topics, synonyms});
  // Rules nobody named are said once, before the run: a user of an unknown layout learns
  // which ones were followed, and how to choose others.
  if (site.choice().guessed && !options.quiet)
    std::cerr << "clubsearch: note: " << site.content_dir().string() << ": no site config; following "
              << rules_used(site) << "; --generator zola|hugo|jekyll or `generator` in clubsearch.toml "
              << "chooses\n";

  indexer::IndexOptions run_options;
  run_options.full = options.full;
  run_options.include_drafts = options.drafts;
  run_options.strict = options.strict;
  run_options.max_file_bytes = options.max_file_size;
  run_options.follow_outside_links = options.follow_symlinks;
  run_options.threads = options.threads;
  if (!options.as_of.empty()) {
    run_options.today = index::parse_date(options.as_of);
    if (!run_options.today)
      throw CLI::ValidationError("--as-of", "'" + options.as_of + "' is not a date (YYYY-MM-DD)");
  }
  std::unique_ptr<ProgressLine> progress;
  if (!options.quiet && !options.json && draws_on(stderr))
    run_options.progress = [&](std::size_t done, std::size_t total) {
      if (!progress) progress = std::make_unique<ProgressLine>(stderr);
      progress->update(done, total);
    };

  // A run that finds the index being written can ask, with --queue, for one more run:
  // it leaves a marker and the writer runs again once done (every run looks for the
  // marker after releasing the lock). The marker is written before a last try for the
  // lock, so that a writer finishing in between is never missed.
  const std::filesystem::path pending = index::IndexStore(index_dir).pending_marker();
  auto run_once = [&](bool queue) -> std::optional<indexer::IndexReport> {
    try {
      return indexer.run(index_dir, run_options);
    } catch (const indexer::IndexLockedError& locked) {
      if (!queue) throw;
      std::filesystem::create_directories(index_dir);
      queue_run(pending, run_options.full);
      try {
        return indexer.run(index_dir, run_options);
      } catch (const indexer::IndexLockedError&) {
        if (!options.quiet)
          std::cout << "queued: the index is being written by process " << locked.holder_pid()
                    << ", which will run again when done\n";
        return std::nullopt;
      }
    }
  };
  // One indexing, then the runs left to it by others; its report printed. The exit code.
  // `queue`: locked out, leave the writer one more run to do instead of failing.
  auto index_now = [&](bool queue) -> int {
    run_options.full = options.full;
    std::optional<indexer::IndexReport> ran = run_once(queue);
    progress.reset();  // the line is cleared
    if (!ran) return kExitOk;
    indexer::IndexReport report = std::move(*ran);
    std::optional<bool> queued;
    while (report.committed && (queued = take_queued_runs(pending))) {
      run_options.full = *queued;  // what was queued: a rebuild, or an update
      ran = run_once(true);
      progress.reset();
      if (!ran) break;  // another run took the lock and will look for the marker itself
      report = std::move(*ran);
    }
    for (const indexer::FileProblem& problem : report.problems) std::cerr << problem.describe() << "\n";
    for (indexer::FileProblem warning : report.warnings) {
      warning.reason = "warning: " + warning.reason;
      std::cerr << warning.describe() << "\n";
    }
    if (options.json)
      std::cout << report_json(report, index_dir, site).dump(2) << std::endl;
    else if (!options.quiet)
      std::cout << summary(report, index_dir, site) << std::endl;
    if (!report.committed) return kExitFailed;
    // The static host's folder follows the index (export-static rewrites only what changed).
    if (!options.export_static.empty()) {
      std::vector<std::string> arguments{"clubsearch", "--db", index_dir.string(), "export-static",
                                         options.export_static};
      if (options.quiet || options.json) arguments.emplace_back("--quiet");
      if (const int exported = run_program(companion_program("clubsearch"), arguments); exported != kExitOk) {
        std::cerr << "clubsearch: the index was updated, but export-static " << options.export_static
                  << " failed (exit " << exported << ")\n";
        return kExitFailed;
      }
    }
    return report.problems.empty() ? kExitOk : kExitPartial;
  };
  if (!options.watch) return index_now(options.queue);

  // --watch: index, then again after each burst of changes, until SIGINT or SIGTERM. The
  // watch starts before the first run so that nothing written during it is missed.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  indexer::ContentWatch watch(site.content_dir());
  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    watch.stop();
  });
  int code = index_now(true);
  if (!options.quiet) std::cout << "watching " << site.content_dir().string() << " (Ctrl-C stops)" << std::endl;
  // Each later run is announced, numbered from 1, with what it follows, before it starts.
  for (std::size_t run = 1;; ++run) {
    const indexer::ContentChanges changes = watch.wait(kWatchQuiet, kWatchLongest);
    if (changes.empty()) break;
    if (!options.quiet) std::cout << "run " << run << ": " << describe(changes) << std::endl;
    code = index_now(true);
  }
  stopper.join();
  return code == kExitFailed ? kExitFailed : kExitOk;
}

}  // namespace clubsearch::cli
