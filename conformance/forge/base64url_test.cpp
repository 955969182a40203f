#include "conformance/forge/base64url.hpp"

#include <catch2/catch.hpp>

namespace forge = authprobe::conformance::forge;

// RFC 4648 §10 test vectors, in the URL-safe alphabet without padding.
TEST_CASE("base64url encodes the RFC 4648 vectors without padding", "[unit]") {
  CHECK(forge::b64url_encode("") == "");
  CHECK(forge::b64url_encode("f") == "Zg");
  CHECK(forge::b64url_encode("fo") == "Zm8");
  CHECK(forge::b64url_encode("foo") == "Zm9v");
  CHECK(forge::b64url_encode("foobar") == "Zm9vYmFy");
  CHECK(forge::b64url_encode("\xfb\xff") == "-_8");
}

TEST_CASE("base64url round-trips every byte value", "[unit]") {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  const auto decoded = forge::b64url_decode(forge::b64url_encode(all));
  REQUIRE(decoded);
  CHECK(*decoded == all);
}

TEST_CASE("strict base64url decoding refuses padding, the standard alphabet and whitespace", "[unit]") {
  CHECK_FALSE(forge::b64url_decode("Zg=="));
  CHECK_FALSE(forge::b64url_decode("+_8"));
  CHECK_FALSE(forge::b64url_decode("Zm 9v"));
  CHECK(forge::b64url_decode("Zm9v").value() == "foo");
}

TEST_CASE("lenient base64url decoding takes what sloppy issuers emit", "[unit]") {
  CHECK(forge::b64url_decode_lenient("Zg==").value() == "f");
  CHECK(forge::b64url_decode_lenient("+/8").value() == "\xfb\xff");
  CHECK(forge::b64url_decode_lenient("Zm9v\n").value() == "foo");
  CHECK_FALSE(forge::b64url_decode_lenient("Zm9v!"));
}

TEST_CASE("standard base64 keeps its padding", "[unit]") {
  CHECK(forge::b64_encode("f") == "Zg==");
  CHECK(forge::b64_decode("Zm9vYg==").value() == "foob");
}
