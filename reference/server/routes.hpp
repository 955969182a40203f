#pragma once
// The route table: every path the server answers, its methods, and what each operation needs
// (scheme, role, scope) as data. The router enforces that data (authenticate, then authorize,
// then the handler), and the description at GET /, the startup printout of `authprobe serve`
// and GET /openapi.json are all generated from it: there is no second list of routes.
// Methods a path does not take get 405 with Allow (RFC 9110 §15.5.6); OPTIONS answers with
// Allow and, for configured origins, a CORS preflight (never behind authentication).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>

#include "reference/server/server_state.hpp"

namespace authprobe::server {

// A handler gets the authenticated caller (nullptr on open operations).
using Handler = void (*)(ServerState&, const httplib::Request&, httplib::Response&, const Principal*);

enum class Method { get, post };

// What a caller must bring. `role` and `scope` are checked after authentication (catalog
// AUTHZ-03: 401 before 403): a role with a scope through require_role_and_scope (a Bearer token
// needs both), a role alone through require_role (the user's record, the RBAC tutorial), scopes
// alone through require_scope. `scope` may name several scope-tokens, space-separated, all
// needed. `rule` is a decision the handler makes itself from the request (e.g. whose record), in
// words, for the descriptions.
struct Need {
  Offer offer = Offer::none;
  std::string_view role{};
  std::string_view scope{};
  std::string_view rule{};
};

struct Operation {
  Method method = Method::get;
  Handler handler = nullptr;
  Need need{};
  std::string_view summary{};
  int success_status = 200;
  std::string_view request_media_type{};  // a body this operation reads ("" for none)
  std::string_view response_media_type = "application/json";
  std::string_view request_example{};  // a body to start from (OpenAPI requestBody example; the console's editor)
};

struct Route {
  std::string_view pattern{};  // std::regex matched against the decoded path
  std::string_view path{};     // the same path as an OpenAPI template, e.g. /api/users/{username}
  std::vector<Operation> operations{};
};

// Read top to bottom: this is the whole surface of the server in `mode` (strict: the RFCs;
// fastapi: the FastAPI security tutorials' paths, plus what the conformance profile needs).
[[nodiscard]] const std::vector<Route>& route_table(config::CompatMode mode);

[[nodiscard]] std::string_view method_name(Method method);  // "GET", "POST"
[[nodiscard]] const Operation* find_operation(const Route& route, Method method);
// The schemes any operation of `route` takes (the widest), for challenges and 405s.
[[nodiscard]] Offer offer_of(const Route& route);
// The Allow field value of `route`, e.g. "GET, HEAD, OPTIONS".
[[nodiscard]] std::string allow_of(const Route& route);

void install_routes(httplib::Server& http, ServerState& state);

// The schemes the resource at `path` takes (Offer::none for open or unknown paths), so that
// errors raised before routing (e.g. an over-long header line) still carry the right challenge.
[[nodiscard]] Offer offer_for_path(config::CompatMode mode, const std::string& path);

// A route declared with a trailing slash (the tutorials' /users/me/) is also found without it:
// true when `path` has no trailing slash and `path` + "/" is such a route. The server then answers
// 307 to the declared spelling, as Starlette's redirect_slashes does. The other direction of
// redirect_slashes (/admin/ to /admin) is not taken: the strict server answers 404 there, and a
// redirect is no row of the catalog's "standards and tutorials disagree" (catalog AUTHZ-09).
[[nodiscard]] bool found_with_trailing_slash(config::CompatMode mode, const std::string& path);

}  // namespace authprobe::server
