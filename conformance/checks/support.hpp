#pragma once
// What the BASIC, TOKEN, AUTHZ, HASH and HTTP checks share: a finding built from judged parts,
// response descriptions, OAuth error extraction, challenges, and applicability predicates.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "conformance/challenge.hpp"
#include "conformance/check.hpp"
#include "conformance/http_constants.hpp"
#include "conformance/verdict_rules.hpp"

namespace authprobe::conformance::support {

// A finding assembled part by part: each part has a verdict and a note; the finding's verdict
// is their combination (finding.hpp: combine). Evidence keeps the first few exchanges; an exchange
// belongs to the part it was given with (or the last part before it), and the first exchange of a
// part whose verdict is the finding's is marked decisive and shown first.
class Judged {
public:
  explicit Judged(std::string expected) : expected_(std::move(expected)) {}

  void part(Verdict verdict, std::string note);
  void part(Verdict verdict, std::string note, const SendResult& result);
  void evidence(const SendResult& result);
  void evidence(const Exchange& exchange);
  // A transport failure becomes an ERROR part; returns true when there is a response to judge.
  bool reached(const SendResult& result, std::string_view what);
  void skip_part(std::string reason);
  [[nodiscard]] bool empty() const { return parts_ == 0; }
  [[nodiscard]] Finding finish();

private:
  std::string expected_;
  Verdict verdict_ = Verdict::skip;
  std::vector<std::string> notes_;
  std::vector<std::string> skipped_;
  std::vector<Exchange> evidence_;
  std::vector<Verdict> evidence_verdicts_;  // the verdict of the part each exchange belongs to
  Verdict last_part_ = Verdict::skip;
  std::size_t parts_ = 0;
};

// "401 WWW-Authenticate: Basic realm=\"x\" body {...}" in one line.
[[nodiscard]] std::string describe(const Response& response);
[[nodiscard]] std::string describe(const SendResult& result);

// The RFC 6749 §5.2 / RFC 6750 §3.1 `error` member of a JSON body, if any.
[[nodiscard]] std::optional<std::string> oauth_error(const Response& response);
[[nodiscard]] bool has_oauth_error(const Response& response, std::string_view code);
// The challenge of this scheme among the response's WWW-Authenticate lines; a malformed field
// value still yields it, flagged (BASIC-12/BEARER-09 judge the syntax; a note says it here).
[[nodiscard]] std::optional<FoundChallenge> challenge(const Response& response, std::string_view scheme);
[[nodiscard]] std::optional<std::string> bearer_error(const Response& response);
// A successful token response: 2xx with an access_token member.
[[nodiscard]] bool issued_token(const Response& response);
[[nodiscard]] bool cache_control_has(const Response& response, std::string_view directive);

// The request for an endpoint of the profile, with {name} substituted.
[[nodiscard]] Request request_for(const Endpoint& endpoint, std::string_view name = {});

// Applicability (V6). Each returns the SKIP reason or nullopt.
[[nodiscard]] std::optional<std::string> needs_basic(const TargetProfile& t);
[[nodiscard]] std::optional<std::string> needs_basic_admin(const TargetProfile& t);
// The OAuth 2.0 password-grant token endpoint the TOKEN checks exercise.
[[nodiscard]] std::optional<std::string> needs_token_endpoint(const TargetProfile& t);
// Any declared way to obtain tokens (OAuth grant, login route, supplied tokens): what the BEARER,
// JWT and AUTHZ checks need.
[[nodiscard]] std::optional<std::string> needs_token_source(const TargetProfile& t);
[[nodiscard]] std::optional<std::string> needs_bearer_read(const TargetProfile& t);
[[nodiscard]] std::optional<std::string> needs_bearer_admin(const TargetProfile& t);
[[nodiscard]] std::optional<std::string> needs_scopes(const TargetProfile& t);
[[nodiscard]] std::optional<std::string> inside_only(const TargetProfile& t);
// The SKIP reason of the first predicate that is not met, or nullopt when all are.
using Predicate = std::optional<std::string> (*)(const TargetProfile&);
[[nodiscard]] std::optional<std::string> first_unmet(const TargetProfile& t, std::initializer_list<Predicate> predicates);

// The decoded JSON payload of a compact JWS (no verification), nullopt when not a JWT.
[[nodiscard]] std::optional<nlohmann::json> jwt_payload(std::string_view token);

inline constexpr std::string_view not_observable = "[I] inside-only: not observable from outside (config or code review)";
inline constexpr std::string_view needs_slow = "needs --slow (timing/throttling check)";

}  // namespace authprobe::conformance::support

namespace authprobe::conformance::support {
// Canonical decomposition (NFD) of the Latin-1 letters with diacritics, enough to turn the
// fixture's NFC passwords into their NFD spelling (BASIC-11, HASH-04); other text is unchanged.
[[nodiscard]] std::string nfd_latin1(std::string_view utf8);
// The user's credentials with a different password (Basic).
[[nodiscard]] Request with_user_basic(const Request& request, const TestUser& user);
}  // namespace authprobe::conformance::support

namespace authprobe::conformance::support {
// Check attributes set after construction (designated initializers must follow member order).
[[nodiscard]] Check needing(Check check, std::string baseline_id);
[[nodiscard]] Check slow(Check check);
[[nodiscard]] Check run_wide(Check check);
[[nodiscard]] Check trips_throttle(Check check);  // slow, and ordered after every ordinary check
}  // namespace authprobe::conformance::support
