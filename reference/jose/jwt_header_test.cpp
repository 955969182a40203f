// JwtVerifier header and serialisation rules (RFC 7515 §4.1, §5.2, §7.1; RFC 8725 §3).
#include <algorithm>

#include <catch2/catch.hpp>

#include "reference/jose/testing/token_factory.hpp"

using authprobe::Result;
using namespace authprobe::jose;
using namespace authprobe::jose::testing;
using nlohmann::json;

namespace {

JoseErrc error_of(const Result<Claims>& result) {
  REQUIRE_FALSE(result.has_value());
  return static_cast<JoseErrc>(result.error().code.value());
}

Result<Claims> verify_token(const std::string& token, bool require_typ = true) {
  ValidationPolicy rules = policy();
  rules.require_at_jwt_typ = require_typ;
  return JwtVerifier(key_set(hs256_key()), rules).verify(token, now);
}

Result<Claims> verify_header(const json& header, bool require_typ = true) {
  return verify_token(signed_token(header, good_claims()), require_typ);
}

json header_with(const char* name, json value) {
  json header = good_header();
  header[name] = std::move(value);
  return header;
}

std::string replace_segment(const std::string& token, int index, const std::string& segment) {
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  if (index == 0) return segment + token.substr(first);
  if (index == 1) return token.substr(0, first + 1) + segment + token.substr(second);
  return token.substr(0, second + 1) + segment;
}

// The token with one segment replaced, and MACed again when the header or payload changed,
// so that only the encoding is wrong.
std::string with_segment(const std::string& token, int index, const std::string& replacement) {
  std::string changed = replace_segment(token, index, replacement);
  if (index == 2) return changed;
  const std::string input = changed.substr(0, changed.rfind('.'));
  return input + "." + base64url::encode(*hs256_key().sign(input));
}

std::string segment(const std::string& token, int index) {
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  if (index == 0) return token.substr(0, first);
  if (index == 1) return token.substr(first + 1, second - first - 1);
  return token.substr(second + 1);
}

}  // namespace

TEST_CASE("typ must be at+jwt or application/at+jwt when required", "[unit]") {
  CHECK(verify_header(header_with("typ", "at+jwt")).has_value());
  CHECK(verify_header(header_with("typ", "application/at+jwt")).has_value());
  CHECK(verify_header(header_with("typ", "AT+JWT")).has_value());  // RFC 7515 §4.1.9: case-insensitive
  CHECK(error_of(verify_header(header_with("typ", "JWT"))) == JoseErrc::bad_type);
  CHECK(error_of(verify_header(header_with("typ", "application/jwt"))) == JoseErrc::bad_type);
  CHECK(error_of(verify_header(header_with("typ", "at+jwt "))) == JoseErrc::bad_type);
  CHECK(error_of(verify_header(header_with("typ", 1))) == JoseErrc::bad_type);
  json no_typ = good_header();
  no_typ.erase("typ");
  CHECK(error_of(verify_header(no_typ)) == JoseErrc::bad_type);
  CHECK(verify_header(no_typ, false).has_value());
  CHECK(verify_header(header_with("typ", "JWT"), false).has_value());
}

TEST_CASE("any crit is refused: we understand no extension", "[unit]") {
  CHECK(error_of(verify_header(header_with("crit", {"exp"}))) == JoseErrc::unknown_crit);
  CHECK(error_of(verify_header(header_with("crit", {"b64"}))) == JoseErrc::unknown_crit);
  CHECK(error_of(verify_header(header_with("crit", json::array()))) == JoseErrc::unknown_crit);
  CHECK(error_of(verify_header(header_with("crit", "exp"))) == JoseErrc::unknown_crit);
  CHECK(error_of(verify_header(header_with("crit", nullptr))) == JoseErrc::unknown_crit);
}

TEST_CASE("headers that name a key source are forbidden", "[unit]") {
  for (const char* name : {"jku", "x5u", "jwk", "x5c"}) {
    INFO(name);
    CHECK(error_of(verify_header(header_with(name, "https://attacker.example/key"))) == JoseErrc::forbidden_header);
  }
  CHECK(verify_header(header_with("cty", "JWT")).has_value());  // an ordinary header is fine
}

TEST_CASE("alg none is refused in every casing, signed or not", "[unit]") {
  for (const char* none : {"none", "None", "NONE", "nOnE"}) {
    INFO(none);
    const std::string unsigned_token =
        base64url::encode(header_with("alg", none).dump()) + "." + base64url::encode(good_claims().dump()) + ".";
    CHECK(error_of(verify_token(unsigned_token)) == JoseErrc::unsupported_alg);
    CHECK(error_of(verify_header(header_with("alg", none))) == JoseErrc::unsupported_alg);
  }
  CHECK(error_of(verify_header(header_with("alg", "hs256"))) == JoseErrc::unsupported_alg);
  CHECK(error_of(verify_header(header_with("alg", 256))) == JoseErrc::unsupported_alg);
  json no_alg = good_header();
  no_alg.erase("alg");
  CHECK(error_of(verify_header(no_alg)) == JoseErrc::unsupported_alg);
}

TEST_CASE("alg confusion: an HS256 token MACed with an RSA public key's PEM is refused", "[unit]") {
  auto rsa = Key::generate(Algorithm::RS256);
  REQUIRE(rsa);
  auto public_key = Key::from_pem(rsa->public_pem(), Algorithm::RS256);
  REQUIRE(public_key);
  auto pem_as_secret = Key::hmac(rsa->public_pem(), Algorithm::HS256);
  REQUIRE(pem_as_secret);
  auto forged = sign_compact(R"({"alg":"HS256","typ":"at+jwt"})", good_claims().dump(), *pem_as_secret);
  REQUIRE(forged);
  CHECK(error_of(JwtVerifier(key_set(*public_key), policy()).verify(*forged, now)) == JoseErrc::alg_not_allowed);
  CHECK(verify_compact(*forged, key_set(*public_key)).error().code == JoseErrc::alg_not_allowed);
}

TEST_CASE("kid picks the key: unknown kid and a kid bound to another alg are refused", "[unit]") {
  CHECK(error_of(verify_header(header_with("kid", "k2"))) == JoseErrc::unknown_kid);
  CHECK(error_of(verify_header(header_with("kid", 1))) == JoseErrc::bad_json);
  CHECK(error_of(verify_header(header_with("alg", "HS384"))) == JoseErrc::alg_not_allowed);
  json no_kid = good_header();
  no_kid.erase("kid");
  CHECK(verify_header(no_kid).has_value());  // one key: it is the key
}

TEST_CASE("a tampered or foreign signature is bad_signature", "[unit]") {
  const std::string token = token_with_claims(good_claims());
  std::string sig = segment(token, 2);
  sig[0] = sig[0] == 'A' ? 'B' : 'A';
  CHECK(error_of(verify_token(replace_segment(token, 2, sig))) == JoseErrc::bad_signature);
  CHECK(error_of(verify_token(replace_segment(token, 2, ""))) == JoseErrc::bad_signature);
  auto other = Key::hmac(std::string(64, 'o'), Algorithm::HS256, "k1");
  REQUIRE(other);
  auto foreign = mint_access_token(Claims{issuer, "alice", {audience}, "", "", "", {}, now, 0, now + lifetime}, *other);
  REQUIRE(foreign);
  CHECK(error_of(verify_token(*foreign)) == JoseErrc::bad_signature);
}

TEST_CASE("padding, '+', '/', whitespace and non-canonical tails are bad_base64url in every segment", "[unit]") {
  const std::string token = token_with_claims(good_claims());
  REQUIRE(verify_token(token).has_value());
  for (int index : {0, 1, 2}) {
    INFO("segment " << index);
    const std::string original = segment(token, index);
    CHECK(error_of(verify_token(with_segment(token, index, original + "="))) == JoseErrc::bad_base64url);
    CHECK(error_of(verify_token(with_segment(token, index, std::string(" ").append(original)))) ==
          JoseErrc::bad_base64url);
    CHECK(error_of(verify_token(with_segment(token, index, original + "\n"))) == JoseErrc::bad_base64url);
    std::string standard = original;
    std::replace(standard.begin(), standard.end(), '-', '+');
    std::replace(standard.begin(), standard.end(), '_', '/');
    if (standard != original) CHECK(error_of(verify_token(with_segment(token, index, standard))) == JoseErrc::bad_base64url);
  }
  // The HS256 MAC is 43 characters: the last carries 4 bits and 2 unused ones.
  std::string sig = segment(token, 2);
  REQUIRE(sig.size() == 43);
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  sig.back() = alphabet[alphabet.find(sig.back()) + 1];  // sets an unused bit
  CHECK(error_of(verify_token(replace_segment(token, 2, sig))) == JoseErrc::bad_base64url);
  std::string plus = segment(token, 2);
  plus.front() = '+';
  CHECK(error_of(verify_token(replace_segment(token, 2, plus))) == JoseErrc::bad_base64url);
}

TEST_CASE("compact serialisation: exactly three segments, header and payload present, bounded size", "[unit]") {
  const std::string token = token_with_claims(good_claims());
  CHECK(error_of(verify_token(token.substr(0, token.rfind('.')))) == JoseErrc::malformed_token);
  CHECK(error_of(verify_token(token + ".")) == JoseErrc::malformed_token);
  CHECK(error_of(verify_token(token + ".x")) == JoseErrc::malformed_token);
  CHECK(error_of(verify_token(replace_segment(token, 0, ""))) == JoseErrc::malformed_token);
  CHECK(error_of(verify_token(replace_segment(token, 1, ""))) == JoseErrc::malformed_token);
  CHECK(error_of(verify_token("")) == JoseErrc::malformed_token);
  CHECK(error_of(verify_token(std::string(max_token_bytes + 1, 'A'))) == JoseErrc::malformed_token);
  CHECK(error_of(verify_token(R"({"payload":"Zm9v","signatures":[]})")) == JoseErrc::malformed_token);
}

TEST_CASE("the header must be a JSON object with unique names", "[unit]") {
  const std::string claims = good_claims().dump();
  CHECK(error_of(verify_token(signed_token(R"({"alg":"HS256","typ":"at+jwt","alg":"HS256"})", claims))) ==
        JoseErrc::bad_json);
  CHECK(error_of(verify_token(signed_token(R"(["HS256"])", claims))) == JoseErrc::bad_json);
  CHECK(error_of(verify_token(signed_token("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"x\":\"\xc3\x28\"}", claims))) ==
        JoseErrc::bad_json);
  CHECK(error_of(verify_token(signed_token(R"({"alg":"HS256",})", claims))) == JoseErrc::bad_json);
  // Whitespace inside the JSON is fine: only the base64url is strict.
  CHECK(verify_token(signed_token("{ \"alg\" : \"HS256\" ,\n\t\"typ\":\"at+jwt\" }", claims)).has_value());
}

TEST_CASE("the known-header fast path and the full header check agree", "[unit]") {
  // The same claims under the exact minted header and under an equivalent reordering.
  const std::string minted = signed_token(access_token_header_json(hs256_key()), good_claims().dump());
  const std::string reordered = signed_token(R"({"kid":"k1","typ":"at+jwt","alg":"HS256"})", good_claims().dump());
  auto a = verify_token(minted);
  auto b = verify_token(reordered);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->sub == b->sub);
  CHECK(a->exp == b->exp);
}
