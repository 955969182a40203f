// Each unit that calls libsodium initialises it itself. CTest runs every TEST_CASE in a process
// of its own, so each case below starts with libsodium untouched: sodium_init() answers 0 on
// the first initialisation and 1 once it has happened, which tells whether the unit did it.
#include <catch2/catch.hpp>
#include <sodium.h>

#include "reference/config/login_throttle_config.hpp"
#include "reference/server/login/login_throttle.hpp"
#include "reference/server/tokens/random_token.hpp"

namespace {
constexpr int already_initialised = 1;
}

TEST_CASE("LoginThrottle initialises libsodium before drawing its hash key", "[sodium]") {
  const authprobe::server::LoginThrottle throttle{authprobe::config::LoginThrottleConfig{}};
  CHECK(sodium_init() == already_initialised);
}

TEST_CASE("random_base64url initialises libsodium before drawing bytes", "[sodium]") {
  const auto value = authprobe::server::random_base64url(authprobe::server::refresh_token_bytes);
  CHECK(value.size() == 43);  // 32 bytes, unpadded base64url
  CHECK(sodium_init() == already_initialised);
}

TEST_CASE("sha256_raw initialises libsodium before hashing", "[sodium]") {
  CHECK(authprobe::server::sha256_raw("x").size() == crypto_hash_sha256_BYTES);
  CHECK(sodium_init() == already_initialised);
}
