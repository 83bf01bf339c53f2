// The options every command takes, before or after the command's name (--db, --config,
// --color), as clubsearch and clubsearch-index both read them, and the rules every
// clubsearch command line follows.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/commands.h"

namespace clubsearch::cli {

// The group --help lists the options of every command under.
inline constexpr const char* kEveryCommandGroup = "Options of every command";

// The footer's line, in a command's --help, that points to what the commands share.
inline constexpr const char* kMoreHelp =
    "Where the index and the config file are found, and the other commands: clubsearch --help";

// Sets the rules on `app` before any option is added (its commands inherit them): an
// option given twice takes its last value, as in most command lines; options that take a
// list (a filter such as --source, the query's words) keep every value.
void set_command_line_rules(CLI::App& app);

// Adds the options to `command`; `color` receives --color's word until color_mode() reads it.
void add_global_options(CLI::App& command, GlobalOptions& global, std::string& color);

// "always", "never" or anything else (auto).
ColorMode color_mode(const std::string& color);

}  // namespace clubsearch::cli
