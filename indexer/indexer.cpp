// An indexing run: scan, decide between an update (parsed on worker threads, written in
// one transaction) and a rebuild (parsed and written on every core, merged at the end).
#include "indexer/indexer.h"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "index/ascii.h"
#include "index/columns_file.h"
#include "indexer/content_scan.h"
#include "indexer/document_builder.h"
#include "index/hashing.h"
#include "index/index_store.h"
#include "index/metadata.h"
#include "index/shared_links.h"
#include "indexer/fault_point.h"
#include "indexer/link_classifier.h"
#include "indexer/paper_record.h"
#include "indexer/post_error.h"
#include "indexer/post_parser.h"
#include "indexer/spelling.h"
#include "indexer/topic_matcher.h"
#include "indexer/writer_lock.h"
#include "schemas/url_rules.h"

namespace clubsearch::indexer {

namespace fs = std::filesystem;

namespace {

// When this many posts changed (and at least a quarter of all), a rebuild is cheaper
// than an update and keeps memory bounded: an update is one transaction held in memory.
constexpr std::size_t kRebuildAtChangedFiles = 1000;
// How far parsing may run ahead of writing, in files: bounds memory.
constexpr std::size_t kParseWindow = 64;

// What the index remembers of a file: its content hash, its size and modification time
// (when both are unchanged the file is not read again), and the day on which a decision
// made about it changes (a future post becomes visible, an indexed one expires).
struct FileSignature {
  std::string hash;
  std::uintmax_t size = 0;
  std::int64_t modified_ns = 0;  // 0: not to be trusted, read the file next time
  std::optional<index::Date> until;

  std::string encode() const {
    std::string text = hash + " " + std::to_string(size) + " " + std::to_string(modified_ns);
    return until ? text + " until=" + until->iso() : text;
  }

  static FileSignature decode(std::string_view text) {
    FileSignature signature;
    std::istringstream fields{std::string(text)};
    std::string until;
    fields >> signature.hash >> signature.size >> signature.modified_ns >> until;
    if (until.rfind("until=", 0) == 0) signature.until = index::parse_date(until.substr(6));
    return signature;
  }

  // The file as the scan saw it, with the modification time trusted only when it is
  // older than `racy_from_ns`: a file written in the same instant as it was indexed
  // could change again without its time changing (git's "racily clean" problem).
  static FileSignature of(const ContentFile& file, std::string hash, std::int64_t racy_from_ns) {
    return {std::move(hash), file.size, file.modified_ns < racy_from_ns ? file.modified_ns : 0, std::nullopt};
  }

  bool same_file(const ContentFile& file) const {
    return modified_ns != 0 && size == file.size && modified_ns == file.modified_ns;
  }
  bool due(const index::Date& today) const { return until && *until <= today; }
};

struct StoredFile {
  std::string key;  // metadata key
  FileSignature signature;
};

std::string file_key(const std::string& relative_path) {
  return index::metadata::kFilePrefix + index::hash64_hex(relative_path);
}

std::map<std::string, StoredFile> stored_files(const Xapian::Database& db) {
  std::map<std::string, StoredFile> files;
  for (auto key = db.metadata_keys_begin(index::metadata::kFilePrefix);
       key != db.metadata_keys_end(index::metadata::kFilePrefix); ++key) {
    const std::string value = db.get_metadata(*key);
    const auto tab = value.find('\t');
    if (tab == std::string::npos) continue;
    files[value.substr(tab + 1)] = {*key, FileSignature::decode(std::string_view(value).substr(0, tab))};
  }
  return files;
}

enum class Outcome { indexed, draft, future, expired, unlisted, empty, problem };

struct FileResult {
  Outcome outcome = Outcome::problem;
  FileSignature signature;
  std::vector<IndexedDocument> documents;
  std::size_t entries = 0;
  FileProblem problem;
  std::vector<FileProblem> warnings;
};

std::optional<std::string> read_file(const fs::path& path, std::uintmax_t limit, FileProblem& problem) {
  std::error_code error;
  const std::uintmax_t size = fs::file_size(path, error);
  if (error) {
    problem.reason = "cannot read: " + error.message();
    return std::nullopt;
  }
  if (size > limit) {
    problem.reason = "file is " + std::to_string(size) + " bytes, over the limit of " +
                     std::to_string(limit) + " (--max-file-size)";
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
  FileProcessor(const PostParser& parser, const DocumentBuilder& builder, const IndexOptions& options,
                index::Date today, std::int64_t racy_from_ns)
      : parser_(parser), builder_(builder), options_(options), today_(today), racy_from_ns_(racy_from_ns) {}

  FileResult process(const ContentFile& file) const {
    FileResult result;
    result.problem.path = file.path.string();
    try {
      const auto bytes = read_file(file.path, options_.max_file_bytes, result.problem);
      if (!bytes) return result;
      result.signature = FileSignature::of(file, index::hash128_hex(*bytes), racy_from_ns_);
      Post post = parser_.parse(file.relative_path, *bytes);
      for (const PostWarning& warning : post.warnings)
        result.warnings.push_back({file.path.string(), warning.line, warning.message});
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
    if (post.empty) {
      result.outcome = Outcome::empty;
      return;
    }
    if (!post.unlisted.empty()) {
      result.outcome = Outcome::unlisted;
      return;
    }
    if (post.draft && !options_.include_drafts) {
      result.outcome = Outcome::draft;
      return;
    }
    const std::optional<index::Date> visible_from = post.publish_date ? post.publish_date : post.date;
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
  index::Date today_;
  std::int64_t racy_from_ns_;
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

// How many posts their one entry tells whole, for the searches to read (metadata::kToldPosts).
void write_told_posts(Xapian::WritableDatabase& db, const schemas::IndexSchema& schema) {
  const std::string told = index::TermRules(schema).term("told", std::string(index::type_name(index::DocumentType::entry)));
  db.set_metadata(index::metadata::kToldPosts, std::to_string(db.get_termfreq(told)));
}

std::string utc_now_iso() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

// Keys are lowercased (how a query finds them); values keep their case, so the query
// layer can tell an acronym ("SAE") from a word ("sae" is not one).
void write_synonyms(Xapian::WritableDatabase& db, const schemas::SynonymTable& synonyms) {
  for (const auto& group : synonyms.groups())
    for (const std::string& member : group)
      for (const std::string& other : group)
        if (index::ascii_lowercase(member) != index::ascii_lowercase(other)) db.add_synonym(index::ascii_lowercase(member), other);
}

// Records what the index must remember about a file: its signature and its path.
void remember(Xapian::WritableDatabase& db, const std::string& relative_path,
              const FileSignature& signature) {
  db.set_metadata(file_key(relative_path), signature.encode() + "\t" + relative_path);
}

// Counts one file's outcome in the report; problems and warnings are moved into it.
void tally(IndexReport& report, FileResult& result) {
  for (FileProblem& warning : result.warnings) report.warnings.push_back(std::move(warning));
  switch (result.outcome) {
    case Outcome::problem:
      report.problems.push_back(std::move(result.problem));
      break;
    case Outcome::draft:
      ++report.drafts;
      break;
    case Outcome::future:
      ++report.future;
      break;
    case Outcome::expired:
      ++report.expired;
      break;
    case Outcome::unlisted:
      ++report.unlisted;
      break;
    case Outcome::empty:
      ++report.empty;
      break;
    case Outcome::indexed:
      ++report.indexed;
      report.entries += result.entries;
      break;
  }
}

// Adds a file's documents (if any) and its signature to `db`; an update also notes them
// in `changes`, for the facet columns.
void write_result(Xapian::WritableDatabase& db, const std::string& relative_path, const FileResult& result,
                  SpellingCounts& spelling, index::ColumnChanges* changes = nullptr) {
  if (result.outcome == Outcome::problem) return;
  for (const IndexedDocument& document : result.documents) {
    spelling.add_document(document.spelling_text, +1);
    const Xapian::docid docid = db.add_document(document.document);
    if (changes != nullptr) changes->added.emplace_back(docid, document.document);
  }
  remember(db, relative_path, result.signature);
}

// Rewrites the documents of these papers from the entries that link them now: a paper
// no entry links any more loses its document. An update notes both in `changes`.
void refresh_papers(Xapian::WritableDatabase& db, const DocumentBuilder& builder, const index::TermRules& rules,
                    const std::set<std::string>& papers, index::ColumnChanges* changes) {
  for (const std::string& paper : papers) {
    const std::string term = rules.term("paperid", paper);
    std::vector<index::Record> entries;
    std::vector<Xapian::docid> own;
    for (auto posting = db.postlist_begin(term); posting != db.postlist_end(term); ++posting) {
      index::Record record = index::decode(db.get_document(*posting).get_data());
      if (record.type == index::DocumentType::paper)
        own.push_back(*posting);
      else
        entries.push_back(paper_source(std::move(record)));
    }
    for (const Xapian::docid docid : own) {
      db.delete_document(docid);
      if (changes != nullptr) changes->removed.push_back(docid);
    }
    if (entries.empty()) continue;
    const IndexedDocument document = builder.build_paper(paper_record(paper, entries));
    const Xapian::docid docid = db.add_document(document.document);
    if (changes != nullptr) changes->added.emplace_back(docid, document.document);
  }
}

// A rebuild's papers: every paper's document, from what parsing kept of the entries that
// link papers, in a part database of its own that is merged with the others. (Reading the
// entries back from the merged database and adding the papers to it took 25 s of a
// 60 s rebuild of 10,000 posts.)
std::optional<fs::path> write_paper_part(std::vector<index::Record> sources, const DocumentBuilder& builder,
                                         const fs::path& parts_dir) {
  std::map<std::string, std::vector<const index::Record*>> by_paper;
  for (const index::Record& source : sources) {
    std::set<std::string> papers;
    for (const index::LinkRecord& item : source.items)
      if (!item.paper.empty()) papers.insert(item.paper);
    for (const std::string& paper : papers) by_paper[paper].push_back(&source);
  }
  if (by_paper.empty()) return std::nullopt;
  fs::create_directories(parts_dir);
  const fs::path part = parts_dir / "papers";
  Xapian::WritableDatabase db(part.string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
  for (const auto& [paper, entries] : by_paper) db.add_document(builder.build_paper(paper_record(paper, entries)).document);
  db.commit();
  db.close();
  return part;
}

// One thread's share of a rebuild: a sequence of small databases ("parts"). Xapian
// writes a database from one thread only, so each thread writes parts of its own; small
// parts also keep memory bounded, and merging them at the end is cheap.
// Spelling data is counted across the whole run and written once into the merged
// database: per part it would be written, and then merged, many times over.
class PartWriter {
 public:
  PartWriter(fs::path dir, SpellingCounts& spelling) : dir_(std::move(dir)), spelling_(spelling) {}

  void add(const std::string& relative_path, const FileResult& result) {
    if (result.outcome == Outcome::problem) return;
    if (!db_) open();
    write_result(*db_, relative_path, result, spelling_);
    documents_ += result.documents.size();
    if (documents_ >= kPartDocuments) close();
  }

  void close() {
    if (!db_) return;
    db_->commit();
    db_->close();
    db_.reset();
    documents_ = 0;
  }

  const std::vector<fs::path>& parts() const noexcept { return parts_; }

 private:
  // Measured on the benchmark corpus: parts of a few thousand documents index fastest.
  static constexpr std::size_t kPartDocuments = 2000;

  void open() {
    fs::create_directories(dir_);
    parts_.push_back(dir_ / ("part-" + std::to_string(parts_.size())));
    // Parts are scratch: a crash loses nothing committed, so they need not reach the disk.
    db_.emplace(parts_.back().string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
  }

  fs::path dir_;
  SpellingCounts& spelling_;
  std::optional<Xapian::WritableDatabase> db_;
  std::size_t documents_ = 0;
  std::vector<fs::path> parts_;
};

// Parses and writes every file on `threads` threads into parts under `parts_dir`; returns
// the parts, and adds the words they hold to `spelling`. Progress is reported from the
// calling thread; a failure on any thread (a full disk, say) is rethrown here.
std::vector<fs::path> write_parts(const std::vector<const ContentFile*>& files,
                                  const FileProcessor& processor, unsigned threads, const fs::path& parts_dir,
                                  IndexReport& report, SpellingCounts& spelling, std::vector<index::Record>& paper_sources,
                                  const std::function<void(std::size_t, std::size_t)>& progress) {
  std::atomic<std::size_t> next{0}, done{0};
  std::mutex mutex;
  std::condition_variable finished;
  unsigned running = threads;
  std::vector<IndexReport> reports(threads);
  std::vector<SpellingCounts> words(threads);
  std::vector<std::vector<fs::path>> parts(threads);
  std::vector<std::vector<index::Record>> sources(threads);
  std::vector<std::exception_ptr> failures(threads);
  auto work = [&](unsigned thread) {
    try {
      PartWriter writer(parts_dir / ("thread-" + std::to_string(thread)), words[thread]);
      for (std::size_t job = next++; job < files.size(); job = next++) {
        FileResult result = processor.process(*files[job]);
        writer.add(files[job]->relative_path, result);
        for (IndexedDocument& document : result.documents)
          if (document.paper_source && result.outcome != Outcome::problem)
            sources[thread].push_back(std::move(*document.paper_source));
        tally(reports[thread], result);
        ++done;
      }
      writer.close();
      parts[thread] = writer.parts();
    } catch (...) {
      failures[thread] = std::current_exception();
      next = files.size();  // the others stop early too
    }
    std::lock_guard lock(mutex);
    --running;
    finished.notify_all();
  };
  {
    std::vector<std::jthread> pool;
    for (unsigned thread = 0; thread < threads; ++thread) pool.emplace_back(work, thread);
    std::unique_lock lock(mutex);
    while (!finished.wait_for(lock, std::chrono::milliseconds(100), [&] { return running == 0; }))
      if (progress) progress(done.load(), files.size());
  }
  if (progress) progress(done.load(), files.size());
  for (const std::exception_ptr& failure : failures)
    if (failure) std::rethrow_exception(failure);

  std::vector<fs::path> all_parts;
  for (unsigned thread = 0; thread < threads; ++thread) {
    const IndexReport& part = reports[thread];
    report.indexed += part.indexed;
    report.entries += part.entries;
    report.drafts += part.drafts;
    report.future += part.future;
    report.expired += part.expired;
    report.unlisted += part.unlisted;
    report.empty += part.empty;
    report.problems.insert(report.problems.end(), part.problems.begin(), part.problems.end());
    report.warnings.insert(report.warnings.end(), part.warnings.begin(), part.warnings.end());
    all_parts.insert(all_parts.end(), parts[thread].begin(), parts[thread].end());
    spelling.merge(words[thread]);
    std::move(sources[thread].begin(), sources[thread].end(), std::back_inserter(paper_sources));
  }
  const auto by_path = [](const FileProblem& a, const FileProblem& b) { return a.path < b.path; };
  std::sort(report.problems.begin(), report.problems.end(), by_path);
  std::sort(report.warnings.begin(), report.warnings.end(), by_path);
  return all_parts;
}

// Merges the parts into one compact database at `generation`.
void merge_parts(const std::vector<fs::path>& parts, const fs::path& generation) {
  if (parts.empty()) {
    Xapian::WritableDatabase(generation.string(), Xapian::DB_CREATE).close();
    return;
  }
  Xapian::Database all;
  for (const fs::path& part : parts) all.add_database(Xapian::Database(part.string()));
  all.compact(generation.string());  // one pass over all parts: faster here than multipass
}

}  // namespace

Indexer::Indexer(const Site& site, const IndexTables& tables) : site_(site), tables_(tables) {}

std::string Indexer::settings_fingerprint(const IndexOptions& options) const {
  std::ostringstream settings;
  settings << tables_.schema.fingerprint() << ' ' << tables_.sources.fingerprint() << ' '
           << tables_.topics.fingerprint() << ' ' << tables_.synonyms.fingerprint() << ' '
           << schemas::UrlRules::builtin().fingerprint() << ' ' << site_.url_settings() << ' ' << options.include_drafts
           << " rules=" << kPostRulesRevision;
  return index::hash64_hex(settings.str());
}

IndexReport Indexer::run(const fs::path& index_dir, const IndexOptions& options) const {
  const auto started = std::chrono::steady_clock::now();
  IndexReport report;
  fs::create_directories(index_dir);
  const index::IndexStore store(index_dir);
  const WriterLock lock(store.lock_file());
  store.remove_stale_generations();

  ScanRules rules = site_.scan_rules();
  rules.follow_outside_links = options.follow_outside_links;
  ContentScan scan = scan_content(site_.content_dir(), rules);
  report.files = scan.posts.size();
  report.section_pages = scan.section_pages;
  report.not_posts = scan.not_posts;
  report.problems = std::move(scan.problems);

  const std::string settings = settings_fingerprint(options);
  const std::string schema_version = std::to_string(tables_.schema.version());
  const index::Date today = options.today.value_or(index::Date::today());
  const unsigned threads =
      options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads;
  const LinkClassifier links(tables_.sources);
  const TopicMatcher topics(tables_.topics, tables_.schema.language());
  const PostParser parser(site_, links, topics);
  const DocumentBuilder builder(tables_.schema);
  const std::int64_t racy_from_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(
          (std::chrono::system_clock::now() - std::chrono::seconds(2)).time_since_epoch())
          .count();
  const FileProcessor processor(parser, builder, options, today, racy_from_ns);

  // An update when an index with the same schema and settings exists, else a rebuild.
  std::optional<Xapian::WritableDatabase> db;
  std::map<std::string, StoredFile> stored;
  if (options.full) {
    report.rebuild_reason = "--full";
  } else if (const std::optional<fs::path> current = store.current(); !current) {
    report.rebuild_reason = "no index yet";
  } else {
    db.emplace(current->string(), Xapian::DB_OPEN);
    const std::string built_with = db->get_metadata(index::metadata::kSchemaVersion);
    if (built_with != schema_version)
      report.rebuild_reason = "the index was built with schema version " +
                              (built_with.empty() ? "?" : built_with) + " and this clubsearch uses version " +
                              schema_version;
    else if (db->get_metadata(index::metadata::kSettings) != settings)
      report.rebuild_reason =
          "the schema tables, the site's generator or URL settings, --drafts or clubsearch's rules for reading "
          "posts changed since the last run";
    else
      stored = stored_files(*db);
  }

  // Which files changed: those whose size or time changed are read, and a file whose
  // content is the same (touched, checked out again) only has its signature refreshed.
  std::vector<const ContentFile*> jobs;
  std::vector<std::pair<const ContentFile*, FileSignature>> touched;
  if (report.rebuild_reason.empty()) {
    for (const ContentFile& file : scan.posts) {
      const auto found = stored.find(file.relative_path);
      if (found == stored.end() || found->second.signature.due(today)) {
        jobs.push_back(&file);
        continue;
      }
      const FileSignature& signature = found->second.signature;
      if (signature.same_file(file)) {
        ++report.unchanged;
        continue;
      }
      FileProblem ignored;
      const auto bytes = read_file(file.path, options.max_file_bytes, ignored);
      if (!bytes || index::hash128_hex(*bytes) != signature.hash) {
        jobs.push_back(&file);
        continue;
      }
      FileSignature refreshed = FileSignature::of(file, signature.hash, racy_from_ns);
      refreshed.until = signature.until;
      touched.emplace_back(&file, std::move(refreshed));
      ++report.unchanged;
    }
    // An update that would touch most of a large index is done as a rebuild: an
    // update is one transaction held in memory, a rebuild uses every core. (Not while a
    // folder cannot be listed: a rebuild would lose what was indexed from it.)
    if (jobs.size() >= kRebuildAtChangedFiles && jobs.size() * 4 >= scan.posts.size() &&
        scan.unlisted_folders.empty())
      report.rebuild_reason =
          std::to_string(jobs.size()) + " of " + std::to_string(scan.posts.size()) + " posts changed";
  }
  report.rebuilt = !report.rebuild_reason.empty();
  const bool refuse_problems = options.strict;
  // --strict refuses files indexed with a warning as it refuses those not indexed.
  const auto refused = [&] {
    return refuse_problems && (!report.problems.empty() || !report.warnings.empty());
  };

  if (report.rebuilt) {
    db.reset();
    report.unchanged = 0;
    jobs.clear();
    for (const ContentFile& file : scan.posts) jobs.push_back(&file);
    const fs::path generation = store.next_generation();
    const fs::path parts_dir = store.parts_dir(generation);
    SpellingCounts spelling;
    std::vector<index::Record> paper_sources;
    std::vector<fs::path> parts =
        write_parts(jobs, processor, threads, parts_dir, report, spelling, paper_sources, options.progress);
    if (auto papers = write_paper_part(std::move(paper_sources), builder, parts_dir)) parts.push_back(*papers);
    fault_point("rebuild-parts-written");
    merge_parts(parts, generation);
    fs::remove_all(parts_dir);
    if (refused()) {
      fs::remove_all(generation);
    } else {
      Xapian::WritableDatabase merged(generation.string(), Xapian::DB_OPEN);
      write_synonyms(merged, tables_.synonyms);
      spelling.apply(merged);
      merged.set_metadata(index::metadata::kSchemaVersion, schema_version);
      merged.set_metadata(index::metadata::kSettings, settings);
      merged.set_metadata(index::metadata::kIndexedAt, utc_now_iso());
      merged.set_metadata(index::metadata::kContentDir,
                          fs::absolute(site_.content_dir()).lexically_normal().string());
      // Among the URL settings: a change of it rebuilds the index.
      merged.set_metadata(index::metadata::kBaseUrl, site_.base_url());
      // The facet columns of the new generation, named in the same commit.
      constexpr std::uint64_t kFirstSerial = 1;
      index::write_columns_file(index::columns_path(generation, kFirstSerial),
                                index::FacetColumns::build(merged, tables_.schema, kFirstSerial)->words());
      merged.set_metadata(index::metadata::kFacetColumns, std::to_string(kFirstSerial));
      index::SharedLinks::write(merged, index::TermRules(tables_.schema));
      write_told_posts(merged, tables_.schema);
      report.papers = merged.get_termfreq(index::TermRules(tables_.schema).term("type", "paper"));
      report.documents = merged.get_doccount() - report.papers;
      merged.commit();
      merged.close();
      fault_point("rebuild-merged");
      store.publish(generation);
      store.remove_stale_generations();
      report.committed = true;
    }
  } else {
    // The columns this update patches: those of the revision it starts from.
    const fs::path generation = *store.current();
    const std::uint64_t base_serial = index::columns_serial(*db);
    std::string no_columns;
    const auto base_columns =
        index::open_stored_columns(*db, store, tables_.schema, no_columns, index::ColumnsCheck::checksum);
    index::ColumnChanges changes;
    db->begin_transaction();
    SpellingCounts spelling;
    // The papers whose entries changed: their documents are rewritten at the end.
    std::set<std::string> papers;
    auto delete_file = [&](const std::string& relative_path) {
      const std::string term = builder.file_term(relative_path);
      for (auto posting = db->postlist_begin(term); posting != db->postlist_end(term); ++posting) {
        const Xapian::Document document = db->get_document(*posting);
        spelling.add_document(spelling_text_of(document), -1);
        for (std::string& paper : builder.papers_of(document)) papers.insert(std::move(paper));
        changes.removed.push_back(*posting);
      }
      db->delete_document(term);
    };
    run_in_order(
        jobs.size(), threads, [&](std::size_t job) { return processor.process(*jobs[job]); },
        [&](std::size_t job, FileResult result) {
          const std::string& path = jobs[job]->relative_path;
          // A file that cannot be indexed now keeps its previously indexed version.
          if (result.outcome != Outcome::problem) delete_file(path);
          write_result(*db, path, result, spelling, &changes);
          for (const IndexedDocument& document : result.documents)
            for (std::string& paper : builder.papers_of(document.document)) papers.insert(std::move(paper));
          tally(report, result);
          if (options.progress) options.progress(job + 1, jobs.size());
        });
    for (const auto& [file, signature] : touched) remember(*db, file->relative_path, signature);
    auto in_unlisted_folder = [&](const std::string& relative_path) {
      return std::ranges::any_of(scan.unlisted_folders,
                                 [&](const std::string& folder) { return relative_path.starts_with(folder); });
    };
    for (const auto& [relative_path, file] : stored) {
      if (std::ranges::binary_search(scan.posts, relative_path, {}, &ContentFile::relative_path)) continue;
      if (in_unlisted_folder(relative_path)) continue;  // not seen, not gone
      delete_file(relative_path);
      db->set_metadata(file.key, "");  // an empty value removes the key
      ++report.removed;
    }
    refresh_papers(*db, builder, index::TermRules(tables_.schema), papers, &changes);
    // The shared links follow the documents: counted again when any changed (or when the
    // index records none yet).
    if (!changes.removed.empty() || !changes.added.empty() || db->get_metadata(index::metadata::kSharedLinks).empty())
      index::SharedLinks::write(*db, index::TermRules(tables_.schema));
    spelling.apply(*db);
    db->set_metadata(index::metadata::kIndexedAt, utc_now_iso());
    write_told_posts(*db, tables_.schema);
    report.papers = db->get_termfreq(index::TermRules(tables_.schema).term("type", "paper"));
    report.documents = db->get_doccount() - report.papers;
    // New columns when documents changed (or there were none to patch), written before
    // the commit that names them: a crash in between leaves the old ones named.
    std::optional<fs::path> new_columns;
    const std::uint64_t serial = base_serial + 1;
    if (!base_columns || !changes.removed.empty() || !changes.added.empty()) {
      const index::ColumnsStamp stamp{db->get_uuid(), serial, db->get_lastdocid(), tables_.schema.version()};
      new_columns = index::columns_path(generation, serial);
      if (base_columns)
        index::write_columns_file(*new_columns, index::patch_columns(*base_columns, changes, tables_.schema, stamp));
      else
        index::write_columns_file(*new_columns, index::FacetColumns::build(*db, tables_.schema, serial)->words());
      db->set_metadata(index::metadata::kFacetColumns, std::to_string(serial));
    }
    if (refused()) {
      db->cancel_transaction();
      if (new_columns) fs::remove(*new_columns);
    } else {
      fault_point("update-written");
      db->commit_transaction();
      report.committed = true;
      // Readers of the revision before may still map its columns.
      if (new_columns) index::remove_columns_files(generation, base_serial, serial);
    }
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace clubsearch::indexer
