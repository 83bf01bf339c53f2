// Writing answers and refusals into httplib responses.
#include "web/responses.h"

#include "api/answers.h"

namespace clubsearch::web {

namespace {

// Pages run no inline script or style: the page's own script and stylesheet only.
constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

}  // namespace

void send_json(httplib::Response& response, const nlohmann::json& body, int status) {
  response.status = status;
  response.set_header("Cache-Control", "no-cache");
  response.set_content(api::body_text(body), kJson);
}

void send_error(httplib::Response& response, const HttpError& error) {
  send_json(response, api::error_json(error), error.status);
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
