// The naive FTS5 baseline: a post's links found by scanning the Markdown text, the block
// around each, and SQLite's BM25 over them.
#include "tests/relevance/fts5_baseline.h"

#include <sqlite3.h>

#include <stdexcept>

#include "index/words.h"
#include "indexer/content_scan.h"
#include "indexer/front_matter.h"
#include "indexer/site.h"
#include "tests/support/temp_dir.h"

namespace clubsearch::relevance {

namespace {

bool blank_line(std::string_view line) {
  return line.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
}

bool digit(char c) { return c >= '0' && c <= '9'; }

// "- item", "* item", "+ item", "1. item", "2) item", at any indentation.
bool list_item_start(std::string_view line) {
  std::size_t pos = line.find_first_not_of(" \t");
  if (pos == std::string_view::npos) return false;
  if (line[pos] == '-' || line[pos] == '*' || line[pos] == '+') {
    ++pos;
  } else {
    const std::size_t digits_start = pos;
    while (pos < line.size() && digit(line[pos]) && pos - digits_start < 9) ++pos;
    if (pos == digits_start || pos >= line.size() || (line[pos] != '.' && line[pos] != ')')) return false;
    ++pos;
  }
  return pos < line.size() && (line[pos] == ' ' || line[pos] == '\t');
}

std::vector<std::string> blocks_of(std::string_view body) {
  std::vector<std::string> blocks;
  std::string block;
  const auto close = [&] {
    if (!block.empty()) blocks.push_back(std::move(block));
    block.clear();
  };
  std::size_t pos = 0;
  while (pos <= body.size()) {
    const std::size_t end = std::min(body.find('\n', pos), body.size());
    const std::string_view line = body.substr(pos, end - pos);
    if (blank_line(line)) {
      close();
    } else {
      if (list_item_start(line)) close();
      if (!block.empty()) block += '\n';
      block += line;
    }
    pos = end + 1;
  }
  close();
  return blocks;
}

std::string single_spaced(std::string_view text) {
  std::string result;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !result.empty();
      continue;
    }
    if (space) result += ' ';
    space = false;
    result += c;
  }
  return result;
}

// The `]` closing the `[` at `open`, brackets nested and backslash escapes skipped.
std::size_t closing_bracket(std::string_view text, std::size_t open) {
  int depth = 0;
  for (std::size_t pos = open; pos < text.size(); ++pos) {
    if (text[pos] == '\\') {
      ++pos;
    } else if (text[pos] == '[') {
      ++depth;
    } else if (text[pos] == ']' && --depth == 0) {
      return pos;
    }
  }
  return std::string_view::npos;
}

// A link's `(destination "title")` starting at `open`: the destination, and where the
// parenthesis closes; npos when it is not one.
std::pair<std::string, std::size_t> destination_at(std::string_view text, std::size_t open) {
  const auto skip_space = [&](std::size_t pos) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n')) ++pos;
    return pos;
  };
  std::size_t pos = skip_space(open + 1);
  std::string url;
  if (pos < text.size() && text[pos] == '<') {
    const std::size_t close = text.find_first_of(">\n", pos);
    if (close == std::string_view::npos || text[close] != '>') return {{}, std::string_view::npos};
    url = text.substr(pos + 1, close - pos - 1);
    pos = close + 1;
  } else {
    int depth = 0;  // "https://en.wikipedia.org/wiki/Attention_(machine_learning)"
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] != ' ' && text[pos] != '\t' && text[pos] != '\n') {
      if (text[pos] == '\\' && pos + 1 < text.size())
        ++pos;
      else if (text[pos] == '(')
        ++depth;
      else if (text[pos] == ')' && depth-- == 0)
        break;
      ++pos;
    }
    url = text.substr(start, pos - start);
  }
  pos = skip_space(pos);
  if (pos < text.size() && (text[pos] == '"' || text[pos] == '\'' || text[pos] == '(')) {
    const char close = text[pos] == '(' ? ')' : text[pos];
    pos = text.find(close, pos + 1);
    if (pos == std::string_view::npos) return {{}, std::string_view::npos};
    pos = skip_space(pos + 1);
  }
  if (pos >= text.size() || text[pos] != ')') return {{}, std::string_view::npos};
  return {url, pos};
}

// An autolink "<https://example.org>" at `open`: where its '>' is, else npos. A scheme
// of 2 to 32 characters, a colon, then no space, '<' or '>'.
std::size_t autolink_end(std::string_view text, std::size_t open) {
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  std::size_t pos = open + 1;
  if (pos >= text.size() || !letter(text[pos])) return std::string_view::npos;
  while (pos < text.size() &&
         (letter(text[pos]) || digit(text[pos]) || text[pos] == '+' || text[pos] == '.' || text[pos] == '-'))
    ++pos;
  if (pos - open - 1 < 2 || pos - open - 1 > 32 || pos >= text.size() || text[pos] != ':')
    return std::string_view::npos;
  const std::size_t end = text.find_first_of(" \t\n<>", pos);
  return end != std::string_view::npos && text[end] == '>' ? end : std::string_view::npos;
}

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) fail(sql);
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int index, std::string_view text) {
    if (sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) !=
        SQLITE_OK)
      fail("bind");
  }
  void bind(int index, sqlite3_int64 number) {
    if (sqlite3_bind_int64(statement_, index, number) != SQLITE_OK) fail("bind");
  }
  // Steps once: true while it gives a row.
  bool step() {
    const int status = sqlite3_step(statement_);
    if (status != SQLITE_ROW && status != SQLITE_DONE) fail("step");
    return status == SQLITE_ROW;
  }
  void reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  sqlite3_int64 integer(int column) const { return sqlite3_column_int64(statement_, column); }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("SQLite (" + what + "): " + sqlite3_errmsg(db_));
  }

  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

void execute(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error(std::string("SQLite: ") + message + " (in: " + sql + ")");
  }
}

}  // namespace

std::vector<NaiveDocument> naive_documents(const std::string& post, const std::string& post_title,
                                           std::string_view body) {
  // Each link's text is its block and the blocks without a link after it (the commentary
  // under a linked heading or list item), up to the next block with a link.
  const std::vector<std::string> blocks = blocks_of(body);
  std::vector<std::vector<NaiveDocument>> links(blocks.size());
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const std::string& block = blocks[b];
    for (std::size_t pos = 0; pos < block.size(); ++pos) {
      if (block[pos] == '<') {
        if (const std::size_t end = autolink_end(block, pos); end != std::string::npos) {
          std::string url = block.substr(pos + 1, end - pos - 1);
          links[b].push_back({post, post_title, url, url, {}});
          pos = end;
        }
        continue;
      }
      if (block[pos] != '[' || (pos > 0 && (block[pos - 1] == '!' || block[pos - 1] == '\\'))) continue;
      const std::size_t close = closing_bracket(block, pos);
      if (close == std::string::npos || close + 1 >= block.size() || block[close + 1] != '(') continue;
      auto [url, end] = destination_at(block, close + 1);
      if (end == std::string_view::npos || url.empty()) continue;
      links[b].push_back({post, post_title, single_spaced(std::string_view(block).substr(pos + 1, close - pos - 1)),
                          std::move(url), {}});
      pos = end;
    }
  }
  std::vector<NaiveDocument> documents;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    if (links[b].empty()) continue;
    std::string text = blocks[b];
    for (std::size_t next = b + 1; next < blocks.size() && links[next].empty(); ++next) text += "\n\n" + blocks[next];
    for (NaiveDocument& document : links[b]) {
      document.text = text;
      documents.push_back(std::move(document));
    }
  }
  if (documents.empty()) documents.push_back({post, post_title, {}, {}, std::string(body)});
  return documents;
}

std::vector<NaiveDocument> naive_site_documents(const indexer::Site& site,
                                                const std::function<bool(const std::string& path)>& wanted) {
  std::vector<NaiveDocument> documents;
  for (const indexer::ContentFile& file :
       indexer::scan_content(site.content_dir(), site.scan_rules()).posts) {
    if (!wanted(file.relative_path)) continue;
    const std::string bytes = test::read_file(file.path);
    const indexer::SplitPost split = indexer::split_front_matter(bytes, indexer::BadFrontMatter::set_aside);
    const std::optional<std::string>& title = split.front_matter.title;
    std::vector<NaiveDocument> post = naive_documents(
        file.relative_path,
        title && !title->empty() ? *title : site.page_file(file.relative_path).default_title, split.body);
    documents.insert(documents.end(), std::make_move_iterator(post.begin()),
                     std::make_move_iterator(post.end()));
  }
  return documents;
}

std::string fts5_query(std::string_view typed, bool last_is_prefix) {
  std::string query;
  // words_of keeps a run of non-ASCII characters whole; inside quotes FTS5 splits it as
  // unicode61 does (a CJK run stays one token, as in the documents).
  for (const std::string_view word : index::words_of(typed)) {
    if (!query.empty()) query += " OR ";
    query += '"';
    query += word;
    query += '"';
  }
  if (last_is_prefix && !query.empty()) query += '*';
  return query;
}

Fts5Baseline::Fts5Baseline(std::vector<NaiveDocument> documents) : documents_(std::move(documents)) {
  if (sqlite3_open(":memory:", &db_) != SQLITE_OK) {
    sqlite3_close(db_);
    throw std::runtime_error("SQLite cannot open an in-memory database");
  }
  char* error = nullptr;
  if (sqlite3_exec(db_,
                   "CREATE VIRTUAL TABLE docs USING fts5(title, link, text, "
                   "tokenize = 'porter unicode61 remove_diacritics 2')",
                   nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    sqlite3_close(db_);
    throw std::runtime_error("this SQLite (" + std::string(sqlite3_libversion()) +
                             ") cannot make the relevance baseline's FTS5 table: " + message +
                             "; it must be built with FTS5 (Debian's libsqlite3 is)");
  }
  try {
    execute(db_, "BEGIN");
    Statement insert(db_, "INSERT INTO docs(rowid, title, link, text) VALUES (?1, ?2, ?3, ?4)");
    for (std::size_t i = 0; i < documents_.size(); ++i) {
      insert.bind(1, static_cast<sqlite3_int64>(i));
      insert.bind(2, documents_[i].post_title);
      insert.bind(3, documents_[i].link_text);
      insert.bind(4, documents_[i].text);
      insert.step();
      insert.reset();
    }
    execute(db_, "COMMIT");
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
}

Fts5Baseline::~Fts5Baseline() { sqlite3_close(db_); }

std::vector<const NaiveDocument*> Fts5Baseline::search(std::string_view typed, std::size_t limit,
                                                       bool last_is_prefix) const {
  const std::string query = fts5_query(typed, last_is_prefix);
  if (query.empty()) return {};
  // bm25() is lower for better matches; equal scores keep the documents' order.
  Statement select(db_, "SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY bm25(docs), rowid LIMIT ?2");
  select.bind(1, query);
  select.bind(2, static_cast<sqlite3_int64>(limit));
  std::vector<const NaiveDocument*> found;
  while (select.step()) found.push_back(&documents_.at(static_cast<std::size_t>(select.integer(0))));
  return found;
}

}  // namespace clubsearch::relevance
