// The API's answers: body text and JSON errors, from any exception a request ends with.
#include "api/answers.h"

#include <xapian.h>

#include "api/search_params.h"
#include "index/open_index.h"
#include "query/search_request.h"

namespace clubsearch::api {

std::string body_text(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

nlohmann::json error_json(const HttpError& error) {
  nlohmann::json body{{"status", error.status}, {"message", error.message}};
  if (!error.parameter.empty()) body["parameter"] = error.parameter;
  if (error.position) body["position"] = *error.position;
  if (!error.hint.empty()) body["hint"] = error.hint;
  return nlohmann::json{{"error", body}};
}

HttpError answer_of(std::exception_ptr error) {
  try {
    if (error) std::rethrow_exception(error);
  } catch (const HttpError& refusal) {
    return refusal;
  } catch (const query::QueryError& malformed) {
    HttpError refusal{400, malformed.what(), "q"};
    refusal.hint = malformed.hint();
    if (malformed.position() != std::string::npos) refusal.position = malformed.position();
    return refusal;
  } catch (const query::RequestError& bad) {
    return {400, bad.what(), api_parameter(bad.parameter())};
  } catch (const index::IndexUnavailableError& unavailable) {
    return {500, unavailable.what()};
  } catch (const index::SchemaMismatchError& mismatch) {
    return {500, mismatch.what()};
  } catch (const Xapian::Error& xapian) {
    return {500, "index error: " + xapian.get_description()};
  } catch (const std::exception& other) {
    return {500, std::string("internal error: ") + other.what()};
  } catch (...) {
  }
  return {500, "internal error"};
}

HttpError unknown_entry(const std::string& id, const std::string& parameter) {
  return {404, "no entry has the id '" + id + "'", parameter};
}

}  // namespace clubsearch::api
