#include "conformance/checks/jwks_reader.hpp"

#include <nlohmann/json.hpp>

#include "conformance/forge/jwk.hpp"

namespace authprobe::conformance::jwt {

tl::expected<JwksKey, JwksErrc> read_jwks(std::string_view body, std::string_view kid) {
  const auto document = nlohmann::json::parse(body, nullptr, false);
  if (document.is_discarded()) return tl::unexpected(JwksErrc::not_json);
  if (!document.is_object()) return tl::unexpected(JwksErrc::not_a_jwk_set);
  const auto keys = document.find("keys");
  if (keys == document.end() || !keys->is_array()) return tl::unexpected(JwksErrc::not_a_jwk_set);
  for (const auto& jwk : *keys) {
    if (!kid.empty()) {
      const auto named = jwk.is_object() ? jwk.find("kid") : jwk.end();
      if (!jwk.is_object() || named == jwk.end() || !named->is_string() || named->get_ref<const std::string&>() != kid) continue;
    }
    if (auto key = forge::public_key_from_jwk(jwk)) {
      return JwksKey{std::move(*key), jwk.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
    }
  }
  return tl::unexpected(JwksErrc::no_usable_key);
}

}  // namespace authprobe::conformance::jwt
