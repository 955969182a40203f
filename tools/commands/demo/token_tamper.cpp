#include "tools/commands/demo/token_tamper.hpp"

#include <vector>

#include <nlohmann/json.hpp>

#include "reference/jose/base64url.hpp"

namespace authprobe::tools::demo {
namespace {

tl::expected<std::string, std::string> decode(std::string_view text) {
  std::string bytes;
  if (!jose::base64url::decode_into(text, bytes)) return tl::unexpected(std::string("the payload is not base64url"));
  return bytes;
}

}  // namespace

tl::expected<TamperedToken, std::string> with_admin_role(std::string_view token) {
  const auto first_dot = token.find('.');
  const auto second_dot = first_dot == std::string_view::npos ? first_dot : token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos) return tl::unexpected(std::string("not a compact JWS (header.payload.signature)"));
  auto payload = decode(token.substr(first_dot + 1, second_dot - first_dot - 1));
  if (!payload) return tl::unexpected(payload.error());
  // ordered_json keeps the claims in the order the server wrote them.
  auto claims = nlohmann::ordered_json::parse(*payload, nullptr, false);
  if (!claims.is_object()) return tl::unexpected(std::string("the payload is not a JSON object"));
  claims["roles"] = nlohmann::ordered_json::array({"admin"});
  auto rewritten = claims.dump();
  auto tampered = std::string(token.substr(0, first_dot + 1)) + jose::base64url::encode(rewritten) + std::string(token.substr(second_dot));
  return TamperedToken{std::move(tampered), std::move(rewritten)};
}

}  // namespace authprobe::tools::demo
