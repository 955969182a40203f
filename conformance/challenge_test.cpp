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

// Real servers put unescaped quotes inside error_description: the value does not parse, and the
// challenge must still reach the checks, flagged, with the raw text, instead of vanishing.
TEST_CASE("a field value that does not parse is kept, flagged and salvaged", "[unit]") {
  const std::string raw = R"(Bearer realm="api", error="invalid_token", error_description="the "token" expired")";
  REQUIRE_FALSE(parse_challenges(raw));
  const auto all = parse_all_challenges({raw});
  REQUIRE(all.size() == 1);
  CHECK_FALSE(all[0].well_formed());
  CHECK(all[0].malformed->raw == raw);
  CHECK_FALSE(all[0].malformed->error.empty());
  CHECK(all[0].is("Bearer"));
  CHECK(all[0].param("error") == "invalid_token");
  CHECK(all[0].param("error_description") == R"(the "token" expired)");
  CHECK(all[0].malformation_note().find(raw) != std::string::npos);
}

TEST_CASE("find_challenge reports a malformed challenge as present, and prefers a well-formed one", "[unit]") {
  const std::string broken = R"(Bearer realm="a" junk)";
  const auto found = find_challenge({broken}, "bearer");
  REQUIRE(found);
  CHECK_FALSE(found->well_formed());
  CHECK(found->param("realm") == "a");
  const auto both = find_challenge({broken, R"(Bearer realm="b")"}, "Bearer");
  REQUIRE(both);
  CHECK(both->well_formed());
  CHECK(both->param("realm") == "b");
  CHECK_FALSE(find_challenge({broken}, "Basic"));
}

TEST_CASE("salvaging reads on after a missing comma", "[unit]") {
  const auto found = find_challenge({R"(Bearer realm="api" error="invalid_token")"}, "Bearer");
  REQUIRE(found);
  CHECK_FALSE(found->well_formed());
  CHECK(found->param("realm") == "api");
  CHECK(found->param("error") == "invalid_token");
}

TEST_CASE("salvaging splits schemes, keeps token68 and lists a value without any scheme", "[unit]") {
  REQUIRE_FALSE(parse_challenges(R"(Basic realm=x y, Bearer error="invalid_token")"));
  const auto two = salvage_challenges(R"(Basic realm=x y, Bearer error="invalid_token")");
  REQUIRE(two.size() == 2);
  CHECK(two[0].is("Basic"));
  CHECK(two[0].param("realm") == "x y");
  CHECK(two[1].is("Bearer"));
  CHECK(two[1].param("error") == "invalid_token");
  const auto token68 = salvage_challenges("Negotiate abc== junk=");
  REQUIRE_FALSE(token68.empty());
  CHECK(token68[0].token68 == "abc==");
  const auto nothing = parse_all_challenges({"\"\"\""});
  REQUIRE(nothing.size() == 1);
  CHECK(nothing[0].scheme.empty());
  CHECK_FALSE(nothing[0].well_formed());
}

// Every field value the run sees is untrusted: whatever the bytes, parsing ends and every value
// that does not parse is listed. Deterministic inputs from the characters the grammar turns on.
TEST_CASE("any field value is parsed or salvaged, and the scan always ends", "[unit]") {
  constexpr std::string_view alphabet = "Ba =\",\\\t\x01\xff!r";
  constexpr std::size_t samples = 4000;
  constexpr std::size_t max_length = 24;
  std::uint32_t state = 14;
  const auto next = [&state] {
    state = state * 1664525U + 1013904223U;  // LCG (Numerical Recipes): reproducible, no seed file
    return state >> 8U;
  };
  for (std::size_t i = 0; i < samples; ++i) {
    std::string value;
    const std::size_t length = next() % max_length;
    for (std::size_t k = 0; k < length; ++k) value.push_back(alphabet[next() % alphabet.size()]);
    const auto all = parse_all_challenges({value});
    if (!parse_challenges(value)) {
      REQUIRE_FALSE(all.empty());
      CHECK_FALSE(all.front().well_formed());
    }
  }
}

}  // namespace authprobe::conformance
