// SchemaError: a declarative table in schemas/ (built in or the user's own) is malformed.
#pragma once

#include <stdexcept>
#include <string>

namespace clubsearch::schemas {

class SchemaError : public std::runtime_error {
 public:
  // `origin` names the table (a file path or "built-in sources.toml"); `line` is 0 when
  // the problem is not tied to one line.
  SchemaError(std::string origin, unsigned line, const std::string& reason);

  const std::string& origin() const noexcept { return origin_; }
  unsigned line() const noexcept { return line_; }

 private:
  std::string origin_;
  unsigned line_;
};

}  // namespace clubsearch::schemas
