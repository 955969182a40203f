#include "reference/server/login/password_gate.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>
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

TEST_CASE("The gate runs work on a hash thread at a lower priority and returns its result", "[unit]") {
  PasswordGate gate({2, 0, std::chrono::milliseconds(0)});
  const auto caller = std::this_thread::get_id();
  const auto caller_nice = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
  struct Seen {
    std::thread::id thread;
    int nice;
  };
  const auto seen = gate.run([] { return Seen{std::this_thread::get_id(), getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()))}; });
  REQUIRE(seen);
  CHECK(seen->thread != caller);
  // Capped at 19, the lowest priority there is.
  CHECK(seen->nice == std::min(caller_nice + hash_thread_nice_increment, 19));
  CHECK(gate.in_use() == 0);
}

TEST_CASE("Work that throws rethrows in the caller and frees its slot", "[unit]") {
  PasswordGate gate({1, 0, std::chrono::milliseconds(0)});
  CHECK_THROWS_AS(gate.run([]() -> int { throw std::runtime_error("boom"); }), std::runtime_error);
  CHECK(gate.in_use() == 0);
  CHECK(gate.run([] { return 7; }) == std::optional<int>(7));
}

TEST_CASE("The gate's run refuses when no slot can be had, without running the work", "[unit]") {
  PasswordGate gate({1, 0, std::chrono::milliseconds(0)});
  auto held = gate.acquire();
  REQUIRE(held);
  bool ran = false;
  CHECK_FALSE(gate.run([&ran] { ran = true; return 0; }));
  CHECK_FALSE(ran);
}
