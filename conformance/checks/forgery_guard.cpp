#include "conformance/checks/forgery_guard.hpp"

#include <algorithm>

#include "conformance/forge/attacks.hpp"

namespace authprobe::conformance::jwt {
namespace {

constexpr std::size_t jws_dots = 2;  // header.payload.signature (RFC 7515 §7.1)

// Another character of the b64token alphabet in place of `c`.
char other_character(char c) { return c == 'A' ? 'B' : 'A'; }

}  // namespace

std::optional<std::string> tampered(std::string_view token) {
  if (token.empty()) return std::nullopt;
  if (static_cast<std::size_t>(std::count(token.begin(), token.end(), '.')) == jws_dots) {
    auto changed = forge::tamper_segment(token, 1);
    if (changed != token) return changed;
  }
  std::string changed(token);
  const std::size_t middle = (changed.size() - 1) / 2;
  changed[middle] = other_character(changed[middle]);
  return changed;
}

std::optional<std::string> same_as_original(std::string_view forged, std::string_view genuine,
                                            std::string_view genuine_name) {
  if (genuine.empty() || forged != genuine) return std::nullopt;
  return "not sent: it is byte for byte " + std::string(genuine_name) +
         " (the forgery could not be built from it), so accepting it would prove nothing";
}

}  // namespace authprobe::conformance::jwt
