#pragma once
// What can go wrong at the HTTP edge, as one value. Handlers return an AuthError; only
// error_response.cpp turns it into a status, challenge(s), cache headers and a JSON body.
#include <chrono>
#include <string>
#include <vector>

namespace authprobe::server {

enum class AuthErrorKind {
  // Resource requests (RFC 6750 §3.1, RFC 9110 §11.4, §15.5.2-4).
  no_credentials,       // 401, challenge without an error code
  invalid_credentials,  // 401, Basic: wrong user-id/password (never says which)
  invalid_token,        // 401, Bearer error="invalid_token"
  malformed_request,    // 400, error="invalid_request" (e.g. token in two places)
  insufficient_scope,   // 403, Bearer error="insufficient_scope" scope="..."
  forbidden,            // 403 without a challenge (Basic user lacking a role, another user's record)
  inactive_user,        // only produced in --compat fastapi: 400 "Inactive user"
  // Token endpoint (RFC 6749 §5.2).
  invalid_request,
  invalid_client,       // 401 with a Basic challenge (RFC 6749 §5.2)
  invalid_grant,
  unauthorized_client,
  unsupported_grant_type,
  invalid_scope,
  // HTTP plumbing.
  not_found,
  method_not_allowed,   // 405 with Allow (RFC 9110 §15.5.6)
  not_implemented,      // 501 for an unknown method (RFC 9110 §15.6.2)
  payload_too_large,    // 413
  headers_too_large,    // 431 (RFC 6585 §5)
  unsupported_media_type,
  unprocessable,        // 422, only in --compat fastapi
  too_many_requests,    // 429 with Retry-After: login throttling (RFC 6585 §4)
  busy,                 // 503 with Retry-After: the password gate is full
  internal,             // 500: a bug; never a detail
};

// One finding of FastAPI's form validation (pydantic 1, as FastAPI 0.92 reports it), for the
// 422 of --compat fastapi: a required field absent or empty, a value outside the field's
// pattern, or a body that could not be read as a form at all.
enum class FieldProblem { missing, pattern_mismatch, malformed_body };
struct FieldError {
  std::string field;          // form field name ("" for the body as a whole)
  FieldProblem problem = FieldProblem::missing;
  std::string pattern{};      // pattern_mismatch: the field's regex
};

struct AuthError {
  AuthErrorKind kind;
  // A fixed, printable-ASCII sentence chosen by the server; never client input (RFC 6750 §3,
  // RFC 6749 §5.2: %x20-21 / %x23-5B / %x5D-7E, catalog BEARER-10).
  std::string description;
  std::string scope;        // insufficient_scope: what the resource needs
  std::string allow;        // method_not_allowed: the Allow field value
  std::chrono::seconds retry_after{1};
  std::vector<FieldError> fields;  // unprocessable (fastapi): every field the validation names
};

[[nodiscard]] inline AuthError make_error(AuthErrorKind kind, std::string description = {}) {
  return AuthError{kind, std::move(description), {}, {}, std::chrono::seconds{1}, {}};
}

[[nodiscard]] const char* error_code_name(AuthErrorKind kind);  // e.g. "invalid_grant"

}  // namespace authprobe::server
