#include "reference/config/login_throttle_config.hpp"

#include <nlohmann/json.hpp>

#include "reference/config/field_reader.hpp"

namespace authprobe::config {
namespace {

constexpr std::string_view section = "login_throttle";
constexpr std::string_view pointer = "/login_throttle";

std::string at(std::string_view key) { return std::string(pointer).append("/").append(key); }

}  // namespace

void read_login_throttle(FieldReader& top, LoginThrottleConfig& out) {
  const nlohmann::json* object = top.object(section);
  if (object == nullptr) return;
  FieldReader r(*object, top.pointer_of(section), top.source());
  const auto seconds = [&](std::string_view key, std::chrono::seconds& into, std::int64_t min) {
    if (auto v = r.integer(key, min, limits::max_throttle_delay.count())) into = std::chrono::seconds(*v);
  };
  if (auto enabled = r.boolean("enabled")) out.enabled = *enabled;
  if (auto n = r.integer("account_failures", 1, limits::max_account_failures)) out.account_failures = static_cast<unsigned>(*n);
  if (auto n = r.integer("address_failures", 1, limits::max_address_failures)) out.address_failures = static_cast<unsigned>(*n);
  seconds("base_delay_seconds", out.base_delay, 1);
  seconds("max_delay_seconds", out.max_delay, 1);
  seconds("forget_after_seconds", out.forget_after, 1);
  if (auto n = r.integer("max_tracked_keys", limits::min_tracked_keys, limits::max_tracked_keys))
    out.max_tracked_keys = static_cast<std::size_t>(*n);
  if (r.ok()) {
    if (auto problem = login_throttle_problem(out)) r.fail(problem->pointer.substr(pointer.size() + 1), ConfigErrc::bad_field, problem->problem);
  }
  top.absorb(r.finish());
}

std::optional<SettingProblem> login_throttle_problem(const LoginThrottleConfig& c) {
  const auto in = [](std::int64_t v, std::int64_t lo, std::int64_t hi) { return v >= lo && v <= hi; };
  if (!in(c.account_failures, 1, limits::max_account_failures))
    return SettingProblem{at("account_failures"), "expected 1 to 1000"};
  if (!in(c.address_failures, 1, limits::max_address_failures))
    return SettingProblem{at("address_failures"), "expected 1 to 100000"};
  const auto max_delay = limits::max_throttle_delay.count();
  if (!in(c.base_delay.count(), 1, max_delay)) return SettingProblem{at("base_delay_seconds"), "expected 1 to 86400"};
  if (!in(c.max_delay.count(), 1, max_delay)) return SettingProblem{at("max_delay_seconds"), "expected 1 to 86400"};
  if (c.max_delay < c.base_delay)
    return SettingProblem{at("max_delay_seconds"), "must not be less than base_delay_seconds"};
  if (!in(c.forget_after.count(), 1, max_delay)) return SettingProblem{at("forget_after_seconds"), "expected 1 to 86400"};
  // A key forgotten before its lockout ends would unlock early.
  if (c.forget_after < c.max_delay)
    return SettingProblem{at("forget_after_seconds"), "must not be less than max_delay_seconds"};
  if (!in(static_cast<std::int64_t>(c.max_tracked_keys), limits::min_tracked_keys, limits::max_tracked_keys))
    return SettingProblem{at("max_tracked_keys"), "expected 16 to 10000000"};
  return std::nullopt;
}

}  // namespace authprobe::config
