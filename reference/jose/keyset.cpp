// The keys a verifier trusts (RFC 7517 §5), each bound to one algorithm (RFC 8725 §3.1).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "reference/jose/jwt.hpp"

namespace authprobe::jose {

void KeySet::add(Key key) { keys_.push_back(std::move(key)); }

Result<KeySet> KeySet::from_jwks(const nlohmann::json& jwks) {
  if (!jwks.is_object() || !jwks.contains("keys") || !jwks["keys"].is_array())
    return fail(JoseErrc::bad_key, "JWK Set: expected {\"keys\":[...]}");
  KeySet set;
  std::size_t index = 0;
  for (const auto& jwk : jwks["keys"]) {
    const std::string where = "JWK Set key " + std::to_string(index++) + ": ";
    if (!jwk.is_object() || !jwk.contains("alg") || !jwk["alg"].is_string())
      return fail(JoseErrc::bad_key, where + "every key must name its one \"alg\"");
    const auto alg = algorithm_from_name(jwk["alg"].get<std::string>());
    if (!alg) return fail(JoseErrc::bad_key, where + "unsupported \"alg\" " + jwk["alg"].get<std::string>());
    auto key = Key::from_jwk(jwk, *alg);
    if (!key) return fail(JoseErrc::bad_key, where + key.error().detail);
    for (const Key& other : set.keys_) {
      // Two keys a header could not tell apart make the set ambiguous.
      if (other.kid() == key->kid() && (!other.kid().empty() || other.algorithm() == key->algorithm()))
        return fail(JoseErrc::bad_key, where + "duplicate \"kid\" \"" + key->kid() + "\"");
      // A set mixing HMAC secrets and public keys invites algorithm confusion (RFC 8725 §2.1).
      if (other.is_symmetric() != key->is_symmetric())
        return fail(JoseErrc::bad_key, where + "mixes symmetric and asymmetric keys");
    }
    set.add(std::move(*key));
  }
  return set;
}

std::string KeySet::jwks_json() const {
  nlohmann::json keys = nlohmann::json::array();
  for (const Key& key : keys_)
    if (auto jwk = key.public_jwk()) keys.push_back(std::move(*jwk));
  return nlohmann::json{{"keys", std::move(keys)}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<const Key*> KeySet::select(std::optional<std::string_view> kid, Algorithm alg) const {
  if (kid) {
    const auto it = std::find_if(keys_.begin(), keys_.end(), [&](const Key& key) { return key.kid() == *kid; });
    if (it == keys_.end()) return fail(JoseErrc::unknown_kid);
    if (it->algorithm() != alg)
      return fail(JoseErrc::alg_not_allowed, std::string(algorithm_name(alg)) + " for a " +
                                                  std::string(algorithm_name(it->algorithm())) + " key");
    return &*it;
  }
  bool alg_known = false;
  for (const Key& key : keys_) {
    if (key.algorithm() != alg) continue;
    alg_known = true;
    if (key.kid().empty() || keys_.size() == 1) return &key;
  }
  if (alg_known) return fail(JoseErrc::unknown_kid, "the token names no \"kid\"");
  return fail(JoseErrc::alg_not_allowed, std::string(algorithm_name(alg)));
}

}  // namespace authprobe::jose
