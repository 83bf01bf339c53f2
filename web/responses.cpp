// Writing answers and refusals into httplib responses.
#include "web/responses.h"

namespace clubsearch::web {

namespace {

// Pages run no inline script or style: the page's own script and stylesheet only.
constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

nlohmann::json error_json(const HttpError& error) {
  nlohmann::json body{{"status", error.status}, {"message", error.message}};
  if (!error.parameter.empty()) body["parameter"] = error.parameter;
  if (error.position) body["position"] = *error.position;
  if (!error.hint.empty()) body["hint"] = error.hint;
  return nlohmann::json{{"error", body}};
}

}  // namespace

void send_json(httplib::Response& response, const nlohmann::json& body, int status) {
  response.status = status;
  response.set_header("Cache-Control", "no-cache");
  // Invalid UTF-8 from a post is replaced, never a reason to fail the response.
  response.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", kJson);
}

void send_error(httplib::Response& response, const HttpError& error) {
  send_json(response, error_json(error), error.status);
}

void send_cached(httplib::Response& response, const std::string& body, const char* content_type) {
  response.set_header("Cache-Control", "no-cache");
  response.set_content(body, content_type);
}

void send_page(httplib::Response& response, const std::string& html, int status) {
  response.status = status;
  response.set_header("Content-Security-Policy", kPagePolicy);
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("Cache-Control", "no-cache");
  response.set_content(html, "text/html; charset=utf-8");
}

}  // namespace clubsearch::web
