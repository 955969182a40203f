#include "reference/server/tokens/client_auth.hpp"

#include <algorithm>
#include <variant>

#include <openssl/crypto.h>

#include "reference/core/http_constants.hpp"
#include "reference/parse/authorization.hpp"
#include "reference/server/http/request_util.hpp"

namespace authprobe::server {
namespace {

constexpr std::string_view client_id_param = "client_id";
constexpr std::string_view client_secret_param = "client_secret";

tl::unexpected<AuthError> invalid_client() {
  return tl::unexpected(make_error(AuthErrorKind::invalid_client, "client authentication failed"));
}

bool same_digest(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

tl::expected<std::optional<config::Client>, AuthError> check_client(const AccountStore& accounts,
                                                                   std::string_view client_id,
                                                                   std::optional<std::string_view> secret) {
  auto client = accounts.find_client(client_id);
  if (!client) return invalid_client();
  if (client->secret_sha256) {
    if (!secret || !same_digest(config::sha256_hex(*secret), *client->secret_sha256)) return invalid_client();
  } else if (secret) {
    // A public client has no secret; one that presents a secret is not who it claims to be.
    return invalid_client();
  }
  return client;
}

}  // namespace

bool client_may_use(const config::Client& client, std::string_view grant_type) {
  return std::find(client.grant_types.begin(), client.grant_types.end(), grant_type) != client.grant_types.end();
}

tl::expected<std::optional<config::Client>, AuthError> authenticate_client(const httplib::Request& request,
                                                                           const parse::FormParams& form,
                                                                           const AccountStore& accounts) {
  const std::string authorization(http::header::authorization);
  const auto fields = request.get_header_value_count(authorization.c_str());
  if (fields > 1)
    return tl::unexpected(make_error(AuthErrorKind::invalid_request, "more than one Authorization header field"));
  const auto body_id = form.get(client_id_param);
  const auto body_secret = form.get(client_secret_param);

  if (fields == 1) {
    const std::string value = header_value(request, authorization);
    if (has_control_characters(value))
      return tl::unexpected(make_error(AuthErrorKind::invalid_request, "the Authorization header holds control characters"));
    if (scheme_of(value) != AuthScheme::basic) return invalid_client();
    const auto credentials = parse::parse_authorization(value);
    if (!credentials) return invalid_client();
    const auto* basic = std::get_if<parse::BasicCredentials>(&*credentials);
    if (basic == nullptr) return invalid_client();
    const auto id = parse::form_url_decode(basic->user_id);
    const auto secret = parse::form_url_decode(basic->password);
    if (!id || !secret) return invalid_client();
    if (body_secret || (body_id && *body_id != *id))
      return tl::unexpected(
          make_error(AuthErrorKind::invalid_request, "more than one client authentication method was used"));
    return check_client(accounts, *id, std::string_view(*secret));
  }
  if (body_id) return check_client(accounts, *body_id, body_secret);
  if (body_secret) return invalid_client();
  return std::optional<config::Client>{};
}

}  // namespace authprobe::server
