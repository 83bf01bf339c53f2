// The one place where an error that stopped a command becomes what the user is told: a
// message on standard error, an exit code (cli/exit_codes.h) and, with --json, the same
// error as a JSON object on standard output, for the errors every program of clubsearch
// can meet; each main() classifies its own command's first.
#pragma once

#include <cstddef>
#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace clubsearch::cli {

struct Failure {
  int exit_code = 0;
  std::string code;     // what went wrong, for scripts: "query_syntax", "unknown_option", "no_index", …
  std::string message;  // one line, as "clubsearch: MESSAGE" says it
  std::string details;  // lines printed under the message on standard error (a caret, a hint); may be empty
  std::string parameter;  // the option or parameter to fix, when one is the cause
  std::optional<std::size_t> position;  // a malformed query: the 0-based byte offset of the problem
  std::string hint;                     // how to write it instead, or what was meant
};

// {"error": {"code", "message", "parameter", "position", "hint"}}, in that order: the field
// names of the web API's errors (docs/api.md), with `code` in place of the HTTP status; a
// field that does not apply is null.
nlohmann::ordered_json error_json(const Failure& failure);

// Prints "clubsearch: MESSAGE" and the details on standard error and, when `json`, the error
// object on standard output; returns the exit code.
int report(const Failure& failure, bool json);

// A command line refused with `message` (CLI11's: "--limit: …", which names the option to
// fix): exit code 2, "bad_option".
Failure usage_error(const std::string& message);

// The failure `error` is: a bad config file or table, an index that cannot be read, a
// database error, anything else.
Failure failure_of(const std::exception_ptr& error);

}  // namespace clubsearch::cli
