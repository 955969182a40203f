#include "conformance/base_url.hpp"

#include <charconv>

namespace authprobe::conformance {
namespace {
constexpr int http_default_port = 80;
constexpr int https_default_port = 443;
constexpr int max_port = 65535;
}  // namespace

std::string BaseUrl::origin() const { return scheme + "://" + host + ":" + std::to_string(port); }

std::optional<BaseUrl> parse_base_url(std::string_view url) {
  BaseUrl base;
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  base.scheme = std::string(url.substr(0, scheme_end));
  if (base.scheme != "http" && base.scheme != "https") return std::nullopt;
  auto rest = url.substr(scheme_end + 3);
  const auto path_start = rest.find('/');
  auto authority = rest.substr(0, path_start);
  if (path_start != std::string_view::npos) {
    base.prefix = std::string(rest.substr(path_start));
    while (!base.prefix.empty() && base.prefix.back() == '/') base.prefix.pop_back();
  }
  base.port = base.tls() ? https_default_port : http_default_port;
  std::string_view host = authority;
  if (!authority.empty() && authority.front() == '[') {  // IPv6 literal
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(1, close - 1);
    authority = authority.substr(close + 1);
    if (!authority.empty() && authority.front() != ':') return std::nullopt;
  } else {
    const auto colon = authority.rfind(':');
    host = authority.substr(0, colon);
    authority = colon == std::string_view::npos ? std::string_view{} : authority.substr(colon);
  }
  if (!authority.empty()) {
    const auto digits = authority.substr(1);
    int port = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc{} || end != digits.data() + digits.size() || port <= 0 || port > max_port) {
      return std::nullopt;
    }
    base.port = port;
  }
  if (host.empty()) return std::nullopt;
  base.host = std::string(host);
  return base;
}

}  // namespace authprobe::conformance
