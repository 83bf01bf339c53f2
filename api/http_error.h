// HttpError: a request the API refuses (the server's, or the static engine's), with its
// HTTP status and what the JSON error says.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

namespace clubsearch::api {

struct HttpError {
  HttpError(int status_code, std::string text, std::string parameter_name = {})
      : status(status_code), message(std::move(text)), parameter(std::move(parameter_name)) {}
  int status;
  std::string message;
  std::string parameter;  // what to fix, when one parameter is the cause
  std::optional<std::size_t> position;
  std::string hint;
};

}  // namespace clubsearch::api
