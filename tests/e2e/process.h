// Test support: run the real clubsearch binary (or any program) and collect what it
// printed and how it ended.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace clubsearch::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;      // the signal that ended it, or 0
  std::string out;
  std::string err;
};

// Runs `argv` to completion. `environment` entries are set (or, with an empty value,
// removed) on top of this process's environment; `cwd`, when given, is its current folder.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& environment = {},
                          const std::filesystem::path& cwd = {});

// Like run_process, but returns only once every process `argv` started has ended too,
// those it left running in the background included (it and they inherit a pipe as fd 3,
// whose closing is waited for, a minute at most). For negative checks: after this, nothing
// the program set off can still change anything.
ProcessResult run_process_tree(const std::vector<std::string>& argv,
                               const std::map<std::string, std::string>& environment = {},
                               const std::filesystem::path& cwd = {});

// Runs `argv` (its first element a path to the program) to completion on a
// pseudo-terminal (120 columns, no output processing, so lines end in "\n" as written), as
// a user at a terminal would. Everything it prints to stdout and stderr is in `out`.
ProcessResult run_in_terminal(const std::vector<std::string>& argv,
                              const std::map<std::string, std::string>& environment = {});

// A process running in the background, its stdout and stderr written to the files given
// (discarded without them); killed (SIGKILL) and reaped when destroyed if still running.
// `environment` and `cwd` as for run_process.
class BackgroundProcess {
 public:
  explicit BackgroundProcess(const std::vector<std::string>& argv, const std::filesystem::path& out_file = {},
                             const std::filesystem::path& err_file = {},
                             const std::map<std::string, std::string>& environment = {},
                             const std::filesystem::path& cwd = {});
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const noexcept { return pid_; }
  bool running();  // has not exited yet
  void kill(int signal);
  ProcessResult wait();  // exit code or signal (output is not collected)

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
};

// The clubsearch binary under test, with `arguments` after it.
std::vector<std::string> command(std::vector<std::string> arguments);

}  // namespace clubsearch::test
