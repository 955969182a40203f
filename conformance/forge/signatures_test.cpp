#include "conformance/forge/signatures.hpp"

#include <catch2/catch.hpp>

#include "conformance/forge/base64url.hpp"
#include "conformance/forge/sign.hpp"

namespace forge = authprobe::conformance::forge;

TEST_CASE("the psychic signatures include 86 'A's and MAYCAQACAQA", "[unit]") {
  const auto sigs = forge::es256_psychic_signatures();
  REQUIRE(sigs.size() == 17);
  CHECK(forge::b64url_encode(sigs[0].bytes) == std::string(86, 'A'));
  CHECK(forge::b64url_encode(sigs[1].bytes) == "MAYCAQACAQA");
  for (std::size_t i = 2; i < sigs.size(); ++i) CHECK(sigs[i].bytes.size() == 64);
}

TEST_CASE("the P-256 order and n-1 have the published bytes", "[unit]") {
  const auto n = forge::p256_order();
  CHECK(forge::b64url_encode(n) == "_____wAAAAD__________7zm-q2nF56E87nKwvxjJVE");
  const auto sigs = forge::es256_psychic_signatures();
  bool found = false;
  for (const auto& s : sigs) {
    if (s.name == "raw r=n-1 s=1") {
      found = true;
      CHECK(static_cast<unsigned char>(s.bytes[31]) == 0x50);  // ...2551 - 1 = ...2550
      CHECK(s.bytes.substr(0, 31) == n.substr(0, 31));
      CHECK(static_cast<unsigned char>(s.bytes[63]) == 1);
    }
  }
  CHECK(found);
}

TEST_CASE("a psychic signature never verifies under a real key", "[unit]") {
  const auto key = forge::generate_p256().value();
  for (const auto& s : forge::es256_psychic_signatures()) {
    CHECK_FALSE(forge::verify(forge::Alg::ES256, key, "x", s.bytes));
  }
}

TEST_CASE("a valid ES256 signature is re-encoded as DER and padded forms", "[unit]") {
  const auto key = forge::generate_p256().value();
  const auto raw = forge::sign(forge::Alg::ES256, key, "x").value();
  const auto variants = forge::es256_encoding_variants(raw);
  REQUIRE(variants);
  REQUIRE(variants->size() == 3);
  CHECK(forge::ecdsa_der_to_raw((*variants)[0].bytes, 32).value() == raw);
  CHECK((*variants)[1].bytes == raw + '\0');
  CHECK((*variants)[2].bytes == '\0' + raw);
}

TEST_CASE("flipping a bit changes exactly one bit", "[unit]") {
  const std::string zeros(2, '\0');
  CHECK(forge::flip_bit(zeros, 0) == std::string("\x80\x00", 2));
  CHECK(forge::flip_bit(zeros, 15) == std::string("\x00\x01", 2));
}

TEST_CASE("a non-canonical tail decodes leniently to the same bytes but is a different string", "[unit]") {
  const std::string segment = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";  // 43 chars, 2 spare bits
  const auto tail = forge::noncanonical_tail(segment);
  REQUIRE(tail);
  CHECK(*tail == "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXl");
  CHECK_FALSE(forge::b64url_decode(*tail));  // libsodium is strict about the spare bits
  CHECK_FALSE(forge::noncanonical_tail("Zm9v"));  // 24 bits: nothing spare
}

TEST_CASE("the high-S twin of a valid ES256 signature also verifies and differs", "[unit]") {
  const auto key = forge::generate_p256().value();
  const auto raw = forge::sign(forge::Alg::ES256, key, "x").value();
  const auto high = forge::es256_high_s(raw);
  REQUIRE(high);
  CHECK(*high != raw);
  CHECK(high->substr(0, 32) == raw.substr(0, 32));
  CHECK(forge::verify(forge::Alg::ES256, key, "x", *high));
  CHECK(forge::es256_high_s(*high).value() == raw);
}
