// Running programs for the end-to-end tests: with pipes, on a pseudo-terminal, or in the
// background.
#include "tests/e2e/process.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace clubsearch::test {

namespace {

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& overrides) {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const auto equals = text.find('=');
    if (equals != std::string::npos) variables[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const auto& [name, value] : overrides) {
    if (value.empty())
      variables.erase(name);
    else
      variables[name] = value;
  }
  std::vector<std::string> out;
  for (const auto& [name, value] : variables) out.push_back(name + "=" + value);
  return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& text : strings) out.push_back(text.data());
  out.push_back(nullptr);
  return out;
}

pid_t spawn(std::vector<std::string> argv, std::vector<std::string> environment,
            posix_spawn_file_actions_t* actions) {
  std::vector<char*> args = pointers(argv);
  std::vector<char*> env = pointers(environment);
  pid_t pid = -1;
  const int error = posix_spawnp(&pid, args[0], actions, nullptr, args.data(), env.data());
  if (error != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(error));
  return pid;
}

ProcessResult result_of(int status) {
  ProcessResult result;
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

// Runs `argv` to completion, collecting its output. With `descendants`, it also hands
// down a pipe's write end as fd 3 (inherited by whatever it starts) and, once it has
// ended, waits until that pipe is closed by every process holding it.
ProcessResult run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& environment,
                  const std::filesystem::path& cwd, bool descendants) {
  std::array<int, 2> out_pipe{}, err_pipe{}, witness{-1, -1};
  if (::pipe2(out_pipe.data(), O_CLOEXEC) != 0 || ::pipe2(err_pipe.data(), O_CLOEXEC) != 0 ||
      (descendants && ::pipe2(witness.data(), O_CLOEXEC) != 0))
    throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  if (descendants) posix_spawn_file_actions_adddup2(&actions, witness[1], 3);  // dup2 clears O_CLOEXEC
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  const pid_t pid = spawn(argv, merged_environment(environment), &actions);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (descendants) ::close(witness[1]);

  std::string out, err;
  std::array<pollfd, 2> fds{{{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}}};
  int open_pipes = 2;
  char buffer[65536];
  while (open_pipes > 0) {
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t got = ::read(fds[i].fd, buffer, sizeof buffer);
      if (got > 0) {
        (i == 0 ? out : err).append(buffer, static_cast<std::size_t>(got));
      } else {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_pipes;
      }
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (descendants) {
    // Every holder of the pipe's write end has exited (or closed it) when read() sees
    // its end; a minute at most.
    pollfd witness_fd{witness[0], POLLIN, 0};
    for (int waited_ms = 0;;) {
      const int ready = ::poll(&witness_fd, 1, 100);
      if (ready < 0 && errno == EINTR) continue;
      if (ready > 0 && ::read(witness[0], buffer, sizeof buffer) <= 0) break;
      if (ready == 0 && (waited_ms += 100) >= 60'000) {
        ::close(witness[0]);
        throw std::runtime_error(argv[0] + " left processes running for more than a minute");
      }
    }
    ::close(witness[0]);
  }
  ProcessResult result = result_of(status);
  result.out = std::move(out);
  result.err = std::move(err);
  return result;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& environment,
                          const std::filesystem::path& cwd) {
  return run(argv, environment, cwd, false);
}

ProcessResult run_process_tree(const std::vector<std::string>& argv,
                               const std::map<std::string, std::string>& environment,
                               const std::filesystem::path& cwd) {
  return run(argv, environment, cwd, true);
}

ProcessResult run_in_terminal(const std::vector<std::string>& argv,
                              const std::map<std::string, std::string>& environment) {
  std::vector<std::string> args = argv;
  std::vector<std::string> variables = merged_environment(environment);
  std::vector<char*> arg_pointers = pointers(args);
  std::vector<char*> env_pointers = pointers(variables);
  termios settings{};
  ::cfmakeraw(&settings);
  winsize size{};
  size.ws_row = 50;
  size.ws_col = 120;
  int terminal = -1;
  const pid_t pid = ::forkpty(&terminal, nullptr, &settings, &size);
  if (pid < 0) throw std::runtime_error(std::string("forkpty failed: ") + std::strerror(errno));
  if (pid == 0) {
    ::execve(arg_pointers[0], arg_pointers.data(), env_pointers.data());
    ::_exit(127);
  }
  std::string out;
  char buffer[65536];
  for (;;) {
    const ssize_t got = ::read(terminal, buffer, sizeof buffer);
    if (got > 0) {
      out.append(buffer, static_cast<std::size_t>(got));
    } else if (got < 0 && errno == EINTR) {
      continue;
    } else {
      break;  // EIO: the program ended and closed the terminal
    }
  }
  ::close(terminal);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  ProcessResult result = result_of(status);
  result.out = std::move(out);
  return result;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv,
                                     const std::filesystem::path& out_file,
                                     const std::filesystem::path& err_file,
                                     const std::map<std::string, std::string>& environment,
                                     const std::filesystem::path& cwd) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  const std::string out = out_file.empty() ? "/dev/null" : out_file.string();
  const std::string err = err_file.empty() ? "/dev/null" : err_file.string();
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  pid_ = spawn(argv, merged_environment(environment), &actions);
  posix_spawn_file_actions_destroy(&actions);
}

BackgroundProcess::~BackgroundProcess() {
  if (!reaped_) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status_, 0);
  }
}

bool BackgroundProcess::running() {
  if (reaped_) return false;
  const pid_t done = ::waitpid(pid_, &status_, WNOHANG);
  if (done == pid_) reaped_ = true;
  return !reaped_;
}

void BackgroundProcess::kill(int signal) {
  if (!reaped_) ::kill(pid_, signal);
}

ProcessResult BackgroundProcess::wait() {
  if (!reaped_) {
    while (::waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
    }
    reaped_ = true;
  }
  return result_of(status_);
}

std::vector<std::string> command(std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), CLUBSEARCH_BINARY);
  return arguments;
}

}  // namespace clubsearch::test
