#include "reference/server/routes.hpp"

#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "reference/core/http_constants.hpp"
#include "reference/server/authorize.hpp"
#include "reference/server/describe/docs_page.hpp"
#include "reference/server/compat/tutorial_handlers.hpp"
#include "reference/server/route_handlers.hpp"

namespace authprobe::server {
namespace {

namespace status = http::status;
namespace media = http::media_type;

constexpr std::string_view todos_read = "todos:read";
constexpr std::string_view todos_write = "todos:write";
constexpr std::string_view tutorial_me = "me";
// tutorial005's order: the route's own scope, then the one its dependency (the current user) asks.
constexpr std::string_view tutorial_items_and_me = "items me";
constexpr std::string_view text_plain = "text/plain";
constexpr std::string_view own_record_rule =
    "own record; another user's needs role admin (the same 403 whether or not that user exists)";

// The self-description, its OpenAPI form, the console and the baseline: in every mode.
std::vector<Route> describing_routes() {
  return {
      {"/", "/",
       {{Method::get, handlers::self_description, {}, "What this server is: users, clients, routes, curl lines", status::ok, {},
         text_plain}}},
      {"/openapi\\.json", description::openapi_path,
       {{Method::get, handlers::openapi, {}, "This server as an OpenAPI 3.1 document"}}},
      {"/docs", description::docs_path,
       {{Method::get, handlers::docs, {}, "The auth console: log in, call every route, see the challenges", status::ok,
         {}, "text/html"}}},
      {"/docs/accounts\\.json", description::console_accounts_path,
       {{Method::get, handlers::console_accounts, {},
         "The users and clients of GET / as JSON, for the console's user picker (passwords only for the demo fixture)"}}},
      {"/docs/expired-token", description::expired_token_path,
       {{Method::post, handlers::expired_token, {Offer::bearer},
         "Teaching: your own access token signed again with exp already past, so you can see it refused (it grants "
         "nothing)"}}},
      {"/health", "/health", {{Method::get, handlers::health, {}, "The unauthenticated baseline"}}},
  };
}

// The todo API and the record API the conformance profiles map the catalog's Bearer read/write
// and own-record resources to: the same in every mode.
std::vector<Route> api_routes() {
  return {
      {"/api/todos", "/api/todos",
       {{Method::get, handlers::list_todos, {Offer::bearer, {}, todos_read}, "Your todos"},
        {Method::post, handlers::add_todo, {Offer::bearer, {}, todos_write}, "Add a todo: {\"title\": \"...\"}",
         status::created, media::json, media::json, R"({"title": "read RFC 6750"})"}}},
      {"/api/users/([^/]+)", "/api/users/{username}",
       {{Method::get, handlers::user_record, {Offer::bearer, {}, {}, own_record_rule}, "A user's record"}}},
  };
}

std::vector<Route> strict_route_table() {
  std::vector<Route> table = describing_routes();
  std::vector<Route> own = {
      {"/token", "/token",
       {{Method::post, handlers::token, {},
         "Token endpoint: password and refresh_token grants (RFC 6749 §4.3, §6); client authentication as the "
         "client is registered",
         status::ok, media::form_urlencoded, media::json, "grant_type=password&username=USER&password=PASSWORD"}}},
      {"/\\.well-known/jwks\\.json", "/.well-known/jwks.json",
       {{Method::get, handlers::jwks, {}, "The public signing keys (404 with a symmetric key)", status::ok, {},
         media::jwk_set}}},
      {"/profile", "/profile", {{Method::get, handlers::profile, {Offer::basic}, "Your account, by HTTP Basic"}}},
      {"/users/me", "/users/me",
       {{Method::get, handlers::users_me, {Offer::bearer}, "Your account and token, by a Bearer token"}}},
      {"/admin", "/admin",
       {{Method::get, handlers::admin, {Offer::basic_and_bearer, admin_role, admin_scope},
         "Administrators only, by Basic or Bearer"}}},
  };
  table.insert(table.end(), own.begin(), own.end());
  for (auto& route : api_routes()) table.push_back(std::move(route));
  return table;
}

// The FastAPI security tutorials: the OAuth2 + JWT one (/token, /users/me/ with its trailing
// slash), the scopes one (me, items), the RBAC one (/admin) and the HTTP Basic one (/profile).
std::vector<Route> fastapi_route_table() {
  std::vector<Route> table = describing_routes();
  std::vector<Route> own = {
      {"/token", "/token",
       {{Method::post, handlers::token, {},
         "Token endpoint: the tutorials' OAuth2PasswordRequestForm (grant_type optional, scope optional); no client "
         "authentication",
         status::ok, media::form_urlencoded, media::json, "username=USER&password=PASSWORD"}}},
      {"/profile", "/profile",
       {{Method::get, handlers::tutorial_profile, {Offer::basic}, "Hello, you: the HTTP Basic tutorial"}}},
      {"/users/me/", "/users/me/",
       {{Method::get, handlers::tutorial_user, {Offer::bearer, {}, tutorial_me},
         "Your user object: the OAuth2 + JWT tutorial (a disabled user gets 400 Inactive user)"}}},
      {"/users/me/items/", "/users/me/items/",
       {{Method::get, handlers::tutorial_items, {Offer::bearer, {}, tutorial_items_and_me},
         "Your items: the scopes tutorial (401 Not enough permissions without them)"}}},
      {"/admin", "/admin",
       {{Method::get, handlers::tutorial_admin, {Offer::bearer, admin_role},
         "Administrators only: the RBAC tutorial (403 Not enough permissions)"}}},
  };
  table.insert(table.end(), own.begin(), own.end());
  for (auto& route : api_routes()) table.push_back(std::move(route));
  return table;
}

struct CompiledRoute {
  std::regex pattern;
  Offer offer = Offer::none;
  bool trailing_slash = false;  // declared with a trailing slash, e.g. /users/me/ (not the root)
};

const std::vector<CompiledRoute>& compiled_routes(config::CompatMode mode) {
  static const auto compile = [](config::CompatMode m) {
    std::vector<CompiledRoute> compiled;
    for (const auto& route : route_table(m))
      compiled.push_back({std::regex(std::string(route.pattern)), offer_of(route),
                          route.path.size() > 1 && route.path.ends_with('/')});
    return compiled;
  };
  static const std::vector<CompiledRoute> strict = compile(config::CompatMode::strict);
  static const std::vector<CompiledRoute> fastapi = compile(config::CompatMode::fastapi);
  return mode == config::CompatMode::fastapi ? fastapi : strict;
}

// Authenticate for the route's schemes, then make the declared decision; on failure writes the
// error (its challenges naming the route's scopes where the mode does) and returns nullopt.
std::optional<Principal> admitted(ServerState& state, const httplib::Request& request, httplib::Response& response,
                                  const Need& need) {
  const auto context = state.context(need.offer, need.scope);
  auto principal = state.authenticator.authenticate(request, need.offer);
  if (!principal) {
    write_error(principal.error(), context, response);
    return std::nullopt;
  }
  tl::expected<void, AuthError> decision;
  if (!need.role.empty()) {
    decision = need.scope.empty() ? require_role(*principal, need.role)
                                  : require_role_and_scope(*principal, need.role, need.scope);
  } else if (!need.scope.empty()) {
    decision = require_scope(*principal, need.scope);
  }
  if (!decision) {
    write_error(decision.error(), context, response);
    return std::nullopt;
  }
  return std::move(*principal);
}

httplib::Server::Handler bind(ServerState& state, const Operation& operation) {
  return [&state, &operation](const httplib::Request& request, httplib::Response& response) {
    if (operation.need.offer == Offer::none) {
      operation.handler(state, request, response, nullptr);
      return;
    }
    const auto principal = admitted(state, request, response, operation.need);
    if (principal) operation.handler(state, request, response, &*principal);
  };
}

httplib::Server::Handler method_not_allowed(ServerState& state, std::string allow) {
  return [&state, allow = std::move(allow)](const httplib::Request&, httplib::Response& response) {
    AuthError error = make_error(AuthErrorKind::method_not_allowed, "the method is not allowed on this resource");
    error.allow = allow;
    write_error(error, state.context(Offer::none), response);
  };
}

httplib::Server::Handler options(ServerState& state, std::string allow) {
  return [&state, allow = std::move(allow)](const httplib::Request& request, httplib::Response& response) {
    state.cors.answer_preflight(request, allow, response);
  };
}

}  // namespace

const std::vector<Route>& route_table(config::CompatMode mode) {
  static const std::vector<Route> strict = strict_route_table();
  static const std::vector<Route> fastapi = fastapi_route_table();
  return mode == config::CompatMode::fastapi ? fastapi : strict;
}

std::string_view method_name(Method method) { return method == Method::get ? "GET" : "POST"; }

const Operation* find_operation(const Route& route, Method method) {
  for (const auto& operation : route.operations)
    if (operation.method == method) return &operation;
  return nullptr;
}

Offer offer_of(const Route& route) {
  bool basic = false;
  bool bearer = false;
  for (const auto& operation : route.operations) {
    basic = basic || offers_basic(operation.need.offer);
    bearer = bearer || offers_bearer(operation.need.offer);
  }
  if (basic && bearer) return Offer::basic_and_bearer;
  if (basic) return Offer::basic;
  return bearer ? Offer::bearer : Offer::none;
}

std::string allow_of(const Route& route) {
  std::string allow;
  if (find_operation(route, Method::get) != nullptr) allow += "GET, HEAD, ";  // cpp-httplib answers HEAD with GET
  if (find_operation(route, Method::post) != nullptr) allow += "POST, ";
  return allow + "OPTIONS";
}

Offer offer_for_path(config::CompatMode mode, const std::string& path) {
  for (const auto& route : compiled_routes(mode))
    if (std::regex_match(path, route.pattern)) return route.offer;
  return Offer::none;
}

bool found_with_trailing_slash(config::CompatMode mode, const std::string& path) {
  if (path.empty() || path.back() == '/') return false;
  const std::string with_slash = path + "/";
  for (const auto& route : compiled_routes(mode))
    if (route.trailing_slash && std::regex_match(with_slash, route.pattern)) return true;
  return false;
}

void install_routes(httplib::Server& http, ServerState& state) {
  for (const auto& route : route_table(state.config.compat)) {
    const std::string pattern(route.pattern);
    const std::string allow = allow_of(route);
    const auto refuse = method_not_allowed(state, allow);
    const Operation* get = find_operation(route, Method::get);
    const Operation* post = find_operation(route, Method::post);
    http.Get(pattern, get != nullptr ? bind(state, *get) : refuse);
    http.Post(pattern, post != nullptr ? bind(state, *post) : refuse);
    http.Put(pattern, refuse);
    http.Patch(pattern, refuse);
    http.Delete(pattern, refuse);
    http.Options(pattern, options(state, allow));
  }
}

}  // namespace authprobe::server
