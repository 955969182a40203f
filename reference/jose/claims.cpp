#include "reference/jose/claims.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "reference/jose/json_strict.hpp"

namespace authprobe::jose {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();
// Doubles at or beyond 2^63 do not fit; they saturate instead of overflowing.
constexpr double int64_limit = 9223372036854775808.0;

enum class Rounding { down, up };

tl::unexpected<Error> wrong_type(std::string_view name, std::string_view expected) {
  std::string detail;
  detail.append("\"").append(name).append("\" must be ").append(expected);
  return fail(JoseErrc::bad_claim_type, std::move(detail));
}

// RFC 7519 §2: a NumericDate is a JSON number of seconds, possibly fractional. exp and nbf
// round up, which makes "now >= exp" exact for whole-second clocks.
Result<std::int64_t> numeric_date(std::string_view name, element value, Rounding rounding) {
  switch (value.type()) {
    case element_type::INT64: return std::int64_t(value.get_int64().value_unsafe());
    case element_type::UINT64: return int64_max;  // only values above INT64_MAX land here
    case element_type::DOUBLE: {
      double seconds = value.get_double().value_unsafe();
      seconds = rounding == Rounding::up ? std::ceil(seconds) : std::floor(seconds);
      if (seconds >= int64_limit) return int64_max;
      if (seconds < -int64_limit) return int64_min;
      return static_cast<std::int64_t>(seconds);
    }
    default: return wrong_type(name, "a number (NumericDate)");
  }
}

Result<std::string> string_claim(std::string_view name, element value) {
  std::string_view text;
  if (value.get_string().get(text)) return wrong_type(name, "a string");
  return std::string(text);
}

Result<void> string_array(std::string_view name, element value, std::vector<std::string>& out) {
  simdjson::dom::array items;
  if (value.get_array().get(items)) return wrong_type(name, "an array of strings");
  for (element item : items) {
    std::string_view text;
    if (item.get_string().get(text)) return wrong_type(name, "an array of strings");
    out.emplace_back(text);
  }
  return {};
}

std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  if (b > 0 && a > int64_max - b) return int64_max;
  if (b < 0 && a < int64_min - b) return int64_min;
  return a + b;
}

template <typename T>
std::optional<Error> assign(Result<T> value, T& target) {
  if (!value) return value.error();
  target = std::move(*value);
  return std::nullopt;
}

}  // namespace

bool Claims::has_scope(std::string_view scope_token) const {
  // RFC 6749 §3.3: space-delimited, case-sensitive scope-tokens.
  if (scope_token.empty()) return false;
  std::string_view rest = scope;
  while (!rest.empty()) {
    const auto space = rest.find(' ');
    if (rest.substr(0, space) == scope_token) return true;
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  return false;
}

bool Claims::has_role(std::string_view role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }

Result<ParsedClaims> parse_claims(std::string& payload_json) {
  auto object = parse_strict_object(payload_json);
  if (!object) return tl::unexpected(object.error());
  ParsedClaims out;
  Claims& claims = out.claims;
  for (const auto member : *object) {
    const std::string_view name = member.key;
    const element value = member.value;
    if (name == "exp") {
      if (auto error = assign(numeric_date(name, value, Rounding::up), claims.exp)) return tl::unexpected(*error);
      out.has_exp = true;
    } else if (name == "nbf") {
      if (auto error = assign(numeric_date(name, value, Rounding::up), claims.nbf)) return tl::unexpected(*error);
      out.has_nbf = true;
    } else if (name == "iat") {
      if (auto error = assign(numeric_date(name, value, Rounding::down), claims.iat)) return tl::unexpected(*error);
    } else if (name == "iss") {
      if (auto error = assign(string_claim(name, value), claims.iss)) return tl::unexpected(*error);
      out.has_iss = true;
    } else if (name == "sub") {
      if (auto error = assign(string_claim(name, value), claims.sub)) return tl::unexpected(*error);
      out.has_sub = true;
    } else if (name == "aud") {
      // RFC 7519 §4.1.3: one string, or an array of strings.
      std::string_view single;
      if (!value.get_string().get(single)) claims.aud.emplace_back(single);
      else if (auto listed = string_array(name, value, claims.aud); !listed)
        return wrong_type(name, "a string or an array of strings");
      out.has_aud = true;
    } else if (name == "client_id") {
      if (auto error = assign(string_claim(name, value), claims.client_id)) return tl::unexpected(*error);
    } else if (name == "jti") {
      if (auto error = assign(string_claim(name, value), claims.jti)) return tl::unexpected(*error);
    } else if (name == "scope") {
      if (auto error = assign(string_claim(name, value), claims.scope)) return tl::unexpected(*error);
    } else if (name == "roles") {
      if (auto listed = string_array(name, value, claims.roles); !listed) return tl::unexpected(listed.error());
    }
  }
  return out;
}

Result<void> check_claims(const ParsedClaims& parsed, const ValidationPolicy& policy, std::int64_t now) {
  const Claims& claims = parsed.claims;
  const std::int64_t leeway = policy.leeway.count();
  if (!parsed.has_exp) return fail(JoseErrc::missing_claim, "exp");
  // RFC 7519 §4.1.4: the token MUST NOT be accepted "on or after" exp.
  if (now >= saturating_add(claims.exp, leeway)) return fail(JoseErrc::expired);
  // RFC 7519 §4.1.5: nor "before" nbf.
  if (parsed.has_nbf && claims.nbf > saturating_add(now, leeway)) return fail(JoseErrc::not_yet_valid);
  if (!parsed.has_iss) return fail(JoseErrc::missing_claim, "iss");
  if (claims.iss != policy.issuer) return fail(JoseErrc::bad_issuer);
  if (!parsed.has_aud) return fail(JoseErrc::missing_claim, "aud");
  if (std::find(claims.aud.begin(), claims.aud.end(), policy.audience) == claims.aud.end())
    return fail(JoseErrc::bad_audience);
  // RFC 9068 §2.2: an access token names its subject.
  if (!parsed.has_sub) return fail(JoseErrc::missing_claim, "sub");
  return {};
}

}  // namespace authprobe::jose
