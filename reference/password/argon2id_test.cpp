// argon2id in the PHC string format.
// Vector: the Argon2 reference implementation's test.c (P-H-C/phc-winner-argon2, CC0 / Apache
// 2.0): argon2id, v=19, m=65536, t=2, p=1, password "password", salt "somesalt".
#include <catch2/catch.hpp>

#include <string>

#include "reference/password/password_hash.hpp"
#include "reference/password/schemes.hpp"
#include "reference/password/testing/password_test_helpers.hpp"

using namespace authprobe::password;
using namespace authprobe::password::testing;

namespace {
constexpr const char* reference_vector =
    "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
// Raw-format tests only: libsodium's floor (8 KiB, one pass), far below the OWASP policy.
constexpr std::uint32_t tiny_memory_kib = 8;
constexpr std::uint32_t one_pass = 1;
}  // namespace

TEST_CASE("The Argon2 reference argon2id vector verifies password and rejects Password", "[unit]") {
  CHECK(identify(reference_vector) == Algorithm::argon2id);
  CHECK(verified(verify_password("password", reference_vector)));
  const auto wrong = verify_password("Password", reference_vector);
  REQUIRE(wrong.has_value());
  CHECK_FALSE(*wrong);
}

TEST_CASE("argon2id parameters are read from the PHC string", "[unit]") {
  const auto params = detail::argon2id_params(reference_vector);
  REQUIRE(params.has_value());
  CHECK(params->memory_kib == 65536);
  CHECK(params->iterations == 2);
  CHECK(params->lanes == 1);
  const auto pwdlib = detail::argon2id_params(
      "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$MTIzNDU2Nzg5MGFiY2RlZjEyMzQ1Njc4OTBhYmNkZWY");
  REQUIRE(pwdlib.has_value());
  CHECK(pwdlib->lanes == 4);
}

TEST_CASE("argon2id round-trips, salts each hash afresh and keeps embedded NUL bytes", "[unit]") {
  const std::string with_nul("pa\0ss", 5);
  const auto first = detail::argon2id_hash(with_nul, tiny_memory_kib, one_pass);
  const auto second = detail::argon2id_hash(with_nul, tiny_memory_kib, one_pass);
  REQUIRE(first.has_value());
  REQUIRE(second.has_value());
  CHECK(first->starts_with("$argon2id$v=19$m=8,t=1,p=1$"));
  CHECK(*first != *second);
  CHECK(verified(verify_password(with_nul, *first)));
  CHECK(verified(verify_password(with_nul, *second)));
  CHECK_FALSE(verified(verify_password("pa", *first)));            // cut at the NUL
  CHECK_FALSE(verified(verify_password(std::string("pa\0sS", 5), *first)));
}

TEST_CASE("The 72-byte prefix of an 80-byte password does not verify against its argon2id hash", "[unit]") {
  const std::string p80 = "dave-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz012";
  const auto stored = detail::argon2id_hash(p80, tiny_memory_kib, one_pass);
  REQUIRE(stored.has_value());
  CHECK(verified(verify_password(p80, *stored)));
  CHECK_FALSE(verified(verify_password(p80.substr(0, 72), *stored)));
  CHECK_FALSE(verified(verify_password(p80.substr(0, 72) + "XXXXXXXX", *stored)));
}

TEST_CASE("Malformed argon2id strings are error values", "[unit]") {
  const char* malformed[] = {
      "$argon2id$",
      "$argon2id$v=19$",
      "$argon2id$v=16$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=2$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=0,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=99999999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=065536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=-1,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ",
      "$argon2id$v=19$m=65536,t=2,p=1$$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPP!",
  };
  for (const char* hash : malformed) {
    INFO(hash);
    CHECK(code_of(verify_password("password", hash)) == code(PasswordErrc::malformed_hash));
  }
  CHECK(code_of(verify_password("password", "$argon2i$v=19$m=4096,t=3,p=1$MzE4ODFiZWFlMjAzOWUAAA$FWUV6tsyJ32qThiLi1cCsLIbf3dIOG/RwXcTzt536KY")) ==
        code(PasswordErrc::unsupported_scheme));
}
