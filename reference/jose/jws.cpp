// Compact JWS without claim semantics (RFC 7515 §5.1 and §5.2).
#include <nlohmann/json.hpp>

#include "reference/jose/base64url.hpp"
#include "reference/jose/compact.hpp"
#include "reference/jose/jose_header.hpp"
#include "reference/jose/json_strict.hpp"

namespace authprobe::jose {

Result<std::string> sign_compact(std::string_view header_json, std::string_view payload, const Key& key) {
  // The header must be one JSON object naming exactly this key's algorithm, so that no
  // caller can sign a header that a verifier would read differently.
  std::string header_copy(header_json);
  auto header = parse_strict_object(header_copy);
  if (!header) return tl::unexpected(header.error());
  std::string_view alg;
  if ((*header)["alg"].get_string().get(alg) || alg != algorithm_name(key.algorithm()))
    return fail(JoseErrc::alg_not_allowed, "header \"alg\" must be " + std::string(algorithm_name(key.algorithm())));

  std::string token = base64url::encode(header_json);
  token += '.';
  base64url::append_encoded(payload, token);
  auto signature = key.sign(token);
  if (!signature) return tl::unexpected(signature.error());
  token += '.';
  base64url::append_encoded(*signature, token);
  return token;
}

Result<Jws> verify_compact(std::string_view token, const KeySet& keys) {
  auto parts = split_compact(token);
  if (!parts) return tl::unexpected(parts.error());
  Jws jws;
  if (!base64url::decode_into(parts->header, jws.header_json)) return fail(JoseErrc::bad_base64url, "header");
  std::string header_work = jws.header_json;
  auto key = select_key_for_header(header_work, keys, HeaderRules{});
  if (!key) return tl::unexpected(key.error());
  if (auto verified = (*key)->verify_segment(parts->signing_input, parts->signature); !verified)
    return tl::unexpected(verified.error());
  if (!base64url::decode_into(parts->payload, jws.payload)) return fail(JoseErrc::bad_base64url, "payload");
  return jws;
}

Result<Jws> decode_unverified(std::string_view token) {
  auto parts = split_compact(token);
  if (!parts) return tl::unexpected(parts.error());
  Jws jws;
  if (!base64url::decode_into(parts->header, jws.header_json)) return fail(JoseErrc::bad_base64url, "header");
  if (!base64url::decode_into(parts->payload, jws.payload)) return fail(JoseErrc::bad_base64url, "payload");
  std::string signature;
  if (!base64url::decode_into(parts->signature, signature)) return fail(JoseErrc::bad_base64url, "signature");
  return jws;
}

}  // namespace authprobe::jose
