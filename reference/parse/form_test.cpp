#include "reference/parse/form.hpp"

#include <set>
#include <string>

#include <catch2/catch.hpp>

namespace {

using authprobe::parse::form_url_decode;
using authprobe::parse::FormParams;
using authprobe::parse::parse_form;
using authprobe::parse::ParseErrc;

FormParams expect_form(std::string_view body) {
  auto parsed = parse_form(body);
  REQUIRE(parsed.has_value());
  return *parsed;
}

ParseErrc expect_error(std::string_view body) {
  auto parsed = parse_form(body);
  REQUIRE_FALSE(parsed.has_value());
  return static_cast<ParseErrc>(parsed.error().code.value());
}

}  // namespace

TEST_CASE("A password grant body decodes into its parameters", "[unit]") {
  const auto form = expect_form("grant_type=password&username=alice&password=wonderland-42&scope=todos%3Aread");
  CHECK(form.get("grant_type") == "password");
  CHECK(form.get("username") == "alice");
  CHECK(form.get("password") == "wonderland-42");
  CHECK(form.get("scope") == "todos:read");
  CHECK(form.all().size() == 4);
  CHECK_FALSE(form.get("client_id").has_value());
  CHECK_FALSE(form.contains("client_id"));
}

TEST_CASE("Erin's password decodes from '+' and %-escapes (TOKEN-06)", "[unit]") {
  const auto form = expect_form("username=erin&password=p%C3%A4%3Ass+w%C3%B6rd+%F0%9F%94%91");
  CHECK(form.get("password") == "pä:ss wörd 🔑");
  // Lower-case hex digits and a literal (unescaped) UTF-8 body are fine too.
  CHECK(expect_form("password=p%c3%a4%3ass+w%c3%b6rd+%f0%9f%94%91").get("password") == "pä:ss wörd 🔑");
  CHECK(expect_form("password=pä:ss+wörd+🔑").get("password") == "pä:ss wörd 🔑");
  // An escaped '+' is a plus, an escaped '&' or '=' is data.
  CHECK(expect_form("a=%2B%26%3D").get("a") == "+&=");
}

TEST_CASE("Malformed %-escapes are errors, not passed through (TOKEN-06)", "[unit]") {
  CHECK(expect_error("password=%ZZ") == ParseErrc::bad_percent_escape);
  CHECK(expect_error("password=%") == ParseErrc::bad_percent_escape);
  CHECK(expect_error("password=%4") == ParseErrc::bad_percent_escape);
  CHECK(expect_error("password=%4&x=1") == ParseErrc::bad_percent_escape);
  CHECK(expect_error("password=abc%G1") == ParseErrc::bad_percent_escape);
  CHECK(expect_error("pass%word=x") == ParseErrc::bad_percent_escape);
}

TEST_CASE("Decoded bytes must be UTF-8 (TOKEN-06)", "[unit]") {
  CHECK(expect_error("password=%C3") == ParseErrc::bad_utf8);           // truncated sequence
  CHECK(expect_error("password=%FF") == ParseErrc::bad_utf8);
  CHECK(expect_error("password=%C0%BA") == ParseErrc::bad_utf8);        // overlong ':'
  CHECK(expect_error("password=%ED%A0%80") == ParseErrc::bad_utf8);     // a surrogate
  CHECK(expect_error("password=%F4%90%80%80") == ParseErrc::bad_utf8);  // above U+10FFFF
  CHECK(expect_error("%C3=x") == ParseErrc::bad_utf8);
  CHECK(expect_form("password=%F4%8F%BF%BF").get("password") == "\xF4\x8F\xBF\xBF");  // U+10FFFF
}

TEST_CASE("A parameter without a value counts as absent but is still seen (TOKEN-10)", "[unit]") {
  const auto form = expect_form("username=&password=x&scope");
  CHECK_FALSE(form.get("username").has_value());
  CHECK(form.contains("username"));
  CHECK_FALSE(form.get("scope").has_value());
  CHECK(form.contains("scope"));
  CHECK(form.get("password") == "x");
  CHECK_FALSE(expect_form("password=").get("password").has_value());
}

TEST_CASE("A parameter given twice is an error naming it, not its value (TOKEN-11)", "[unit]") {
  for (const char* body : {"username=alice&username=bob&password=wonderland-42",
                           "grant_type=password&grant_type=password", "scope=a&scope=b", "scope=&scope=",
                           "password=x&password"}) {
    INFO(body);
    auto parsed = parse_form(body);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == ParseErrc::duplicate_parameter);
  }
  auto parsed = parse_form("username=alice&password=hunter2&username=bob");
  REQUIRE_FALSE(parsed.has_value());
  CHECK(parsed.error().detail.find("'username'") != std::string::npos);
  CHECK(parsed.error().detail.find("alice") == std::string::npos);
  CHECK(parsed.error().detail.find("bob") == std::string::npos);
  // Names are compared after decoding: "user%6Eame" is "username".
  CHECK(expect_error("username=a&user%6Eame=b") == ParseErrc::duplicate_parameter);
}

TEST_CASE("Empty pairs are skipped", "[unit]") {
  const auto form = expect_form("&&a=1&&b=2&");
  CHECK(form.all().size() == 2);
  CHECK(form.get("a") == "1");
  CHECK(form.get("b") == "2");
  CHECK(expect_form("").all().empty());
  CHECK(expect_form("&").all().empty());
}

TEST_CASE("A value splits at the first '=' only", "[unit]") {
  CHECK(expect_form("a=b=c").get("a") == "b=c");
  CHECK(expect_form("a==").get("a") == "=");
}

TEST_CASE("Error details from a hostile body stay printable and bounded", "[unit]") {
  const std::string long_name(1000, 'n');
  auto parsed = parse_form(long_name + "=1&" + long_name + "=2");
  REQUIRE_FALSE(parsed.has_value());
  CHECK(parsed.error().detail.size() < 200);
  auto control = parse_form("a%0Ab=1&a%0Ab=2");
  REQUIRE_FALSE(control.has_value());
  CHECK(control.error().detail.find('\n') == std::string::npos);
}

TEST_CASE("form_url_decode decodes one component such as an RFC 6749 §2.3.1 client id", "[unit]") {
  CHECK(form_url_decode("c%3Ali%25nt") == "c:li%nt");
  CHECK(form_url_decode("s3cr%25t%3Awith%26reserved%3Dchars") == "s3cr%t:with&reserved=chars");
  CHECK(form_url_decode("a+b") == "a b");
  CHECK(form_url_decode("") == "");
  CHECK_FALSE(form_url_decode("%").has_value());
  CHECK_FALSE(form_url_decode("%C3").has_value());
}

TEST_CASE("Every ParseErrc has its own description", "[unit]") {
  using authprobe::parse::describe;
  std::set<std::string> seen;
  for (int e = static_cast<int>(ParseErrc::empty_credentials); e <= static_cast<int>(ParseErrc::duplicate_parameter);
       ++e) {
    const std::string text = describe(static_cast<ParseErrc>(e));
    CHECK_FALSE(text.empty());
    CHECK(seen.insert(text).second);
  }
  CHECK(std::error_code(ParseErrc::bad_utf8).category().name() == std::string("parse"));
}
