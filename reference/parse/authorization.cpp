// Authorization: <scheme> 1*SP <credentials>   (RFC 9110 §11.4, §11.6.2)
//   Basic:  token68 = base64 (RFC 4648 §4, padded) of user-id ":" password (RFC 7617 §2)
//   Bearer: b64token (RFC 6750 §2.1)
// Error details name the rule that was broken, never the credentials themselves.
#include "reference/parse/authorization.hpp"

#include <algorithm>
#include <cstddef>
#include <string>

#include <sodium.h>

#include "reference/parse/utf8.hpp"

namespace authprobe::parse {
namespace {

constexpr std::string_view basic_scheme = "Basic";
constexpr std::string_view bearer_scheme = "Bearer";
constexpr char space = ' ';
constexpr char htab = '\t';
constexpr char colon = ':';
constexpr char padding = '=';
// RFC 4648 §4: every 4 characters carry 3 bytes.
constexpr std::size_t base64_group_chars = 4;
constexpr std::size_t base64_group_bytes = 3;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// RFC 9110 §5.6.2 tchar: the characters an auth-scheme token may contain.
bool is_tchar(char c) {
  constexpr std::string_view specials = "!#$%&'*+-.^_`|~";
  return is_alpha(c) || is_digit(c) || specials.find(c) != std::string_view::npos;
}

// RFC 6750 §2.1 b64token characters (before the trailing '=' run).
bool is_b64token_char(char c) {
  constexpr std::string_view specials = "-._~+/";
  return is_alpha(c) || is_digit(c) || specials.find(c) != std::string_view::npos;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// RFC 9110 §11.1: "It uses a case-insensitive token to identify the authentication scheme".
bool scheme_equals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

// RFC 9110 §5.5: a field value carries no leading or trailing whitespace.
std::string_view trim_ows(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

Result<std::string> decode_base64(std::string_view token68) {
  std::string bytes(token68.size() / base64_group_chars * base64_group_bytes + base64_group_bytes, '\0');
  std::size_t length = 0;
  // No ignore set and no end pointer: any character outside the alphabet, missing padding,
  // extra padding or non-zero trailing bits make the whole token invalid.
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), token68.data(),
                        token68.size(), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return fail(ParseErrc::bad_base64, "Basic credentials are not padded base64 (RFC 7617 §2, RFC 4648 §4)");
  bytes.resize(length);
  return bytes;
}

Result<Credentials> parse_basic(std::string_view token68) {
  if (token68.empty()) return fail(ParseErrc::empty_credentials, "Basic without credentials");
  if (token68.find_first_of(" \t") != std::string_view::npos)
    return fail(ParseErrc::malformed_header, "whitespace inside the Basic token68");
  auto decoded = decode_base64(token68);
  if (!decoded) return tl::unexpected(decoded.error());
  const std::string& user_pass = *decoded;
  if (!is_valid_utf8(user_pass)) return fail(ParseErrc::bad_utf8, "decoded Basic credentials are not UTF-8");
  // RFC 7617 §2: the user-id cannot contain a colon, so the FIRST colon separates it; the
  // password may contain more colons.
  const auto split = user_pass.find(colon);
  if (split == std::string::npos) return fail(ParseErrc::missing_colon, "decoded Basic credentials have no ':'");
  BasicCredentials credentials{user_pass.substr(0, split), user_pass.substr(split + 1)};
  if (contains_ctl(credentials.user_id))
    return fail(ParseErrc::control_character, "control character in the Basic user-id (RFC 7617 §2)");
  if (contains_ctl(credentials.password))
    return fail(ParseErrc::control_character, "control character in the Basic password (RFC 7617 §2)");
  if (credentials.user_id.empty()) return fail(ParseErrc::empty_credentials, "empty Basic user-id");
  // RFC 7617 allows an empty password, but no account here has one: refusing it at the parser
  // means no code path can ever attempt a blank-password login (catalog BASIC-10).
  if (credentials.password.empty()) return fail(ParseErrc::empty_credentials, "empty Basic password");
  return credentials;
}

// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
Result<Credentials> parse_bearer(std::string_view token) {
  if (token.empty()) return fail(ParseErrc::empty_credentials, "Bearer without a token");
  const auto body_end = std::find_if_not(token.begin(), token.end(), is_b64token_char);
  const bool has_body = body_end != token.begin();
  const bool only_padding_after = std::all_of(body_end, token.end(), [](char c) { return c == padding; });
  if (!has_body || !only_padding_after)
    return fail(ParseErrc::bad_token_syntax, "Bearer token outside the b64token grammar (RFC 6750 §2.1)");
  return BearerCredentials{std::string(token)};
}

}  // namespace

Result<Credentials> parse_authorization(std::string_view header_value) {
  const std::string_view value = trim_ows(header_value);
  if (value.empty()) return fail(ParseErrc::malformed_header, "empty Authorization header");
  const auto scheme_end = std::min(value.find_first_of(" \t"), value.size());
  const std::string_view scheme = value.substr(0, scheme_end);
  if (scheme.empty() || !std::all_of(scheme.begin(), scheme.end(), is_tchar))
    return fail(ParseErrc::malformed_header, "the authentication scheme is not a token (RFC 9110 §11.1)");

  std::string_view rest = value.substr(scheme_end);
  const auto credentials_start = std::min(rest.find_first_not_of(space), rest.size());
  if (credentials_start < rest.size() && rest[credentials_start] == htab)
    return fail(ParseErrc::malformed_header, "only SP may separate scheme and credentials (RFC 9110 §11.4)");
  rest.remove_prefix(credentials_start);

  if (scheme_equals(scheme, basic_scheme)) return parse_basic(rest);
  if (scheme_equals(scheme, bearer_scheme)) return parse_bearer(rest);
  return OtherScheme{std::string(scheme)};
}

}  // namespace authprobe::parse
