#pragma once
// Shared by the TOKEN checks: the baseline request (checks.md TOKEN section header) and the
// judgement of a token-endpoint error response.
#include <optional>
#include <string>

#include "conformance/checks/support.hpp"
#include "conformance/checks/token_owner.hpp"

namespace authprobe::conformance::token {

inline constexpr std::string_view baseline = "TOKEN-01";

// The finding of a check that needs alice to log in when the profile declares none.
[[nodiscard]] Finding missing_alice();

// Variations of a token request's form: `extra` appended; every `name` dropped; every `name`
// given `value`.
[[nodiscard]] FormParams with(FormParams params, const FormParams& extra);
[[nodiscard]] FormParams without(FormParams params, std::string_view name);
[[nodiscard]] FormParams replaced(FormParams params, std::string_view name, std::string value);

// grant_type=password&username=<alice>&password=<pw> for a fixture user, or nullopt.
[[nodiscard]] std::optional<FormParams> password_params(const Context& ctx, std::string_view user = "alice");
// POST <token endpoint> with the form, client authentication as the profile declares.
[[nodiscard]] Request token_post(const Context& ctx, const FormParams& params);
// Same without any client authentication.
[[nodiscard]] Request token_post_unauthenticated(const Context& ctx, const FormParams& params);
// Same with a raw (possibly malformed) form body.
[[nodiscard]] Request token_post_raw_body(const Context& ctx, std::string content_type, std::string body);

// RFC 6749 §5.2: 400 with {"error": code}. A token -> FAIL; 5xx -> FAIL; 422/415 -> the D-row
// given (D4 by default); a 400 without an RFC error member -> D2; anything else -> `miss`.
[[nodiscard]] Verdict judge_error(const Context& ctx, const Response& r, std::string_view code,
                                  std::optional<Deviation> representation = Deviation::d4,
                                  Verdict miss = Verdict::fail);

// The verdict of a variant that must still issue a token (charset parameter, erin's UTF-8 password):
// PASS when `r` issued one; FAIL when alice's plain grant does but the variant does not; ERROR when
// the plain grant issues no token either (V4: usually a wrong profile, not this variant's fault).
[[nodiscard]] Verdict expect_token(Context& ctx, const Response& r);

// What a failed login looks like at this target, so a check can recognise a request the server
// tried as a login although it should have refused it unread (a malformed escape, TOKEN-06).
class LoginFailure {
public:
  // Sends alice with a wrong password and alice without a password (the comparison is only
  // meaningful when those two answers differ).
  [[nodiscard]] static LoginFailure observe(Context& ctx, const FormParams& alice);
  // Why `r` shows its request was checked as credentials, or nullopt: invalid_grant (RFC 6749 §5.2:
  // the credentials were invalid), or byte for byte the wrong-password answer.
  [[nodiscard]] std::optional<std::string> tried_as_login(const Response& r) const;

private:
  std::optional<Response> wrong_password_;
  bool distinguishable_ = false;
};

// A judged part for a response at the token endpoint. When the response issued a token, the note
// says whose it is (the `sub` the server put in it): "username twice -> 200" alone hides that the
// token was minted for the second user.
void part(support::Judged& j, const Context& ctx, Verdict verdict, std::string note, const SendResult& r);

}  // namespace authprobe::conformance::token
