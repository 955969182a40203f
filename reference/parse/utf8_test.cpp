#include "reference/parse/utf8.hpp"

#include <catch2/catch.hpp>

using authprobe::parse::contains_ctl;
using authprobe::parse::is_valid_utf8;

TEST_CASE("Well-formed UTF-8 of every length is accepted", "[unit]") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("ascii"));
  CHECK(is_valid_utf8("\xC2\x80"));          // U+0080
  CHECK(is_valid_utf8("\xDF\xBF"));          // U+07FF
  CHECK(is_valid_utf8("\xE0\xA0\x80"));      // U+0800
  CHECK(is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  CHECK(is_valid_utf8("\xEE\x80\x80"));      // U+E000, just above them
  CHECK(is_valid_utf8("\xEF\xBF\xBF"));      // U+FFFF
  CHECK(is_valid_utf8("\xF0\x90\x80\x80"));  // U+10000
  CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  CHECK(is_valid_utf8("pä:ss wörd 🔑"));
  CHECK(is_valid_utf8(std::string_view("a\0b", 3)));  // NUL is UTF-8; CTL checks refuse it
}

TEST_CASE("Ill-formed UTF-8 is refused (RFC 3629 §4)", "[unit]") {
  CHECK_FALSE(is_valid_utf8("\x80"));              // lone continuation
  CHECK_FALSE(is_valid_utf8("\xC0\x80"));          // overlong NUL
  CHECK_FALSE(is_valid_utf8("\xC1\xBF"));          // overlong
  CHECK_FALSE(is_valid_utf8("\xE0\x9F\xBF"));      // overlong 3-byte
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  CHECK_FALSE(is_valid_utf8("\xED\xBF\xBF"));      // surrogate U+DFFF
  CHECK_FALSE(is_valid_utf8("\xF0\x8F\xBF\xBF"));  // overlong 4-byte
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
  CHECK_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  CHECK_FALSE(is_valid_utf8("\xFF"));
  CHECK_FALSE(is_valid_utf8("\xC3"));              // truncated at the end
  CHECK_FALSE(is_valid_utf8("\xE2\x82"));
  CHECK_FALSE(is_valid_utf8("\xE2\x82" "a"));      // continuation replaced by ASCII
  CHECK_FALSE(is_valid_utf8("\xF0\x9F\x94"));
}

TEST_CASE("CTL is C0 and DEL, not printable ASCII or non-ASCII bytes", "[unit]") {
  CHECK(contains_ctl(std::string_view("\0", 1)));
  CHECK(contains_ctl("\x1F"));
  CHECK(contains_ctl("\x7F"));
  CHECK_FALSE(contains_ctl(" ~"));
  CHECK_FALSE(contains_ctl("\xC2\x85"));  // U+0085 is a C1 control but not an RFC 5234 CTL
}
