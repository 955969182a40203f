// The two casts of the demo: the data to edit when a server mode changes.
#include "tools/commands/demo/cast.hpp"

#include <algorithm>

#include "reference/core/http_constants.hpp"
#include "reference/server/describe/demo_credentials.hpp"
#include "tools/commands/demo/demo_headers.hpp"

namespace authprobe::tools::demo {
namespace {

namespace status = http::status;

constexpr std::string_view wrong_password = "not-the-password";
constexpr std::string_view unknown_username = "zed";
constexpr std::string_view browser_origin = "http://localhost:3000";  // the example of server_config.hpp
constexpr std::string_view server_timing = http::header::server_timing;

// The published password of a fixture user (reference/server/describe/demo_credentials.hpp).
tl::expected<Account, std::string> published_account(config::CompatMode mode, std::string_view username) {
  const auto passwords = server::description::demo_user_passwords(mode);
  const auto found = std::find_if(passwords.begin(), passwords.end(), [&](const auto& p) { return p.first == username; });
  if (found == passwords.end())
    return tl::unexpected("no published password for the fixture user '" + std::string(username) + "'");
  return Account{found->first, found->second};
}

tl::expected<ClientCredentials, std::string> published_client(std::string_view id) {
  const auto secrets = server::description::demo_client_secrets();
  const auto found = std::find_if(secrets.begin(), secrets.end(), [&](const auto& s) { return s.first == id; });
  if (found == secrets.end()) return tl::unexpected("no published secret for the client '" + std::string(id) + "'");
  return ClientCredentials{found->first, found->second};
}

struct Players {
  std::string_view ordinary;
  std::string_view admin;
  std::string_view disabled;
};

// The cast's accounts from the published credentials: an unknown name is a broken cast, said
// before any request is sent.
tl::expected<Cast, std::string> with_players(Cast cast, Players players) {
  for (auto [slot, name] : {std::pair{&cast.ordinary, players.ordinary}, std::pair{&cast.admin, players.admin},
                            std::pair{&cast.disabled, players.disabled}}) {
    auto account = published_account(cast.mode, name);
    if (!account) return tl::unexpected(account.error());
    *slot = std::move(*account);
  }
  cast.unknown = {std::string(unknown_username), std::string(wrong_password)};
  cast.wrong_password = wrong_password;
  cast.cors_origin = browser_origin;
  return cast;
}

// RFC 6749, RFC 6750, RFC 7617 as the reference server does them.
tl::expected<Cast, std::string> strict() {
  Cast cast;
  cast.mode = config::CompatMode::strict;
  cast.label = "strict";
  auto client = published_client("cli");
  if (!client) return tl::unexpected(client.error());
  cast.client = std::move(*client);
  cast.refresh_tokens = true;
  cast.token_path = "/token";
  cast.basic_path = "/profile";
  cast.bearer_path = "/users/me";
  cast.admin_path = "/admin";
  cast.scoped = {"POST", "/api/todos", R"({"title":"fix the roof"})", std::string(http::media_type::json)};
  cast.needed_scope = "todos:write";
  cast.health_path = "/health";
  cast.timing_headers = {std::string(server_timing)};
  cast.answers = {
      {StepId::basic_no_credentials, {{status::unauthorized}}},
      {StepId::basic_success, {{status::ok}}},
      {StepId::basic_wrong_password, {{status::unauthorized}}},
      {StepId::password_grant, {{status::ok}}},
      {StepId::bearer_call, {{status::ok}}},
      {StepId::wrong_password, {{status::bad_request}}},
      {StepId::unknown_user, {{status::bad_request}, true}},
      {StepId::disabled_user, {{status::bad_request}, true}},  // refused at login, like a wrong password
      {StepId::expired_token, {{status::ok, status::unauthorized}}},
      {StepId::tampered_token, {{status::unauthorized}}},
      {StepId::role_refused, {{status::forbidden, status::ok, status::ok}}},
      {StepId::scope_refused, {{status::forbidden}}},
      {StepId::refresh, {{status::ok}}},
      {StepId::refresh_replayed, {{status::bad_request}}},
      {StepId::cors_preflight, {{status::no_content}}},
      {StepId::timing_header, {{status::ok}}},
  };
  return with_players(std::move(cast), {"alice", "bob", "carol"});
}

// --compat fastapi as the FastAPI security tutorials build it (docs_src/security/tutorial004,
// tutorial005; the middleware page's X-Process-Time).
tl::expected<Cast, std::string> fastapi_tutorial() {
  Cast cast;
  cast.mode = config::CompatMode::fastapi;
  cast.label = "fastapi";
  cast.client.reset();         // OAuth2PasswordRequestForm: no client authentication
  cast.refresh_tokens = false;  // the tutorial issues access tokens only
  cast.token_path = "/token";
  cast.basic_path = "/profile";
  cast.bearer_path = "/users/me/";
  cast.admin_path = "/admin";
  cast.scoped = {"GET", "/users/me/items/", "", ""};
  cast.needed_scope = "items";
  // As the scopes tutorial's form is used: the client asks for "me" only, so the items route refuses.
  cast.login_scope = "me";
  cast.health_path = "/health";
  cast.timing_headers = {std::string(server_timing), std::string(x_process_time)};
  cast.answers = {
      {StepId::basic_no_credentials, {{status::unauthorized}}},
      {StepId::basic_success, {{status::ok}}},
      {StepId::basic_wrong_password, {{status::unauthorized}}},
      {StepId::password_grant, {{status::ok}}},
      {StepId::bearer_call, {{status::ok}}},
      {StepId::wrong_password, {{status::unauthorized}}},
      {StepId::unknown_user, {{status::unauthorized}, true}},
      // The tutorial issues the token and refuses at the resource: 400 {"detail":"Inactive user"}.
      {StepId::disabled_user, {{status::ok, status::bad_request}, false}},
      {StepId::expired_token, {{status::ok, status::unauthorized}}},
      {StepId::tampered_token, {{status::unauthorized}}},
      {StepId::role_refused, {{status::forbidden, status::ok, status::ok}}},
      {StepId::scope_refused, {{status::unauthorized}}},  // 401 "Not enough permissions", Bearer scope="items"
      {StepId::cors_preflight, {{status::no_content}}},
      {StepId::timing_header, {{status::ok}}},
  };
  return with_players(std::move(cast), {"johndoe", "bob", "alice"});
}

}  // namespace

tl::expected<Cast, std::string> strict_cast() { return strict(); }

tl::expected<Cast, std::string> fastapi_cast() { return fastapi_tutorial(); }

tl::expected<Cast, std::string> cast_for(config::CompatMode mode) {
  return mode == config::CompatMode::fastapi ? fastapi_cast() : strict_cast();
}

Endpoint endpoint_of(const Cast& cast, Route route) {
  switch (route) {
    case Route::token: return {"POST", cast.token_path, "", std::string(http::media_type::form_urlencoded)};
    case Route::token_preflight: return {"OPTIONS", cast.token_path, "", ""};
    case Route::basic: return {"GET", cast.basic_path, "", ""};
    case Route::bearer: return {"GET", cast.bearer_path, "", ""};
    case Route::admin: return {"GET", cast.admin_path, "", ""};
    case Route::scoped: return cast.scoped;
    case Route::health: return {"GET", cast.health_path, "", ""};
  }
  return {};
}

const Account& account_of(const Cast& cast, Who who) {
  switch (who) {
    case Who::admin: return cast.admin;
    case Who::disabled: return cast.disabled;
    case Who::unknown: return cast.unknown;
    case Who::ordinary: break;
  }
  return cast.ordinary;
}

}  // namespace authprobe::tools::demo
