// `clubsearch papers`, `clubsearch show ID` and `clubsearch open N|ID`: the papers the
// blog discusses, one thing found shown whole, and a result opened in the browser.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/failures.h"
#include "cli/global_options.h"
#include "cli/last_results.h"
#include "cli/open_searcher.h"
#include "cli/search_text.h"
#include "cli/terminal.h"
#include "index/papers.h"
#include "query/citation_items.h"
#include "query/result_json.h"
#include "query/searcher.h"

extern char** environ;

namespace clubsearch::cli {

namespace {

using nlohmann::json;

constexpr const char* kBold = "1";
constexpr const char* kDim = "2";
constexpr const char* kLink = "34";

Failure not_found(const std::string& id, const std::string& argument) {
  return {kExitPartial, "not_found",
          "nothing has the id '" + printable(id) + "'; ids are shown with each search result and paper",
          {}, argument, {}, {}};
}

std::string date_or_undated(const std::string& date) { return date.empty() ? "undated" : date; }

// "7 months after the paper", "3 years after the paper".
std::string lag_text(const std::string& paper_date, const std::string& post_date) {
  const std::optional<int> months = index::months_between(paper_date, post_date);
  if (!months) return {};
  if (*months == 0) return "the paper's month";
  if (*months < 12) return std::to_string(*months) + (*months == 1 ? " month" : " months") + " after the paper";
  const int years = *months / 12;
  return std::to_string(years) + (years == 1 ? " year" : " years") + " after the paper";
}

std::string type_line(const index::Record& record, const std::string& detail, bool color) {
  return styled(std::string(index::type_name(record.type)) + (detail.empty() ? "" : " \u00b7 " + detail) +
                    " \u00b7 id " + record.id,
                kDim, color);
}

void show_paper(std::ostream& out, const index::Record& paper, bool color) {
  const index::PaperRecord& about = paper.paper;
  out << styled(printable(paper.title), kBold, color) << "\n";
  std::string detail;
  if (!about.arxiv.empty()) detail = "arXiv " + about.arxiv;
  if (!about.doi.empty()) detail += (detail.empty() ? "" : " \u00b7 ") + std::string("DOI ") + about.doi;
  if (!about.openreview.empty()) detail += (detail.empty() ? "" : " \u00b7 ") + std::string("OpenReview ") + about.openreview;
  if (!about.acl.empty()) detail += (detail.empty() ? "" : " \u00b7 ") + std::string("ACL ") + about.acl;
  if (!about.date.empty()) detail += (detail.empty() ? "" : " \u00b7 ") + std::string("from ") + about.date;
  detail += (detail.empty() ? "" : " \u00b7 ") + std::string("discussed in ") + std::to_string(about.posts) +
            (about.posts == 1 ? " post" : " posts");
  out << type_line(paper, printable(detail), color) << "\n";
  out << styled(printable(paper.url), kLink, color) << "\n";
  if (about.links.size() > 1) {
    out << "\nLinked as:\n";
    for (const index::LinkRecord& link : about.links)
      out << "  " << printable(link.title) << "  " << styled(printable(link.url), kLink, color) << "\n";
  }
  if (!paper.topics.empty()) {
    std::string topics;
    for (const std::string& topic : paper.topics) topics += (topics.empty() ? "" : ", ") + topic;
    out << "\nTopics: " << printable(topics) << "\n";
  }
  out << "\nTimeline:\n";
  for (const index::PaperMention& mention : about.mentions) {
    const std::string lag = lag_text(about.date, mention.date);
    out << "  " << date_or_undated(mention.date) << "  " << styled(printable(mention.post_title), kBold, color)
        << (lag.empty() ? "" : styled(" (" + lag + ")", kDim, color)) << "\n";
    if (mention.title != paper.title) out << "              " << printable(mention.title) << "\n";
    if (!mention.excerpt.empty()) out << "              " << printable(mention.excerpt) << "\n";
    out << "              " << styled(printable(mention.url), kLink, color) << "\n";
  }
}

void show_entry(std::ostream& out, const query::SearchHit& hit, const std::vector<index::Record>& post,
                const std::vector<index::Record>& papers, bool color) {
  const index::Record& record = hit.record;
  out << styled(printable(record.title), kBold, color) << "\n";
  out << type_line(record, printable(date_or_undated(record.post.date) + " \u00b7 " + record.post.title), color)
      << "\n";
  for (const index::LinkRecord& item : record.items)
    out << styled(printable(item.url), kLink, color) << "  " << styled(printable(item.source), kDim, color) << "\n";
  out << styled(printable(record.url), "36", color) << "\n";
  if (!record.commentary.empty()) out << "\n" << printable(record.commentary) << "\n";
  if (!record.mentions.empty()) {
    out << "\nLinks in the text:\n";
    for (const index::LinkRecord& link : record.mentions)
      out << "  " << printable(link.title) << "  " << styled(printable(link.url), kLink, color) << "\n";
  }
  for (const index::Record& paper : papers) {
    out << "\nPaper: " << styled(printable(paper.title), kBold, color) << styled(" \u00b7 id " + paper.id, kDim, color)
        << "\n";
    for (const index::PaperMention& mention : paper.paper.mentions)
      if (mention.entry_id != record.id)
        out << "  also in " << printable(mention.post_title) << " (" << date_or_undated(mention.date) << ")  "
            << styled(printable(mention.url), kLink, color) << "\n";
  }
  std::size_t others = 0;
  for (const index::Record& sibling : post)
    if (sibling.type == index::DocumentType::entry && sibling.id != record.id) ++others;
  if (others > 0) {
    out << "\nThe post's other entries:\n";
    for (const index::Record& sibling : post)
      if (sibling.type == index::DocumentType::entry && sibling.id != record.id)
        out << "  " << printable(sibling.title) << styled("  id " + sibling.id, kDim, color) << "\n";
  }
}

void show_post(std::ostream& out, const index::Record& record, const std::vector<index::Record>& post, bool color) {
  out << styled(printable(record.title), kBold, color) << "\n";
  out << type_line(record, printable(date_or_undated(record.post.date) + " \u00b7 " + record.post.path), color)
      << "\n";
  out << styled(printable(record.url), "36", color) << "\n";
  if (!record.post.description.empty()) out << "\n" << printable(record.post.description) << "\n";
  if (!record.intro.empty()) out << "\n" << printable(record.intro) << "\n";
  if (record.entries > 0) {
    out << "\nEntries:\n";
    for (const index::Record& entry : post)
      if (entry.type == index::DocumentType::entry)
        out << "  " << printable(entry.title) << styled("  id " + entry.id, kDim, color) << "\n";
  }
}

// The papers an entry or a post's entries link, each once, as their own records.
std::vector<index::Record> papers_of(const query::Searcher& searcher, const std::vector<index::Record>& records) {
  std::vector<index::Record> papers;
  std::vector<std::string> seen;
  for (const index::Record& record : records)
    for (const index::LinkRecord& item : record.items) {
      if (item.paper.empty() || std::find(seen.begin(), seen.end(), item.paper) != seen.end()) continue;
      seen.push_back(item.paper);
      if (auto paper = searcher.record(item.paper)) papers.push_back(std::move(*paper));
    }
  return papers;
}

// Runs the platform's opener on `url`; false when there is none.
bool open_url(const std::string& url) {
#ifdef __APPLE__
  const char* opener = "open";
#else
  const char* opener = "xdg-open";
#endif
  if (const char* chosen = std::getenv("CLUBSEARCH_OPENER"); chosen != nullptr && *chosen != '\0') opener = chosen;
  std::vector<char*> argv{const_cast<char*>(opener), const_cast<char*>(url.c_str()), nullptr};
  // The opener's complaints (no browser) are replaced by the URL printed instead.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t child = 0;
  const int spawned = posix_spawnp(&child, opener, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return false;
  int status = 0;
  if (waitpid(child, &status, 0) < 0) return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

CLI::App* add_papers_command(CLI::App& app, SearchOptions& options) {
  options.papers = true;
  CLI::App* command = app.add_subcommand(
      "papers", "The papers the blog discusses, each once however it is linked, with every post that discussed it");
  command->footer(
      "Without words: every paper, the most discussed first. With words: the papers whose titles\n"
      "hold them. A paper is one work however it is linked (arXiv abs/pdf/vN, DOI, OpenReview,\n"
      "ACL Anthology, else its URL); its date is what its arXiv id (year and month) or DOI or\n"
      "proceedings URL tells. Filters as for a search, and:\n"
      "  --paper-year 2017, --paper-since 2017 --paper-until 2019, or paper:2017..2019 in the query\n"
      "  --discussed 2                    papers discussed in exactly 2 posts\n"
      "  --since 2026                     papers discussed (last) in 2026\n"
      "  --format bibtex|ris|csl-json     the page's papers as citations\n"
      "Examples:\n"
      "  clubsearch papers --sort discussed -n 20      the papers that keep coming back\n"
      "  clubsearch papers --paper-year 2017 --since 2026   read this year, written in 2017\n"
      "  clubsearch papers transformer --format bibtex > transformer.bib\n"
      "Each paper's id works with `clubsearch show ID` (its timeline) and `clubsearch open ID`.\n\n"
      "Exit codes: 0 found; 1 none; 2 bad arguments or malformed query; 3 nothing done.\n\n" +
      std::string(kMoreHelp));
  add_search_options(*command, options);
  return command;
}

CLI::App* add_show_command(CLI::App& app, ShowOptions& options) {
  CLI::App* command = app.add_subcommand("show", "One entry, post or paper whole (ID: shown with each result)");
  command->footer(
      "An entry: its links, its whole commentary, the links in it, its papers' other posts and\n"
      "the post's other entries. A post: its description, intro and entries. A paper: every\n"
      "form it is linked in and its timeline, each post that discussed it with what it said.\n\n"
      "Exit codes: 0 shown; 1 no such id; 2 bad arguments; 3 nothing done.\n\n" +
      std::string(kMoreHelp));
  command->add_option("ID", options.id, "Id of an entry, a post or a paper")->required();
  command->add_option("--format", options.format, "Its citations instead: bibtex, ris or csl-json")
      ->check(CLI::IsMember(query::citation_format_names()));
  command->add_flag("--json", options.json, "Print it as JSON: the result, the post's entries and the papers");
  return command;
}

CLI::App* add_open_command(CLI::App& app, OpenOptions& options) {
  CLI::App* command =
      app.add_subcommand("open", "Open a result's paper (N: its number in the last search; or an id) in the browser");
  command->footer(
      "Opens what an entry links (its first link: the paper), a paper's page (its arXiv abstract,\n"
      "DOI, OpenReview or ACL page), or a post, with xdg-open (open on macOS; $CLUBSEARCH_OPENER\n"
      "names another program). Without one it prints the URL. The numbers are those of the last\n"
      "search or papers list shown.\n\n"
      "Exit codes: 0 opened or printed; 1 no such result or id; 2 bad arguments; 3 nothing done.\n\n" +
      std::string(kMoreHelp));
  command->add_option("TARGET", options.target, "A result's number in the last search, or an id")->required();
  command->add_flag("--entry", options.entry, "Open the entry on the blog (its heading's anchor) instead");
  command->add_flag("--print", options.print, "Print the URL, do not open it");
  return command;
}

int run_show(const GlobalOptions& global, const ShowOptions& options) {
  const query::Searcher searcher = open_searcher(global);
  const std::optional<query::SearchHit> hit = searcher.entry(options.id);
  if (!hit) return report(not_found(options.id, "ID"), options.json);
  const index::Record& record = hit->record;
  const bool paper = record.type == index::DocumentType::paper;
  const std::vector<index::Record> post = paper ? std::vector<index::Record>() : searcher.post_documents(record.post.id);
  const std::vector<index::Record> papers =
      paper ? std::vector<index::Record>{record}
            : papers_of(searcher, record.type == index::DocumentType::post ? post : std::vector<index::Record>{record});
  if (!options.format.empty()) {
    // A paper, an entry's links, or every link of a post's entries.
    std::vector<index::Record> cited;
    if (record.type == index::DocumentType::post)
      cited = post;
    else
      cited.push_back(record);
    std::cout << query::format_citations(query::citation_items(cited), *query::citation_format(options.format));
    return kExitOk;
  }
  if (options.json) {
    json entries = json::array();
    for (const index::Record& document : post)
      if (document.type == index::DocumentType::entry) {
        query::SearchHit entry;
        entry.id = document.id;
        entry.record = document;
        entries.push_back(query::to_json(entry));
      }
    json paper_list = json::array();
    for (const index::Record& one : papers) paper_list.push_back(query::paper_json(one));
    std::cout << json{{"id", hit->id},
                      {"type", index::type_name(record.type)},
                      {"result", query::to_json(*hit)},
                      {"entries", std::move(entries)},
                      {"papers", std::move(paper_list)}}
                     .dump(2, ' ', false, json::error_handler_t::replace)
              << "\n";
    return kExitOk;
  }
  const bool color = use_color(global.color, stdout);
  if (paper)
    show_paper(std::cout, record, color);
  else if (record.type == index::DocumentType::post)
    show_post(std::cout, record, post, color);
  else
    show_entry(std::cout, *hit, post, papers, color);
  return kExitOk;
}

int run_open(const GlobalOptions& global, const OpenOptions& options) {
  std::string id = options.target;
  const bool number = !id.empty() && id.size() <= 5 && id.find_first_not_of("0123456789") == std::string::npos;
  if (number) {
    const std::optional<std::string> remembered = remembered_result(std::stoul(id));
    if (!remembered)
      return report({kExitPartial, "not_found",
                     "the last search shown has no result " + id + " (" + last_results_file().string() + ")",
                     {}, "TARGET", {}, {}},
                    false);
    id = *remembered;
  }
  const query::Searcher searcher = open_searcher(global);
  const std::optional<index::Record> record = searcher.record(id);
  if (!record) return report(not_found(id, "TARGET"), false);
  std::string url = record->url;
  if (record->type == index::DocumentType::entry && !options.entry && !record->items.empty() &&
      !record->items.front().url.empty())
    url = record->items.front().url;
  if (!options.print && open_url(url)) {
    std::cout << "opened " << printable(url) << "\n";
    return kExitOk;
  }
  std::cout << printable(url) << "\n";
  return kExitOk;
}

}  // namespace clubsearch::cli
