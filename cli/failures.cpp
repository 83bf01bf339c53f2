// Errors common to every command, as messages and exit codes.
#include "cli/failures.h"

#include <xapian.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/config.h"
#include "cli/exit_codes.h"
#include "index/open_index.h"
#include "schemas/schema_error.h"

namespace clubsearch::cli {

int fail(int code, const std::string& message) {
  std::cerr << "clubsearch: " << message << "\n";
  return code;
}

int report_failure(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const CLI::ValidationError& failure) {
    return fail(kExitUsage, failure.what());
  } catch (const ConfigError& failure) {
    return fail(kExitFailed, failure.what());
  } catch (const index::IndexUnavailableError& failure) {
    return fail(kExitFailed, failure.what());
  } catch (const index::SchemaMismatchError& failure) {
    return fail(kExitFailed, failure.what());
  } catch (const schemas::SchemaError& failure) {
    return fail(kExitFailed, failure.what());
  } catch (const Xapian::DatabaseLockError& failure) {
    return fail(kExitLocked, "the index is locked by another writer: " + failure.get_msg());
  } catch (const Xapian::Error& failure) {
    return fail(kExitFailed, "index error: " + failure.get_description());
  } catch (const std::exception& failure) {
    return fail(kExitFailed, failure.what());
  } catch (...) {
    return fail(kExitFailed, "an unknown error stopped the command");
  }
}

}  // namespace clubsearch::cli
