#include "reference/server/describe/openapi.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "reference/core/http_constants.hpp"
#include "reference/server/authorize.hpp"
#include "reference/server/routes.hpp"

namespace authprobe::server::description {
namespace {

using nlohmann::json;
namespace header = http::header;

constexpr std::string_view openapi_version = "3.1.0";
constexpr std::string_view basic_scheme = "basicAuth";
constexpr std::string_view bearer_scheme = "bearerJWT";
constexpr std::string_view oauth2_scheme = "oauth2Password";
constexpr std::string_view token_path = "/token";

// One error as error_response.cpp writes it in this server's mode: what a client really sees.
struct Example {
  std::string name;
  int status = 0;
  json body;
  std::map<std::string, std::string> headers;
};

Example example_of(const ServerState& state, std::string name, AuthError error, Offer offer,
                   std::string_view scope = {}) {
  httplib::Response response;
  write_error(error, state.context(offer, scope), response);
  Example example{std::move(name), response.status, json::parse(response.body, nullptr, false), {}};
  for (const auto field : {header::www_authenticate, header::allow, header::retry_after}) {
    const std::string key(field);
    // Several challenges are several fields (RFC 9110 §11.6.1): all of them, joined for reading.
    std::string values;
    for (std::size_t i = 0; i < response.get_header_value_count(key); ++i) {
      if (!values.empty()) values += " | ";
      values += response.get_header_value(key, i);
    }
    if (!values.empty()) example.headers[key] = values;
  }
  return example;
}

std::vector<Example> errors_of(const ServerState& state, const Route& route, const Operation& operation) {
  const Need& need = operation.need;
  std::vector<Example> out;
  AuthError not_allowed = make_error(AuthErrorKind::method_not_allowed, "the method is not allowed on this resource");
  not_allowed.allow = allow_of(route);
  out.push_back(example_of(state, "other_method", std::move(not_allowed), Offer::none));
  if (route.path == token_path) {
    for (auto& [name, error] : state.token_endpoint.documented_errors())
      out.push_back(example_of(state, std::move(name), std::move(error), Offer::none));
    return out;
  }
  if (need.offer == Offer::none) return out;
  out.push_back(example_of(state, "no_credentials", make_error(AuthErrorKind::no_credentials, "authentication required"), need.offer));
  out.push_back(example_of(state, "malformed_request",
                           make_error(AuthErrorKind::malformed_request, "more than one Authorization header field"), need.offer));
  if (offers_basic(need.offer)) {
    out.push_back(example_of(state, "invalid_credentials", make_error(AuthErrorKind::invalid_credentials, "invalid username or password"), need.offer));
    out.push_back(example_of(state, "throttled", make_error(AuthErrorKind::too_many_requests, "too many failed logins, retry later"), need.offer));
  }
  if (offers_bearer(need.offer))
    out.push_back(example_of(state, "invalid_token", make_error(AuthErrorKind::invalid_token, "the access token is invalid"),
                             need.offer, need.scope));
  // The refusals of the decision routes.cpp makes for this need (a role alone: require_role).
  if (!need.role.empty() && need.scope.empty()) {
    out.push_back(example_of(state, "forbidden", role_refusal(need.role), need.offer));
  } else if (!need.role.empty() || !need.scope.empty() || !need.rule.empty()) {
    AuthError scope = make_error(AuthErrorKind::insufficient_scope, "the access token lacks the required scope");
    scope.scope = std::string(need.scope.empty() ? need.role : need.scope);
    out.push_back(example_of(state, "insufficient_scope", std::move(scope), need.offer, need.scope));
    if (offers_basic(need.offer) && !need.role.empty())
      out.push_back(example_of(state, "forbidden", role_refusal(need.role), need.offer));
  }
  return out;
}

// Errors grouped by status: one response object per status, each error a named example.
json responses_of(const ServerState& state, const Route& route, const Operation& operation) {
  json responses = json::object();
  json success = {{"description", std::string(operation.summary)}};
  success["content"][std::string(operation.response_media_type)] = json::object();
  responses[std::to_string(operation.success_status)] = success;
  for (auto& example : errors_of(state, route, operation)) {
    json& response = responses[std::to_string(example.status)];
    if (!response.contains("description")) {
      response["description"] = "Error; its body and challenge as this server writes them";
      response["content"]["application/json"]["schema"] = {{"$ref", "#/components/schemas/Error"}};
    }
    response["content"]["application/json"]["examples"][example.name] = {{"value", example.body}};
    for (const auto& [name, value] : example.headers) {
      json& field = response["headers"][name];
      field["schema"] = {{"type", "string"}};
      std::string description = field.value("description", std::string());
      if (!description.empty()) description += "\n";
      field["description"] = description + example.name + ": " + value;
    }
  }
  return responses;
}

// The scope-tokens of a need (RFC 6749 §3.3: space-separated).
std::vector<std::string> scope_tokens(std::string_view scope) {
  std::vector<std::string> tokens;
  for (std::size_t start = 0; start < scope.size();) {
    const auto end = std::min(scope.find(' ', start), scope.size());
    if (end > start) tokens.emplace_back(scope.substr(start, end - start));
    start = end + 1;
  }
  return tokens;
}

json security_of(const Need& need) {
  if (need.offer == Offer::none) return json::array();
  json alternatives = json::array();
  if (offers_basic(need.offer)) alternatives.push_back({{std::string(basic_scheme), json::array()}});
  if (offers_bearer(need.offer)) {
    json scopes = json::array();
    for (auto& token : scope_tokens(need.scope)) scopes.push_back(std::move(token));
    alternatives.push_back({{std::string(oauth2_scheme), scopes}});
    alternatives.push_back({{std::string(bearer_scheme), scopes}});
  }
  return alternatives;
}

std::string description_of(const Operation& operation) {
  std::string text;
  if (!operation.need.role.empty()) {
    text += "Role: ";
    text += operation.need.role;
    text += ". ";
  }
  if (!operation.need.rule.empty()) {
    text += "Rule: ";
    text += operation.need.rule;
    text += ".";
  }
  return text;
}

json operation_json(const ServerState& state, const Route& route, const Operation& operation) {
  json out = {{"summary", std::string(operation.summary)},
              {"operationId", std::string(method_name(operation.method)) + " " + std::string(route.path)},
              {"security", security_of(operation.need)},
              {"responses", responses_of(state, route, operation)}};
  if (const std::string description = description_of(operation); !description.empty()) out["description"] = description;
  if (!operation.request_media_type.empty()) {
    json media = json::object();
    if (!operation.request_example.empty()) {
      // A JSON body's example is the JSON value itself; any other media type's is its text.
      const bool is_json = operation.request_media_type == http::media_type::json;
      media["example"] = is_json ? json::parse(operation.request_example) : json(std::string(operation.request_example));
    }
    out["requestBody"] = {{"required", true}, {"content", {{std::string(operation.request_media_type), media}}}};
  }
  // Path templates ({username}) are parameters of the operation.
  const std::string path(route.path);
  for (auto open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
    const auto close = path.find('}', open);
    out["parameters"].push_back({{"name", path.substr(open + 1, close - open - 1)},
                                 {"in", "path"},
                                 {"required", true},
                                 {"schema", {{"type", "string"}}}});
  }
  return out;
}

json security_schemes(config::CompatMode mode) {
  json scopes = json::object();
  for (const auto& route : route_table(mode))
    for (const auto& operation : route.operations)
      for (const auto& name : scope_tokens(operation.need.scope)) {
        std::string text = scopes.value(name, std::string("needed by"));
        text += ' ';
        text += method_name(operation.method);
        text += ' ';
        text += route.path;
        scopes[name] = text;
      }
  return {
      {std::string(basic_scheme), {{"type", "http"}, {"scheme", "basic"}}},
      {std::string(bearer_scheme), {{"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "JWT"}}},
      {std::string(oauth2_scheme),
       {{"type", "oauth2"},
        {"flows",
         {{"password",
           {{"tokenUrl", std::string(token_path)}, {"refreshUrl", std::string(token_path)}, {"scopes", scopes}}}}}}},
  };
}

}  // namespace

json openapi_document(const ServerState& state) {
  json paths = json::object();
  for (const auto& route : route_table(state.config.compat))
    for (const auto& operation : route.operations) {
      std::string method(method_name(operation.method));
      for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      paths[std::string(route.path)][method] = operation_json(state, route, operation);
    }
  json document = {
      {"openapi", std::string(openapi_version)},
      {"info",
       {{"title", "authprobe reference server"},
        {"version", "1"},
        {"description", "Generated from the server's route table; error bodies and challenges as the server writes "
                        "them in " + std::string(config::compat_name(state.config.compat)) + " mode."}}},
      {"paths", paths},
      {"components",
       {{"securitySchemes", security_schemes(state.config.compat)},
        {"schemas",
         {{"Error",
           {{"type", "object"},
            {"description", "strict mode: error and error_description (RFC 6749 §5.2, RFC 6750 §3); fastapi mode: detail"},
            {"properties",
             {{"error", {{"type", "string"}}}, {"error_description", {{"type", "string"}}}, {"detail", json::object()}}}}}}}}}};
  if (!state.base_url.empty()) document["servers"] = json::array({{{"url", state.base_url}}});
  return document;
}

}  // namespace authprobe::server::description
