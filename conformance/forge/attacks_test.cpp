#include "conformance/forge/attacks.hpp"

#include <catch2/catch.hpp>

#include "conformance/forge/base64url.hpp"

namespace forge = authprobe::conformance::forge;

namespace {
std::size_t count_dots(std::string_view s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '.')); }
constexpr std::string_view token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
}  // namespace

TEST_CASE("alg none comes in exactly the four jwt_tool casings", "[unit]") {
  CHECK(forge::none_casings.size() == 4);
  CHECK(forge::none_casings[3] == "nOnE");
  CHECK(forge::decode_compact(forge::rfc7519_unsecured_example).value().header_json == R"({"alg":"none"})");
}

TEST_CASE("an attack header keeps the original kid", "[unit]") {
  CHECK(forge::attack_header("HS256", std::string("k1")).dump() == R"({"alg":"HS256","kid":"k1","typ":"at+jwt"})");
  CHECK(forge::attack_header("none", std::nullopt).dump() == R"({"alg":"none","typ":"at+jwt"})");
  CHECK(forge::kid_of(R"({"kid":"a"})") == "a");
  CHECK_FALSE(forge::kid_of(R"({"kid":1})"));
}

TEST_CASE("kid injections cover the jwt_tool playbook", "[unit]") {
  const auto list = forge::kid_injections();
  REQUIRE(list.size() == 10);
  std::size_t sleeps = 0;
  for (const auto& k : list) {
    if (k.measure_latency) ++sleeps;
    CHECK_FALSE(nlohmann::json::parse(k.kid_json).is_discarded());
  }
  CHECK(sleeps == 1);
  CHECK(list[5].hmac_key == "1");
  CHECK(list[6].kid_json.size() == forge::oversized_kid_bytes + 2);
}

TEST_CASE("JWS JSON serializations carry the compact segments", "[unit]") {
  const auto flat = nlohmann::json::parse(forge::jws_json_flattened(token).value());
  CHECK(flat["protected"] == "eyJhbGciOiJIUzI1NiJ9");
  CHECK(flat["signature"] == "c2lnbmF0dXJl");
  const auto general = nlohmann::json::parse(forge::jws_json_general(token).value());
  CHECK(general["signatures"][0]["protected"] == "eyJhbGciOiJIUzI1NiJ9");
  CHECK_FALSE(forge::jws_json_flattened("a.b"));
}

TEST_CASE("a JWE-shaped string has five segments", "[unit]") {
  CHECK(count_dots(forge::jwe_shaped(1)) == 4);
}

TEST_CASE("random b64tokens are reproducible from the seed and have the requested dots", "[unit]") {
  CHECK(forge::random_b64token(7, 64, 2) == forge::random_b64token(7, 64, 2));
  CHECK(forge::random_b64token(7, 64, 2) != forge::random_b64token(8, 64, 2));
  for (std::size_t dots = 0; dots <= 3; ++dots) {
    const auto t = forge::random_b64token(dots, 16, dots);
    CHECK(t.size() == 16);
    CHECK(count_dots(t) == dots);
  }
}

TEST_CASE("an oversized token keeps header and signature and reaches the size", "[unit]") {
  const auto big = forge::oversized_token(token, 10000);
  REQUIRE(big);
  CHECK(big->size() >= 10000);
  CHECK(big->substr(0, 21) == "eyJhbGciOiJIUzI1NiJ9.");
  CHECK(big->substr(big->size() - 13) == ".c2lnbmF0dXJl");
}

TEST_CASE("tampering changes one character of the chosen segment only", "[unit]") {
  const auto t = forge::tamper_segment(token, 1);
  CHECK(t != token);
  CHECK(t.size() == token.size());
  CHECK(t.substr(0, 21) == std::string(token.substr(0, 21)));
  CHECK(t.substr(t.rfind('.')) == std::string(token.substr(token.rfind('.'))));
  CHECK(forge::decode_compact(t));
}
