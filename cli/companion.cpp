// Finding a companion program and replacing the process with it.
#include "cli/companion.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "cli/exit_codes.h"

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

}  // namespace clubsearch::cli
