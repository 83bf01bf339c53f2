// SchemaError: formats "origin:line: reason" once, so every catcher prints the same thing.
#include "schemas/schema_error.h"

namespace clubsearch::schemas {

namespace {
std::string describe(const std::string& origin, unsigned line, const std::string& reason) {
  std::string text = origin;
  if (line > 0) text += ":" + std::to_string(line);
  return text + ": " + reason;
}
}  // namespace

SchemaError::SchemaError(std::string origin, unsigned line, const std::string& reason)
    : std::runtime_error(describe(origin, line, reason)), origin_(std::move(origin)), line_(line) {}

}  // namespace clubsearch::schemas
