// The routes of `clubsearch serve` and what each request may ask.
#include "web/server.h"

#include <httplib.h>
#include <uriparser/Uri.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <list>
#include <unordered_map>
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "index/columns_file.h"
#include "index/open_index.h"
#include "query/index_stats.h"
#include "query/result_json.h"
#include "query/search_request.h"
#include "query/searcher.h"
#include "schemas/index_schema.h"
#include "web/assets.h"
#include "web/feed.h"
#include "web/page.h"

extern char** environ;

namespace clubsearch::web {

namespace {

using nlohmann::json;

// JSON is UTF-8 by definition (RFC 8259); without a charset parameter the library also
// recognises it as compressible.
constexpr const char* kJson = "application/json";
constexpr std::size_t kMaxPerPage = 100;
constexpr std::size_t kMaxRelated = 100;
constexpr std::size_t kMaxPayload = 64 * 1024;  // no route takes a body
constexpr std::size_t kFeedEntries = 50;
constexpr std::size_t kCacheBytes = 64u << 20;  // recent pages and API answers
const std::set<std::string> kFilterNames{"section", "source", "kind", "topic", "tag", "year", "month"};

// A request the server refuses, with the status and the JSON error to send.
struct HttpError {
  HttpError(int status_code, std::string text, std::string parameter_name = {})
      : status(status_code), message(std::move(text)), parameter(std::move(parameter_name)) {}
  int status;
  std::string message;
  std::string parameter;  // what to fix, when one parameter is the cause
  std::optional<std::size_t> position;
  std::string hint;
};

json error_json(const HttpError& error) {
  json body{{"status", error.status}, {"message", error.message}};
  if (!error.parameter.empty()) body["parameter"] = error.parameter;
  if (error.position) body["position"] = *error.position;
  if (!error.hint.empty()) body["hint"] = error.hint;
  return json{{"error", body}};
}

void send_json(httplib::Response& response, const json& body, int status = 200) {
  response.status = status;
  response.set_header("Cache-Control", "no-cache");
  // Invalid UTF-8 from a post is replaced, never a reason to fail the response.
  response.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace) + "\n", kJson);
}

void send_cached(httplib::Response& response, const std::string& body, const char* content_type) {
  response.set_header("Cache-Control", "no-cache");
  response.set_content(body, content_type);
}

void send_error(httplib::Response& response, const HttpError& error) {
  send_json(response, error_json(error), error.status);
}

// Pages run no inline script or style: the page's own script and stylesheet only.
constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

void send_page(httplib::Response& response, const std::string& html, int status) {
  response.status = status;
  response.set_header("Content-Security-Policy", kPagePolicy);
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("Cache-Control", "no-cache");
  response.set_content(html, "text/html; charset=utf-8");
}

bool is_loopback(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

// Compares in time that does not depend on where the first difference is.
bool same_secret(const std::string& given, const std::string& expected) {
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < given.size(); ++i)
    difference |= static_cast<unsigned char>(given[i] ^ expected[i % std::max<std::size_t>(expected.size(), 1)]);
  return difference == 0;
}

// "http://host:port" as the client addressed the server (for links in feeds).
std::string base_of(const httplib::Request& request) {
  std::string host = request.get_header_value("Host");
  // Only a plain host[:port]: anything else would make the links point elsewhere.
  if (host.empty() || host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") !=
                          std::string::npos)
    host = request.local_addr + ":" + std::to_string(request.local_port);
  return "http://" + host;
}

// Searchers, one per searching thread at most: a Searcher is for one thread at a time.
// The pool also follows the index: an update (a new revision) or a rebuild (a new
// generation behind the XAPIANDB stub) starts a new epoch, checked at most every
// kRecheck; searchers of an older epoch are dropped as they come back, so each request
// sees one consistent revision and the next one the newest.
class SearcherPool {
 public:
  SearcherPool(const std::filesystem::path& index_dir, std::size_t size)
      : index_dir_(index_dir), capacity_(std::max<std::size_t>(size, 1)) {
    // The first opens now, so that a missing or mismatched index stops the server at once.
    probe_ = index::open_index(index_dir_, schemas::IndexSchema::builtin());
    stub_ = stub_identity();
    free_.push_back({open(), 0});
    opened_ = 1;
  }

  class Lease {
   public:
    Lease(SearcherPool& pool, std::unique_ptr<query::Searcher> searcher, std::uint64_t epoch)
        : pool_(pool), searcher_(std::move(searcher)), epoch_(epoch) {}
    ~Lease() { pool_.give_back(std::move(searcher_), epoch_, discarded_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    query::Searcher* operator->() const { return searcher_.get(); }
    query::Searcher& operator*() const { return *searcher_; }
    std::uint64_t epoch() const { return epoch_; }
    // The searcher read a revision the index has since overwritten: it is not reused.
    void discard() { discarded_ = true; }

   private:
    SearcherPool& pool_;
    std::unique_ptr<query::Searcher> searcher_;
    std::uint64_t epoch_;
    bool discarded_ = false;
  };

  // The epoch of the index as it is now (checked at most every kRecheck).
  std::uint64_t epoch() {
    check_for_changes();
    return epoch_.load();
  }

  Lease acquire() {
    const std::uint64_t now = epoch();
    std::unique_lock lock(mutex_);
    for (;;) {
      // Searchers of an older epoch are closed; a new one opens in their place.
      while (!free_.empty() && free_.back().epoch != now) {
        free_.pop_back();
        --opened_;
      }
      if (!free_.empty()) {
        Slot slot = std::move(free_.back());
        free_.pop_back();
        return Lease(*this, std::move(slot.searcher), slot.epoch);
      }
      if (opened_ < capacity_) break;
      available_.wait(lock);
    }
    ++opened_;
    lock.unlock();
    try {
      return Lease(*this, open(), now);
    } catch (...) {
      const std::lock_guard relock(mutex_);
      --opened_;
      available_.notify_one();
      throw;
    }
  }

  // Makes the next epoch() look at the index at once (after a read failed on a
  // revision that had been overwritten).
  void recheck_now() { next_check_ns_.store(0); }

  const std::filesystem::path& index_dir() const { return index_dir_; }

 private:
  struct Slot {
    std::unique_ptr<query::Searcher> searcher;
    std::uint64_t epoch;
  };
  static constexpr std::chrono::milliseconds kRecheck{20};

  std::unique_ptr<query::Searcher> open() const {
    const schemas::IndexSchema& schema = schemas::IndexSchema::builtin();
    auto searcher = std::make_unique<query::Searcher>(index::open_index(index_dir_, schema), schema,
                                                      query::stored_columns(index_dir_, schema));
    searcher->prepare();
    return searcher;
  }

  // The stub's inode and modification time: a rebuild replaces it by a rename.
  std::pair<std::uintmax_t, std::int64_t> stub_identity() const {
    struct stat info {};
    if (::stat((index_dir_ / "XAPIANDB").c_str(), &info) != 0) return {0, 0};
    return {static_cast<std::uintmax_t>(info.st_ino),
            static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec};
  }

  void check_for_changes() {
    const auto now = std::chrono::steady_clock::now().time_since_epoch();
    const std::int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
    if (now_ns < next_check_ns_.load()) return;
    const std::lock_guard lock(probe_mutex_);
    if (now_ns < next_check_ns_.load()) return;
    next_check_ns_.store(now_ns + std::chrono::duration_cast<std::chrono::nanoseconds>(kRecheck).count());
    bool changed = false;
    const auto stub = stub_identity();
    try {
      if (stub != stub_) {
        probe_ = index::open_index(index_dir_, schemas::IndexSchema::builtin());
        changed = true;
      } else {
        changed = probe_.reopen();
      }
    } catch (const Xapian::Error&) {
      changed = true;  // the generation it read is gone: the next open reads the new one
    } catch (const std::runtime_error&) {
      return;  // between a rebuild's steps: keep serving what is open, look again soon
    }
    stub_ = stub;
    if (changed) epoch_.fetch_add(1);
  }

  void give_back(std::unique_ptr<query::Searcher> searcher, std::uint64_t epoch, bool discarded) {
    const std::lock_guard lock(mutex_);
    if (discarded || epoch != epoch_.load())
      --opened_;
    else
      free_.push_back({std::move(searcher), epoch});
    available_.notify_one();
  }

  std::filesystem::path index_dir_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<Slot> free_;
  std::size_t opened_ = 0;
  std::size_t capacity_;
  std::mutex probe_mutex_;
  Xapian::Database probe_;
  std::pair<std::uintmax_t, std::int64_t> stub_;
  std::atomic<std::uint64_t> epoch_{0};
  std::atomic<std::int64_t> next_check_ns_{0};
};

// The parameters of a request's query string, decoded as an HTML form sends them (a
// '+' is a space), in the order given.
class Params {
 public:
  explicit Params(const httplib::Request& request) {
    const auto question = request.target.find('?');
    if (question == std::string::npos) return;
    const std::string query = request.target.substr(question + 1, request.target.find('#') - question - 1);
    if (query.empty()) return;
    UriQueryListA* list = nullptr;
    int count = 0;
    if (uriDissectQueryMallocExA(&list, &count, query.data(), query.data() + query.size(), URI_TRUE,
                                 URI_BR_DONT_TOUCH) != URI_SUCCESS)
      throw HttpError{400, "the query string cannot be read"};
    for (const UriQueryListA* item = list; item != nullptr; item = item->next)
      items_.emplace_back(item->key, item->value != nullptr ? item->value : "");
    uriFreeQueryListA(list);
  }

  std::size_t count(const std::string& name) const {
    return static_cast<std::size_t>(
        std::count_if(items_.begin(), items_.end(), [&](const auto& item) { return item.first == name; }));
  }
  std::vector<std::string> values(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& [key, value] : items_)
      if (key == name) out.push_back(value);
    return out;
  }
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }
  // The parameters in a canonical order (by name; a name's values as given), for a
  // cache key: `a=1&b=2` and `b=2&a=1` ask the same.
  std::string canonical() const {
    std::vector<std::pair<std::string, std::string>> sorted = items_;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string out;
    for (const auto& [key, value] : sorted) out += key + '\x1f' + value + '\x1e';
    return out;
  }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

// Answers to recent requests, by route, index epoch and parameters: a search asked again
// (the same page of a popular search, a shared link) is sent without searching. Only
// complete answers (200) are kept, within a byte budget, the least recently used dropped
// first. An update of the index starts a new epoch, so an older answer is never found
// again; it ages out.
class ResponseCache {
 public:
  explicit ResponseCache(std::size_t budget_bytes) : budget_(budget_bytes) {}

  std::shared_ptr<const std::string> find(const std::string& key) {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(key);
    if (found == entries_.end()) return nullptr;
    order_.splice(order_.begin(), order_, found->second.second);
    return found->second.first;
  }

  void add(const std::string& key, std::string body) {
    const std::size_t size = key.size() + body.size();
    if (size > budget_ / 8) return;  // one answer never crowds out the rest
    auto shared = std::make_shared<const std::string>(std::move(body));
    const std::lock_guard lock(mutex_);
    if (entries_.count(key) > 0) return;
    order_.push_front(key);
    entries_.emplace(key, std::make_pair(std::move(shared), order_.begin()));
    bytes_ += size;
    while (bytes_ > budget_ && !order_.empty()) {
      const auto oldest = entries_.find(order_.back());
      bytes_ -= oldest->first.size() + oldest->second.first->size();
      entries_.erase(oldest);
      order_.pop_back();
    }
  }

 private:
  std::size_t budget_;
  std::size_t bytes_ = 0;
  std::mutex mutex_;
  std::list<std::string> order_;  // most recent first
  std::unordered_map<std::string, std::pair<std::shared_ptr<const std::string>, std::list<std::string>::iterator>>
      entries_;
};

// The one value of a parameter that may be given once; nullopt when absent.
std::optional<std::string> single(const Params& params, const std::string& name) {
  const std::vector<std::string> values = params.values(name);
  if (values.empty()) return std::nullopt;
  if (values.size() > 1)
    throw HttpError{400, "'" + name + "' is given " + std::to_string(values.size()) + " times; give it once", name};
  return values.front();
}

// A whole number from `low` to `high` written in decimal digits.
std::size_t number(const std::string& text, const std::string& name, std::size_t low, std::size_t high) {
  const bool digits = !text.empty() && text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos;
  const std::size_t value = digits ? std::stoul(text) : 0;
  if (!digits || value < low || value > high)
    throw HttpError{400, "'" + name + "' must be a whole number from " + std::to_string(low) + " to " +
                             std::to_string(high) + ", not '" + text + "'",
                    name};
  return value;
}

bool flag(const std::string& text, const std::string& name) {
  if (text == "1" || text == "true" || text == "on") return true;
  if (text == "0" || text == "false" || text == "off" || text.empty()) return false;
  throw HttpError{400, "'" + name + "' must be true or false, not '" + text + "'", name};
}

void refuse_unknown(const Params& params, const std::set<std::string>& known) {
  for (const auto& [name, value] : params.items()) {
    if (known.count(name) == 0) {
      std::string list;
      for (const std::string& each : known) list += (list.empty() ? "" : ", ") + each;
      throw HttpError{400, "unknown parameter '" + name + "'; this route takes " + list, name};
    }
  }
}

// Reads a search's parameters into `state`, which keeps what was read before a bad
// value stopped it (the page shows the query back with the error). Throws HttpError.
// Strict (the API): a parameter it does not know is refused; else (the page) ignored, so
// that a shared link with a tracker's parameter still works.
void read_search(const Params& request, PageState& state, bool strict) {
  if (strict) {
    std::set<std::string> known{"q", "since", "until", "sort", "page", "per_page", "group"};
    known.insert(kFilterNames.begin(), kFilterNames.end());
    refuse_unknown(request, known);
  }
  state.q = single(request, "q").value_or("");
  if (state.q.size() > kMaxQueryBytes)
    throw HttpError{414, "the query is " + std::to_string(state.q.size()) + " bytes long; at most " +
                             std::to_string(kMaxQueryBytes) + " are searched",
                    "q"};
  for (const std::string& name : kFilterNames) {
    const std::vector<std::string> values = request.values(name);
    if (values.size() > kMaxValuesPerFilter)
      throw HttpError{400, "at most " + std::to_string(kMaxValuesPerFilter) + " values of '" + name + "' at once",
                      name};
    for (const std::string& value : values)
      if (!value.empty()) state.filters[name].push_back(value);
  }
  state.since = single(request, "since").value_or("");
  state.until = single(request, "until").value_or("");
  const std::string sort = single(request, "sort").value_or("relevance");
  if (sort != "relevance" && sort != "newest" && sort != "oldest")
    throw HttpError{400, "'sort' is relevance, newest or oldest, not '" + sort + "'", "sort"};
  state.sort = sort;
  if (const auto page = single(request, "page")) state.page = number(*page, "page", 1, 1'000'000);
  if (const auto per_page = single(request, "per_page"))
    state.per_page = number(*per_page, "per_page", 1, kMaxPerPage);
  if (const auto group = single(request, "group")) state.group = flag(*group, "group");
}

query::SearchRequest request_of(const PageState& state) {
  query::SearchRequest search;
  search.query = state.q;
  search.filters = state.filters;
  search.since = state.since;
  search.until = state.until;
  search.sort = state.sort == "newest"   ? query::SortOrder::newest
                : state.sort == "oldest" ? query::SortOrder::oldest
                                         : query::SortOrder::relevance;
  search.page = state.page;
  search.per_page = state.per_page;
  search.group_by_post = state.group;
  search.count_facets = true;
  return search;
}

// A page past the last one is not there: 404, saying how many pages there are.
void check_page(const query::SearchRequest& search, const query::SearchResult& result) {
  const std::size_t pages = (result.total + search.per_page - 1) / search.per_page;
  if (search.page > 1 && result.hits.empty() && result.total_exact)
    throw HttpError{404,
                    "page " + std::to_string(search.page) + " is beyond the last page of results (" +
                        std::to_string(pages) + ")",
                    "page"};
}

// A parameter name of the query layer ("filter.source", "since") as the API spells it.
std::string api_parameter(const std::string& parameter) {
  return parameter.rfind("filter.", 0) == 0 ? parameter.substr(7) : parameter;
}

std::string elapsed_ms(std::chrono::steady_clock::time_point since) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f",
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count());
  return buffer;
}

thread_local std::chrono::steady_clock::time_point request_started;

}  // namespace

struct Server::Impl {
  ServerOptions options;
  SearcherPool searchers;
  ResponseCache cache{kCacheBytes};
  httplib::Server http;
  std::mutex log_mutex;
  bool bound = false;

  explicit Impl(ServerOptions given)
      : options(std::move(given)), searchers(options.index_dir, searcher_count()) {
    routes();
  }

  // Searches run on at most one thread per core (or --threads): more would only take
  // turns on the cores, each with a Searcher's memory.
  std::size_t searcher_count() const {
    if (options.threads > 0) return options.threads;
    return std::max(2u, std::thread::hardware_concurrency());
  }
  // A connection holds its thread while it is kept alive, so there are more connection
  // threads than searchers: an idle kept-alive connection must not stall the others.
  std::size_t connection_threads() const { return std::max<std::size_t>(16, 4 * searcher_count()); }

  // Runs a handler, turning every refusal into its JSON error.
  template <typename Handler>
  httplib::Server::Handler api(Handler handler) {
    return [handler](const httplib::Request& request, httplib::Response& response) {
      try {
        handler(request, response);
      } catch (const HttpError& error) {
        send_error(response, error);
      } catch (const query::QueryError& error) {
        HttpError refusal{400, error.what(), "q"};
        refusal.hint = error.hint();
        if (error.position() != std::string::npos) refusal.position = error.position();
        send_error(response, refusal);
      } catch (const query::RequestError& error) {
        send_error(response, {400, error.what(), api_parameter(error.parameter())});
      }
    };
  }

  // Starts the indexer in the background (its output goes to this server's stderr); the
  // server follows the index it writes. A run that finds another one writing queues
  // itself (--queue), so requests in quick succession lose no change.
  void start_indexer() {
    std::vector<char*> argv;
    std::vector<std::string> arguments = options.indexer_command;
    for (std::string& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, 2, 1);
    pid_t pid = 0;
    const int failed = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (failed != 0) throw std::runtime_error(std::string("cannot start the indexer: ") + std::strerror(failed));
    // Reaped in the background, so that it leaves no zombie.
    std::thread([pid] {
      int status = 0;
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
    }).detach();
  }

  // Runs `work` with a searcher and returns what it returns with the searcher's epoch. A
  // read of a revision that an update has overwritten meanwhile is retried on the new
  // one, so a request in flight during an update is answered, not failed.
  template <typename Work>
  auto with_searcher(Work work) {
    for (int attempt = 1;; ++attempt) {
      auto lease = searchers.acquire();
      try {
        return std::make_pair(work(*lease), lease.epoch());
      } catch (const Xapian::DatabaseModifiedError&) {
        lease.discard();
        searchers.recheck_now();
        if (attempt == 3) throw;
      }
    }
  }

  static std::string cache_key(const char* route, std::uint64_t epoch, const Params& params) {
    return std::string(route) + '\x1d' + std::to_string(epoch) + '\x1d' + params.canonical();
  }

  // GET /: the search page, rendered here, with the query layer's JSON.
  void page(const httplib::Request& request, httplib::Response& response) {
    std::string key;
    try {
      key = cache_key("page", searchers.epoch(), Params(request));
    } catch (const HttpError&) {
      // An unreadable query string is reported below.
    }
    if (!key.empty()) {
      if (const auto cached = cache.find(key)) {
        send_page(response, *cached, 200);
        return;
      }
    }
    PageState state;
    json found;
    bool have_results = false;
    std::optional<PageError> refused;
    std::string related_title;
    try {
      const Params params(request);
      read_search(params, state, false);
      state.related = single(params, "related").value_or("");
      std::uint64_t epoch = 0;
      if (!state.related.empty()) {
        auto [related, read_epoch] = with_searcher([&](query::Searcher& searcher) {
          std::optional<query::SearchResult> listed = searcher.related(state.related, state.per_page);
          const std::optional<index::Record> record = searcher.record(state.related);
          return std::make_pair(std::move(listed), record ? record->title : std::string());
        });
        if (!related.first) throw HttpError{404, "no entry has the id '" + state.related + "'", "related"};
        related_title = related.second;
        found = query::to_json(*related.first);
        epoch = read_epoch;
      } else {
        const query::SearchRequest search = request_of(state);
        auto [result, read_epoch] = with_searcher([&](query::Searcher& searcher) { return searcher.search(search); });
        check_page(search, result);
        found = query::to_json(result);
        epoch = read_epoch;
      }
      key = cache_key("page", epoch, params);
      have_results = true;
    } catch (const HttpError& error) {
      refused = PageError{error.status, error.message, error.hint, error.position};
    } catch (const query::QueryError& error) {
      refused = PageError{400, error.what(), error.hint(), std::nullopt};
      if (error.position() != std::string::npos) refused->position = error.position();
    } catch (const query::RequestError& error) {
      refused = PageError{400, error.what(), {}, std::nullopt};
    }
    send_page(response,
              render_page(state, have_results ? &found : nullptr, refused ? &*refused : nullptr, asset_links(),
                          related_title),
              refused ? refused->status : 200);
    if (!refused && !key.empty()) cache.add(key, response.body);
  }

  // GET /feed.atom: a search's newest matches as Atom.
  void feed(const httplib::Request& request, httplib::Response& response) {
    PageState state;
    try {
      read_search(Params(request), state, false);
    } catch (const HttpError& error) {
      send_error(response, error);
      return;
    }
    PageState newest = state;
    newest.sort = "newest";
    newest.page = 1;
    newest.per_page = kFeedEntries;
    try {
      const query::SearchResult result =
          with_searcher([&](query::Searcher& searcher) { return searcher.search(request_of(newest)); }).first;
      response.set_header("Cache-Control", "no-cache");
      response.set_content(atom_feed(state, query::to_json(result), base_of(request)),
                           "application/atom+xml; charset=utf-8");
    } catch (const query::QueryError& error) {
      send_error(response, {400, error.what(), "q"});
    } catch (const query::RequestError& error) {
      send_error(response, {400, error.what(), api_parameter(error.parameter())});
    }
  }

  void routes() {
    http.new_task_queue = [threads = connection_threads()] { return new httplib::ThreadPool(threads); };
    // Responses go out at once: without TCP_NODELAY, a kept-alive connection waits for
    // the client's delayed ACK (40 ms) between a response's header and body.
    http.set_tcp_nodelay(true);
    http.set_keep_alive_max_count(1000);
    // SO_REUSEADDR only: the library's default adds SO_REUSEPORT, with which a second
    // server on a taken port would share it silently instead of failing.
    http.set_socket_options([](socket_t socket) {
      int yes = 1;
      setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    http.set_payload_max_length(kMaxPayload);
    http.set_read_timeout(std::chrono::seconds(10));
    http.set_write_timeout(std::chrono::seconds(10));
    http.set_keep_alive_timeout(5);

    http.Get("/api/search", api([this](const httplib::Request& request, httplib::Response& response) {
      const Params params(request);
      if (const auto cached = cache.find(cache_key("api", searchers.epoch(), params))) {
        send_cached(response, *cached, kJson);
        return;
      }
      PageState state;
      read_search(params, state, true);
      const query::SearchRequest search = request_of(state);
      const auto [result, epoch] = with_searcher([&](query::Searcher& searcher) { return searcher.search(search); });
      check_page(search, result);
      send_json(response, query::to_json(result));
      cache.add(cache_key("api", epoch, params), response.body);
    }));
    http.Get(R"(/api/entries/([^/]+))", api([this](const httplib::Request& request, httplib::Response& response) {
      refuse_unknown(Params(request), {});
      const std::string id = request.matches[1];
      const std::optional<query::SearchHit> hit =
          with_searcher([&](query::Searcher& searcher) { return searcher.entry(id); }).first;
      if (!hit) throw HttpError{404, "no entry has the id '" + id + "'"};
      send_json(response, query::to_json(*hit));
    }));
    http.Get(R"(/api/entries/([^/]+)/related)",
             api([this](const httplib::Request& request, httplib::Response& response) {
               const Params params(request);
               refuse_unknown(params, {"limit"});
               const std::string id = request.matches[1];
               std::size_t limit = 10;
               if (const auto given = single(params, "limit")) limit = number(*given, "limit", 1, kMaxRelated);
               const std::optional<query::SearchResult> related =
                   with_searcher([&](query::Searcher& searcher) { return searcher.related(id, limit); }).first;
               if (!related) throw HttpError{404, "no entry has the id '" + id + "'"};
               send_json(response, query::to_json(*related));
             }));
    http.Get("/api/stats", api([this](const httplib::Request& request, httplib::Response& response) {
      refuse_unknown(Params(request), {});
      const schemas::IndexSchema& schema = schemas::IndexSchema::builtin();
      const Xapian::Database db = index::open_index(searchers.index_dir(), schema);
      const query::IndexStats stats = query::index_stats(
          db, schema, *index::load_columns(db, searchers.index_dir(), schema), searchers.index_dir());
      send_json(response, query::to_json(stats, searchers.index_dir()));
    }));
    http.Post("/api/reindex", api([this](const httplib::Request& request, httplib::Response& response) {
      refuse_unknown(Params(request), {});
      if (options.indexer_command.empty())
        throw HttpError{404, "reindexing is not set up: serve knows no content folder to index "
                             "(give --content, or `content` in the config file)"};
      if (!options.allow_remote_reindex && !is_loopback(request.remote_addr))
        throw HttpError{403, "reindexing is only taken from this machine (see --allow-remote-reindex)"};
      const std::string expected = "Bearer " + options.reindex_token;
      const std::string given = request.get_header_value("Authorization");
      if (options.reindex_token.empty() || !same_secret(given, expected)) {
        response.set_header("WWW-Authenticate", "Bearer realm=\"clubsearch\"");
        throw HttpError{401, options.reindex_token.empty()
                                 ? "reindexing needs a token: set CLUBSEARCH_REINDEX_TOKEN or reindex_token in the config"
                                 : "send the reindex token as 'Authorization: Bearer TOKEN'"};
      }
      start_indexer();
      send_json(response, json{{"status", "started"}, {"log", "the server's stderr"}}, 202);
    }));
    http.Get("/healthz", [](const httplib::Request&, httplib::Response& response) {
      send_json(response, json{{"status", "ok"}});
    });

    http.Get("/", [this](const httplib::Request& request, httplib::Response& response) { page(request, response); });
    http.Get("/feed.atom", [this](const httplib::Request& request, httplib::Response& response) {
      feed(request, response);
    });
    http.Get("/opensearch.xml", [](const httplib::Request& request, httplib::Response& response) {
      response.set_content(opensearch_description(base_of(request)), "application/opensearchdescription+xml");
    });
    http.Get(R"(/assets/([^/]+))", [](const httplib::Request& request, httplib::Response& response) {
      const Asset* asset = find_asset(request.matches[1].str());
      if (asset == nullptr) {
        response.status = 404;
        return;  // the error handler writes the page
      }
      // A versioned link never changes; an unversioned one is checked each time.
      const bool versioned = request.has_param("v") && request.get_param_value("v") == asset->version;
      response.set_header("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "no-cache");
      response.set_header("ETag", asset->etag);
      if (request.get_header_value("If-None-Match") == asset->etag) {
        response.status = 304;
        return;
      }
      response.set_content(asset->body.data(), asset->body.size(), asset->content_type);
    });

    // Every route is read-only: another method on one of them is 405, not 404.
    const auto not_allowed = [](const httplib::Request& request, httplib::Response& response) {
      response.set_header("Allow", "GET, HEAD");
      send_error(response, {405, request.method + " is not allowed here; use GET"});
    };
    http.Get("/api/reindex", [](const httplib::Request&, httplib::Response& response) {
      response.set_header("Allow", "POST");
      send_error(response, {405, "GET is not allowed here; use POST"});
    });
    for (const char* pattern : {"/api/search", R"(/api/entries/([^/]+))", R"(/api/entries/([^/]+)/related)",
                                "/api/stats", "/healthz", "/", "/feed.atom", "/opensearch.xml", R"(/assets/([^/]+))"}) {
      http.Post(pattern, not_allowed);
      http.Put(pattern, not_allowed);
      http.Delete(pattern, not_allowed);
      http.Patch(pattern, not_allowed);
    }

    // Statuses the library sets on its own (404 for an unknown path, 414, 413, 400 for a
    // request it cannot read) get a JSON body too, unless a handler wrote one.
    http.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request& request, httplib::Response& response) {
      if (!response.body.empty() || response.status == 304) return httplib::Server::HandlerResponse::Unhandled;
      const std::string message = response.status == 404 ? "no such page: " + request.path
                                  : response.status == 414 ? "the address is too long"
                                  : response.status == 413 ? "the request is too large"
                                                           : "the request cannot be served";
      // The API answers in JSON; everything else is a page a person reads.
      if (request.path.rfind("/api/", 0) == 0) {
        send_error(response, {response.status, message});
      } else {
        PageError error;
        error.status = response.status;
        error.message = message;
        send_page(response, render_page(PageState{}, nullptr, &error, asset_links()), response.status);
      }
      return httplib::Server::HandlerResponse::Handled;
    }));
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
          std::string message = "internal error";
          try {
            if (error) std::rethrow_exception(error);
          } catch (const index::IndexUnavailableError& unavailable) {
            message = unavailable.what();
          } catch (const index::SchemaMismatchError& mismatch) {
            message = mismatch.what();
          } catch (const Xapian::Error& xapian) {
            message = "index error: " + xapian.get_description();
          } catch (const std::exception& other) {
            message = std::string("internal error: ") + other.what();
          } catch (...) {
          }
          send_error(response, {500, message});
        });
    http.set_pre_routing_handler([](const httplib::Request& request, httplib::Response& response) {
      request_started = std::chrono::steady_clock::now();
      // Answers are gzipped, never Brotli-compressed: the library compresses Brotli at its
      // highest quality, about 27 ms for a 37 KB page against under 1 ms for gzip, on
      // every response, cached or not. It picks Brotli whenever a client offers it (every
      // browser does) and has no setting for it, so "br" is taken out of the offer here,
      // before the library reads it (the request is this server's own object).
      auto& headers = const_cast<httplib::Request&>(request).headers;
      const auto [first, last] = headers.equal_range("Accept-Encoding");  // names compare ignoring case
      for (auto header = first; header != last; ++header) {
        std::string offered;
        std::string_view rest = header->second;
        while (!rest.empty()) {
          const auto comma = rest.find(',');
          std::string_view coding = rest.substr(0, comma);
          rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
          const auto start = coding.find_first_not_of(' ');
          if (start == std::string_view::npos) continue;
          coding = coding.substr(start);
          if (coding.substr(0, 2) == "br" && (coding.size() == 2 || coding[2] == ';' || coding[2] == ' ')) continue;
          offered += (offered.empty() ? "" : ", ") + std::string(coding);
        }
        header->second = offered;
      }
      response.set_header("X-Content-Type-Options", "nosniff");
      return httplib::Server::HandlerResponse::Unhandled;
    });
    if (options.access_log != nullptr)
      http.set_logger([this](const httplib::Request& request, const httplib::Response& response) {
        const std::string line = request.method + " " + request.target + " " + std::to_string(response.status) +
                                 " " + elapsed_ms(request_started) + " ms\n";
        const std::lock_guard lock(log_mutex);
        *options.access_log << line << std::flush;
      });
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() = default;

int Server::bind() {
  const ServerOptions& options = impl_->options;
  int port = options.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(options.host);
    if (port < 0) throw ListenError("cannot listen on " + options.host + ": no free port");
  } else if (!impl_->http.bind_to_port(options.host, port)) {
    throw ListenError("cannot listen on " + options.host + ":" + std::to_string(port) +
                      ": the port is in use, or the address is not this machine's");
  }
  impl_->bound = true;
  return port;
}

void Server::run() {
  if (!impl_->bound) bind();
  impl_->http.listen_after_bind();
}

void Server::stop() { impl_->http.stop(); }

}  // namespace clubsearch::web
