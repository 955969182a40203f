#include "reference/server/route_handlers.hpp"

#include <nlohmann/json.hpp>

#include "reference/core/http_constants.hpp"
#include "reference/server/authorize.hpp"
#include "reference/server/describe/docs_page.hpp"
#include "reference/server/describe/openapi.hpp"
#include "reference/server/describe/server_description.hpp"
#include "reference/server/http/request_util.hpp"

namespace authprobe::server::handlers {
namespace {

namespace status = http::status;

constexpr std::string_view text_plain_utf8 = "text/plain; charset=utf-8";

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

void self_description(ServerState& state, const httplib::Request&, httplib::Response& response, const Principal*) {
  // The demo passwords it may hold are published test credentials; still, no cache keeps them.
  set_no_store(response);
  response.status = status::ok;
  response.set_content(description::server_description(state), std::string(text_plain_utf8));
}

void openapi(ServerState& state, const httplib::Request&, httplib::Response& response, const Principal*) {
  write_json(response, status::ok, description::openapi_document(state));
}

void docs(ServerState&, const httplib::Request&, httplib::Response& response, const Principal*) {
  const auto& page = description::docs_page();
  response.status = status::ok;
  response.set_header(std::string(http::header::content_security_policy), page.content_security_policy);
  response.set_header(std::string(http::header::x_content_type_options), "nosniff");
  response.set_content(page.html, "text/html; charset=utf-8");
}

void health(ServerState&, const httplib::Request&, httplib::Response& response, const Principal*) {
  write_json(response, status::ok, {{"status", "ok"}});
}

void token(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal*) {
  auto body = state.token_endpoint.handle(request);
  if (!body) {
    write_error(body.error(), state.context(Offer::none), response);
    return;
  }
  protected_json(response, status::ok, *body);
}

void jwks(ServerState& state, const httplib::Request&, httplib::Response& response, const Principal*) {
  if (!state.jwks_json) {
    write_error(make_error(AuthErrorKind::not_found, "no such resource"), state.context(Offer::none), response);
    return;
  }
  response.status = status::ok;
  response.set_content(*state.jwks_json, std::string(http::media_type::jwk_set));
}

void profile(ServerState&, const httplib::Request&, httplib::Response& response, const Principal* caller) {
  protected_json(response, status::ok, account_json(caller->account));
}

void users_me(ServerState&, const httplib::Request&, httplib::Response& response, const Principal* caller) {
  nlohmann::json body = account_json(caller->account);
  body["scope"] = caller->claims ? caller->claims->scope : std::string();
  body["client_id"] = caller->claims ? caller->claims->client_id : std::string();
  protected_json(response, status::ok, body);
}

void admin(ServerState&, const httplib::Request&, httplib::Response& response, const Principal* caller) {
  protected_json(response, status::ok, {{"admin", true}, {"username", caller->account.username}});
}

void list_todos(ServerState& state, const httplib::Request&, httplib::Response& response, const Principal* caller) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& todo : state.todos.list(caller->account.username)) items.push_back(todo_json(todo));
  protected_json(response, status::ok, {{"todos", items}});
}

void add_todo(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller) {
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
  const auto todo = state.todos.add(caller->account.username, std::move(*title));
  if (!todo) {
    write_error(make_error(AuthErrorKind::busy, "the todo list is full"), state.context(Offer::none), response);
    return;
  }
  protected_json(response, status::created, todo_json(*todo));
}

void user_record(ServerState& state, const httplib::Request& request, httplib::Response& response,
                 const Principal* caller) {
  const std::string name = request.matches.size() > 1 ? request.matches[1].str() : std::string();
  const bool own = name == caller->account.username;
  // OWASP API1 (BOLA): another user's record only for admins; everyone else gets the same 403
  // whether or not that user exists (catalog AUTHZ-12).
  if (!own) {
    if (auto decision = require_admin(*caller); !decision) {
      write_error(decision.error(), state.context(Offer::bearer), response);
      return;
    }
  }
  const auto account = own ? std::optional<Account>(caller->account) : state.accounts.find(name);
  if (!account) {
    write_error(make_error(AuthErrorKind::not_found, "no such user"), state.context(Offer::none), response);
    return;
  }
  nlohmann::json body = account_json(*account);
  body["disabled"] = account->disabled;
  protected_json(response, status::ok, body);
}

}  // namespace authprobe::server::handlers
