#pragma once
// THE one place that turns an AuthError into an HTTP response: status, WWW-Authenticate
// challenge(s), Cache-Control, and the JSON body ({"error","error_description"} in strict
// mode, the FastAPI tutorials' {"detail": ...} shapes in --compat fastapi).
#include <string_view>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "reference/config/server_config.hpp"
#include "reference/server/http/auth_error.hpp"

namespace authprobe::server {

// Which authentication schemes the resource answers to; decides the challenges of a 401.
enum class Offer { none, basic, bearer, basic_and_bearer };

// The one reading of an Offer, for the challenges of a 401 and for which credentials count.
[[nodiscard]] constexpr bool offers_basic(Offer offer) {
  return offer == Offer::basic || offer == Offer::basic_and_bearer;
}
[[nodiscard]] constexpr bool offers_bearer(Offer offer) {
  return offer == Offer::bearer || offer == Offer::basic_and_bearer;
}

struct ErrorContext {
  std::string_view realm;
  config::CompatMode compat = config::CompatMode::strict;
  Offer offer = Offer::none;
  // The scopes the resource needs (space-separated; "" for none): the FastAPI scopes tutorial
  // names them in every Bearer challenge of the resource, `Bearer scope="..."`.
  std::string_view scope{};
};

void write_error(const AuthError& error, const ErrorContext& context, httplib::Response& response);

// A JSON body; invalid UTF-8 in `body` is replaced, never thrown on.
void write_json(httplib::Response& response, int status, const nlohmann::json& body);

// RFC 9111 §5.2.2.5 / RFC 6749 §5.1: responses carrying credentials or answering requests
// that carried them must not be stored by any cache.
void set_no_store(httplib::Response& response);

}  // namespace authprobe::server
