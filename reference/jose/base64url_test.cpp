#include "reference/jose/base64url.hpp"

#include <optional>
#include <random>

#include <catch2/catch.hpp>
#include <sodium.h>

namespace b64 = authprobe::jose::base64url;

namespace {

std::string decoded(std::string_view text) {
  std::string out;
  REQUIRE(b64::decode_into(text, out));
  return out;
}

bool decodes(std::string_view text) {
  std::string out;
  return b64::decode_into(text, out);
}

std::string sodium_encode(const std::string& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::optional<std::string> sodium_decode(const std::string& text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return std::nullopt;
  out.resize(length);
  return out;
}

}  // namespace

TEST_CASE("base64url encodes the RFC 4648 section 10 vectors without padding", "[unit]") {
  CHECK(b64::encode("") == "");
  CHECK(b64::encode("f") == "Zg");
  CHECK(b64::encode("fo") == "Zm8");
  CHECK(b64::encode("foo") == "Zm9v");
  CHECK(b64::encode("foob") == "Zm9vYg");
  CHECK(b64::encode("fooba") == "Zm9vYmE");
  CHECK(b64::encode("foobar") == "Zm9vYmFy");
  CHECK(b64::encode("\xfb\xff") == "-_8");
}

TEST_CASE("base64url decodes canonical text back to the bytes", "[unit]") {
  CHECK(decoded("") == "");
  CHECK(decoded("Zg") == "f");
  CHECK(decoded("Zm8") == "fo");
  CHECK(decoded("Zm9vYmFy") == "foobar");
  CHECK(decoded("-_8") == "\xfb\xff");
}

TEST_CASE("base64url refuses padding, the standard alphabet and whitespace", "[unit]") {
  CHECK_FALSE(decodes("Zg=="));
  CHECK_FALSE(decodes("Zg="));
  CHECK_FALSE(decodes("Zm9v="));
  CHECK_FALSE(decodes("+_8"));
  CHECK_FALSE(decodes("-/8"));
  CHECK_FALSE(decodes(" Zm9v"));
  CHECK_FALSE(decodes("Zm9v "));
  CHECK_FALSE(decodes("Zm\n9v"));
  CHECK_FALSE(decodes("Zm9v\r\n"));
  CHECK_FALSE(decodes(std::string_view("Zm\0v", 4)));
  CHECK_FALSE(decodes("Zm9?"));
}

TEST_CASE("base64url refuses impossible lengths and non-zero unused trailing bits", "[unit]") {
  CHECK_FALSE(decodes("Z"));
  CHECK_FALSE(decodes("Zm9vY"));
  // "Zg" is the only spelling of "f": Zh..Zv differ only in bits that carry no data.
  CHECK_FALSE(decodes("Zh"));
  CHECK_FALSE(decodes("Zv"));
  CHECK_FALSE(decodes("Zm9"));  // "Zm8" is "fo"
  CHECK(decodes("Zm8"));
}

TEST_CASE("base64url agrees with libsodium's strict URL-safe codec on random input", "[unit]") {
  std::mt19937 random(20261123);
  std::uniform_int_distribution<int> byte(0, 255);
  constexpr int rounds = 3000;
  constexpr std::size_t max_length = 40;
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/= \n";
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<std::size_t> length(0, max_length);
  int accepted = 0;
  for (int round = 0; round < rounds; ++round) {
    std::string bytes(length(random), '\0');
    for (auto& c : bytes) c = static_cast<char>(byte(random));
    REQUIRE(b64::encode(bytes) == sodium_encode(bytes));

    std::string text(length(random) % 12, '\0');
    // Mostly the URL-safe alphabet, sometimes a character from outside it.
    for (auto& c : text) c = alphabet[round % 4 == 0 ? pick(random) : pick(random) % 64];
    std::string ours;
    const bool ok = b64::decode_into(text, ours);
    const auto theirs = sodium_decode(text);
    INFO("text: \"" << text << "\"");
    REQUIRE(ok == theirs.has_value());
    if (ok) {
      CHECK(ours == *theirs);
      ++accepted;
    }
  }
  CHECK(accepted > 0);
}
