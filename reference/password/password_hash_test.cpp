// The public entry points: policy floors, the long-password guard, dispatch, needs_rehash and
// the dummy verifier. Round trips through hash_password use the OWASP floor parameters.
#include <catch2/catch.hpp>

#include <string>

#include "reference/password/password_hash.hpp"
#include "reference/password/schemes.hpp"
#include "reference/password/testing/password_test_helpers.hpp"

using namespace authprobe::password;
using namespace authprobe::password::testing;

namespace {

HashPolicy floor_policy(Algorithm algorithm) {
  HashPolicy policy;
  policy.algorithm = algorithm;
  policy.argon2_memory_kib = owasp::argon2_min_memory_kib;
  policy.argon2_iterations = owasp::argon2_min_iterations;
  policy.bcrypt_cost = owasp::bcrypt_min_cost;
  policy.scrypt_log2_n = owasp::scrypt_min_log2_n;
  policy.pbkdf2_iterations = owasp::pbkdf2_sha256_min_iterations;
  return policy;
}

constexpr Algorithm all_algorithms[] = {Algorithm::argon2id, Algorithm::bcrypt, Algorithm::scrypt,
                                        Algorithm::pbkdf2_sha256};

}  // namespace

TEST_CASE("The default policy is OWASP's argon2id minimum and is accepted", "[unit]") {
  const HashPolicy policy;
  CHECK(policy.algorithm == Algorithm::argon2id);
  CHECK(policy.argon2_memory_kib == 19456);
  CHECK(policy.argon2_iterations == 2);
  CHECK(validate_policy(policy).has_value());
  for (auto algorithm : all_algorithms) {
    INFO(algorithm_name(algorithm));
    CHECK(validate_policy(floor_policy(algorithm)).has_value());
  }
}

TEST_CASE("Policies one step under an OWASP floor are refused as weak", "[unit]") {
  auto weak = [](HashPolicy p) { return code_of(validate_policy(p)) == code(PasswordErrc::weak_policy); };
  HashPolicy p = floor_policy(Algorithm::argon2id);
  p.argon2_memory_kib = owasp::argon2_min_memory_kib - 1;
  CHECK(weak(p));
  p = floor_policy(Algorithm::argon2id);
  p.argon2_iterations = owasp::argon2_min_iterations - 1;
  CHECK(weak(p));
  p = floor_policy(Algorithm::bcrypt);
  p.bcrypt_cost = owasp::bcrypt_min_cost - 1;
  CHECK(weak(p));
  p = floor_policy(Algorithm::scrypt);
  p.scrypt_log2_n = owasp::scrypt_min_log2_n - 1;
  CHECK(weak(p));
  p = floor_policy(Algorithm::pbkdf2_sha256);
  p.pbkdf2_iterations = owasp::pbkdf2_sha256_min_iterations - 1;
  CHECK(weak(p));
  p = floor_policy(Algorithm::argon2id);
  p.max_password_bytes = 63;
  CHECK(weak(p));
  // The floor of the configured algorithm only: a low bcrypt cost does not matter for argon2id.
  p = floor_policy(Algorithm::argon2id);
  p.bcrypt_cost = 4;
  CHECK(validate_policy(p).has_value());
}

TEST_CASE("hash_password refuses a weak policy before hashing", "[unit]") {
  HashPolicy p = floor_policy(Algorithm::bcrypt);
  p.bcrypt_cost = 4;
  CHECK(code_of(hash_password("secret", p)) == code(PasswordErrc::weak_policy));
}

TEST_CASE("Every algorithm round-trips through hash_password at the OWASP floor", "[unit]") {
  const std::string password = "p\xc3\xa4:ss w\xc3\xb6rd \xf0\x9f\x94\x91";  // erin's, NFC UTF-8
  for (auto algorithm : all_algorithms) {
    INFO(algorithm_name(algorithm));
    const auto policy = floor_policy(algorithm);
    const auto stored = hash_password(password, policy);
    REQUIRE(stored.has_value());
    CHECK(identify(*stored) == algorithm);
    CHECK(verified(verify_password(password, *stored)));
    const auto wrong = verify_password(password + " ", *stored);
    REQUIRE(wrong.has_value());
    CHECK_FALSE(*wrong);
    CHECK_FALSE(needs_rehash(*stored, policy));
  }
}

TEST_CASE("Two argon2id hashes of the same password differ", "[unit]") {
  const auto first = hash_password("wonderland-42", HashPolicy{});
  const auto second = hash_password("wonderland-42", HashPolicy{});
  REQUIRE(first.has_value());
  REQUIRE(second.has_value());
  CHECK(*first != *second);
  CHECK(first->starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
}

TEST_CASE("Passwords over max_password_bytes are refused before any hashing", "[unit]") {
  const std::string one_mib(1024 * 1024, 'a');
  const std::string at_limit(default_max_password_bytes, 'a');
  const auto stored = detail::argon2id_hash(at_limit, 8, 1);
  REQUIRE(stored.has_value());
  CHECK(verified(verify_password(at_limit, *stored)));
  CHECK(code_of(verify_password(at_limit + "a", *stored)) == code(PasswordErrc::password_too_long));
  CHECK(code_of(verify_password(one_mib, *stored)) == code(PasswordErrc::password_too_long));
  CHECK(code_of(hash_password(one_mib, HashPolicy{})) == code(PasswordErrc::password_too_long));

  HashPolicy tight;
  tight.max_password_bytes = 128;
  CHECK(code_of(verify_password(std::string(129, 'a'), *stored, tight)) == code(PasswordErrc::password_too_long));
  CHECK(code_of(hash_password(std::string(129, 'a'), tight)) == code(PasswordErrc::password_too_long));
}

TEST_CASE("Unknown schemes and empty strings are unsupported_scheme errors", "[unit]") {
  for (const char* hash : {"", "secret", "$1$saltsalt$abc", "$6$rounds=5000$salt$hash", "$argon2d$v=19$m=8,t=1,p=1$c29tZXNhbHQ$abc",
                           "pbkdf2_sha256$870000$salt$hash="}) {
    INFO(hash);
    CHECK_FALSE(identify(hash).has_value());
    CHECK(code_of(verify_password("secret", hash)) == code(PasswordErrc::unsupported_scheme));
  }
}

TEST_CASE("Algorithm names round-trip and unknown names are refused", "[unit]") {
  for (auto algorithm : all_algorithms) CHECK(parse_algorithm_name(algorithm_name(algorithm)) == algorithm);
  CHECK(parse_algorithm_name("pbkdf2-sha256") == Algorithm::pbkdf2_sha256);
  CHECK_FALSE(parse_algorithm_name("md5").has_value());
  CHECK_FALSE(parse_algorithm_name("Argon2id").has_value());
}

TEST_CASE("needs_rehash flags other algorithms and weaker parameters, and keeps stronger ones", "[unit]") {
  // Hashes written as strings: needs_rehash only parses them, it never hashes.
  const std::string argon_floor = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
  const std::string argon_low_m = "$argon2id$v=19$m=19455,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
  const std::string argon_low_t = "$argon2id$v=19$m=65536,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
  const std::string argon_pwdlib = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
  const std::string bcrypt_12 = "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW";
  const std::string bcrypt_05 = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
  const std::string scrypt_13 =
      "$7$B6....1....5Ods8mojVwXJq4AywF/uI9BdMSiJ/zT8hQP/4cB68VC$nk4ExHNXJ802froj51/1wJTrSZvTIyyK7PecOxRRaz0";
  const std::string scrypt_17 =
      "$7$F6..../....5Ods8mojVwXJq4AywF/uI9BdMSiJ/zT8hQP/4cB68VC$nk4ExHNXJ802froj51/1wJTrSZvTIyyK7PecOxRRaz0";
  const std::string pbkdf2_1212 = "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ";
  const std::string pbkdf2_600k = "$pbkdf2-sha256$600000$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ";

  const auto argon = floor_policy(Algorithm::argon2id);
  CHECK_FALSE(needs_rehash(argon_floor, argon));
  CHECK(needs_rehash(argon_low_m, argon));
  CHECK(needs_rehash(argon_low_t, argon));
  CHECK_FALSE(needs_rehash(argon_pwdlib, argon));
  CHECK(needs_rehash(bcrypt_12, argon));
  CHECK(needs_rehash(scrypt_17, argon));
  CHECK(needs_rehash(pbkdf2_600k, argon));

  auto bcrypt = floor_policy(Algorithm::bcrypt);
  CHECK_FALSE(needs_rehash(bcrypt_12, bcrypt));
  CHECK(needs_rehash(bcrypt_05, bcrypt));
  bcrypt.bcrypt_cost = 13;
  CHECK(needs_rehash(bcrypt_12, bcrypt));
  CHECK(needs_rehash(argon_floor, bcrypt));

  const auto scrypt = floor_policy(Algorithm::scrypt);
  CHECK_FALSE(needs_rehash(scrypt_17, scrypt));
  CHECK(needs_rehash(scrypt_13, scrypt));

  const auto pbkdf2 = floor_policy(Algorithm::pbkdf2_sha256);
  CHECK_FALSE(needs_rehash(pbkdf2_600k, pbkdf2));
  CHECK(needs_rehash(pbkdf2_1212, pbkdf2));

  CHECK(needs_rehash("", argon));
  CHECK(needs_rehash("$argon2id$v=19$m=x", argon));
  CHECK(needs_rehash("$2b$12$short", bcrypt));
}

TEST_CASE("The dummy verifier holds a hash of the policy's scheme that common passwords do not match", "[unit]") {
  const DummyVerifier dummy(HashPolicy{});
  REQUIRE(identify(dummy.dummy_hash()) == Algorithm::argon2id);
  CHECK_FALSE(needs_rehash(dummy.dummy_hash(), HashPolicy{}));
  const auto attempt = verify_password("wonderland-42", dummy.dummy_hash());
  REQUIRE(attempt.has_value());
  CHECK_FALSE(*attempt);

  const DummyVerifier bcrypt_dummy(floor_policy(Algorithm::bcrypt));
  CHECK(identify(bcrypt_dummy.dummy_hash()) == Algorithm::bcrypt);
  CHECK_FALSE(needs_rehash(bcrypt_dummy.dummy_hash(), floor_policy(Algorithm::bcrypt)));
}

TEST_CASE("A dummy verifier for a weak policy falls back to the default policy", "[unit]") {
  HashPolicy weak;
  weak.algorithm = Algorithm::bcrypt;
  weak.bcrypt_cost = 4;
  const DummyVerifier fallback(weak);
  CHECK(identify(fallback.dummy_hash()) == Algorithm::argon2id);
  CHECK_FALSE(needs_rehash(fallback.dummy_hash(), HashPolicy{}));
}

TEST_CASE("burn() runs for ordinary, NUL-bearing, empty and over-long passwords without throwing", "[unit]") {
  const DummyVerifier dummy(floor_policy(Algorithm::bcrypt));
  CHECK_NOTHROW(dummy.burn("wonderland-42"));
  CHECK_NOTHROW(dummy.burn(std::string("a\0b", 3)));  // refused by bcrypt, still one hash spent
  CHECK_NOTHROW(dummy.burn(""));
  CHECK_NOTHROW(dummy.burn(std::string(1024 * 1024, 'a')));
}
