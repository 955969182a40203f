// bcrypt through the public verify path and the raw scheme functions.
// Vectors:
//   FastAPI docs ("OAuth2 with Password (and hashing), Bearer with JWT tokens", MIT licence):
//     $2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW is "secret".
//   Openwall crypt_blowfish wrapper.c test vectors (Solar Designer, public domain), as also
//   shipped in php-src ext/standard/tests/crypt/crypt_blowfish.phpt.
#include <catch2/catch.hpp>

#include <string>

#include "reference/password/password_hash.hpp"
#include "reference/password/schemes.hpp"
#include "reference/password/testing/password_test_helpers.hpp"

using namespace authprobe::password;
using namespace authprobe::password::testing;

namespace {
constexpr const char* fastapi_hash = "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW";
constexpr std::uint32_t cheapest_cost = 4;  // raw-format tests only; the policy floor is 10
}  // namespace

TEST_CASE("The FastAPI docs' bcrypt hash verifies secret and rejects Secret", "[unit]") {
  const auto right = verify_password("secret", fastapi_hash);
  REQUIRE(right.has_value());
  CHECK(*right);
  const auto wrong = verify_password("Secret", fastapi_hash);
  REQUIRE(wrong.has_value());
  CHECK_FALSE(*wrong);
}

TEST_CASE("Openwall's $2a$, $2b$ and $2y$ vectors verify and reject a changed password", "[unit]") {
  struct Vector {
    std::string hash;
    std::string password;
  };
  const Vector vectors[] = {
      {"$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW", "U*U"},
      {"$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK", "U*U*"},
      {"$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a", "U*U*U"},
      {"$2y$05$/OK.fbVrR/bpIqNJ5ianF.CE5elHaaO4EbggVDjb8P19RukzXSM3e", "\xff\xff\xa3"},
      {"$2b$05$/OK.fbVrR/bpIqNJ5ianF.CE5elHaaO4EbggVDjb8P19RukzXSM3e", "\xff\xff\xa3"},
      {"$2a$05$/OK.fbVrR/bpIqNJ5ianF.nqd1wy.pTMdcvrRWxyiGL2eMz.2a85.", "\xff\xff\xa3"},
      {"$2y$05$/OK.fbVrR/bpIqNJ5ianF.Sa7shbm4.OzKpvFnX1pQLmQW96oUlCq", "\xa3"},
      {"$2a$05$/OK.fbVrR/bpIqNJ5ianF.Sa7shbm4.OzKpvFnX1pQLmQW96oUlCq", "\xa3"},
      {"$2b$05$/OK.fbVrR/bpIqNJ5ianF.Sa7shbm4.OzKpvFnX1pQLmQW96oUlCq", "\xa3"},
  };
  for (const auto& v : vectors) {
    INFO(v.hash);
    CHECK(identify(v.hash) == Algorithm::bcrypt);
    CHECK(verified(verify_password(v.password, v.hash)));
    const auto changed = verify_password(v.password + "x", v.hash);
    REQUIRE(changed.has_value());
    CHECK_FALSE(*changed);
  }
}

TEST_CASE("A bcrypt hash is made with $2b$, the asked cost and a fresh salt each time", "[unit]") {
  const auto first = detail::bcrypt_hash("correct horse", cheapest_cost);
  const auto second = detail::bcrypt_hash("correct horse", cheapest_cost);
  REQUIRE(first.has_value());
  REQUIRE(second.has_value());
  CHECK(first->starts_with("$2b$04$"));
  CHECK(first->size() == 60);
  CHECK(*first != *second);
  CHECK(verified(detail::bcrypt_verify("correct horse", *first)));
  CHECK(verified(detail::bcrypt_verify("correct horse", *second)));
  CHECK_FALSE(verified(detail::bcrypt_verify("correct horsE", *first)));
  CHECK(detail::bcrypt_cost(*first).value() == cheapest_cost);
}

TEST_CASE("bcrypt takes 71 and 72 bytes and refuses 73 and 80, never truncating", "[unit]") {
  const std::string p80 = "dave-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz012";
  REQUIRE(p80.size() == 80);
  const std::string p71 = p80.substr(0, 71);
  const std::string p72 = p80.substr(0, 72);
  const std::string p73 = p80.substr(0, 73);

  const auto h71 = detail::bcrypt_hash(p71, cheapest_cost);
  const auto h72 = detail::bcrypt_hash(p72, cheapest_cost);
  REQUIRE(h71.has_value());
  REQUIRE(h72.has_value());
  CHECK(verified(verify_password(p71, *h71)));
  CHECK(verified(verify_password(p72, *h72)));
  CHECK_FALSE(verified(verify_password(p71, *h72)));

  CHECK(code_of(detail::bcrypt_hash(p73, cheapest_cost)) == code(PasswordErrc::too_long_for_bcrypt));
  CHECK(code_of(detail::bcrypt_hash(p80, cheapest_cost)) == code(PasswordErrc::too_long_for_bcrypt));
  // bcrypt(P[:72]) is all a truncating library would have stored for P: P must still not match.
  CHECK(code_of(verify_password(p73, *h72)) == code(PasswordErrc::too_long_for_bcrypt));
  CHECK(code_of(verify_password(p80, *h72)) == code(PasswordErrc::too_long_for_bcrypt));
}

TEST_CASE("A hash a truncating library made of a 98-byte password never matches that password", "[unit]") {
  // Openwall vector: the hash of the password's first 72 bytes.
  const std::string hash = "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui";
  const std::string longer =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789chars after 72 are ignored";
  CHECK(code_of(verify_password(longer, hash)) == code(PasswordErrc::too_long_for_bcrypt));
  CHECK(verified(verify_password(longer.substr(0, bcrypt_max_password_bytes), hash)));
}

TEST_CASE("bcrypt refuses a password with a NUL byte instead of cutting it at the NUL", "[unit]") {
  const auto stored = detail::bcrypt_hash("wonderland-42", cheapest_cost);
  REQUIRE(stored.has_value());
  const std::string with_nul("wonderland-42\0garbage", 21);
  CHECK(code_of(verify_password(with_nul, *stored)) == code(PasswordErrc::nul_byte_for_bcrypt));
  CHECK(code_of(detail::bcrypt_hash(with_nul, cheapest_cost)) == code(PasswordErrc::nul_byte_for_bcrypt));
  CHECK(code_of(detail::bcrypt_hash(std::string("\0", 1), cheapest_cost)) == code(PasswordErrc::nul_byte_for_bcrypt));
}

TEST_CASE("Malformed bcrypt strings are error values", "[unit]") {
  const char* malformed[] = {
      "$2b$",
      "$2b$12$",
      "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31l",    // 59 characters
      "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lWW",  // 61 characters
      "$2b$1x$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW",   // cost not digits
      "$2b$03$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW",   // cost below 4
      "$2b$32$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW",   // cost above 31
      "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31l!",   // not bcrypt base64
      "$2b$12#EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW",
  };
  for (const char* hash : malformed) {
    INFO(hash);
    CHECK(code_of(verify_password("secret", hash)) == code(PasswordErrc::malformed_hash));
  }
  const std::string with_nul("$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31l\0", 60);
  CHECK(code_of(verify_password("secret", with_nul)) == code(PasswordErrc::malformed_hash));
  CHECK(code_of(verify_password("secret", "$2x$05$/OK.fbVrR/bpIqNJ5ianF.CE5elHaaO4EbggVDjb8P19RukzXSM3e")) ==
        code(PasswordErrc::unsupported_scheme));
}
