#include "reference/server/http/error_response.hpp"

#include <string>

#include "reference/core/http_constants.hpp"
#include "reference/server/http/challenge.hpp"

namespace authprobe::server {
namespace {

namespace status = http::status;
namespace header = http::header;

constexpr std::string_view no_store = "no-store";
constexpr std::string_view no_cache = "no-cache";

int status_of(AuthErrorKind kind) {
  switch (kind) {
    case AuthErrorKind::no_credentials:
    case AuthErrorKind::invalid_credentials:
    case AuthErrorKind::invalid_token:
    case AuthErrorKind::invalid_client: return status::unauthorized;
    case AuthErrorKind::insufficient_scope:
    case AuthErrorKind::forbidden: return status::forbidden;
    case AuthErrorKind::malformed_request:
    case AuthErrorKind::inactive_user:
    case AuthErrorKind::invalid_request:
    case AuthErrorKind::invalid_grant:
    case AuthErrorKind::unauthorized_client:
    case AuthErrorKind::unsupported_grant_type:
    case AuthErrorKind::invalid_scope: return status::bad_request;
    case AuthErrorKind::not_found: return status::not_found;
    case AuthErrorKind::method_not_allowed: return status::method_not_allowed;
    case AuthErrorKind::not_implemented: return status::not_implemented;
    case AuthErrorKind::payload_too_large: return status::payload_too_large;
    case AuthErrorKind::headers_too_large: return status::request_header_fields_too_large;
    case AuthErrorKind::unsupported_media_type: return status::unsupported_media_type;
    case AuthErrorKind::unprocessable: return status::unprocessable_content;
    case AuthErrorKind::too_many_requests: return status::too_many_requests;
    case AuthErrorKind::busy: return status::service_unavailable;
    case AuthErrorKind::internal: return status::internal_server_error;
  }
  return status::internal_server_error;
}

void add_header(httplib::Response& response, std::string_view name, const std::string& value) {
  response.headers.emplace(std::string(name), value);
}

void add_challenges(const AuthError& error, const ErrorContext& context, httplib::Response& response) {
  const std::string_view code = error_code_name(error.kind);
  switch (error.kind) {
    case AuthErrorKind::no_credentials:
    case AuthErrorKind::invalid_credentials:
      // Several challenges may be sent as separate field lines (RFC 9110 §11.6.1).
      if (offers_basic(context.offer)) add_header(response, header::www_authenticate, basic_challenge(context.realm));
      if (offers_bearer(context.offer))
        add_header(response, header::www_authenticate, bearer_challenge({context.realm, {}, {}, {}}));
      break;
    case AuthErrorKind::invalid_token:
      if (offers_basic(context.offer)) add_header(response, header::www_authenticate, basic_challenge(context.realm));
      add_header(response, header::www_authenticate, bearer_challenge({context.realm, code, error.description, {}}));
      break;
    case AuthErrorKind::malformed_request:
      if (offers_bearer(context.offer))
        add_header(response, header::www_authenticate,
                   bearer_challenge({context.realm, code, error.description, {}}));
      break;
    case AuthErrorKind::insufficient_scope:
      add_header(response, header::www_authenticate,
                 bearer_challenge({context.realm, code, error.description, error.scope}));
      break;
    case AuthErrorKind::invalid_client:
      // RFC 6749 §5.2: a 401 invalid_client carries a challenge for the scheme the client used;
      // every 401 needs one (RFC 9110 §15.5.2), so body credentials get the Basic one too.
      add_header(response, header::www_authenticate, basic_challenge(context.realm));
      break;
    default: break;
  }
}

// The item FastAPI 0.92 (pydantic 1) lists for one failed form field.
nlohmann::json validation_item(const FieldError& error, const std::string& description) {
  switch (error.problem) {
    case FieldProblem::missing:
      return {{"loc", {"body", error.field}}, {"msg", "field required"}, {"type", "value_error.missing"}};
    case FieldProblem::pattern_mismatch:
      return {{"loc", {"body", error.field}},
              {"msg", "string does not match regex \"" + error.pattern + "\""},
              {"type", "value_error.str.regex"},
              {"ctx", {{"pattern", error.pattern}}}};
    case FieldProblem::malformed_body: break;
  }
  // Not a FastAPI answer: FastAPI would take the last of repeated fields and a bad escape as it
  // stands; this server refuses both (catalog TOKEN-06, TOKEN-11) and says so in the same shape.
  return {{"loc", {"body"}}, {"msg", description}, {"type", "value_error"}};
}

// --compat fastapi: what the FastAPI security tutorials send (docs_src/security/tutorial004,
// tutorial005, the RBAC and HTTP Basic tutorials, Starlette's own 404/405): {"detail": ...},
// Bearer challenges without an error code (naming the resource's scopes, as tutorial005 does),
// 401 for a bad password at /token, 401 "Not enough permissions" for a missing scope, 403 "Not
// enough permissions" for a missing role, 422 validation lists. Each is a row of the catalog's
// "standards and tutorials disagree" table. The Basic challenge keeps its realm: RFC 7617 §2
// makes it REQUIRED and no row excuses its absence.
void write_fastapi_error(const AuthError& error, const ErrorContext& context, httplib::Response& response) {
  auto challenge = [&](std::string value) { add_header(response, header::www_authenticate, value); };
  const std::string bearer = context.scope.empty() ? "Bearer" : "Bearer scope=" + quoted_string(context.scope);
  switch (error.kind) {
    case AuthErrorKind::no_credentials:
      // OAuth2PasswordBearer refuses before the scopes are looked at: a bare challenge.
      if (offers_basic(context.offer)) challenge(basic_challenge(context.realm));
      if (offers_bearer(context.offer)) challenge("Bearer");
      write_json(response, status::unauthorized, {{"detail", "Not authenticated"}});
      return;
    case AuthErrorKind::invalid_credentials:
    case AuthErrorKind::invalid_grant:
      if (error.kind == AuthErrorKind::invalid_grant || context.offer == Offer::bearer) {
        challenge("Bearer");
      } else {
        if (offers_basic(context.offer)) challenge(basic_challenge(context.realm));
        if (offers_bearer(context.offer)) challenge(bearer);
      }
      write_json(response, status::unauthorized, {{"detail", "Incorrect username or password"}});
      return;
    case AuthErrorKind::invalid_token:
      if (offers_basic(context.offer)) challenge(basic_challenge(context.realm));
      challenge(bearer);
      write_json(response, status::unauthorized, {{"detail", "Could not validate credentials"}});
      return;
    case AuthErrorKind::insufficient_scope:
      challenge("Bearer scope=" + quoted_string(context.scope.empty() ? std::string_view(error.scope) : context.scope));
      write_json(response, status::unauthorized, {{"detail", "Not enough permissions"}});
      return;
    case AuthErrorKind::forbidden:
      write_json(response, status::forbidden, {{"detail", "Not enough permissions"}});
      return;
    case AuthErrorKind::inactive_user:
      write_json(response, status::bad_request, {{"detail", "Inactive user"}});
      return;
    case AuthErrorKind::invalid_request:
    case AuthErrorKind::unprocessable: {
      nlohmann::json items = nlohmann::json::array();
      for (const auto& field : error.fields) items.push_back(validation_item(field, error.description));
      if (items.empty()) items.push_back(validation_item({"", FieldProblem::malformed_body, {}}, error.description));
      write_json(response, status::unprocessable_content, {{"detail", items}});
      return;
    }
    // Starlette answers an unknown path and a wrong method itself, with the status's phrase.
    case AuthErrorKind::not_found:
      write_json(response, status::not_found, {{"detail", "Not Found"}});
      return;
    case AuthErrorKind::method_not_allowed:
      write_json(response, status::method_not_allowed, {{"detail", "Method Not Allowed"}});
      return;
    default:
      add_challenges(error, context, response);
      write_json(response, status_of(error.kind), {{"detail", error.description}});
      return;
  }
}

}  // namespace

const char* error_code_name(AuthErrorKind kind) {
  switch (kind) {
    case AuthErrorKind::no_credentials: return "unauthorized";
    case AuthErrorKind::invalid_credentials: return "invalid_credentials";
    case AuthErrorKind::invalid_token: return "invalid_token";
    case AuthErrorKind::malformed_request:
    case AuthErrorKind::invalid_request: return "invalid_request";
    case AuthErrorKind::insufficient_scope: return "insufficient_scope";
    case AuthErrorKind::forbidden: return "forbidden";
    case AuthErrorKind::inactive_user: return "inactive_user";
    case AuthErrorKind::invalid_client: return "invalid_client";
    case AuthErrorKind::invalid_grant: return "invalid_grant";
    case AuthErrorKind::unauthorized_client: return "unauthorized_client";
    case AuthErrorKind::unsupported_grant_type: return "unsupported_grant_type";
    case AuthErrorKind::invalid_scope: return "invalid_scope";
    case AuthErrorKind::not_found: return "not_found";
    case AuthErrorKind::method_not_allowed: return "method_not_allowed";
    case AuthErrorKind::not_implemented: return "not_implemented";
    case AuthErrorKind::payload_too_large: return "payload_too_large";
    case AuthErrorKind::headers_too_large: return "request_header_fields_too_large";
    case AuthErrorKind::unsupported_media_type: return "unsupported_media_type";
    case AuthErrorKind::unprocessable: return "invalid_request";
    case AuthErrorKind::too_many_requests: return "too_many_requests";
    case AuthErrorKind::busy: return "temporarily_unavailable";
    case AuthErrorKind::internal: return "server_error";
  }
  return "server_error";
}

void set_no_store(httplib::Response& response) {
  response.set_header(std::string(header::cache_control), std::string(no_store));
  response.set_header(std::string(header::pragma), std::string(no_cache));
}

void write_json(httplib::Response& response, int status_code, const nlohmann::json& body) {
  response.status = status_code;
  response.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                       std::string(http::media_type::json));
}

void write_error(const AuthError& error, const ErrorContext& context, httplib::Response& response) {
  response.headers.erase(std::string(header::www_authenticate));
  set_no_store(response);
  if (error.kind == AuthErrorKind::method_not_allowed) add_header(response, header::allow, error.allow);
  if (error.kind == AuthErrorKind::busy || error.kind == AuthErrorKind::too_many_requests)
    add_header(response, header::retry_after, std::to_string(error.retry_after.count()));

  if (context.compat == config::CompatMode::fastapi) {
    write_fastapi_error(error, context, response);
    return;
  }
  add_challenges(error, context, response);
  nlohmann::json body = {{"error", error_code_name(error.kind)}};
  if (!error.description.empty()) body["error_description"] = error.description;
  if (error.kind == AuthErrorKind::insufficient_scope && !error.scope.empty()) body["scope"] = error.scope;
  write_json(response, status_of(error.kind), body);
}

}  // namespace authprobe::server
