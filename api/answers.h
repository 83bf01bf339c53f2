// What the JSON API answers, whoever serves it (`clubsearch serve`, or the static engine
// in a reader's browser): the body's text, and every error as a JSON error object.
#pragma once

#include <exception>
#include <nlohmann/json.hpp>
#include <string>

#include "api/http_error.h"

namespace clubsearch::api {

// A body as the API sends it: compact, one line, invalid UTF-8 from a post replaced
// (never a reason to fail), and a newline.
std::string body_text(const nlohmann::json& body);

// {"error": {status, message, parameter?, position?, hint?}}.
nlohmann::json error_json(const HttpError& error);

// An exception a request ended with, as the API answers it: a refusal (HttpError) as it
// is; a malformed query 400, with its position and hint; a bad parameter 400, named as
// the API names it; an index that cannot be read, or anything else, 500.
HttpError answer_of(std::exception_ptr error);

// 404 for an entry id the index does not have; `parameter` is the one that gave it, if any.
HttpError unknown_entry(const std::string& id, const std::string& parameter = {});

}  // namespace clubsearch::api
