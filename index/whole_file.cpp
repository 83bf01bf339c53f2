#include "index/whole_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace clubsearch::index {

namespace {

std::system_error io_error(const std::string& what, const std::filesystem::path& path) {
  return std::system_error(errno, std::generic_category(), what + " " + path.string());
}

}  // namespace

void write_whole_file(const std::filesystem::path& path, std::string_view bytes) {
  const std::filesystem::path temporary = path.string() + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw io_error("cannot create", temporary);
  const char* next = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t written = ::write(fd, next, left);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      const auto error = io_error("cannot write", temporary);
      ::close(fd);
      throw error;
    }
    next += written;
    left -= static_cast<std::size_t>(written);
  }
  if (::fsync(fd) != 0) {
    const auto error = io_error("cannot sync", temporary);
    ::close(fd);
    throw error;
  }
  ::close(fd);
  std::filesystem::rename(temporary, path);
}

}  // namespace clubsearch::index
