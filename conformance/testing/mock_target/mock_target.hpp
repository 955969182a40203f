#pragma once
// A tiny JWT resource server for the JWT/BEARER check tests: a password-grant token endpoint and
// two Bearer resources (read, admin), validating tokens correctly unless a named flaw is switched
// on. Test-only; it signs and verifies with the forge, never with reference/.
#include <memory>
#include <string>
#include <thread>

#include "conformance/forge/keys.hpp"
#include "conformance/target_profile.hpp"

namespace httplib {
class Server;
}

namespace authprobe::conformance::mock_target {

struct Flaws {
  bool skip_signature = false;       // any decodable token verifies
  bool accept_none = false;          // alg "none" in any casing skips verification
  bool any_hmac_alg = false;         // HS384/HS512 verified with the HS256 key
  bool embedded_jwk = false;         // a header "jwk" is trusted
  bool fetch_jku = false;            // the "jku" URL is fetched (and its first key trusted)
  bool lax_base64 = false;           // padding, +/ and whitespace tolerated
  bool ignore_exp = false;
  bool ignore_nbf = false;
  bool ignore_iss = false;
  bool ignore_aud = false;
  bool ignore_typ = false;
  bool ignore_crit = false;
  bool crash_on_string_exp = false;  // 500 for a string exp
  bool refuse_with_403 = false;      // bad tokens get 403
  bool no_error_attribute = false;   // bad tokens get a bare realm challenge
  bool bare_challenge = false;       // "WWW-Authenticate: Bearer" with no params at all
  bool error_without_token = false;  // error="invalid_token" although no token was sent
  bool case_sensitive_scheme = false;
  bool query_token = false;          // ?access_token= accepted (query copy wins over the header)
  bool cookie_token = false;
  bool insufficient_scope_as_401 = false;
  bool weak_secret = false;          // HS256 key "secret"
  bool typ_jwt = false;              // mints typ "JWT"
  bool no_challenge_on_403 = false;
  bool no_challenge_on_401 = false;  // 401 refusals without WWW-Authenticate (V1)
  bool malformed_challenge = false;  // every challenge carries error_description with unescaped '"'
  bool json_error_on_400 = false;    // 400 refusals: no challenge, the code in a JSON error member (V10)
  bool bare_400 = false;             // 400 refusals: no challenge and no error code anywhere
  bool refuse_query_token = false;   // ?access_token= without a header: 400 invalid_request (BEARER-13)
  bool no_credentials_400 = false;   // a request without credentials: 400 invalid_request (AUTHZ-04)
  bool refuse_with_404 = false;      // 401 refusals answered 404, challenge kept (V3)
  bool insufficient_scope_as_404 = false;  // insufficient_scope answered 404, challenge kept (V3)
  bool opaque_tokens = false;        // issues random opaque tokens, looked up server-side (not a flaw)
  bool disabled_tokens_accepted = false;  // a validly signed token for disabled carol works (AUTHZ-13)
  bool echo_kid = false;             // error_description repeats the kid verbatim (CR/LF dropped)
  bool kid_file_lookup = false;      // a kid naming /dev/null selects the empty key
  bool scope_substring = false;      // "read" found anywhere in the scope string grants read
  bool scope_comma_split = false;    // scope split on commas as well as spaces
  bool scope_case_fold = false;      // scope tokens compared case-insensitively
  bool roles_substring = false;      // "admin" found anywhere in the serialized roles grants admin
  bool roles_coerced = false;        // a roles string is split on spaces, an object's keys count as roles
  // BEARER transport and JWT issuance/parsing.
  bool ignore_authorization_header = false;  // only query and cookie tokens are read (BEARER-02)
  bool revocation_ignored = false;   // /revoke answers 200 and forgets the token (BEARER-05)
  bool numeric_sub = false;          // sub minted as a number (JWT-02, D15)
  bool string_iat = false;           // iat minted as a string (JWT-02)
  bool long_lived = false;           // 24-hour tokens (JWT-03)
  bool password_in_token = false;    // the user's password hash minted into the payload (JWT-03)
  bool lax_segments = false;         // dots around the token and segments after the third ignored (JWT-08)
  bool public_key_hmac = false;      // ES256 server verifies HS* keyed with its public key's encodings (JWT-11)
  bool ignore_kid = false;           // an unknown kid still selects the key (JWT-17)
  bool reject_future_iat = false;    // iat in the future refused (JWT-25: either outcome)
  bool duplicate_first_wins = false; // the first of duplicate "scope" members is authorized (JWT-33)
  bool accept_jws_json = false;      // JWS JSON serialization accepted as a bearer value (JWT-34)
  bool nested_unverified = false;    // cty JWT: the inner token's claims trusted without a signature (JWT-35)
  // AUTHZ.
  bool write_not_enforced = false;   // writes to /api/user need only read (AUTHZ-01/08)
  bool override_skips_scope = false; // X-HTTP-Method-Override/_method requests authorized as reads (AUTHZ-08)
  bool loose_admin_paths = false;    // /API/admin, /api/admin/, //api/admin reach an unprotected copy (AUTHZ-09)
  bool redirect_trailing_slash = false;  // /api/admin/ -> 307 /api/admin (AUTHZ-09: outside the set, WARN)
  bool head_unprotected = false;     // HEAD answered 200 before authentication (AUTHZ-10)
  bool forbid_without_token = false; // no token on /api/admin gets 403 (AUTHZ-03)
  bool hide_forbidden_as_404 = false;  // alice on /api/admin gets a 404 unlike a genuine one (AUTHZ-05)
  bool grant_requested_scope = false;  // /token grants whatever scope is asked for (AUTHZ-11)
  bool other_users_records = false;  // /api/users/{name} serves any user's record (AUTHZ-12)
  // HASH (password checks at /token).
  bool bcrypt_truncation = false;    // passwords compared on their first 72 bytes (HASH-01)
  bool nul_truncation = false;       // the password cut at the first NUL (HASH-02)
  bool crash_on_long_password = false;  // 500 for a password over 128 bytes (HASH-03)
  bool mangle_non_ascii = false;     // non-ASCII bytes replaced by '?' before comparing (HASH-04)
  bool case_insensitive_password = false;  // HASH-05
  bool trim_password = false;        // HASH-05
  bool skip_hash_for_unknown_user = false;  // unknown users answered without the hash cost (HASH-06)
  bool fast_hash = false;            // no hash cost at all (HASH-07)
  bool storm_overload = false;       // 503 for everything while more than a few logins run (HASH-08)
  // HTTP.
  bool first_authorization_wins = false;  // repeated Authorization lines: the first is used (HTTP-01/02)
  bool trim_header_names = false;    // "Authorization : ..." read as Authorization (HTTP-03)
  bool authorization_c_string = false;  // the Authorization value read up to the first NUL (HTTP-05)
  bool header_table_overflow = false;   // 500 for more than 500 header lines (HTTP-06)
  bool public_cache = false;         // Cache-Control: public on authenticated 200s (HTTP-10)
  bool cors_preflight_needs_auth = false;  // preflight answered 401 (HTTP-11)
  bool cors_reflect_any_origin = false;    // any Origin echoed with credentials allowed (HTTP-11/12)
  bool stack_trace_errors = false;   // error bodies carry a traceback (HTTP-13)
  bool no_read_timeout = false;      // an incomplete body is waited for long (HTTP-15)
  bool any_content_type = false;     // token request bodies parsed as a form whatever the type (HTTP-16)
};

enum class MockAlg { hs256, es256 };

class MockTarget {
 public:
  static std::unique_ptr<MockTarget> start(Flaws flaws, MockAlg alg = MockAlg::hs256);
  ~MockTarget();
  MockTarget(const MockTarget&) = delete;
  MockTarget& operator=(const MockTarget&) = delete;

  // A profile for this server; `with_key` puts the signing key in it ([K] mode).
  [[nodiscard]] TargetProfile profile(bool with_key = true) const;
  [[nodiscard]] int port() const { return port_; }

  struct State;

 private:
  MockTarget() = default;
  std::unique_ptr<httplib::Server> server_;
  std::unique_ptr<State> state_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace authprobe::conformance::mock_target
