// How clubsearch reads its command line beyond what CLI11 does by itself: the errors
// CLI11 raises, told as clubsearch tells them.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/failures.h"

namespace clubsearch::cli {

// Whether --json was given to `app` or any of its commands (CLI11 counts it while it
// parses, so this is known even when parsing stopped on an error).
bool asks_for_json(const CLI::App& app);

// The failure CLI11's `error` (not help or the version) is, with the usage exit code:
// for an argument no command expected, an unknown option or an argument too many.
Failure usage_failure(const CLI::App& app, const CLI::ParseError& error);

// The option a query::RequestError's parameter (named as the web API names it: "since",
// "filter.source", "per_page") is on the command line: "--since", "--source", "--limit".
std::string option_for(const std::string& request_parameter);

}  // namespace clubsearch::cli
