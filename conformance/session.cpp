#include "conformance/session.hpp"

#include "conformance/http_constants.hpp"

namespace authprobe::conformance {

Needed<const TestUser*> Session::user(std::string_view logical) const {
  const auto* found = target_.user(logical);
  if (found == nullptr) return tl::unexpected(Unmet{"profile declares no fixture user '" + std::string(logical) + "'"});
  return found;
}

Request Session::with_client_auth(Request request, FormParams params) const {
  const auto& clients = target_.clients;
  const auto& client = clients.confidential;
  switch (clients.auth) {
    case ClientAuth::basic:
      // RFC 6749 §2.3.1: id and secret are form-urlencoded before they go into Basic.
      if (client && client->secret) {
        request = request.with_basic(form_urlencode(client->id), form_urlencode(*client->secret));
      }
      break;
    case ClientAuth::body:
      if (client) {
        params.emplace_back("client_id", client->id);
        if (client->secret) params.emplace_back("client_secret", *client->secret);
      }
      break;
    case ClientAuth::none:
      if (clients.public_client) params.emplace_back("client_id", clients.public_client->id);
      break;
  }
  return request.with_form(params);
}

Needed<Request> Session::token_request(std::string_view user_name, const FormParams& extra,
                                       const std::optional<std::string>& password) const {
  const auto& endpoint = target_.endpoints.token;
  if (!endpoint) return tl::unexpected(Unmet{"profile declares no token endpoint"});
  auto found = user(user_name);
  if (!found) return tl::unexpected(found.error());
  FormParams params{{"grant_type", "password"},
                    {"username", (*found)->username},
                    {"password", password.value_or((*found)->password)}};
  params.insert(params.end(), extra.begin(), extra.end());
  return with_client_auth(req::method(endpoint->method, endpoint->path), std::move(params));
}

Needed<TokenGrant> Session::fresh_token(std::string_view user_name, const FormParams& extra) {
  auto request = token_request(user_name, extra);
  if (!request) return tl::unexpected(request.error());
  auto sent = probe_.send(*request);
  const std::string who = "token grant for " + std::string(user_name);
  if (!sent) return tl::unexpected(Unmet{who + " failed: " + sent.error().message});
  if (sent->status != http::status::ok) {
    return tl::unexpected(Unmet{who + " answered " + std::to_string(sent->status) + " (baseline TOKEN-01)"});
  }
  auto body = sent->json();
  if (!body || !body->is_object() || !body->contains("access_token") || !(*body)["access_token"].is_string()) {
    return tl::unexpected(Unmet{who + " returned no access_token string"});
  }
  TokenGrant grant;
  grant.access_token = (*body)["access_token"].get<std::string>();
  if (body->contains("token_type") && (*body)["token_type"].is_string()) {
    grant.token_type = (*body)["token_type"].get<std::string>();
  }
  if (body->contains("refresh_token") && (*body)["refresh_token"].is_string()) {
    grant.refresh_token = (*body)["refresh_token"].get<std::string>();
  }
  if (body->contains("scope") && (*body)["scope"].is_string()) grant.scope = (*body)["scope"].get<std::string>();
  grant.body = std::move(*body);
  grant.exchange = sent->exchange;
  return grant;
}

Needed<TokenGrant> Session::token(std::string_view user_name) {
  if (auto cached = cache_.find(user_name); cached != cache_.end()) return cached->second;
  auto grant = fresh_token(user_name);
  cache_.emplace(std::string(user_name), grant);
  return grant;
}

}  // namespace authprobe::conformance
