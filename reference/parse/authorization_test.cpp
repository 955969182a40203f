#include "reference/parse/authorization.hpp"

#include <string>

#include <catch2/catch.hpp>
#include <sodium.h>

namespace {

using authprobe::parse::BasicCredentials;
using authprobe::parse::BearerCredentials;
using authprobe::parse::OtherScheme;
using authprobe::parse::parse_authorization;
using authprobe::parse::ParseErrc;

constexpr std::size_t four_kib = 4096;

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string basic(std::string_view user_pass) { return "Basic " + base64(user_pass); }

BasicCredentials expect_basic(std::string_view header) {
  auto parsed = parse_authorization(header);
  REQUIRE(parsed.has_value());
  REQUIRE(std::holds_alternative<BasicCredentials>(*parsed));
  return std::get<BasicCredentials>(*parsed);
}

ParseErrc expect_error(std::string_view header) {
  auto parsed = parse_authorization(header);
  REQUIRE_FALSE(parsed.has_value());
  return static_cast<ParseErrc>(parsed.error().code.value());
}

}  // namespace

TEST_CASE("The test helper encodes base64 like RFC 7617's example", "[unit]") {
  // RFC 7617 §2: Aladdin:open sesame -> QWxhZGRpbjpvcGVuIHNlc2FtZQ==
  REQUIRE(base64("Aladdin:open sesame") == "QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
}

TEST_CASE("Basic credentials from RFC 7617's example are split into user-id and password", "[unit]") {
  const auto credentials = expect_basic("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  CHECK(credentials.user_id == "Aladdin");
  CHECK(credentials.password == "open sesame");
}

TEST_CASE("The scheme name compares case-insensitively (BASIC-05)", "[unit]") {
  const std::string token = base64("alice:wonderland-42");
  for (const char* scheme : {"Basic", "basic", "BASIC", "bAsIc"}) {
    INFO(scheme);
    const auto credentials = expect_basic(std::string(scheme) + " " + token);
    CHECK(credentials.user_id == "alice");
    CHECK(credentials.password == "wonderland-42");
  }
  for (const char* scheme : {"Bearer", "bearer", "BEARER"}) {
    INFO(scheme);
    auto parsed = parse_authorization(std::string(scheme) + " abc.def");
    REQUIRE(parsed.has_value());
    CHECK(std::get<BearerCredentials>(*parsed).token == "abc.def");
  }
}

TEST_CASE("Several spaces may separate scheme and credentials but a TAB may not (BASIC-06)", "[unit]") {
  const std::string token = base64("alice:wonderland-42");
  CHECK(expect_basic("Basic  " + token).user_id == "alice");
  CHECK(expect_basic("Basic     " + token).password == "wonderland-42");
  CHECK(expect_error("Basic\t" + token) == ParseErrc::malformed_header);
  CHECK(expect_error("Basic \t" + token) == ParseErrc::malformed_header);
  CHECK(expect_error("Bearer\tabc") == ParseErrc::malformed_header);
}

TEST_CASE("Whitespace around the whole field value is not part of it (RFC 9110 §5.5)", "[unit]") {
  const std::string token = base64("alice:wonderland-42");
  CHECK(expect_basic("  Basic " + token + " \t").user_id == "alice");
}

TEST_CASE("Token68 values that are not padded base64 are refused (BASIC-07)", "[unit]") {
  CHECK(expect_error("Basic !!!!") == ParseErrc::bad_base64);
  // Over-padded: refused, so there is exactly one encoding of each credential.
  CHECK(expect_error("Basic YWxpY2U6cHc===") == ParseErrc::bad_base64);
  // Unpadded: refused, consistently (RFC 7617 §2 uses RFC 4648 §4 base64, which pads).
  CHECK(expect_error("Basic YWxpY2U6cHc") == ParseErrc::bad_base64);
  // The same bytes properly padded are fine.
  CHECK(expect_basic("Basic YWxpY2U6cHc=").password == "pw");
  // A decoder that skips invalid characters would read "alice:pw" here.
  CHECK(expect_error("Basic YWxp!Y2U6cHc=") == ParseErrc::bad_base64);
  CHECK(expect_error("Basic YWxp Y2U6cHc=") == ParseErrc::malformed_header);
  // base64url characters are not base64.
  CHECK(expect_error("Basic " + std::string("YWxpY2U6-_8=")) == ParseErrc::bad_base64);
  // Non-zero trailing bits: "cHd=" would decode to "pw" only by ignoring them.
  CHECK(expect_error("Basic YWxpY2U6cHd=") == ParseErrc::bad_base64);
}

TEST_CASE("4 KiB of 'A' decodes to NUL bytes without a colon and is refused (BASIC-07)", "[unit]") {
  CHECK(expect_error("Basic " + std::string(four_kib, 'A')) == ParseErrc::missing_colon);
  CHECK(expect_error("Basic " + std::string(four_kib + 1, 'A')) == ParseErrc::bad_base64);
}

TEST_CASE("Basic splits at the first colon (BASIC-08)", "[unit]") {
  CHECK(expect_error(basic("alice")) == ParseErrc::missing_colon);
  const auto erin = expect_basic(basic("erin:pä:ss wörd 🔑"));
  CHECK(erin.user_id == "erin");
  CHECK(erin.password == "pä:ss wörd 🔑");
  const auto colons = expect_basic(basic("a:b:c:"));
  CHECK(colons.user_id == "a");
  CHECK(colons.password == "b:c:");
}

TEST_CASE("Control characters in either field are refused, never truncated at (BASIC-09)", "[unit]") {
  using namespace std::string_literals;
  CHECK(expect_error(basic("alice\0junk:pw"s)) == ParseErrc::control_character);
  CHECK(expect_error(basic("alice:pw\0anything"s)) == ParseErrc::control_character);
  CHECK(expect_error(basic("alice:pw\r\nX-Injected: 1")) == ParseErrc::control_character);
  CHECK(expect_error(basic("alice:pw\n")) == ParseErrc::control_character);
  CHECK(expect_error(basic("alice:p\tw")) == ParseErrc::control_character);
  CHECK(expect_error(basic("al\x1fice:pw")) == ParseErrc::control_character);
  CHECK(expect_error(basic("alice:pw\x7f")) == ParseErrc::control_character);
  // Every C0 control and DEL, in each field.
  for (int c = 0; c <= 0x7f; ++c) {
    if (c >= 0x20 && c < 0x7f) continue;
    const std::string ctl(1, static_cast<char>(c));
    INFO("control " << c);
    CHECK(expect_error(basic("a" + ctl + "b:pw")) == ParseErrc::control_character);
    CHECK(expect_error(basic("ab:p" + ctl + "w")) == ParseErrc::control_character);
  }
}

TEST_CASE("Empty credentials and empty fields are refused (BASIC-10)", "[unit]") {
  CHECK(expect_error("Basic") == ParseErrc::empty_credentials);
  CHECK(expect_error("Basic ") == ParseErrc::empty_credentials);
  CHECK(expect_error("Basic    ") == ParseErrc::empty_credentials);
  CHECK(expect_error("Basic Og==") == ParseErrc::empty_credentials);  // ":"
  CHECK(expect_error(basic(":pw")) == ParseErrc::empty_credentials);
  CHECK(expect_error(basic("alice:")) == ParseErrc::empty_credentials);
}

TEST_CASE("Decoded Basic credentials must be UTF-8", "[unit]") {
  CHECK(expect_error(basic("alice:p\xff")) == ParseErrc::bad_utf8);
  CHECK(expect_error(basic("alice:pa\xc0\xbass")) == ParseErrc::bad_utf8);  // overlong ':'
  CHECK(expect_error(basic("al\xc3:pw")) == ParseErrc::bad_utf8);          // truncated sequence
  CHECK(expect_basic(basic("\xc3\xa4lice:pw")).user_id == "älice");
}

TEST_CASE("Bearer tokens follow the b64token grammar", "[unit]") {
  const auto token_of = [](std::string_view header) {
    auto parsed = parse_authorization(header);
    REQUIRE(parsed.has_value());
    return std::get<BearerCredentials>(*parsed).token;
  };
  CHECK(token_of("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln") ==
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln");
  CHECK(token_of("Bearer mF_9.B5f-4.1JqM") == "mF_9.B5f-4.1JqM");  // RFC 6750 §2.1's example
  CHECK(token_of("Bearer a+b/c~d==") == "a+b/c~d==");
  CHECK(token_of("Bearer  two-spaces") == "two-spaces");
  CHECK(expect_error("Bearer") == ParseErrc::empty_credentials);
  CHECK(expect_error("Bearer ") == ParseErrc::empty_credentials);
  CHECK(expect_error("Bearer a=b") == ParseErrc::bad_token_syntax);
  CHECK(expect_error("Bearer ==") == ParseErrc::bad_token_syntax);
  CHECK(expect_error("Bearer a b") == ParseErrc::bad_token_syntax);
  CHECK(expect_error("Bearer a,b") == ParseErrc::bad_token_syntax);
  CHECK(expect_error("Bearer realm=\"x\"") == ParseErrc::bad_token_syntax);
  CHECK(expect_error("Bearer t\xc3\xa4") == ParseErrc::bad_token_syntax);
  CHECK(expect_error(std::string("Bearer a\0b", 10)) == ParseErrc::bad_token_syntax);
}

TEST_CASE("Other schemes are reported as such, not as errors", "[unit]") {
  for (const char* header : {"Digest username=\"a\"", "Token abc", "Basicx YWxpY2U6cHc=", "Negotiate"}) {
    INFO(header);
    auto parsed = parse_authorization(header);
    REQUIRE(parsed.has_value());
    REQUIRE(std::holds_alternative<OtherScheme>(*parsed));
  }
  CHECK(std::get<OtherScheme>(*parse_authorization("Digest x")).scheme == "Digest");
}

TEST_CASE("A header that is not scheme-then-credentials is malformed", "[unit]") {
  CHECK(expect_error("") == ParseErrc::malformed_header);
  CHECK(expect_error("   ") == ParseErrc::malformed_header);
  CHECK(expect_error("Bas(ic YWxpY2U6cHc=") == ParseErrc::malformed_header);
  CHECK(expect_error("\xc3\xa4 x") == ParseErrc::malformed_header);
}

TEST_CASE("Error details never contain the credentials", "[unit]") {
  using namespace std::string_literals;
  for (const std::string& header : {basic("alice:secret\0pw"s), basic("alice:secret\xff"), basic("aliceXsecret"),
                                    "Basic secret!!"s, "Bearer secret=token"s}) {
    auto parsed = parse_authorization(header);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().message().find("secret") == std::string::npos);
    CHECK_FALSE(parsed.error().message().empty());
  }
}
