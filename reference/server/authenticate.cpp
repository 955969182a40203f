#include "reference/server/authenticate.hpp"

#include <algorithm>
#include <chrono>
#include <utility>
#include <variant>

#include "reference/core/http_constants.hpp"
#include "reference/parse/authorization.hpp"
#include "reference/parse/form.hpp"
#include "reference/server/http/request_util.hpp"
#include "reference/server/login/throttled_login.hpp"

namespace authprobe::server {
namespace {

constexpr std::string_view access_token_param = "access_token";
constexpr std::string_view invalid_token_text = "the access token is invalid";
constexpr std::string_view expired_token_text = "the access token has expired";

// RFC 6750 §2.2 / §2.3: an access_token parameter in the query or in a form body.
bool token_in_other_place(const httplib::Request& request) {
  if (query_has_param(request, access_token_param)) return true;
  if (request.body.empty() || !is_form_content_type(request)) return false;
  const auto form = parse::parse_form(request.body);
  return form && form->contains(access_token_param);
}

}  // namespace

Clock system_clock_seconds() {
  return [] {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
}

Authenticator::Authenticator(AccountStore& accounts, LoginThrottle& throttle, jose::JwtVerifier verifier,
                             config::CompatMode compat, Clock clock)
    : accounts_(accounts), throttle_(throttle), verifier_(std::move(verifier)), compat_(compat), clock_(std::move(clock)) {}

tl::expected<Principal, AuthError> Authenticator::authenticate(const httplib::Request& request, Offer offer) const {
  const std::string authorization(http::header::authorization);
  const auto fields = request.get_header_value_count(authorization.c_str());
  if (fields > 1)
    return tl::unexpected(make_error(AuthErrorKind::malformed_request, "more than one Authorization header field"));
  if (fields == 0) return tl::unexpected(make_error(AuthErrorKind::no_credentials, "authentication required"));
  if (token_in_other_place(request))
    return tl::unexpected(make_error(AuthErrorKind::malformed_request, "the access token was sent in more than one way"));

  const std::string value = header_value(request, authorization);
  if (has_control_characters(value))
    return tl::unexpected(make_error(AuthErrorKind::malformed_request, "the Authorization header holds control characters"));
  const AuthScheme scheme = scheme_of(value);
  const bool basic = scheme == AuthScheme::basic && offers_basic(offer);
  const bool bearer = scheme == AuthScheme::bearer && offers_bearer(offer);
  if (!basic && !bearer) return tl::unexpected(make_error(AuthErrorKind::no_credentials, "authentication required"));

  const auto credentials = parse::parse_authorization(value);
  if (!credentials) {
    if (basic) return tl::unexpected(make_error(AuthErrorKind::invalid_credentials, "invalid username or password"));
    if (credentials.error().code == parse::ParseErrc::empty_credentials)
      return tl::unexpected(make_error(AuthErrorKind::malformed_request, "the Bearer credentials are empty"));
    return tl::unexpected(make_error(AuthErrorKind::invalid_token, std::string(invalid_token_text)));
  }
  if (const auto* basic_credentials = std::get_if<parse::BasicCredentials>(&*credentials))
    return check_basic(basic_credentials->user_id, basic_credentials->password, request.remote_addr);
  if (const auto* bearer_credentials = std::get_if<parse::BearerCredentials>(&*credentials))
    return check_bearer(bearer_credentials->token);
  return tl::unexpected(make_error(AuthErrorKind::no_credentials, "authentication required"));
}

tl::expected<Principal, AuthError> Authenticator::check_basic(std::string_view user_id,
                                                              std::string_view password,
                                                              std::string_view client_address) const {
  auto account = throttled_login(accounts_, throttle_, {user_id, password, client_address, clock_()});
  if (account) return Principal{std::move(*account), AuthMethod::basic, std::nullopt};
  switch (account.error().reason) {
    case LoginFailure::throttled: return tl::unexpected(too_many_failures(account.error().retry_after));
    case LoginFailure::busy:
      return tl::unexpected(make_error(AuthErrorKind::busy, "too many password checks in progress, retry later"));
    case LoginFailure::inactive:
      if (compat_ == config::CompatMode::fastapi) return tl::unexpected(make_error(AuthErrorKind::inactive_user));
      [[fallthrough]];
    case LoginFailure::bad_credentials: break;
  }
  return tl::unexpected(make_error(AuthErrorKind::invalid_credentials, "invalid username or password"));
}

tl::expected<Principal, AuthError> Authenticator::check_bearer(std::string_view token) const {
  auto claims = verifier_.verify(token, clock_());
  if (!claims) {
    const bool expired = claims.error().code == jose::JoseErrc::expired;
    return tl::unexpected(
        make_error(AuthErrorKind::invalid_token, std::string(expired ? expired_token_text : invalid_token_text)));
  }
  // RFC 9068 §2.2: jti and client_id are required in JWT access tokens; this server always
  // mints them, so a token without them was not issued here (catalog JWT-26).
  if (claims->jti.empty() || claims->client_id.empty() || claims->sub.empty())
    return tl::unexpected(make_error(AuthErrorKind::invalid_token, std::string(invalid_token_text)));
  auto account = accounts_.find(claims->sub);
  if (account && account->disabled && compat_ == config::CompatMode::fastapi)
    return tl::unexpected(make_error(AuthErrorKind::inactive_user));
  if (!account || account->disabled)
    return tl::unexpected(make_error(AuthErrorKind::invalid_token, std::string(invalid_token_text)));
  return Principal{std::move(*account), AuthMethod::bearer, std::move(*claims)};
}

}  // namespace authprobe::server
