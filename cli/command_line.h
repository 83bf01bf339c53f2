// How clubsearch reads its command line beyond what CLI11 does by itself: a search without
// the word `search`, options given before a command's name, and the errors CLI11 raises
// as clubsearch tells them (an unknown option with the nearest known one).
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/failures.h"

namespace clubsearch::cli {

// How the arguments start a command.
struct CommandStart {
  bool implicit_search = false;  // the first word is not a command's name, or follows `--`
  bool after_marker = false;     // the words follow `--` (a search asked for explicitly)
};

// Whether the arguments are a search without the word `search`: their first word (not an
// option, nor an option's value) is not a command's name, or follows `--`.
CommandStart command_start(const CLI::App& app, const std::vector<std::string>& args);

// Whether --json was given to `app` or any of its commands (CLI11 counts it while it
// parses, so this is known even when parsing stopped on an error).
bool asks_for_json(const CLI::App& app);

// The failure CLI11's `error` (not help or the version) is, with the usage exit code:
// for an argument no command expected, an unknown option with the nearest one the
// command has.
Failure usage_failure(const CLI::App& app, const CLI::ParseError& error);

// The options given before the name of `command` (one other than the search), which CLI11
// reads as the app's: --db, --config and --color are every command's; --json is the
// command's own --json, when it prints JSON (`json` is set); a search option is refused,
// saying where it goes.
std::optional<Failure> check_options_before(const CLI::App& app, const CLI::App& command, bool& json);

// The command `word` is a slip of the keyboard for (index, stats, related, serve, hook),
// or empty.
std::string command_near(const CLI::App& app, const std::string& word);

// The option a query::RequestError's parameter (named as the web API names it: "since",
// "filter.source", "per_page") is on the command line: "--since", "--source", "--limit".
std::string option_for(const std::string& request_parameter);

}  // namespace clubsearch::cli
