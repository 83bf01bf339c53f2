// The options every command takes.
#include "cli/global_options.h"

namespace clubsearch::cli {

void set_command_line_rules(CLI::App& app) {
  // CLI11 refuses a repeated option by default (MultiOptionPolicy::Throw). TakeLast keeps
  // the last value of a single-valued option and every value of a vector option (it
  // trims to the values the option expects, which for a vector is all of them).
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

void add_global_options(CLI::App& command, GlobalOptions& global, std::string& color) {
  // Not CLI11's envname: each command's copy of --db would read $CLUBSEARCH_DB and could
  // override a --db given before the command's name.
  command
      .add_option("--db", global.db,
                  "Index directory (default: $CLUBSEARCH_DB, else `db` in the config file, else "
                  "~/.local/share/clubsearch/index)")
      ->group(kEveryCommandGroup);
  command
      .add_option("--config", global.config_file,
                  "Config file (default: ./clubsearch.toml or the nearest above, else "
                  "~/.config/clubsearch/config.toml)")
      ->check(CLI::ExistingFile)
      ->group(kEveryCommandGroup);
  command.add_option("--color", color, "Colour: auto, always or never (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->group(kEveryCommandGroup);
}

ColorMode color_mode(const std::string& color) {
  return color == "always" ? ColorMode::always : color == "never" ? ColorMode::never : ColorMode::automatic;
}

}  // namespace clubsearch::cli
