// Errors common to every command, as messages, exit codes and JSON error objects.
#include "cli/failures.h"

#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <iostream>

#include "cli/config.h"
#include "cli/exit_codes.h"
#include "index/open_index.h"
#include "schemas/schema_error.h"

namespace clubsearch::cli {

namespace {

// The option a CLI11 message is about: CLI11 writes "--limit: …" (or "QUERY: …" for a
// positional), and its errors do not keep the name apart.
std::string option_named_in(const std::string& message) {
  const auto colon = message.find(": ");
  if (colon == std::string::npos || colon == 0) return {};
  const std::string name = message.substr(0, colon);
  const bool option = name[0] == '-' && name.find(' ') == std::string::npos;
  const bool positional = std::all_of(name.begin(), name.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c)) || c == '_';
  });
  return option || positional ? name : std::string();
}

}  // namespace

nlohmann::ordered_json error_json(const Failure& failure) {
  using Json = nlohmann::ordered_json;
  const auto text_or_null = [](const std::string& text) { return text.empty() ? Json() : Json(text); };
  return {{"error",
           {{"code", failure.code},
            {"message", failure.message},
            {"parameter", text_or_null(failure.parameter)},
            {"position", failure.position ? Json(*failure.position) : Json()},
            {"hint", text_or_null(failure.hint)}}}};
}

int report(const Failure& failure, bool json) {
  std::cerr << "clubsearch: " << failure.message << (failure.details.empty() ? "" : "\n" + failure.details) << "\n";
  // Text that is not UTF-8 (a query typed in another encoding) is replaced rather than
  // ending the run.
  if (json)
    std::cout << error_json(failure).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
  return failure.exit_code;
}

Failure usage_error(const std::string& message) {
  return {kExitUsage, "bad_option", message, {}, option_named_in(message), {}, {}};
}

Failure failure_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const CLI::ValidationError& failure) {
    return usage_error(failure.what());
  } catch (const ConfigError& failure) {
    return {kExitFailed, "bad_config", failure.what(), {}, {}, {}, {}};
  } catch (const index::IndexUnavailableError& failure) {
    return {kExitFailed, "no_index", failure.what(), {}, {}, {}, {}};
  } catch (const index::SchemaMismatchError& failure) {
    return {kExitFailed, "schema_mismatch", failure.what(), {}, {}, {}, {}};
  } catch (const schemas::SchemaError& failure) {
    return {kExitFailed, "bad_config", failure.what(), {}, {}, {}, {}};
  } catch (const Xapian::DatabaseLockError& failure) {
    return {kExitLocked, "index_locked", "the index is locked by another writer: " + failure.get_msg(), {}, {}, {}, {}};
  } catch (const Xapian::DatabaseCorruptError& failure) {
    // Met while updating an index, or reading one that opened: it is damaged on disk.
    const std::string rebuild = "rebuild it with: clubsearch index CONTENT_DIR --full";
    return {kExitFailed, "index_damaged", "the index is damaged (" + failure.get_msg() + "); " + rebuild,
            {}, {}, {}, rebuild};
  } catch (const Xapian::Error& failure) {
    return {kExitFailed, "index_error", "index error: " + failure.get_description(), {}, {}, {}, {}};
  } catch (const std::exception& failure) {
    return {kExitFailed, "failed", failure.what(), {}, {}, {}, {}};
  } catch (...) {
    return {kExitFailed, "failed", "an unknown error stopped the command", {}, {}, {}, {}};
  }
}

}  // namespace clubsearch::cli
