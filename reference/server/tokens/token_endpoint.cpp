#include "reference/server/tokens/token_endpoint.hpp"

#include <utility>

#include "reference/jose/jwt.hpp"
#include "reference/server/http/request_util.hpp"
#include "reference/server/login/throttled_login.hpp"
#include "reference/server/tokens/client_auth.hpp"
#include "reference/server/tokens/random_token.hpp"
#include "reference/server/tokens/scope.hpp"

namespace authprobe::server {
namespace {

constexpr std::string_view grant_type_param = "grant_type";
constexpr std::string_view username_param = "username";
constexpr std::string_view password_param = "password";
constexpr std::string_view scope_param = "scope";
constexpr std::string_view refresh_token_param = "refresh_token";
// A token request without a client is only accepted in --compat fastapi (the tutorials' form
// takes none); its tokens name this client and get no refresh token.
constexpr std::string_view anonymous_client = "anonymous";
// OAuth2PasswordRequestForm's pattern for grant_type (FastAPI 0.92).
constexpr std::string_view tutorial_grant_pattern = "password";

tl::unexpected<AuthError> error(AuthErrorKind kind, std::string description) {
  return tl::unexpected(make_error(kind, std::move(description)));
}

tl::unexpected<AuthError> invalid_request(std::string description) {
  return error(AuthErrorKind::invalid_request, std::move(description));
}

tl::unexpected<AuthError> unprocessable(std::vector<FieldError> fields, std::string description = {}) {
  AuthError e = make_error(AuthErrorKind::unprocessable, std::move(description));
  e.fields = std::move(fields);
  return tl::unexpected(std::move(e));
}

tl::unexpected<AuthError> bad_grant() { return error(AuthErrorKind::invalid_grant, "invalid username or password"); }

// RFC 6749 §3.3: the requested scope, parsed; an empty optional when the parameter is absent.
tl::expected<std::optional<std::vector<std::string>>, AuthError> requested_scope(const parse::FormParams& form) {
  const auto raw = form.get(scope_param);
  if (!raw) return std::optional<std::vector<std::string>>{};
  auto tokens = parse_scope(*raw);
  if (!tokens) return error(AuthErrorKind::invalid_scope, "the requested scope is malformed");
  return std::optional<std::vector<std::string>>(std::move(*tokens));
}

}  // namespace

TokenEndpoint::TokenEndpoint(TokenSettings settings, AccountStore& accounts, LoginThrottle& throttle,
                             RefreshTokenStore& refresh_tokens, jose::Key signing_key, Clock clock)
    : settings_(std::move(settings)),
      accounts_(accounts),
      throttle_(throttle),
      refresh_tokens_(refresh_tokens),
      signing_key_(std::move(signing_key)),
      clock_(std::move(clock)) {}

tl::expected<nlohmann::json, AuthError> TokenEndpoint::handle(const httplib::Request& request) const {
  if (settings_.compat == config::CompatMode::fastapi) return tutorial_form(request);
  // RFC 6749 §3.2, §2.3.1: credentials never travel in the URI; the query is not read.
  if (!query_of(request).empty()) return invalid_request("parameters must be sent in the request body, not in the URI");
  // RFC 6749 §4.3.2, Appendix B: the body is application/x-www-form-urlencoded.
  if (!is_form_content_type(request)) return invalid_request("the body must be application/x-www-form-urlencoded");
  const auto form = parse::parse_form(request.body);
  if (!form) {
    if (form.error().code == parse::ParseErrc::duplicate_parameter) return invalid_request("a parameter was sent more than once");
    return invalid_request("the form body is malformed");
  }

  const std::string grant_type(form->get(grant_type_param).value_or(""));
  if (grant_type.empty()) return invalid_request("grant_type is required");
  if (grant_type != grant_password && grant_type != grant_refresh_token)
    return error(AuthErrorKind::unsupported_grant_type, "the grant type is not supported");

  auto client = authenticate_client(request, *form, accounts_);
  if (!client) return tl::unexpected(std::move(client.error()));
  if (!*client && requires_client())
    return error(AuthErrorKind::invalid_client, "client authentication required");
  if (*client && !client_may_use(**client, grant_type))
    return error(AuthErrorKind::unauthorized_client, "the client may not use this grant type");

  return grant_type == grant_password ? password_grant(*form, *client, request.remote_addr) : refresh_grant(*form, *client);
}

// FastAPI's OAuth2PasswordRequestForm, validated as FastAPI 0.92 does: the fields come from the
// body read as a form (a body that is not a form has none, so they are all missing; the query is
// never read), an empty field is a missing one, grant_type is optional but must match "password",
// and every failed field is listed in one 422. The form's client_id and client_secret are read by
// nothing in the tutorials: there is no client authentication (catalog D3, D4).
tl::expected<nlohmann::json, AuthError> TokenEndpoint::tutorial_form(const httplib::Request& request) const {
  parse::FormParams form;
  if (is_form_content_type(request)) {
    auto parsed = parse::parse_form(request.body);
    if (!parsed) {
      const bool repeated = parsed.error().code == parse::ParseErrc::duplicate_parameter;
      return unprocessable({{"", FieldProblem::malformed_body, {}}},
                           repeated ? "a parameter was sent more than once" : "the form body is malformed");
    }
    form = std::move(*parsed);
  }
  std::vector<FieldError> problems;
  if (const auto grant_type = form.get(grant_type_param); grant_type && *grant_type != grant_password)
    problems.push_back({std::string(grant_type_param), FieldProblem::pattern_mismatch, std::string(tutorial_grant_pattern)});
  for (const auto field : {username_param, password_param})
    if (!form.get(field)) problems.push_back({std::string(field), FieldProblem::missing, {}});
  if (!problems.empty()) return unprocessable(std::move(problems));
  return password_grant(form, std::nullopt, request.remote_addr);
}

std::vector<std::pair<std::string, AuthError>> TokenEndpoint::documented_errors() const {
  std::vector<std::pair<std::string, AuthError>> out;
  if (settings_.compat == config::CompatMode::fastapi) {
    out.emplace_back("validation_error", unprocessable({{std::string(username_param), FieldProblem::missing, {}},
                                                        {std::string(password_param), FieldProblem::missing, {}}})
                                             .value());
  } else {
    out.emplace_back("invalid_request", make_error(AuthErrorKind::invalid_request,
                                                   "more than one client authentication method was used"));
    out.emplace_back("invalid_client", make_error(AuthErrorKind::invalid_client, "client authentication failed"));
  }
  out.emplace_back("invalid_grant", bad_grant().value());
  out.emplace_back("throttled", too_many_failures(std::chrono::seconds{1}));
  return out;
}

tl::expected<nlohmann::json, AuthError> TokenEndpoint::password_grant(
    const parse::FormParams& form, const std::optional<config::Client>& client, std::string_view client_address) const {
  // RFC 6749 §3.2: a parameter without a value is omitted, so `password=` is missing.
  const auto username = form.get(username_param);
  if (!username) return invalid_request("username and password are required");
  const auto password = form.get(password_param);
  if (!password) return invalid_request("username and password are required");

  auto requested = requested_scope(form);
  if (!requested) return tl::unexpected(std::move(requested.error()));
  if (*requested) {
    const auto known = accounts_.known_scopes();
    for (const auto& token : **requested)
      if (!contains_token(known, token)) return error(AuthErrorKind::invalid_scope, "the requested scope is unknown");
  }

  auto login = throttled_login(accounts_, throttle_, {*username, *password, client_address, clock_()});
  std::optional<Account> account;
  if (login) {
    account = std::move(*login);
  } else {
    switch (login.error().reason) {
      case LoginFailure::throttled: return tl::unexpected(too_many_failures(login.error().retry_after));
      case LoginFailure::busy:
        return error(AuthErrorKind::busy, "too many logins in progress, retry later");
      case LoginFailure::inactive:
        // tutorial004/005 issue the disabled user a token and refuse her at the resources (400
        // "Inactive user", catalog D12); strict: OWASP, a disabled account looks like a wrong password.
        if (settings_.compat == config::CompatMode::fastapi) account = accounts_.find(*username);
        if (!account) return bad_grant();
        break;
      case LoginFailure::bad_credentials: return bad_grant();
    }
  }
  // RFC 6749 §3.3: the server may grant less than requested, and then says so in `scope`.
  std::vector<std::string> granted = *requested ? intersect_scope(**requested, account->scopes) : account->scopes;
  if (*requested && granted.empty())
    return error(AuthErrorKind::invalid_scope, "none of the requested scopes can be granted");

  Issue out;
  out.account = std::move(*account);
  out.client_id = client ? client->client_id : std::string(anonymous_client);
  out.scope = std::move(granted);
  out.with_refresh_token = client && client_may_use(*client, grant_refresh_token);
  return issue(std::move(out));
}

tl::expected<nlohmann::json, AuthError> TokenEndpoint::refresh_grant(
    const parse::FormParams& form, const std::optional<config::Client>& client) const {
  const auto refresh_token = form.get(refresh_token_param);
  if (!refresh_token) return invalid_request("refresh_token is required");
  if (!client) return error(AuthErrorKind::invalid_grant, "the refresh token is invalid");
  const auto now = clock_();
  // RFC 6749 §6: bound to the client it was issued to; RFC 9700 §4.14.2: replay revokes.
  auto grant = refresh_tokens_.inspect(*refresh_token, client->client_id, now);
  if (!grant) return error(AuthErrorKind::invalid_grant, "the refresh token is invalid");

  auto requested = requested_scope(form);
  if (!requested) return tl::unexpected(std::move(requested.error()));
  const auto original = parse_scope(grant->scope).value_or(std::vector<std::string>{});
  if (*requested)
    for (const auto& token : **requested)
      if (!contains_token(original, token))
        return error(AuthErrorKind::invalid_scope, "the requested scope exceeds the original grant");

  auto account = accounts_.find(grant->username);
  if (!account || account->disabled) return error(AuthErrorKind::invalid_grant, "the refresh token is invalid");
  auto successor = refresh_tokens_.rotate(*refresh_token, client->client_id, now);
  if (!successor) return error(AuthErrorKind::invalid_grant, "the refresh token is invalid");

  Issue out;
  // Never more than the user holds today, never more than the original grant.
  out.scope = intersect_scope(*requested ? **requested : original, account->scopes);
  out.account = std::move(*account);
  out.client_id = client->client_id;
  out.with_refresh_token = true;
  out.refresh_token = std::move(*successor);
  return issue(std::move(out));
}

tl::expected<ExpiredToken, AuthError> TokenEndpoint::expired_copy(const jose::Claims& presented) const {
  jose::Claims claims = presented;
  auto token_id = jose::new_token_id();
  if (!token_id) return error(AuthErrorKind::internal, "the token could not be issued");
  claims.jti = std::move(*token_id);
  // Expired when now >= exp + leeway (RFC 7519 §4.1.4 with the verifier's leeway): well past it.
  claims.exp = clock_() - settings_.leeway.count() - expired_copy_age.count();
  claims.iat = claims.exp - settings_.access_token_ttl.count();
  claims.nbf = 0;
  auto access_token = jose::mint_access_token(claims, signing_key_);
  if (!access_token) return error(AuthErrorKind::internal, "the token could not be issued");
  return ExpiredToken{std::move(*access_token), claims.exp};
}

tl::expected<nlohmann::json, AuthError> TokenEndpoint::issue(Issue in) const {
  const auto now = clock_();
  jose::Claims claims;
  claims.iss = settings_.issuer;
  claims.sub = in.account.username;
  claims.aud = {settings_.audience};
  claims.client_id = in.client_id;
  auto token_id = jose::new_token_id();
  if (!token_id) return error(AuthErrorKind::internal, "the token could not be issued");
  claims.jti = std::move(*token_id);
  claims.scope = join_scope(in.scope);
  claims.roles = in.account.roles;
  claims.iat = now;
  claims.exp = now + settings_.access_token_ttl.count();
  auto access_token = jose::mint_access_token(claims, signing_key_);
  if (!access_token) return error(AuthErrorKind::internal, "the token could not be issued");

  // RFC 6749 §5.1; token_type is case-insensitive, FastAPI's tutorials send "bearer".
  nlohmann::json body = {
      {"access_token", std::move(*access_token)},
      {"token_type", settings_.compat == config::CompatMode::fastapi ? "bearer" : "Bearer"},
      {"expires_in", settings_.access_token_ttl.count()},
      {"scope", claims.scope},
  };
  if (in.with_refresh_token) {
    if (in.refresh_token.empty())
      in.refresh_token = refresh_tokens_.issue(RefreshGrant{claims.sub, in.client_id, claims.scope}, now);
    body["refresh_token"] = std::move(in.refresh_token);
  }
  return body;
}

}  // namespace authprobe::server
