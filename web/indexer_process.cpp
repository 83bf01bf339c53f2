// Spawning the indexer (posix_spawn) and reaping it on a thread of its own.
#include "web/indexer_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace clubsearch::web {

void start_indexer(const std::vector<std::string>& command) {
  std::vector<char*> argv;
  std::vector<std::string> arguments = command;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, 2, 1);
  // The server blocks SIGINT and SIGTERM in every thread (one thread waits for them); the
  // indexer starts with none blocked and their default actions, so that it can be stopped.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none, stops;
  sigemptyset(&none);
  sigemptyset(&stops);
  sigaddset(&stops, SIGINT);
  sigaddset(&stops, SIGTERM);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &stops);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  const int failed = posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  if (failed != 0)
    throw std::runtime_error(std::string("cannot start the indexer: ") + std::strerror(failed));
  std::thread([pid] {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    // The indexer prints its own failures (to this server's standard error); a crash
    // prints nothing, so say how it ended.
    if (WIFSIGNALED(status))
      std::fprintf(stderr, "clubsearch serve: the reindex (indexer pid %d) was killed by signal %d (%s)\n",
                   static_cast<int>(pid), WTERMSIG(status), strsignal(WTERMSIG(status)));
    else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
      std::fprintf(stderr, "clubsearch serve: the reindex (indexer pid %d) exited with status %d\n",
                   static_cast<int>(pid), WEXITSTATUS(status));
  }).detach();
}

}  // namespace clubsearch::web
