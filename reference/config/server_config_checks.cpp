#include "reference/config/server_config_checks.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>

#include <arpa/inet.h>

namespace authprobe::config::checks {
namespace {

constexpr std::size_t max_dns_name = 253;   // RFC 1035 §2.3.4, without the trailing dot
constexpr std::size_t max_dns_label = 63;
constexpr std::size_t ipv6_bytes = 16;
constexpr std::size_t ipv4_bytes = 4;

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool is_ip_literal(std::string_view host, int family) {
  unsigned char buffer[ipv6_bytes];
  const std::string text(host);
  static_assert(ipv4_bytes <= ipv6_bytes);
  return ::inet_pton(family, text.c_str(), buffer) == 1;
}

bool is_dns_name(std::string_view name) {
  if (name.empty() || name.size() > max_dns_name) return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    const auto end = std::min(name.find('.', start), name.size());
    const std::string_view label = name.substr(start, end - start);
    if (label.empty() || label.size() > max_dns_label || label.front() == '-' || label.back() == '-') return false;
    if (!std::all_of(label.begin(), label.end(), [](char c) { return is_alnum(c) || c == '-'; })) return false;
    start = end + 1;
  }
  return true;
}

bool is_port(std::string_view digits) {
  std::uint32_t port = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  constexpr std::uint32_t max_port = 65535;
  return error == std::errc{} && end == digits.data() + digits.size() && port >= 1 && port <= max_port &&
         digits.front() != '0';
}

}  // namespace

std::optional<std::string> host_problem(std::string_view host) {
  if (host.empty()) return "must not be empty";
  if (is_ip_literal(host, AF_INET) || is_ip_literal(host, AF_INET6) || is_dns_name(host)) return std::nullopt;
  return "expected an IPv4 or IPv6 address or a host name";
}

std::optional<std::string> realm_problem(std::string_view realm) {
  if (realm.empty()) return "must not be empty";
  const bool bad = std::any_of(realm.begin(), realm.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    constexpr unsigned char first_printable = 0x20;
    constexpr unsigned char del = 0x7F;
    return u < first_printable || u == del || c == '"' || c == '\\';
  });
  if (bad) return "must not contain '\"', '\\' or control characters";
  return std::nullopt;
}

std::optional<std::string> origin_problem(std::string_view origin) {
  if (origin == "*") return "\"*\" is not allowed: list exact origins (credentials are never shared with \"*\")";
  if (origin == "null") return "\"null\" is not allowed: list exact origins";
  constexpr std::string_view expected = "expected an exact origin such as https://app.example:8443 (no path, no '/')";
  std::string_view rest;
  for (std::string_view scheme : {std::string_view("http://"), std::string_view("https://")})
    if (origin.substr(0, scheme.size()) == scheme) rest = origin.substr(scheme.size());
  if (rest.empty()) return std::string(expected);
  std::string_view host = rest;
  std::string_view port;
  if (rest.front() == '[') {  // RFC 3986 §3.2.2: an IPv6 literal in brackets
    const auto close = rest.find(']');
    if (close == std::string_view::npos || !is_ip_literal(rest.substr(1, close - 1), AF_INET6))
      return std::string(expected);
    host = {};
    const std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::string(expected);
      port = after.substr(1);
      if (port.empty()) return std::string(expected);
    }
  } else if (const auto colon = rest.find(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
    if (port.empty()) return std::string(expected);
  }
  if (!host.empty() && !is_ip_literal(host, AF_INET) && !is_dns_name(host)) return std::string(expected);
  if (!port.empty() && !is_port(port)) return std::string(expected);
  // RFC 6454 §6.2: the serialization is lowercase, and the Origin header is compared exactly.
  if (std::any_of(origin.begin(), origin.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    return "origins are compared exactly: write it in lowercase, as browsers send it";
  return std::nullopt;
}

}  // namespace authprobe::config::checks
