// The command line around CLI11: implicit searches, options before a command, usage errors.
#include "cli/command_line.h"

#include <algorithm>

#include "cli/exit_codes.h"
#include "cli/global_options.h"
#include "cli/suggestions.h"

namespace clubsearch::cli {

namespace {

// "clubsearch index", or "clubsearch" for the search (with or without its name).
std::string command_line_of(const CLI::App& command) {
  return command.get_parent() == nullptr || command.get_name() == "search" ? "clubsearch"
                                                                           : "clubsearch " + command.get_name();
}

// "did you mean --limit?", "did you mean --since or --sort?"
std::string did_you_mean(const std::vector<std::string>& names) {
  std::string text = "did you mean ";
  for (std::size_t i = 0; i < names.size(); ++i)
    text += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  return text + "?";
}

// The long options `command` takes, without their dashes.
std::vector<std::string> long_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options())
    for (const std::string& name : option->get_lnames()) names.push_back(name);
  return names;
}

// An argument of `command` that CLI11 left over: an option it does not have, or a word
// too many.
Failure unexpected(const CLI::App& command, const std::string& argument) {
  const std::string line = command_line_of(command);
  const std::string help = "`" + line + " --help` lists the options";
  if (argument.size() < 2 || argument[0] != '-')
    return {kExitUsage, "bad_option", "unexpected argument '" + argument + "' for `" + line + "`; " + help, {},
            argument, {}, help};
  // "--limt=5" → "--limt"; "-limit" is compared with the long names too.
  const std::string option = argument.substr(0, argument.find('='));
  const std::string name = option.substr(option[1] == '-' ? 2 : 1);
  std::vector<std::string> near;
  if (name.size() > 1)
    for (const std::string& known : nearest_names(name, long_names(command))) near.push_back("--" + known);
  const std::string hint = near.empty() ? help : did_you_mean(near);
  const std::string where = command.get_parent() == nullptr || command.get_name() == "search"
                                ? std::string()
                                : " for `" + line + "`";
  return {kExitUsage, "unknown_option", "unknown option " + option + where + "; " + hint, {}, option, {}, hint};
}

}  // namespace

CommandStart command_start(const CLI::App& app, const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") return {i + 1 < args.size(), true};
    if (arg.size() < 2 || arg[0] != '-')
      return {app.get_subcommands([&](const CLI::App* command) { return command->check_name(arg); }).empty(),
              false};
    const auto equals = arg.find('=');
    const bool value_attached = equals != std::string::npos || (arg[1] != '-' && arg.size() > 2);
    const CLI::Option* option = app.get_option_no_throw(arg.substr(0, equals));
    // A flag (--json, --facets) expects no value: the word after it is not its value.
    if (option != nullptr && option->get_items_expected_max() > 0 && !value_attached) ++i;
  }
  return {};
}

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

std::optional<Failure> check_options_before(const CLI::App& app, const CLI::App& command, bool& json) {
  const std::string line = command_line_of(command);
  for (const CLI::Option* option : app.get_options()) {
    if (option->count() == 0 || option->get_group() == kEveryCommandGroup) continue;
    const std::string name = option->get_name();
    if (name == "--json") {
      if (command.get_option_no_throw("--json") != nullptr) {
        json = true;
        continue;
      }
      return Failure{kExitUsage, "bad_option", "`" + line + "` prints no JSON; leave out --json", {}, name, {}, {}};
    }
    const std::vector<std::string>& values = option->results();
    const std::string given =
        name + (option->get_items_expected_max() > 0 && !values.empty() ? " " + values.back() : "");
    const std::string hint = command.get_option_no_throw(name) != nullptr
                                 ? "write it after the command's name: " + line + " " + given + " …"
                                 : "`" + line + " --help` lists the options it takes";
    return Failure{kExitUsage, "bad_option", name + " before `" + line + "` is a search option; " + hint, {}, name,
                   {}, hint};
  }
  return std::nullopt;
}

std::string option_for(const std::string& request_parameter) {
  if (request_parameter == "per_page" || request_parameter == "limit") return "--limit";
  if (request_parameter == "q") return "QUERY";
  const std::string filter = "filter.";
  return "--" + (request_parameter.rfind(filter, 0) == 0 ? request_parameter.substr(filter.size()) : request_parameter);
}

std::string command_near(const CLI::App& app, const std::string& word) {
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; }))
    if (command->get_name() != "search") names.push_back(command->get_name());
  const std::vector<std::string> near = nearest_names(word, names);
  return near.size() == 1 ? near.front() : std::string();
}

}  // namespace clubsearch::cli
