#include "reference/server/route_handlers.hpp"

#include <nlohmann/json.hpp>

#include "reference/core/http_constants.hpp"
#include "reference/server/authorize.hpp"
#include "reference/server/http/request_util.hpp"

namespace authprobe::server::handlers {
namespace {

namespace status = http::status;

constexpr std::string_view todos_read = "todos:read";
constexpr std::string_view todos_write = "todos:write";

// Runs `authenticate` for `offer`; on failure writes the error and returns nullopt.
std::optional<Principal> authenticated(ServerState& state, const httplib::Request& request,
                                       httplib::Response& response, Offer offer) {
  auto principal = state.authenticator.authenticate(request, offer);
  if (principal) return std::move(*principal);
  write_error(principal.error(), state.context(offer), response);
  return std::nullopt;
}

bool authorized(ServerState& state, const tl::expected<void, AuthError>& decision, httplib::Response& response,
                Offer offer) {
  if (decision) return true;
  write_error(decision.error(), state.context(offer), response);
  return false;
}

// RFC 6750 §5.3 / RFC 9111 §5.2.2.5: a response to an authenticated request is never stored
// by a shared cache (catalog HTTP-10).
void protected_json(httplib::Response& response, int status_code, const nlohmann::json& body) {
  set_no_store(response);
  write_json(response, status_code, body);
}

nlohmann::json account_json(const Account& account) {
  return {{"username", account.username}, {"roles", account.roles}, {"scopes", account.scopes}};
}

nlohmann::json todo_json(const Todo& todo) { return {{"id", todo.id}, {"title", todo.title}, {"owner", todo.owner}}; }

}  // namespace

void health(ServerState&, const httplib::Request&, httplib::Response& response) {
  write_json(response, status::ok, {{"status", "ok"}});
}

void token(ServerState& state, const httplib::Request& request, httplib::Response& response) {
  auto body = state.token_endpoint.handle(request);
  if (!body) {
    write_error(body.error(), state.context(Offer::none), response);
    return;
  }
  protected_json(response, status::ok, *body);
}

void jwks(ServerState& state, const httplib::Request&, httplib::Response& response) {
  if (!state.jwks_json) {
    write_error(make_error(AuthErrorKind::not_found, "no such resource"), state.context(Offer::none), response);
    return;
  }
  response.status = status::ok;
  response.set_content(*state.jwks_json, std::string(http::media_type::jwk_set));
}

void profile(ServerState& state, const httplib::Request& request, httplib::Response& response) {
  const auto principal = authenticated(state, request, response, Offer::basic);
  if (!principal) return;
  protected_json(response, status::ok, account_json(principal->account));
}

void users_me(ServerState& state, const httplib::Request& request, httplib::Response& response) {
  const auto principal = authenticated(state, request, response, Offer::bearer);
  if (!principal) return;
  nlohmann::json body = account_json(principal->account);
  body["scope"] = principal->claims ? principal->claims->scope : std::string();
  body["client_id"] = principal->claims ? principal->claims->client_id : std::string();
  protected_json(response, status::ok, body);
}

void admin(ServerState& state, const httplib::Request& request, httplib::Response& response) {
  constexpr Offer offer = Offer::basic_and_bearer;
  const auto principal = authenticated(state, request, response, offer);
  if (!principal || !authorized(state, require_admin(*principal), response, offer)) return;
  protected_json(response, status::ok, {{"admin", true}, {"username", principal->account.username}});
}

void list_todos(ServerState& state, const httplib::Request& request, httplib::Response& response) {
  const auto principal = authenticated(state, request, response, Offer::bearer);
  if (!principal || !authorized(state, require_scope(*principal, todos_read), response, Offer::bearer)) return;
  nlohmann::json items = nlohmann::json::array();
  for (const auto& todo : state.todos.list(principal->account.username)) items.push_back(todo_json(todo));
  protected_json(response, status::ok, {{"todos", items}});
}

void add_todo(ServerState& state, const httplib::Request& request, httplib::Response& response) {
  const auto principal = authenticated(state, request, response, Offer::bearer);
  if (!principal || !authorized(state, require_scope(*principal, todos_write), response, Offer::bearer)) return;
  if (!is_json_content_type(request)) {
    write_error(make_error(AuthErrorKind::unsupported_media_type, "the body must be application/json"),
                state.context(Offer::none), response);
    return;
  }
  auto title = parse_todo_title(request.body);
  if (!title) {
    write_error(title.error(), state.context(Offer::none), response);
    return;
  }
  const auto todo = state.todos.add(principal->account.username, std::move(*title));
  if (!todo) {
    write_error(make_error(AuthErrorKind::busy, "the todo list is full"), state.context(Offer::none), response);
    return;
  }
  protected_json(response, status::created, todo_json(*todo));
}

void user_record(ServerState& state, const httplib::Request& request, httplib::Response& response) {
  const auto principal = authenticated(state, request, response, Offer::bearer);
  if (!principal) return;
  const std::string name = request.matches.size() > 1 ? request.matches[1].str() : std::string();
  const bool own = name == principal->account.username;
  // OWASP API1 (BOLA): another user's record only for admins; everyone else gets the same 403
  // whether or not that user exists (catalog AUTHZ-12).
  if (!own && !authorized(state, require_admin(*principal), response, Offer::bearer)) return;
  const auto account = own ? std::optional<Account>(principal->account) : state.accounts.find(name);
  if (!account) {
    write_error(make_error(AuthErrorKind::not_found, "no such user"), state.context(Offer::none), response);
    return;
  }
  nlohmann::json body = account_json(*account);
  body["disabled"] = account->disabled;
  protected_json(response, status::ok, body);
}

}  // namespace authprobe::server::handlers
