// The command line around CLI11: usage errors.
#include "cli/command_line.h"

#include <vector>

#include "cli/exit_codes.h"

namespace clubsearch::cli {

namespace {

// "clubsearch index", or "clubsearch" for the search (with or without its name).
std::string command_line_of(const CLI::App& command) {
  return command.get_parent() == nullptr || command.get_name() == "search" ? "clubsearch"
                                                                           : "clubsearch " + command.get_name();
}

// An argument of `command` that CLI11 left over: an option it does not have, or a word
// too many.
Failure unexpected(const CLI::App& command, const std::string& argument) {
  const std::string line = command_line_of(command);
  const std::string help = "`" + line + " --help` lists the options";
  if (argument.size() < 2 || argument[0] != '-')
    return {kExitUsage, "bad_option", "unexpected argument '" + argument + "' for `" + line + "`; " + help, {},
            argument, {}, help};
  // "--limt=5" → "--limt".
  const std::string option = argument.substr(0, argument.find('='));
  const std::string where = command.get_parent() == nullptr || command.get_name() == "search"
                                ? std::string()
                                : " for `" + line + "`";
  return {kExitUsage, "unknown_option", "unknown option " + option + where + "; " + help, {}, option, {}, help};
}

}  // namespace

bool asks_for_json(const CLI::App& app) {
  const auto given = [](const CLI::App& command) {
    const CLI::Option* json = command.get_option_no_throw("--json");
    return json != nullptr && json->count() > 0;
  };
  const auto commands = app.get_subcommands([&](const CLI::App* command) { return given(*command); });
  return given(app) || !commands.empty();
}

Failure usage_failure(const CLI::App& app, const CLI::ParseError& error) {
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    // The command whose arguments were left over (CLI11's message names none of them).
    std::vector<const CLI::App*> commands{&app};
    for (const CLI::App* command : app.get_subcommands()) commands.push_back(command);
    for (const CLI::App* command : commands)
      for (const std::string& argument : command->remaining())
        if (argument != "--") return unexpected(*command, argument);
  }
  return usage_error(error.what());
}

std::string option_for(const std::string& request_parameter) {
  if (request_parameter == "per_page" || request_parameter == "limit") return "--limit";
  if (request_parameter == "q") return "QUERY";
  const std::string filter = "filter.";
  return "--" + (request_parameter.rfind(filter, 0) == 0 ? request_parameter.substr(filter.size()) : request_parameter);
}

}  // namespace clubsearch::cli
