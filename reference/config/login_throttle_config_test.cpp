#include "reference/config/login_throttle_config.hpp"

#include <string>

#include <catch2/catch.hpp>

#include "reference/config/server_config.hpp"

namespace {

using authprobe::config::parse_server_config;
using authprobe::config::validate;

std::string config_with(const std::string& throttle) {
  return R"({"users_file": "users.json", "login_throttle": )" + throttle + "}";
}

}  // namespace

TEST_CASE("login_throttle is read into its settings; absent means on with the defaults", "[unit]") {
  const auto defaults = parse_server_config(R"({"users_file": "users.json"})", "server.json", "/etc/authprobe");
  REQUIRE(defaults.has_value());
  CHECK(defaults->login_throttle.enabled);
  CHECK(defaults->login_throttle.account_failures < 100);  // BASIC-13/TOKEN-25: by the 100th failure

  const auto parsed = parse_server_config(
      config_with(R"({"enabled": false, "account_failures": 5, "address_failures": 50, "base_delay_seconds": 2,
                      "max_delay_seconds": 60, "forget_after_seconds": 600, "max_tracked_keys": 1000})"),
      "server.json", "/etc/authprobe");
  REQUIRE(parsed.has_value());
  const auto& t = parsed->login_throttle;
  CHECK_FALSE(t.enabled);
  CHECK(t.account_failures == 5);
  CHECK(t.address_failures == 50);
  CHECK(t.base_delay == std::chrono::seconds(2));
  CHECK(t.max_delay == std::chrono::seconds(60));
  CHECK(t.forget_after == std::chrono::seconds(600));
  CHECK(t.max_tracked_keys == 1000);
  CHECK(validate(*parsed).has_value());
}

TEST_CASE("login_throttle errors name the file and the field", "[unit]") {
  const auto message = [](const std::string& throttle) {
    auto parsed = parse_server_config(config_with(throttle), "server.json", "/etc/authprobe");
    REQUIRE_FALSE(parsed.has_value());
    return parsed.error().message();
  };
  CHECK_THAT(message(R"({"account_failures": 0})"), Catch::Contains("server.json") && Catch::Contains("/login_throttle/account_failures"));
  CHECK_THAT(message(R"({"base_delay_seconds": 10, "max_delay_seconds": 5})"), Catch::Contains("/login_throttle/max_delay_seconds"));
  CHECK_THAT(message(R"({"max_delay_seconds": 600, "forget_after_seconds": 60})"), Catch::Contains("/login_throttle/forget_after_seconds"));
  CHECK_THAT(message(R"({"max_tracked_keys": 1})"), Catch::Contains("/login_throttle/max_tracked_keys"));
  CHECK_THAT(message(R"({"enabeld": true})"), Catch::Contains("enabeld"));
}

TEST_CASE("validate re-checks the throttle settings that code may have changed", "[unit]") {
  auto parsed = parse_server_config(R"({"users_file": "users.json"})", "server.json", "/etc/authprobe");
  REQUIRE(parsed.has_value());
  parsed->login_throttle.max_delay = std::chrono::seconds(0);
  const auto checked = validate(*parsed);
  REQUIRE_FALSE(checked.has_value());
  CHECK_THAT(checked.error().message(), Catch::Contains("/login_throttle/max_delay_seconds"));
}
