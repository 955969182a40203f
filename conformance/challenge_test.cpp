#include <catch2/catch.hpp>

#include "conformance/challenge.hpp"

namespace authprobe::conformance {

TEST_CASE("a Basic challenge with realm and charset parses", "[unit]") {
  auto parsed = parse_challenges(R"(Basic realm="authprobe", charset="UTF-8")");
  REQUIRE(parsed);
  REQUIRE(parsed->size() == 1);
  CHECK((*parsed)[0].is("basic"));
  CHECK((*parsed)[0].param("realm") == "authprobe");
  CHECK((*parsed)[0].param("CHARSET") == "UTF-8");
}

TEST_CASE("two challenges in one field value are split at the second scheme", "[unit]") {
  auto parsed = parse_challenges(R"(Basic realm="a", Bearer realm="b", error="invalid_token", error_description="a \"quoted\" word")");
  REQUIRE(parsed);
  REQUIRE(parsed->size() == 2);
  CHECK((*parsed)[1].is("Bearer"));
  CHECK((*parsed)[1].param("error") == "invalid_token");
  CHECK((*parsed)[1].param("error_description") == "a \"quoted\" word");
}

TEST_CASE("bare schemes, token68 and repeated parameters are represented as sent", "[unit]") {
  auto bare = parse_challenges("Bearer");
  REQUIRE(bare);
  CHECK((*bare)[0].params.empty());
  auto token68 = parse_challenges("Negotiate YWJjZA==");
  REQUIRE(token68);
  CHECK((*token68)[0].token68 == "YWJjZA==");
  auto twice = parse_challenges(R"(Basic realm="a", realm="b")");
  REQUIRE(twice);
  CHECK((*twice)[0].count("realm") == 2);
}

TEST_CASE("malformed challenges are errors", "[unit]") {
  CHECK_FALSE(parse_challenges(R"(Basic realm="unterminated)"));
  CHECK_FALSE(parse_challenges(""));
  CHECK_FALSE(parse_challenges("Basic realm=\"a\" junk"));
}

}  // namespace authprobe::conformance
