#include "reference/server/routes.hpp"

#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "reference/server/route_handlers.hpp"

namespace authprobe::server {
namespace {

using Handler = void (*)(ServerState&, const httplib::Request&, httplib::Response&);

struct Route {
  std::string pattern;     // std::regex matched against the decoded path
  Handler get = nullptr;   // also answers HEAD (cpp-httplib dispatches HEAD to GET handlers)
  Handler post = nullptr;
  Offer offer = Offer::none;
};

// Read top to bottom: this is the whole surface of the server.
std::vector<Route> route_table() {
  return {
      {"/health", handlers::health, nullptr, Offer::none},                         // the unauthenticated baseline
      {"/token", nullptr, handlers::token, Offer::none},                           // RFC 6749 §4.3, §6
      {"/\\.well-known/jwks\\.json", handlers::jwks, nullptr, Offer::none},        // asymmetric keys only
      {"/profile", handlers::profile, nullptr, Offer::basic},                      // Basic, any active user
      {"/users/me", handlers::users_me, nullptr, Offer::bearer},                   // Bearer, any valid token
      {"/admin", handlers::admin, nullptr, Offer::basic_and_bearer},               // Basic or Bearer, role admin
      {"/api/todos", handlers::list_todos, handlers::add_todo, Offer::bearer},     // todos:read / todos:write
      {"/api/users/([^/]+)", handlers::user_record, nullptr, Offer::bearer},       // own record, or admin
  };
}

std::string allow_of(const Route& route) {
  std::string allow;
  if (route.get != nullptr) allow += "GET, HEAD, ";
  if (route.post != nullptr) allow += "POST, ";
  return allow + "OPTIONS";
}

httplib::Server::Handler bind(ServerState& state, Handler handler) {
  return [&state, handler](const httplib::Request& request, httplib::Response& response) {
    handler(state, request, response);
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

Offer offer_for_path(const std::string& path) {
  static const auto routes = [] {
    std::vector<std::pair<std::regex, Offer>> compiled;
    for (const auto& route : route_table()) compiled.emplace_back(std::regex(route.pattern), route.offer);
    return compiled;
  }();
  for (const auto& [pattern, offer] : routes)
    if (std::regex_match(path, pattern)) return offer;
  return Offer::none;
}

void install_routes(httplib::Server& http, ServerState& state) {
  for (const auto& route : route_table()) {
    const std::string allow = allow_of(route);
    const auto refuse = method_not_allowed(state, allow);
    http.Get(route.pattern, route.get != nullptr ? bind(state, route.get) : refuse);
    http.Post(route.pattern, route.post != nullptr ? bind(state, route.post) : refuse);
    http.Put(route.pattern, refuse);
    http.Patch(route.pattern, refuse);
    http.Delete(route.pattern, refuse);
    http.Options(route.pattern, options(state, allow));
  }
}

}  // namespace authprobe::server
