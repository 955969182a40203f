#include "conformance/remote_target.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "conformance/base_url.hpp"

namespace authprobe::conformance {
namespace {

constexpr unsigned char loopback_net = 127;  // 127.0.0.0/8, RFC 1122 §3.2.1.3
constexpr std::size_t v4_mapped_prefix = 12; // ::ffff:a.b.c.d keeps a.b.c.d in its last 4 bytes

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

bool is_loopback_host(std::string_view host) {
  const std::string name = lower(host);
  if (name == "localhost" || name == "localhost.") return true;
  std::array<unsigned char, sizeof(in6_addr)> bytes{};
  if (::inet_pton(AF_INET, name.c_str(), bytes.data()) == 1) return bytes[0] == loopback_net;
  if (::inet_pton(AF_INET6, name.c_str(), bytes.data()) == 1) {
    in6_addr address{};
    std::copy(bytes.begin(), bytes.end(), reinterpret_cast<unsigned char*>(&address));
    if (IN6_IS_ADDR_LOOPBACK(&address)) return true;
    return IN6_IS_ADDR_V4MAPPED(&address) && bytes[v4_mapped_prefix] == loopback_net;
  }
  return false;
}

bool is_remote(std::string_view base_url) {
  const auto url = parse_base_url(base_url);
  return !url || !is_loopback_host(url->host);
}

std::optional<std::string> remote_refusal(std::string_view base_url, bool slow, const RemoteConsent& consent) {
  if (!is_remote(base_url)) return std::nullopt;
  const std::string target(base_url);
  if (!consent.allow_remote) {
    return "refusing remote target " + target +
           ": the suite sends request-smuggling payloads and 10 MiB bodies; test only a server you own, "
           "and say so with --allow-remote";
  }
  if (slow && !consent.allow_remote_load) {
    return "refusing --slow against remote target " + target +
           ": it sends password-guessing bursts and a login storm; add --allow-remote-load if the server is yours";
  }
  return std::nullopt;
}

}  // namespace authprobe::conformance
