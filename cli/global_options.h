// The options every command takes, before or after the command's name (--db, --config,
// --color), as clubsearch and clubsearch-index both read them.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/commands.h"

namespace clubsearch::cli {

// Adds the options to `command`; `color` receives --color's word until color_mode() reads it.
void add_global_options(CLI::App& command, GlobalOptions& global, std::string& color);

// "always", "never" or anything else (auto).
ColorMode color_mode(const std::string& color);

}  // namespace clubsearch::cli
