// The one place where an error that stopped a command becomes a message on standard
// error and an exit code (cli/exit_codes.h), for the errors every program of clubsearch
// can meet; each main() catches its own command's first.
#pragma once

#include <exception>
#include <string>

namespace clubsearch::cli {

// Prints "clubsearch: MESSAGE" and returns `code`.
int fail(int code, const std::string& message);

// The message and exit code of `error`: a bad config file or table, an index that cannot
// be read, a database error, anything else.
int report_failure(const std::exception_ptr& error);

}  // namespace clubsearch::cli
