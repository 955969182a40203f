#pragma once
// The demo's walk as data: every step, in order, with what it sends (in terms of the parts a
// cast plays: "the ordinary user", "the admin route"), what it teaches, and, for the
// side-by-side view, which catalog check and D-row explain each way the two modes' answers may
// differ. What a step must get back is the cast's (cast.hpp): the walk is the same in every mode.
#include <optional>
#include <string_view>
#include <vector>

namespace authprobe::tools::demo {

enum class StepId {
  basic_no_credentials,
  basic_success,
  basic_wrong_password,
  password_grant,
  bearer_call,
  wrong_password,
  unknown_user,
  disabled_user,
  expired_token,
  tampered_token,
  role_refused,
  scope_refused,
  refresh,
  refresh_replayed,
  cors_preflight,
  timing_header,
};

// Who a request speaks for; the cast names them.
enum class Who { ordinary, admin, disabled, unknown };

// Where a request goes; the cast gives the method, the path and any fixed body.
enum class Route { token, token_preflight, basic, bearer, admin, scoped, health };

// The Authorization header (the token endpoint's client authentication is the cast's, added to
// every request to Route::token).
enum class Credential {
  none,
  basic,             // Who's username and published password
  basic_wrong,       // Who's username and the cast's wrong password
  bearer,            // the access token last issued to Who by this server
  bearer_tampered,   // that token with its payload changed (roles: admin) and its signature kept
};

// The token endpoint's form body.
enum class Grant { none, password, wrong_password, refresh };

// Which of the cast's two servers: the main one, or the one whose access tokens live one second
// and whose clock the demo moves forward (an expired token without waiting for it).
enum class Server { main, short_ttl };

struct RequestSpec {
  Route route = Route::health;
  Who who = Who::ordinary;
  Credential credential = Credential::none;
  Grant grant = Grant::none;
  Server server = Server::main;
  bool only_if_token_issued = false;   // sent only when the step's previous answer held an access token
  bool expire_tokens_first = false;    // move the short-TTL server's clock past the token lifetime
};

// What a side-by-side view compares between the two modes' answers to one step.
enum class Aspect {
  status,     // a status differs, or one mode sent more requests than the other
  challenge,  // WWW-Authenticate differs
  body,       // the body differs (tokens and timings masked)
  headers,    // a header that matters is on one side only (caching, CORS; timing headers in the timing step)
  presence,   // the step runs in one mode only
};

// Why the two modes may answer a step differently: the catalog check that judges it and the
// row of "Where standards and tutorials disagree" (checks.md, D1..D16) that names the deviation.
// An empty d_row says no row is involved (a feature the tutorial leaves out, a free choice).
struct Difference {
  Aspect aspect = Aspect::status;
  std::string_view check{};
  std::string_view d_row{};
  std::string_view note{};
  std::string_view header{};  // Aspect::headers: the header it explains ("Access-Control-*": a prefix)
};

// Extra things a step's answer must show besides its status.
enum class Judge { status_only, timing_headers, cors_origin_echoed };

struct Step {
  StepId id = StepId::basic_no_credentials;
  std::string_view title{};
  std::string_view lesson{};  // what to look at, said once before the exchanges
  std::vector<RequestSpec> requests{};
  std::optional<StepId> compare_with{};  // the answer must be the same as that step's (or not: the cast says)
  bool needs_refresh_tokens = false;
  Judge judge = Judge::status_only;
  std::vector<Difference> differences{};
};

[[nodiscard]] const std::vector<Step>& walk();
// Why a header may be on one side only, in any step (a step's own entries come first).
[[nodiscard]] const std::vector<Difference>& header_differences();
[[nodiscard]] const Step& step_of(StepId id);
[[nodiscard]] std::string_view aspect_name(Aspect aspect);

}  // namespace authprobe::tools::demo
