// PostError: one Markdown file cannot be indexed; says at which line and why.
#pragma once

#include <stdexcept>
#include <string>

namespace clubsearch::indexer {

class PostError : public std::runtime_error {
 public:
  // `line` is 1-based in the file; 0 when the problem concerns the whole file.
  PostError(unsigned line, const std::string& reason) : std::runtime_error(reason), line_(line) {}

  unsigned line() const noexcept { return line_; }

 private:
  unsigned line_;
};

}  // namespace clubsearch::indexer
