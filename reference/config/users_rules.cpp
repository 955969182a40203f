#include "reference/config/users_rules.hpp"

#include <algorithm>
#include <array>

#include "reference/parse/utf8.hpp"

namespace authprobe::config::rules {
namespace {

using parse::contains_ctl;

constexpr std::size_t sha256_hex_length = 64;
constexpr std::size_t max_name_bytes = 256;
constexpr std::array known_grant_types = {std::string_view("password"), std::string_view("refresh_token"),
                                          std::string_view("client_credentials")};

// RFC 6749 §3.3: scope-token = 1*NQCHAR, NQCHAR = %x21 / %x23-5B / %x5D-7E.
bool is_scope_token(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c <= '~' && c != '"' && c != '\\'; });
}

}  // namespace

std::optional<std::string> username_problem(std::string_view name) {
  if (name.empty()) return "must not be empty";
  if (name.size() > max_name_bytes) return "longer than 256 bytes";
  if (name.find(':') != std::string_view::npos) return "must not contain ':' (RFC 7617 §2)";
  if (contains_ctl(name)) return "must not contain control characters";
  if (!parse::is_valid_utf8(name)) return "must be UTF-8";
  return std::nullopt;
}

std::optional<std::string> display_text_problem(std::string_view text) {
  if (text.size() > max_name_bytes) return "longer than 256 bytes";
  if (contains_ctl(text)) return "must not contain control characters";
  if (!parse::is_valid_utf8(text)) return "must be UTF-8";
  return std::nullopt;
}

std::optional<std::string> roles_problem(const std::vector<std::string>& roles) {
  for (const auto& role : roles)
    if (role.empty() || contains_ctl(role) || role.find(' ') != std::string::npos || !parse::is_valid_utf8(role))
      return "roles must be non-empty UTF-8, without spaces or control characters";
  return std::nullopt;
}

std::optional<std::string> scopes_problem(const std::vector<std::string>& scopes) {
  if (!std::all_of(scopes.begin(), scopes.end(), [](const std::string& s) { return is_scope_token(s); }))
    return "expected scope-tokens (RFC 6749 §3.3: printable ASCII without spaces, '\"' or '\\')";
  return std::nullopt;
}

// RFC 6749 Appendix A.1: client-id = *VSCHAR, VSCHAR = %x20-7E.
std::optional<std::string> client_id_problem(std::string_view id) {
  const bool vschar = std::all_of(id.begin(), id.end(), [](char c) { return c >= ' ' && c <= '~'; });
  if (id.empty() || id.size() > max_name_bytes || !vschar)
    return "expected 1 to 256 printable ASCII characters (RFC 6749 Appendix A.1)";
  return std::nullopt;
}

std::optional<std::string> secret_sha256_problem(std::string_view digest) {
  const bool hex =
      std::all_of(digest.begin(), digest.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
  if (digest.size() != sha256_hex_length || !hex) return "expected 64 lowercase hex digits";
  return std::nullopt;
}

std::optional<std::string> grant_types_problem(const std::vector<std::string>& grant_types) {
  for (const auto& grant : grant_types)
    if (std::find(known_grant_types.begin(), known_grant_types.end(), grant) == known_grant_types.end())
      return "expected \"password\", \"refresh_token\" or \"client_credentials\"";
  return std::nullopt;
}

std::optional<std::string> password_problem(std::string_view password) {
  if (password.empty()) return "must not be empty";
  if (contains_ctl(password)) return "must not contain control characters (RFC 7617 §2)";
  if (!parse::is_valid_utf8(password)) return "must be UTF-8";
  return std::nullopt;
}

}  // namespace authprobe::config::rules
