// Sending answers: JSON, refusals as JSON errors, the page with its security headers.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "api/http_error.h"

namespace clubsearch::web {

using api::HttpError;

// JSON is UTF-8 by definition (RFC 8259); without a charset parameter the library also
// recognises it as compressible.
inline constexpr const char* kJson = "application/json";

void send_json(httplib::Response& response, const nlohmann::json& body, int status = 200);
// {"error": {status, message, parameter?, position?, hint?}} with the error's status.
void send_error(httplib::Response& response, const HttpError& error);
// A body kept from an earlier answer of status 200.
void send_cached(httplib::Response& response, const std::string& body, const char* content_type);
void send_page(httplib::Response& response, const std::string& html, int status);

}  // namespace clubsearch::web
