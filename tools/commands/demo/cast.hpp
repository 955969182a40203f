#pragma once
// Who plays which part in the demo, on which paths, and how the server is expected to answer:
// one Cast per reference-server mode. The walk (walk.hpp) speaks of "the ordinary user" and
// "the admin route"; the cast turns those into names, published passwords and paths, and holds
// the statuses each step must get back, so a server that answers otherwise fails the demo.
// Both casts live in cast.cpp, the one file to edit when a mode changes.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "reference/config/server_config.hpp"
#include "tools/commands/demo/walk.hpp"

namespace authprobe::tools::demo {

struct Account {
  std::string username;
  std::string password;  // a published test credential (fixtures/README.md), never an operator's
};

struct ClientCredentials {
  std::string id;
  std::string secret;
};

struct Endpoint {
  std::string method;
  std::string path;
  std::string body;          // sent as is (the scoped write's JSON), empty for none
  std::string content_type;  // of that body
};

// The statuses one step must get, one per request it sends, in order. A step sends a request
// marked only_if_token_issued only when the answer before it held a token, so {400} and
// {200, 400} tell apart "refused at login" and "logged in, refused at the resource".
struct Answer {
  std::vector<int> statuses;
  bool same_as_compared = true;  // for a step with compare_with: same answer as that step's
};

struct Cast {
  config::CompatMode mode = config::CompatMode::strict;
  std::string label;  // "strict", "fastapi"
  Account ordinary;
  Account admin;
  Account disabled;
  Account unknown;  // a name the server does not know
  std::string wrong_password;
  std::optional<ClientCredentials> client;  // HTTP Basic at the token endpoint; nullopt: none
  bool refresh_tokens = false;
  std::string token_path;
  std::string basic_path;
  std::string bearer_path;
  std::string admin_path;
  Endpoint scoped;            // a request the ordinary user's token lacks the scope for
  std::string needed_scope;   // that scope
  std::string login_scope;    // the scope the password grants ask for; empty: the user's own
  std::string health_path;
  std::vector<std::string> timing_headers;  // on every answer
  std::string cors_origin;    // the browser origin the demo's servers allow
  std::map<StepId, Answer> answers;  // a step missing here is not part of this mode's walk
};

[[nodiscard]] tl::expected<Cast, std::string> cast_for(config::CompatMode mode);

// The casts by name, for tests and for the side-by-side view.
[[nodiscard]] tl::expected<Cast, std::string> strict_cast();
[[nodiscard]] tl::expected<Cast, std::string> fastapi_cast();

// The endpoint a route names in this cast.
[[nodiscard]] Endpoint endpoint_of(const Cast& cast, Route route);
[[nodiscard]] const Account& account_of(const Cast& cast, Who who);

}  // namespace authprobe::tools::demo
