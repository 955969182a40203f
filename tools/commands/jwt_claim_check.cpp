#include "tools/commands/jwt_claim_check.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <ctime>
#include <limits>

namespace authprobe::tools {
namespace {

constexpr std::int64_t seconds_per_minute = 60;
constexpr std::int64_t seconds_per_hour = 60 * seconds_per_minute;
constexpr std::int64_t seconds_per_day = 24 * seconds_per_hour;
constexpr std::size_t utc_text_bytes = sizeof "YYYY-MM-DDThh:mm:ssZ";

// a + b without overflow: a token may carry any NumericDate, INT64_MAX included.
std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  constexpr auto max = std::numeric_limits<std::int64_t>::max();
  constexpr auto min = std::numeric_limits<std::int64_t>::min();
  if (b > 0 && a > max - b) return max;
  if (b < 0 && a < min - b) return min;
  return a + b;
}

// to - from, 0 when `to` is not later, saturating (in unsigned arithmetic, where it cannot overflow).
std::int64_t span(std::int64_t from, std::int64_t to) {
  if (to <= from) return 0;
  const auto difference = static_cast<std::uint64_t>(to) - static_cast<std::uint64_t>(from);
  constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  return static_cast<std::int64_t>(std::min(difference, max));
}

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

std::string listed(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : ", ") + quoted(items[i]);
  return out + "]";
}

}  // namespace

std::string utc_time(std::int64_t epoch_seconds) {
  const auto as_time = static_cast<std::time_t>(epoch_seconds);
  std::tm parts{};
  std::array<char, utc_text_bytes> text{};
  if (gmtime_r(&as_time, &parts) == nullptr || std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &parts) == 0)
    return "NumericDate " + std::to_string(epoch_seconds);
  return text.data();
}

std::string span_words(std::int64_t seconds) {
  struct Unit {
    std::int64_t size;
    const char* name;
  };
  static constexpr std::array<Unit, 4> units{{{seconds_per_day, "d"}, {seconds_per_hour, "h"}, {seconds_per_minute, "min"}, {1, "s"}}};
  seconds = std::max<std::int64_t>(seconds, 0);
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (seconds < units[i].size && i + 1 < units.size()) continue;
    std::string out = std::to_string(seconds / units[i].size);
    out.append(" ").append(units[i].name);
    const std::int64_t rest = seconds % units[i].size;
    if (i + 1 < units.size() && rest / units[i + 1].size > 0)
      out.append(" ").append(std::to_string(rest / units[i + 1].size)).append(" ").append(units[i + 1].name);
    return out;
  }
  return "0 s";
}

std::optional<std::string> claim_problem(const jose::Claims& claims, const jose::ClaimsPresent& present,
                                         const ClaimExpectations& expected) {
  const std::int64_t now = expected.now;
  if (!present.exp) return std::string("no exp claim: the token never expires (RFC 9068 §2.2 requires exp)");
  // RFC 7519 §4.1.4: not accepted "on or after" exp.
  if (now >= saturating_add(claims.exp, expected.leeway))
    return "expired at " + utc_time(claims.exp) + " (" + span_words(span(claims.exp, now)) + " ago)";
  // RFC 7519 §4.1.5: nor "before" nbf.
  if (present.nbf && claims.nbf > saturating_add(now, expected.leeway))
    return "not valid before " + utc_time(claims.nbf) + " (in " + span_words(span(now, claims.nbf)) + ")";
  // RFC 7519 §4.1.6: iat is when the token was issued; 0 reads as absent.
  if (claims.iat != 0 && claims.iat > saturating_add(now, expected.leeway))
    return "issued at " + utc_time(claims.iat) + ", " + span_words(span(now, claims.iat)) +
           " in the future (is a clock wrong? --leeway allows some skew)";
  if (claims.iat != 0 && claims.iat > claims.exp)
    return "issued at " + utc_time(claims.iat) + ", after it expires at " + utc_time(claims.exp);
  if (expected.issuer && (!present.iss || claims.iss != *expected.issuer))
    return (present.iss ? "iss is " + quoted(claims.iss) : std::string("no iss claim")) + ", expected " +
           quoted(*expected.issuer) + " (--issuer)";
  if (expected.audience && std::find(claims.aud.begin(), claims.aud.end(), *expected.audience) == claims.aud.end())
    return (present.aud ? "aud is " + listed(claims.aud) : std::string("no aud claim")) + ", which does not include " +
           quoted(*expected.audience) + " (--audience)";
  return std::nullopt;
}

}  // namespace authprobe::tools
