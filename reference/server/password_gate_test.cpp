#include "reference/server/password_gate.hpp"

#include <thread>

#include <catch2/catch.hpp>

using namespace authprobe::server;

TEST_CASE("The password gate refuses at once when full and its queue bound is zero", "[unit]") {
  PasswordGate gate({1, 0, std::chrono::milliseconds(1000)});
  auto held = gate.acquire();
  REQUIRE(held);
  CHECK_FALSE(gate.acquire());
  CHECK_FALSE(gate.try_acquire());
  CHECK(gate.in_use() == 1);
}

TEST_CASE("Releasing a permit frees its slot", "[unit]") {
  PasswordGate gate({1, 0, std::chrono::milliseconds(0)});
  { auto held = gate.acquire(); REQUIRE(held); }
  CHECK(gate.in_use() == 0);
  CHECK(gate.acquire());
}

TEST_CASE("A queued request gets the slot when it is released", "[unit]") {
  PasswordGate gate({1, 1, std::chrono::milliseconds(10000)});
  auto held = std::make_unique<PasswordGate::Permit>(*gate.acquire());
  std::thread releaser([&held] { held.reset(); });
  auto waited = gate.acquire();
  releaser.join();
  CHECK(waited);
}

TEST_CASE("A queued request gives up after the bounded wait", "[unit]") {
  PasswordGate gate({1, 1, std::chrono::milliseconds(20)});
  auto held = gate.acquire();
  REQUIRE(held);
  CHECK_FALSE(gate.acquire());
}
