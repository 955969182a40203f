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

namespace authprobe::conformance::testing_jwt {

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
  bool echo_kid = false;             // error_description repeats the kid verbatim (CR/LF dropped)
  bool kid_file_lookup = false;      // a kid naming /dev/null selects the empty key
  bool scope_substring = false;      // "read" found anywhere in the scope string grants read
  bool scope_comma_split = false;    // scope split on commas as well as spaces
  bool scope_case_fold = false;      // scope tokens compared case-insensitively
  bool roles_substring = false;      // "admin" found anywhere in the serialized roles grants admin
  bool roles_coerced = false;        // a roles string is split on spaces, an object's keys count as roles
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

}  // namespace authprobe::conformance::testing_jwt
