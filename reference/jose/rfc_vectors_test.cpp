// The worked examples of RFC 7515 (A.1-A.3), RFC 8037 (A.4) and RFC 7520 (§4.4).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "reference/jose/base64url.hpp"
#include "reference/jose/jwt.hpp"

using namespace authprobe::jose;
using nlohmann::json;

namespace {

// RFC 7515 §A.1.1: the header and payload bytes, CRLFs included.
const std::string a1_header = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}";
const std::string a1_payload = "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
const std::string a_payload_segment =
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
const std::string a1_token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9." + a_payload_segment +
                             ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const json a1_jwk = {{"kty", "oct"},
                     {"k", "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}};
constexpr std::int64_t a1_exp = 1300819380;

const json a2_jwk = {
    {"kty", "RSA"},
    {"n", "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-"
          "pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665x"
          "smtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ"},
    {"e", "AQAB"}};
const std::string a2_token =
    "eyJhbGciOiJSUzI1NiJ9." + a_payload_segment +
    ".cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZ"
    "cAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eO"
    "kHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";

const json a3_jwk = {{"kty", "EC"},
                     {"crv", "P-256"},
                     {"x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"},
                     {"y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}};
const std::string a3_token = "eyJhbGciOiJFUzI1NiJ9." + a_payload_segment +
                             ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

KeySet one(Key key) {
  KeySet keys;
  keys.add(std::move(key));
  return keys;
}

}  // namespace

TEST_CASE("RFC 7515 A.1: HS256 over the exact header bytes gives the RFC's token", "[unit]") {
  auto key = Key::from_jwk(a1_jwk, Algorithm::HS256);
  REQUIRE(key);
  auto token = sign_compact(a1_header, a1_payload, *key);
  REQUIRE(token);
  CHECK(*token == a1_token);

  auto jws = verify_compact(a1_token, one(*key));
  REQUIRE(jws);
  CHECK(jws->header_json == a1_header);  // the received bytes, not a re-serialisation
  CHECK(jws->payload == a1_payload);
}

TEST_CASE("RFC 7515 A.1 as a JWT: valid just before exp, expired at exp", "[unit]") {
  auto key = Key::from_jwk(a1_jwk, Algorithm::HS256);
  REQUIRE(key);
  ValidationPolicy policy;
  policy.issuer = "joe";
  policy.audience = "any";
  policy.require_at_jwt_typ = false;
  JwtVerifier verifier(one(*key), policy);
  CHECK(verifier.verify(a1_token, a1_exp).error().code == JoseErrc::expired);
  CHECK(verifier.verify(a1_token, 1700000000).error().code == JoseErrc::expired);
  // Before exp the signature and dates pass; the example has no "aud", which we require.
  CHECK(verifier.verify(a1_token, a1_exp - 1).error().code == JoseErrc::missing_claim);
}

TEST_CASE("RFC 7515 A.2: the RS256 example verifies, and fails once altered", "[unit]") {
  auto key = Key::from_jwk(a2_jwk, Algorithm::RS256);
  REQUIRE(key);
  auto jws = verify_compact(a2_token, one(*key));
  REQUIRE(jws);
  CHECK(jws->payload == a1_payload);
  std::string altered = a2_token;
  altered[altered.size() - 5] = altered[altered.size() - 5] == 'A' ? 'B' : 'A';
  CHECK_FALSE(verify_compact(altered, one(*key)));
  // The same key bound to PS256 refuses the RS256 token (RFC 8725 §3.1).
  auto as_pss = Key::from_jwk(a2_jwk, Algorithm::PS256);
  REQUIRE(as_pss);
  CHECK(verify_compact(a2_token, one(*as_pss)).error().code == JoseErrc::alg_not_allowed);
}

TEST_CASE("RFC 7515 A.3: the ES256 example verifies", "[unit]") {
  auto key = Key::from_jwk(a3_jwk, Algorithm::ES256);
  REQUIRE(key);
  auto jws = verify_compact(a3_token, one(*key));
  REQUIRE(jws);
  CHECK(jws->payload == a1_payload);
}

TEST_CASE("RFC 8037 A.4: Ed25519 is deterministic and gives the RFC's exact token", "[unit]") {
  const json jwk = {{"kty", "OKP"},
                    {"crv", "Ed25519"},
                    {"d", "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"},
                    {"x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}};
  const std::string expected =
      "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
      "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
  auto key = Key::from_jwk(jwk, Algorithm::EdDSA);
  REQUIRE(key);
  CHECK(key->can_sign());
  auto token = sign_compact(R"({"alg":"EdDSA"})", "Example of Ed25519 signing", *key);
  REQUIRE(token);
  CHECK(*token == expected);

  json public_jwk = jwk;
  public_jwk.erase("d");
  auto verifier_key = Key::from_jwk(public_jwk, Algorithm::EdDSA);
  REQUIRE(verifier_key);
  auto jws = verify_compact(expected, one(*verifier_key));
  REQUIRE(jws);
  CHECK(jws->payload == "Example of Ed25519 signing");
}

TEST_CASE("RFC 7520 4.4: HS256 with a kid gives the RFC's exact token", "[unit]") {
  const json jwk = {{"kty", "oct"},
                    {"kid", "018c0ae5-4d9b-471b-bfd6-eef314bc7037"},
                    {"use", "sig"},
                    {"alg", "HS256"},
                    {"k", "hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"}};
  // RFC 7520 §4 (Figure 7): the payload, with U+2019 in "It’s" and "there’s".
  const std::string payload =
      "It\xe2\x80\x99s a dangerous business, Frodo, going out your door. You step onto the road, and if you don't keep "
      "your feet, there\xe2\x80\x99s no knowing where you might be swept off to.";
  const std::string header = R"({"alg":"HS256","kid":"018c0ae5-4d9b-471b-bfd6-eef314bc7037"})";
  auto key = Key::from_jwk(jwk, Algorithm::HS256);
  REQUIRE(key);
  auto token = sign_compact(header, payload, *key);
  REQUIRE(token);
  CHECK(*token == "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9." +
                      base64url::encode(payload) + ".s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0");
  auto jws = verify_compact(*token, one(*key));
  REQUIRE(jws);
  CHECK(jws->payload == payload);
}
