#include "conformance/forge/compact.hpp"

#include <catch2/catch.hpp>

namespace forge = authprobe::conformance::forge;

namespace {
// RFC 7515 Appendix A.1: header and claims contain CRLF line breaks.
constexpr std::string_view a1_token =
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr std::string_view a1_header = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}";
constexpr std::string_view a1_payload =
    "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
}  // namespace

TEST_CASE("a compact token decodes into its exact header and payload bytes", "[unit]") {
  const auto decoded = forge::decode_compact(a1_token);
  REQUIRE(decoded);
  CHECK(decoded->header_json == a1_header);
  CHECK(decoded->payload_json == a1_payload);
  CHECK(decoded->signature.size() == 32);
  CHECK(decoded->signature_b64 == "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
}

TEST_CASE("re-encoding the decoded parts reproduces the token byte for byte", "[unit]") {
  const auto decoded = forge::decode_compact(a1_token).value();
  CHECK(forge::encode_compact(decoded.header_json, decoded.payload_json, decoded.signature) == a1_token);
}

TEST_CASE("decoding refuses tokens that do not have three segments", "[unit]") {
  CHECK_FALSE(forge::decode_compact("abc"));
  CHECK_FALSE(forge::decode_compact("abc.def"));
  CHECK_FALSE(forge::decode_compact("a.b.c.d"));
  CHECK_FALSE(forge::decode_compact("e30.e30.!!"));
}

TEST_CASE("an empty signature gives the trailing-dot form of an unsecured JWS", "[unit]") {
  CHECK(forge::encode_compact(R"({"alg":"none"})", "{}", "") == "eyJhbGciOiJub25lIn0.e30.");
}
