// An indexing run: scan, decide incremental or rebuild, parse on worker threads, write on
// this one, commit once.
#include "indexer/indexer.h"

#include <xapian.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "indexer/content_scan.h"
#include "indexer/document_builder.h"
#include "indexer/index_store.h"
#include "indexer/link_classifier.h"
#include "indexer/post_error.h"
#include "indexer/post_parser.h"
#include "indexer/topic_matcher.h"
#include "indexer/writer_lock.h"

namespace clubsearch::indexer {

namespace fs = std::filesystem;

namespace {

// When this many posts changed (and at least a quarter of all), a rebuild is cheaper
// than an update and keeps memory bounded: an update is one transaction held in memory.
constexpr std::size_t kRebuildAtChangedFiles = 1000;
// How far parsing may run ahead of writing, in files: bounds memory.
constexpr std::size_t kParseWindow = 64;

std::string hex128(std::string_view bytes) {
  const XXH128_hash_t hash = XXH3_128bits(bytes.data(), bytes.size());
  char buffer[33];
  std::snprintf(buffer, sizeof buffer, "%016llx%016llx", static_cast<unsigned long long>(hash.high64),
                static_cast<unsigned long long>(hash.low64));
  return buffer;
}

std::string hex64(std::string_view bytes) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(XXH3_64bits(bytes.data(), bytes.size())));
  return buffer;
}

// What the index remembers of a file: its content hash, and the day on which a decision
// made about it changes (a future post becomes visible, an indexed one expires).
struct FileSignature {
  std::string hash;
  std::optional<Date> until;

  std::string encode() const { return until ? hash + " until=" + until->iso() : hash; }

  static FileSignature decode(std::string_view text) {
    FileSignature signature;
    const auto space = text.find(' ');
    signature.hash = std::string(text.substr(0, space));
    if (space != std::string_view::npos && text.substr(space + 1, 6) == "until=")
      signature.until = parse_date(text.substr(space + 7));
    return signature;
  }
};

struct StoredFile {
  std::string key;  // metadata key
  FileSignature signature;
};

std::string file_key(const std::string& relative_path) {
  return std::string(schemas::kFileKeyPrefix) + hex64(relative_path);
}

std::map<std::string, StoredFile> stored_files(const Xapian::Database& db) {
  std::map<std::string, StoredFile> files;
  for (auto key = db.metadata_keys_begin(std::string(schemas::kFileKeyPrefix)); key != db.metadata_keys_end(std::string(schemas::kFileKeyPrefix)); ++key) {
    const std::string value = db.get_metadata(*key);
    const auto tab = value.find('\t');
    if (tab == std::string::npos) continue;
    files[value.substr(tab + 1)] = {*key, FileSignature::decode(std::string_view(value).substr(0, tab))};
  }
  return files;
}

enum class Outcome { unchanged, indexed, draft, future, expired, problem };

struct FileResult {
  Outcome outcome = Outcome::problem;
  FileSignature signature;
  std::vector<IndexedDocument> documents;
  std::size_t entries = 0;
  FileProblem problem;
};

std::optional<std::string> read_file(const fs::path& path, std::uintmax_t limit, FileProblem& problem) {
  std::error_code error;
  const std::uintmax_t size = fs::file_size(path, error);
  if (error) {
    problem.reason = "cannot read: " + error.message();
    return std::nullopt;
  }
  if (size > limit) {
    problem.reason = "file is " + std::to_string(size) + " bytes, over the limit of " + std::to_string(limit) +
                     " (--max-file-size)";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  if (in) bytes << in.rdbuf();
  if (!in || in.bad()) {
    problem.reason = "cannot read: " + std::string(std::strerror(errno));
    return std::nullopt;
  }
  return std::move(bytes).str();
}

// Parses one file into documents, or says why it is left out. Never throws.
class FileProcessor {
 public:
  FileProcessor(const PostParser& parser, const DocumentBuilder& builder, const IndexOptions& options, Date today)
      : parser_(parser), builder_(builder), options_(options), today_(today) {}

  FileResult process(const ContentFile& file, const StoredFile* stored) const {
    FileResult result;
    result.problem.path = file.path.string();
    try {
      const auto bytes = read_file(file.path, options_.max_file_bytes, result.problem);
      if (!bytes) return result;
      result.signature.hash = hex128(*bytes);
      if (stored && stored->signature.hash == result.signature.hash &&
          !(stored->signature.until && *stored->signature.until <= today_)) {
        result.outcome = Outcome::unchanged;
        return result;
      }
      Post post = parser_.parse(file.relative_path, *bytes);
      classify(post, result);
      if (result.outcome == Outcome::indexed) {
        result.documents = builder_.build(post);
        result.entries = post.entries.size();
      }
    } catch (const PostError& error) {
      result.outcome = Outcome::problem;
      result.problem.line = error.line();
      result.problem.reason = error.what();
    } catch (const std::exception& error) {
      result.outcome = Outcome::problem;
      result.problem.reason = std::string("cannot index: ") + error.what();
    }
    return result;
  }

 private:
  void classify(const Post& post, FileResult& result) const {
    if (post.draft && !options_.include_drafts) {
      result.outcome = Outcome::draft;
      return;
    }
    const std::optional<Date> visible_from = post.publish_date ? post.publish_date : post.date;
    if (visible_from && *visible_from > today_) {
      result.outcome = Outcome::future;
      result.signature.until = visible_from;
      return;
    }
    if (post.expiry_date && *post.expiry_date <= today_) {
      result.outcome = Outcome::expired;
      return;
    }
    result.outcome = Outcome::indexed;
    result.signature.until = post.expiry_date;
  }

  const PostParser& parser_;
  const DocumentBuilder& builder_;
  const IndexOptions& options_;
  Date today_;
};

// Runs `work` over jobs on `threads` threads and hands each result to `consume` on the
// calling thread in job order, letting work run at most kParseWindow jobs ahead.
template <typename Work, typename Consume>
void run_in_order(std::size_t jobs, unsigned threads, Work work, Consume consume) {
  std::vector<std::optional<FileResult>> slots(jobs);
  std::mutex mutex;
  std::condition_variable ready, room;
  std::size_t consumed = 0;
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t job = next++; job < jobs; job = next++) {
      {
        std::unique_lock lock(mutex);
        room.wait(lock, [&] { return job < consumed + kParseWindow; });
      }
      FileResult result = work(job);
      std::lock_guard lock(mutex);
      slots[job] = std::move(result);
      ready.notify_all();
    }
  };
  std::vector<std::jthread> pool;
  for (unsigned i = 0; i < std::max(1u, threads); ++i) pool.emplace_back(worker);
  for (std::size_t job = 0; job < jobs; ++job) {
    FileResult result;
    {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return slots[job].has_value(); });
      result = std::move(*slots[job]);
      slots[job].reset();
      consumed = job + 1;
      room.notify_all();
    }
    consume(job, std::move(result));
  }
}

std::string utc_now_iso() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return text;
}

void write_synonyms(Xapian::WritableDatabase& db, const schemas::SynonymTable& synonyms) {
  for (const auto& group : synonyms.groups())
    for (const std::string& member : group)
      for (const std::string& other : group)
        if (lowercase(member) != lowercase(other)) db.add_synonym(lowercase(member), lowercase(other));
}

// Applies the run's net changes to the spelling table: a word's frequency there is the
// number of documents that contain it.
class SpellingChanges {
 public:
  void add(const std::vector<std::string>& words, int delta) {
    for (const std::string& word : words) changes_[word] += delta;
  }
  void apply(Xapian::WritableDatabase& db) const {
    for (const auto& [word, delta] : changes_) {
      if (delta > 0) db.add_spelling(word, static_cast<Xapian::termcount>(delta));
      if (delta < 0) db.remove_spelling(word, static_cast<Xapian::termcount>(-delta));
    }
  }

 private:
  std::unordered_map<std::string, int> changes_;
};

}  // namespace

Indexer::Indexer(const Site& site, const IndexTables& tables) : site_(site), tables_(tables) {}

std::string Indexer::settings_fingerprint(const IndexOptions& options) const {
  std::ostringstream settings;
  settings << tables_.schema.fingerprint() << ' ' << tables_.sources.fingerprint() << ' '
           << tables_.topics.fingerprint() << ' ' << tables_.synonyms.fingerprint() << ' '
           << static_cast<int>(site_.generator()) << ' ' << site_.base_url() << ' ' << options.include_drafts;
  return hex64(settings.str());
}

IndexReport Indexer::run(const fs::path& index_dir, const IndexOptions& options) const {
  const auto started = std::chrono::steady_clock::now();
  IndexReport report;
  fs::create_directories(index_dir);
  const IndexStore store(index_dir);
  const WriterLock lock(store.lock_file());
  store.remove_stale_generations();

  ContentScan scan = scan_content(site_.content_dir());
  report.files = scan.posts.size();
  report.section_pages = scan.section_pages;
  report.problems = std::move(scan.problems);

  const std::string settings = settings_fingerprint(options);
  const std::string schema_version = std::to_string(tables_.schema.version());
  const std::optional<fs::path> current = store.current();
  Xapian::WritableDatabase db;
  std::map<std::string, StoredFile> stored;
  if (options.full) {
    report.rebuild_reason = "--full";
  } else if (!current) {
    report.rebuild_reason = "no index yet";
  } else {
    db = Xapian::WritableDatabase(current->string(), Xapian::DB_OPEN);
    const std::string built_with = db.get_metadata(std::string(schemas::kSchemaVersionKey));
    if (built_with != schema_version)
      report.rebuild_reason = "the index was built with schema version " + (built_with.empty() ? "?" : built_with) +
                              " and this clubsearch uses version " + schema_version;
    else if (db.get_metadata(std::string(schemas::kSettingsKey)) != settings)
      report.rebuild_reason = "the schema tables, the site's URL settings or --drafts changed since the last run";
    else
      stored = stored_files(db);
  }

  const Date today = options.today.value_or(Date::today());
  const LinkClassifier links(tables_.sources);
  const TopicMatcher topics(tables_.topics);
  const PostParser parser(site_, links, topics);
  const DocumentBuilder builder(tables_.schema);
  const FileProcessor processor(parser, builder, options, today);

  // An update that would touch most of a large index is done as a rebuild.
  std::vector<const ContentFile*> jobs;
  if (report.rebuild_reason.empty()) {
    for (const ContentFile& file : scan.posts) {
      const auto found = stored.find(file.relative_path);
      if (found == stored.end()) {
        jobs.push_back(&file);
        continue;
      }
      FileProblem ignored;
      const auto bytes = read_file(file.path, options.max_file_bytes, ignored);
      const FileSignature& signature = found->second.signature;
      if (!bytes || hex128(*bytes) != signature.hash || (signature.until && *signature.until <= today))
        jobs.push_back(&file);
      else
        ++report.unchanged;
    }
    if (jobs.size() >= kRebuildAtChangedFiles && jobs.size() * 4 >= scan.posts.size())
      report.rebuild_reason = std::to_string(jobs.size()) + " of " + std::to_string(scan.posts.size()) + " posts changed";
  }
  report.rebuilt = !report.rebuild_reason.empty();
  fs::path generation;
  if (report.rebuilt) {
    db.close();
    stored.clear();
    jobs.clear();
    report.unchanged = 0;
    for (const ContentFile& file : scan.posts) jobs.push_back(&file);
    generation = store.next_generation();
    db = Xapian::WritableDatabase(generation.string(), Xapian::DB_CREATE);
    write_synonyms(db, tables_.synonyms);
  } else {
    db.begin_transaction();
  }

  SpellingChanges spelling;
  auto delete_file = [&](const std::string& relative_path) {
    const std::string term = builder.file_term(relative_path);
    for (auto posting = db.postlist_begin(term); posting != db.postlist_end(term); ++posting)
      spelling.add(spelling_words_of(db.get_document(*posting)), -1);
    db.delete_document(term);
  };
  auto remember = [&](const std::string& relative_path, const FileSignature& signature) {
    db.set_metadata(file_key(relative_path), signature.encode() + "\t" + relative_path);
  };

  run_in_order(
      jobs.size(), options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads,
      [&](std::size_t job) {
        const auto found = stored.find(jobs[job]->relative_path);
        return processor.process(*jobs[job], found == stored.end() ? nullptr : &found->second);
      },
      [&](std::size_t job, FileResult result) {
        const std::string& path = jobs[job]->relative_path;
        switch (result.outcome) {
          case Outcome::unchanged:
            ++report.unchanged;
            break;
          case Outcome::problem:
            report.problems.push_back(std::move(result.problem));
            break;
          case Outcome::draft:
          case Outcome::future:
          case Outcome::expired:
            ++(result.outcome == Outcome::draft ? report.drafts
               : result.outcome == Outcome::future ? report.future : report.expired);
            if (!report.rebuilt) delete_file(path);
            remember(path, result.signature);
            break;
          case Outcome::indexed:
            if (!report.rebuilt) delete_file(path);
            for (IndexedDocument& document : result.documents) {
              spelling.add(document.spelling_words, +1);
              db.add_document(document.document);
            }
            remember(path, result.signature);
            ++report.indexed;
            report.entries += result.entries;
            break;
        }
        if (options.progress) options.progress(job + 1, jobs.size());
      });

  for (const auto& [relative_path, file] : stored) {
    const bool still_there =
        std::ranges::binary_search(scan.posts, relative_path, {}, &ContentFile::relative_path);
    if (still_there) continue;
    delete_file(relative_path);
    db.set_metadata(file.key, "");  // an empty value removes the key
    ++report.removed;
  }

  spelling.apply(db);
  db.set_metadata(std::string(schemas::kSchemaVersionKey), schema_version);
  db.set_metadata(std::string(schemas::kSettingsKey), settings);
  db.set_metadata(std::string(schemas::kIndexedAtKey), utc_now_iso());
  db.set_metadata(std::string(schemas::kContentDirKey), fs::absolute(site_.content_dir()).lexically_normal().string());
  report.documents = db.get_doccount();

  const bool refuse = options.strict && !report.problems.empty();
  if (report.rebuilt) {
    if (refuse) {
      db.close();
      fs::remove_all(generation);
    } else {
      db.commit();
      db.close();
      store.publish(generation);
      store.remove_stale_generations();
    }
  } else if (refuse) {
    db.cancel_transaction();
  } else {
    db.commit_transaction();
  }
  report.committed = !refuse;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace clubsearch::indexer
