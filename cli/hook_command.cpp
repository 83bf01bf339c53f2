// `clubsearch hook install|uninstall|status`: git hooks that reindex the blog after a
// commit, a merge or a checkout, chained to any hook that was there before.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/global_options.h"
#include "cli/index_location.h"

extern char** environ;

namespace clubsearch::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::array<const char*, 3> kHooks{"post-commit", "post-merge", "post-checkout"};
constexpr const char* kMarker = "# clubsearch hook";
constexpr const char* kChainedSuffix = ".before-clubsearch";
constexpr const char* kLogName = "clubsearch-hook.log";

// Runs git with `arguments` in `dir`; its standard output without the final newline, or
// nullopt when git fails or is missing.
std::optional<std::string> git(const fs::path& dir, const std::vector<std::string>& arguments) {
  std::vector<std::string> argv{"git", "-C", dir.string()};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  std::vector<char*> pointers;
  for (std::string& argument : argv) pointers.push_back(argument.data());
  pointers.push_back(nullptr);
  int out[2];
  if (::pipe(out) != 0) return std::nullopt;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "git", &actions, nullptr, pointers.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  std::string text;
  if (spawned == 0) {
    char buffer[4096];
    ssize_t got = 0;
    while ((got = ::read(out[0], buffer, sizeof buffer)) > 0 || (got < 0 && errno == EINTR))
      if (got > 0) text.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(out[0]);
  if (spawned != 0) return std::nullopt;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool is_ours(const fs::path& hook) {
  std::error_code error;
  return fs::is_regular_file(hook, error) && read_all(hook).find(kMarker) != std::string::npos;
}

struct Repository {
  fs::path top;    // the work tree
  fs::path hooks;  // where git looks for hooks (core.hooksPath is honoured)
  fs::path git_dir;
};

Repository repository_of(const std::string& dir) {
  const fs::path start = fs::absolute(dir.empty() ? fs::path(".") : fs::path(dir));
  const auto top = git(start, {"rev-parse", "--show-toplevel"});
  const auto hooks = git(start, {"rev-parse", "--git-path", "hooks"});
  const auto git_dir = git(start, {"rev-parse", "--absolute-git-dir"});
  if (!top || !hooks || !git_dir)
    throw CLI::ValidationError("--repo", start.string() +
                                             " is not in a git repository (or git is not installed); "
                                             "hooks go in the blog's repository");
  fs::path hooks_dir = *hooks;
  if (hooks_dir.is_relative()) hooks_dir = start / hooks_dir;
  return {fs::path(*top), hooks_dir.lexically_normal(), fs::path(*git_dir)};
}

// `export_static`: empty, or the folder each run also exports the search into.
std::string hook_script(const fs::path& binary, const fs::path& db, const fs::path& content,
                        const fs::path& export_static) {
  std::ostringstream script;
  script << "#!/bin/sh\n"
         << kMarker << ": reindexes the blog after a commit, a merge or a checkout.\n"
         << "# Written by `clubsearch hook install`; `clubsearch hook uninstall` removes it and puts\n"
         << "# back the hook that was here before, kept meanwhile as " << "<name>" << kChainedSuffix << ".\n"
         << "status=0\n"
         << "if [ -x \"$0" << kChainedSuffix << "\" ]; then\n"
         << "  \"$0" << kChainedSuffix << "\" \"$@\" || status=$?\n"
         << "fi\n"
         << "git_dir=$(git rev-parse --absolute-git-dir 2>/dev/null) || git_dir=.\n"
         << "# Handed off: the commit does not wait for the index. A run that finds another one\n"
         << "# writing the index leaves it one more run to do (--queue), so no change is lost.\n"
         << "(\n"
         << "  printf '%s %s\\n' \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" \"$(basename \"$0\")\"\n"
         << "  " << shell_quoted(binary.string()) << " --db " << shell_quoted(db.string()) << " index "
         << shell_quoted(content.string())
         << (export_static.empty() ? "" : " --export-static " + shell_quoted(export_static.string()))
         << " --queue --quiet\n"
         << "  # The indexer reports its own failures; a crash would leave only the line above.\n"
         << "  code=$?\n"
         << "  if [ \"$code\" -gt 128 ]; then echo \"the indexer was killed by signal $((code - 128))\";\n"
         << "  elif [ \"$code\" -ne 0 ]; then echo \"the indexer exited with status $code\"; fi\n"
         << ") >>\"$git_dir/" << kLogName << "\" 2>&1 </dev/null &\n"
         << "exit $status\n";
  return script.str();
}

std::string setting(const std::string& script, const std::string& option) {
  // The value after `option ` in the script's index command line, unquoted.
  const auto at = script.find(option + " '");
  if (at == std::string::npos) return {};
  std::string value;
  for (std::size_t i = at + option.size() + 2; i < script.size(); ++i) {
    if (script.compare(i, 4, "'\\''") == 0) {
      value += '\'';
      i += 3;
    } else if (script[i] == '\'') {
      break;
    } else {
      value += script[i];
    }
  }
  return value;
}

int install(const GlobalOptions& global, const HookOptions& options) {
  const Repository repo = repository_of(options.repo);
  const fs::path db = fs::absolute(index_location(global.db, global.config));
  fs::path content = !options.content.empty()    ? fs::path(options.content)
                     : global.config.content ? *global.config.content
                                             : repo.top;
  content = fs::absolute(content);
  const fs::path export_static = options.export_static.empty() ? fs::path() : fs::absolute(options.export_static);
  std::error_code error;
  const fs::path binary = fs::read_symlink("/proc/self/exe", error);
  if (error) throw std::runtime_error("cannot tell where this clubsearch is: " + error.message());
  fs::create_directories(repo.hooks);
  const std::string script = hook_script(binary, db, content, export_static);
  for (const char* name : kHooks) {
    const fs::path hook = repo.hooks / name;
    const fs::path chained = repo.hooks / (std::string(name) + kChainedSuffix);
    if (fs::exists(hook, error) && !is_ours(hook)) {
      if (fs::exists(chained, error))
        throw std::runtime_error(chained.string() + " already exists: clubsearch keeps the hook it replaces there, " +
                                 "so it will not overwrite it; move one of them and install again");
      fs::rename(hook, chained);
      std::cout << name << ": the existing hook is kept as " << chained.filename().string()
                << " and runs first\n";
    }
    {
      std::ofstream out(hook, std::ios::binary | std::ios::trunc);
      out << script;
    }
    fs::permissions(hook, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
  }
  std::cout << "installed post-commit, post-merge and post-checkout in " << repo.hooks.string() << "\n"
            << "after each, the index " << db.string() << " is updated from " << content.string()
            << " in the background"
            << (export_static.empty() ? "" : ", and the search for a static host written into " + export_static.string())
            << "; the log is " << (repo.git_dir / kLogName).string() << "\n";
  return kExitOk;
}

int uninstall(const HookOptions& options) {
  const Repository repo = repository_of(options.repo);
  std::error_code error;
  for (const char* name : kHooks) {
    const fs::path hook = repo.hooks / name;
    const fs::path chained = repo.hooks / (std::string(name) + kChainedSuffix);
    if (fs::exists(hook, error) && !is_ours(hook)) {
      std::cout << name << ": not clubsearch's hook; left as it is\n";
      continue;
    }
    const bool had = fs::remove(hook, error);
    if (fs::exists(chained, error)) {
      fs::rename(chained, hook);
      std::cout << name << ": removed; the hook that was there before is back\n";
    } else {
      std::cout << name << (had ? ": removed\n" : ": not installed\n");
    }
  }
  return kExitOk;
}

int status(const HookOptions& options) {
  const Repository repo = repository_of(options.repo);
  std::error_code error;
  int installed = 0;
  for (const char* name : kHooks) {
    const fs::path hook = repo.hooks / name;
    const fs::path chained = repo.hooks / (std::string(name) + kChainedSuffix);
    std::cout << name << ": ";
    if (is_ours(hook)) {
      ++installed;
      const std::string script = read_all(hook);
      const std::string exported = setting(script, "--export-static");
      std::cout << "clubsearch (index " << setting(script, "--db") << ", content " << setting(script, "index")
                << (exported.empty() ? "" : ", static search " + exported) << ")"
                << (fs::exists(chained, error) ? ", then runs " + chained.filename().string() : "") << "\n";
    } else if (fs::exists(hook, error)) {
      std::cout << "another hook, not clubsearch's\n";
    } else {
      std::cout << "none\n";
    }
  }
  const fs::path log = repo.git_dir / kLogName;
  if (fs::exists(log, error)) std::cout << "log: " << log.string() << "\n";
  return installed == static_cast<int>(kHooks.size()) ? kExitOk : kExitPartial;
}

}  // namespace

CLI::App* add_hook_command(CLI::App& app, HookOptions& options) {
  CLI::App* command = app.add_subcommand("hook", "Git hooks that reindex the blog after each commit, merge and checkout");
  command->footer(
      "install: writes post-commit, post-merge and post-checkout hooks in the blog's git\n"
      "repository. Each runs the hook that was there before (kept as NAME.before-clubsearch),\n"
      "then updates the index in the background (`clubsearch index --queue`), so a commit does\n"
      "not wait; output goes to clubsearch-hook.log in the git directory. Installing again\n"
      "updates the hooks. uninstall: removes them and puts back what was there. status: says\n"
      "what is installed.\n\n"
      "Exit codes: 0 done (status: installed); 1 status: not (all) installed; 2 bad arguments\n"
      "or not a git repository; 3 nothing done.\n\n" +
      std::string(kMoreHelp));
  command->add_option("ACTION", options.action, "install, uninstall or status")
      ->required()
      ->check(CLI::IsMember({"install", "uninstall", "status"}));
  command->add_option("--repo", options.repo, "The blog's git repository (default: the current folder)");
  command->add_option("--content", options.content,
                      "What to index (default: the config's `content`, else the repository's root)");
  command->add_option("--export-static", options.export_static,
                      "Each run also writes the search for a static host into this folder "
                      "(clubsearch export-static; e.g. the site's static/search/)");
  return command;
}

int run_hook(const GlobalOptions& global, const HookOptions& options) {
  if (options.action == "install") return install(global, options);
  if (options.action == "uninstall") return uninstall(options);
  return status(options);
}

}  // namespace clubsearch::cli
