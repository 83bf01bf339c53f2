// Finding a companion program and replacing the process with it.
#include "cli/companion.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "cli/exit_codes.h"

extern char** environ;

namespace clubsearch::cli {

std::filesystem::path companion_program(const std::string& name) {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  return (error ? std::filesystem::path(".") : self.parent_path()) / name;
}

int become(const std::filesystem::path& program, std::vector<std::string> arguments) {
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  std::cout.flush();
  ::execv(program.c_str(), argv.data());
  std::cerr << "clubsearch: cannot start " << program.string() << ": " << std::strerror(errno)
            << " (it is built and installed beside clubsearch)\n";
  return kExitFailed;
}

int run_program(const std::filesystem::path& program, std::vector<std::string> arguments) {
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  std::cout.flush();
  pid_t pid = 0;
  if (const int error = ::posix_spawn(&pid, program.c_str(), nullptr, nullptr, argv.data(), environ); error != 0) {
    std::cerr << "clubsearch: cannot start " << program.string() << ": " << std::strerror(error)
              << " (it is built and installed beside clubsearch)\n";
    return kExitFailed;
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return kExitFailed;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  std::cerr << "clubsearch: " << program.filename().string() << " was stopped by signal " << WTERMSIG(status) << "\n";
  return kExitFailed;
}

}  // namespace clubsearch::cli
