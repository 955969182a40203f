#include "conformance/state_dependence.hpp"

#include <string_view>

#include "conformance/curl_line.hpp"
#include "conformance/http_constants.hpp"

namespace authprobe::conformance {
namespace {

constexpr std::string_view refresh_grant_field = "grant_type=refresh_token";
// RFC 6749 §5.1: a successful token response names its access_token.
constexpr std::string_view access_token_member = "\"access_token\"";

// The form body carries grant_type=refresh_token as one of its fields.
bool is_refresh_grant(const RequestRecord& request) {
  const auto wire = split_wire(request.wire);
  if (!wire || wire->method != "POST") return false;
  std::string_view rest = wire->body;
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    if (rest.substr(0, amp) == refresh_grant_field) return true;
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return false;
}

}  // namespace

std::optional<std::string> spent_by_request(const Exchange& exchange) {
  if (!exchange.response || !http::status::is_success(exchange.response->status)) return std::nullopt;
  if (exchange.response->body_excerpt.find(access_token_member) == std::string::npos) return std::nullopt;
  if (!is_refresh_grant(exchange.request)) return std::nullopt;
  return "this refresh succeeded, so the target may have rotated the refresh token it presented (RFC 6749 §6): "
         "a replay presents a spent token";
}

void mark_spent_credentials(Finding& finding) {
  for (auto& exchange : finding.evidence) {
    if (!exchange.state_dependence.empty()) continue;
    if (auto why = spent_by_request(exchange)) exchange.state_dependence = std::move(*why);
  }
}

}  // namespace authprobe::conformance
