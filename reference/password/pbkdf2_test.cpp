// PBKDF2-HMAC-SHA256 in passlib's $pbkdf2-sha256$ format.
// Vectors: passlib's own test suite, passlib/tests/test_handlers_pbkdf2.py, class
// pbkdf2_sha256_test, known_correct_hashes (Eli Collins / Assurance Technologies, BSD licence).
// UPASS_WAV there is u"\u0399\u03c9\u03b1\u03bd\u03bd\u03b7\u03c2" (Greek "Ιωαννης"), hashed as UTF-8.
#include <catch2/catch.hpp>

#include <string>

#include "reference/password/password_hash.hpp"
#include "reference/password/schemes.hpp"
#include "reference/password/testing/password_test_helpers.hpp"

using namespace authprobe::password;
using namespace authprobe::password::testing;

namespace {
constexpr const char* passlib_password_vector =
    "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ";
constexpr const char* passlib_unicode_vector =
    "$pbkdf2-sha256$1212$3SABFJGDtyhrQMVt1uABPw$WyaUoqCLgvz97s523nF4iuOqZNbp5Nt8do/cuaa7AiI";
constexpr const char* upass_wav = "\xce\x99\xcf\x89\xce\xb1\xce\xbd\xce\xbd\xce\xb7\xcf\x82";
constexpr std::uint32_t cheap_iterations = 1000;  // raw-format tests only; the floor is 600000
}  // namespace

TEST_CASE("passlib's pbkdf2_sha256 vectors verify and reject a changed password", "[unit]") {
  CHECK(identify(passlib_password_vector) == Algorithm::pbkdf2_sha256);
  CHECK(verified(verify_password("password", passlib_password_vector)));
  CHECK(verified(verify_password(upass_wav, passlib_unicode_vector)));
  const auto wrong = verify_password("passwore", passlib_password_vector);
  REQUIRE(wrong.has_value());
  CHECK_FALSE(*wrong);
  CHECK_FALSE(verified(verify_password("password", passlib_unicode_vector)));
  CHECK(detail::pbkdf2_sha256_iterations(passlib_password_vector).value() == 1212);
}

TEST_CASE("pbkdf2-sha256 round-trips in passlib's layout with a 16-byte salt", "[unit]") {
  const std::string with_nul("p\xc3\xa4:ss\0w", 8);
  const auto first = detail::pbkdf2_sha256_hash(with_nul, cheap_iterations);
  const auto second = detail::pbkdf2_sha256_hash(with_nul, cheap_iterations);
  REQUIRE(first.has_value());
  REQUIRE(second.has_value());
  CHECK(*first != *second);
  REQUIRE(first->starts_with("$pbkdf2-sha256$1000$"));
  // 16 salt bytes are 22 ab64 characters, 32 checksum bytes are 43: no '=' and no '+'.
  const std::string rest = first->substr(std::string("$pbkdf2-sha256$1000$").size());
  const auto dollar = rest.find('$');
  CHECK(dollar == 22);
  CHECK(rest.size() - dollar - 1 == 43);
  CHECK(rest.find_first_of("+=") == std::string::npos);
  CHECK(verified(verify_password(with_nul, *first)));
  CHECK_FALSE(verified(verify_password(with_nul.substr(0, 6), *first)));
}

TEST_CASE("Malformed pbkdf2-sha256 strings are error values", "[unit]") {
  const char* malformed[] = {
      "$pbkdf2-sha256$",
      "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw",
      "$pbkdf2-sha256$$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ",
      "$pbkdf2-sha256$0$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ",
      "$pbkdf2-sha256$01212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ",
      "$pbkdf2-sha256$12x2$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ",
      "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tm",     // 31 bytes
      "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg+fJPeq1h/gXXY7acBp9/6c.tmQ",    // '+' not ab64
      "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ=",   // padding
      "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ$",   // extra field
      "$pbkdf2-sha256$1212$4vjV83LK!jQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ",
  };
  for (const char* hash : malformed) {
    INFO(hash);
    CHECK(code_of(verify_password("password", hash)) == code(PasswordErrc::malformed_hash));
  }
  CHECK(code_of(verify_password("password", "$pbkdf2-sha512$1212$RHY0Fr3IDMSVO/RSZyb5ow$x")) ==
        code(PasswordErrc::unsupported_scheme));
}
