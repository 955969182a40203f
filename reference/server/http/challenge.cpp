#include "reference/server/http/challenge.hpp"

namespace authprobe::server {
namespace {

constexpr char dquote = '"';
constexpr char backslash = '\\';
constexpr char space = ' ';
constexpr char delete_char = '\x7f';

bool is_ctl(char c) { return (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == delete_char; }

void append_param(std::string& out, std::string_view name, std::string_view value, bool& first) {
  out += first ? " " : ", ";
  first = false;
  out += name;
  out += '=';
  out += quoted_string(value);
}

}  // namespace

std::string quoted_string(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  out += dquote;
  for (const char c : value) {
    if (c == dquote || c == backslash) {
      out += backslash;
      out += c;
    } else if (is_ctl(c)) {
      out += space;
    } else {
      out += c;
    }
  }
  out += dquote;
  return out;
}

std::string basic_challenge(std::string_view realm) {
  std::string out = "Basic";
  bool first = true;
  append_param(out, "realm", realm, first);
  // RFC 7617 §2.1: the only allowed value is "UTF-8" (case-insensitive).
  append_param(out, "charset", "UTF-8", first);
  return out;
}

std::string bearer_challenge(const BearerChallenge& challenge) {
  std::string out = "Bearer";
  bool first = true;
  append_param(out, "realm", challenge.realm, first);
  if (!challenge.error.empty()) append_param(out, "error", challenge.error, first);
  if (!challenge.error_description.empty())
    append_param(out, "error_description", challenge.error_description, first);
  if (!challenge.scope.empty()) append_param(out, "scope", challenge.scope, first);
  return out;
}

}  // namespace authprobe::server
