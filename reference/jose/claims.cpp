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

Result<void> string_claim(std::string_view name, element value, std::string& target) {
  std::string_view text;
  if (value.get_string().get(text)) return wrong_type(name, "a string");
  target.assign(text);
  return {};
}

// Overwrites `out` element by element, so the strings already there keep their buffers.
Result<void> string_array(std::string_view name, element value, std::vector<std::string>& out) {
  simdjson::dom::array items;
  if (value.get_array().get(items)) return wrong_type(name, "an array of strings");
  std::size_t count = 0;
  for (element item : items) {
    std::string_view text;
    if (item.get_string().get(text)) return wrong_type(name, "an array of strings");
    if (count < out.size()) out[count].assign(text);
    else out.emplace_back(text);
    ++count;
  }
  out.resize(count);
  return {};
}

// Starts `claims` over without giving back the capacity of its strings; the lists are
// overwritten in place by string_array and emptied at the end only when absent.
void reset_keeping_buffers(Claims& claims) {
  claims.iss.clear();
  claims.sub.clear();
  claims.client_id.clear();
  claims.jti.clear();
  claims.scope.clear();
  claims.iat = 0;
  claims.nbf = 0;
  claims.exp = 0;
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

std::optional<Error> error_of(Result<void> done) {
  if (!done) return done.error();
  return std::nullopt;
}

// The claims this verifier reads. Looked up by length first, so each comparison is against
// a name of known size (inlined, no memcmp call) on the path of every protected request.
enum class ClaimName { exp, nbf, iat, iss, sub, aud, jti, scope, roles, client_id, other };

ClaimName claim_name(std::string_view name) {
  switch (name.size()) {
    case 3:
      if (name == "exp") return ClaimName::exp;
      if (name == "nbf") return ClaimName::nbf;
      if (name == "iat") return ClaimName::iat;
      if (name == "iss") return ClaimName::iss;
      if (name == "sub") return ClaimName::sub;
      if (name == "aud") return ClaimName::aud;
      if (name == "jti") return ClaimName::jti;
      return ClaimName::other;
    case 5:
      if (name == "scope") return ClaimName::scope;
      if (name == "roles") return ClaimName::roles;
      return ClaimName::other;
    case 9: return name == "client_id" ? ClaimName::client_id : ClaimName::other;
    default: return ClaimName::other;
  }
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

Result<ClaimsPresent> parse_claims(std::string& payload_json, Claims& claims) {
  auto object = parse_strict_object(payload_json);
  if (!object) return tl::unexpected(object.error());
  reset_keeping_buffers(claims);
  ClaimsPresent out;
  bool has_roles = false;
  for (const auto member : *object) {
    const std::string_view name = member.key;
    const element value = member.value;
    std::optional<Error> error;
    switch (claim_name(name)) {
      case ClaimName::exp:
        error = assign(numeric_date(name, value, Rounding::up), claims.exp);
        out.exp = true;
        break;
      case ClaimName::nbf:
        error = assign(numeric_date(name, value, Rounding::up), claims.nbf);
        out.nbf = true;
        break;
      case ClaimName::iat: error = assign(numeric_date(name, value, Rounding::down), claims.iat); break;
      case ClaimName::iss:
        error = error_of(string_claim(name, value, claims.iss));
        out.iss = true;
        break;
      case ClaimName::sub:
        error = error_of(string_claim(name, value, claims.sub));
        out.sub = true;
        break;
      case ClaimName::aud: {
        // RFC 7519 §4.1.3: one string, or an array of strings.
        std::string_view single;
        if (!value.get_string().get(single)) {
          claims.aud.resize(1);
          claims.aud.front().assign(single);
        } else if (auto listed = string_array(name, value, claims.aud); !listed)
          return wrong_type(name, "a string or an array of strings");
        out.aud = true;
        break;
      }
      case ClaimName::client_id: error = error_of(string_claim(name, value, claims.client_id)); break;
      case ClaimName::jti: error = error_of(string_claim(name, value, claims.jti)); break;
      case ClaimName::scope: error = error_of(string_claim(name, value, claims.scope)); break;
      case ClaimName::roles:
        error = error_of(string_array(name, value, claims.roles));
        has_roles = true;
        break;
      case ClaimName::other: break;
    }
    if (error) return tl::unexpected(std::move(*error));
  }
  if (!out.aud) claims.aud.clear();
  if (!has_roles) claims.roles.clear();
  return out;
}

Result<void> check_claims(const Claims& claims, const ClaimsPresent& present, const ValidationPolicy& policy,
                          std::int64_t now) {
  const std::int64_t leeway = policy.leeway.count();
  if (!present.exp) return fail(JoseErrc::missing_claim, "exp");
  // RFC 7519 §4.1.4: the token MUST NOT be accepted "on or after" exp.
  if (now >= saturating_add(claims.exp, leeway)) return fail(JoseErrc::expired);
  // RFC 7519 §4.1.5: nor "before" nbf.
  if (present.nbf && claims.nbf > saturating_add(now, leeway)) return fail(JoseErrc::not_yet_valid);
  if (!present.iss) return fail(JoseErrc::missing_claim, "iss");
  if (claims.iss != policy.issuer) return fail(JoseErrc::bad_issuer);
  if (!present.aud) return fail(JoseErrc::missing_claim, "aud");
  if (std::find(claims.aud.begin(), claims.aud.end(), policy.audience) == claims.aud.end())
    return fail(JoseErrc::bad_audience);
  // RFC 9068 §2.2: an access token names its subject.
  if (!present.sub) return fail(JoseErrc::missing_claim, "sub");
  return {};
}

}  // namespace authprobe::jose
