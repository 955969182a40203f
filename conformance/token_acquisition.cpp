#include "conformance/token_acquisition.hpp"

#include <algorithm>
#include <cstdlib>

#include "conformance/command_output.hpp"
#include "conformance/http_constants.hpp"

namespace authprobe::conformance::acquisition {
namespace {

constexpr std::size_t quoted_body_bytes = 120;  // enough to show a framework's error message

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  return out;
}

Request login_request(const TargetProfile& target, const Endpoint& endpoint, const TestUser& user) {
  const auto& login = target.acquisition.login;
  const auto scopes = target.requested_scopes(user);
  Request request = req::method(endpoint.method, endpoint.path);
  switch (login.credentials) {
    case LoginCredentials::json: {
      nlohmann::json body = nlohmann::json::object();
      body[login.username_field] = user.username;
      body[login.password_field] = user.password;
      if (!scopes.empty()) body[login.scope_field] = joined(scopes);
      return request.with_body(std::string(http::media_type::json), body.dump());
    }
    case LoginCredentials::form: {
      FormParams params{{login.username_field, user.username}, {login.password_field, user.password}};
      if (!scopes.empty()) params.emplace_back(login.scope_field, joined(scopes));
      return request.with_form(params);
    }
    case LoginCredentials::basic:
      // A token-issuing route behind HTTP Basic (e.g. POST /api/tokens): no body to send.
      return request.with_basic(user.username, user.password);
  }
  return request;
}

std::string quoted(const Response& response) {
  std::string out = std::to_string(response.status);
  if (const auto body = response.json(); body && body->is_object() && body->contains("error") &&
                                         (*body)["error"].is_string()) {
    return out + " " + (*body)["error"].get<std::string>();
  }
  if (!response.body.empty()) out += " " + response.body.substr(0, quoted_body_bytes);
  return out;
}

}  // namespace

Request with_client_auth(const TargetProfile& target, Request request, FormParams params,
                         const std::optional<TestClient>& client) {
  switch (target.clients.auth) {
    case ClientAuth::basic:
      if (client && client->secret) request = request.with_basic(form_urlencode(client->id), form_urlencode(*client->secret));
      break;
    case ClientAuth::body:
      if (client) {
        params.emplace_back("client_id", client->id);
        if (client->secret) params.emplace_back("client_secret", *client->secret);
      }
      break;
    case ClientAuth::none:
      if (target.clients.public_client) params.emplace_back("client_id", target.clients.public_client->id);
      break;
  }
  return request.with_form(params);
}

Request password_grant_request(const TargetProfile& target, const Endpoint& endpoint, const TestUser& user,
                               const FormParams& extra, const std::optional<std::string>& password) {
  FormParams params{{"grant_type", "password"}, {"username", user.username}, {"password", password.value_or(user.password)}};
  const bool asks_scope = std::any_of(extra.begin(), extra.end(), [](const auto& param) { return param.first == "scope"; });
  if (const auto scopes = target.requested_scopes(user); !scopes.empty() && !asks_scope) {
    params.emplace_back("scope", joined(scopes));
  }
  params.insert(params.end(), extra.begin(), extra.end());
  return with_client_auth(target, req::method(endpoint.method, endpoint.path), std::move(params),
                          target.clients.confidential);
}

const nlohmann::json* member_at(const nlohmann::json& value, std::string_view path) {
  const nlohmann::json* at = &value;
  while (!path.empty()) {
    const auto dot = path.find('.');
    const std::string name(path.substr(0, dot));
    if (!at->is_object()) return nullptr;
    const auto found = at->find(name);
    if (found == at->end()) return nullptr;
    at = &*found;
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
  }
  return at;
}

Needed<Request> request_for(const TargetProfile& target, const TestUser& user, std::string_view logical) {
  const auto& endpoint = target.endpoints.token;
  if (!endpoint) return tl::unexpected(Unmet{"profile declares no token endpoint", "endpoints.token"});
  const Request base = req::method(endpoint->method, endpoint->path);
  FormParams params;
  const auto scopes = target.requested_scopes(user);
  switch (target.acquisition_kind()) {
    case AcquisitionKind::oauth_password:
      return password_grant_request(target, *endpoint, user, {}, std::nullopt);
    case AcquisitionKind::oauth_client_credentials:
      // RFC 6749 §4.4: the "user" is a client; its username and password are the id and secret.
      params = {{"grant_type", "client_credentials"}};
      if (!scopes.empty()) params.emplace_back("scope", joined(scopes));
      return with_client_auth(target, base, std::move(params), TestClient{user.username, user.password});
    case AcquisitionKind::login:
      return login_request(target, *endpoint, user);
    case AcquisitionKind::supplied:
    case AcquisitionKind::none:
      break;
  }
  return tl::unexpected(Unmet{"the profile declares no way to obtain a token for " + std::string(logical),
                              "token_acquisition.kind"});
}

tl::expected<TokenFields, TokenBodyError> parse_token_body(std::string_view body, std::string_view access_path,
                                                          const std::optional<std::string>& refresh_path) {
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded()) return tl::unexpected(TokenBodyError{TokenBodyErrc::not_json, "not JSON"});
  const auto* access = member_at(json, access_path);
  if (access == nullptr || !access->is_string() || access->get_ref<const std::string&>().empty()) {
    return tl::unexpected(TokenBodyError{TokenBodyErrc::no_access_token,
                                         "no access token string at '" + std::string(access_path) + "' in the response"});
  }
  const auto text_at = [&](std::string_view path) -> std::optional<std::string> {
    const auto* found = member_at(json, path);
    if (found == nullptr || !found->is_string()) return std::nullopt;
    return found->get<std::string>();
  };
  TokenFields fields;
  fields.access_token = access->get<std::string>();
  fields.token_type = text_at("token_type").value_or("");
  if (refresh_path) fields.refresh_token = text_at(*refresh_path);
  fields.scope = text_at("scope");
  fields.body = std::move(json);
  return fields;
}

Needed<TokenGrant> read_response(const TargetProfile& target, const Response& response, std::string_view logical) {
  const std::string who = "token request for " + std::string(logical);
  const std::string where = target.endpoints.token ? target.endpoints.token->method + " " + target.endpoints.token->path
                                                   : std::string("the token endpoint");
  if (!http::status::is_success(response.status)) {
    const bool refused = http::status::is_client_error(response.status);
    return tl::unexpected(Unmet{who + ": " + where + " answered " + quoted(response) + " (baseline TOKEN-01)",
                                refused ? "users." + std::string(logical) + ".password" : std::string("endpoints.token")});
  }
  const bool oauth = target.oauth_tokens();
  const std::string access_path = oauth ? "access_token" : target.acquisition.login.access_token_path;
  const std::string path_field = oauth ? "endpoints.token" : "token_acquisition.login.access_token";
  auto fields = parse_token_body(response.body, access_path, oauth ? std::optional<std::string>("refresh_token")
                                                                   : target.acquisition.login.refresh_token_path);
  if (!fields && fields.error().code == TokenBodyErrc::not_json) {
    return tl::unexpected(Unmet{who + ": " + where + " answered " + quoted(response) + ", not JSON", path_field});
  }
  if (!fields) return tl::unexpected(Unmet{who + ": " + fields.error().detail, path_field});
  TokenGrant grant;
  grant.access_token = std::move(fields->access_token);
  grant.token_type = std::move(fields->token_type);
  grant.refresh_token = std::move(fields->refresh_token);
  grant.scope = std::move(fields->scope);
  grant.body = std::move(fields->body);
  grant.exchange = response.exchange;
  return grant;
}

Needed<std::string> supplied(const SuppliedToken& source) {
  std::string token;
  if (source.value) {
    token = *source.value;
  } else if (source.env) {
    const char* value = std::getenv(source.env->c_str());
    if (value == nullptr) return tl::unexpected(Unmet{"environment variable " + *source.env + " is not set", source.field});
    token = value;
  } else if (source.command) {
    auto output = command_output(*source.command);
    if (!output) return tl::unexpected(Unmet{"the token command failed: " + output.error(), source.field});
    token = std::move(*output);
  }
  const auto first = token.find_first_not_of(" \t\r\n");
  const auto last = token.find_last_not_of(" \t\r\n");
  token = first == std::string::npos ? std::string() : token.substr(first, last - first + 1);
  if (token.empty()) return tl::unexpected(Unmet{"the supplied token is empty", source.field});
  return token;
}

}  // namespace authprobe::conformance::acquisition
