#include "tools/commands/demo/token_tamper.hpp"

#include <vector>

#include <nlohmann/json.hpp>
#include <sodium.h>

namespace authprobe::tools::demo {
namespace {

constexpr int base64url = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

tl::expected<std::string, std::string> decode(std::string_view text) {
  std::vector<unsigned char> bytes(text.size());
  std::size_t length = 0;
  if (sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &length, nullptr, base64url) != 0)
    return tl::unexpected(std::string("the payload is not base64url"));
  return std::string(reinterpret_cast<const char*>(bytes.data()), length);
}

std::string encode(const std::string& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), base64url), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    base64url);
  out.resize(out.find('\0'));
  return out;
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
  auto tampered = std::string(token.substr(0, first_dot + 1)) + encode(rewritten) + std::string(token.substr(second_dot));
  return TamperedToken{std::move(tampered), std::move(rewritten)};
}

}  // namespace authprobe::tools::demo
