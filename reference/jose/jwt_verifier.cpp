// The access-token pipeline of every protected request: split, header rules, signature,
// then claims. Buffers and the JSON parser are per thread, so verify_into allocates nothing
// once the caller's Claims has grown, and verify only the strings of the Claims it returns.
#include <simdjson.h>

#include "reference/jose/base64url.hpp"
#include "reference/jose/claims.hpp"
#include "reference/jose/compact.hpp"
#include "reference/jose/jose_header.hpp"

namespace authprobe::jose {
namespace {

std::string& header_buffer() {
  thread_local std::string buffer;
  return buffer;
}

std::string& payload_buffer() {
  thread_local std::string buffer;
  return buffer;
}

}  // namespace

Result<void> JwtVerifier::validate(const ValidationPolicy& policy) {
  if (policy.leeway.count() < 0 || policy.leeway > max_leeway)
    return fail(JoseErrc::bad_policy, "leeway must be 0 to " + std::to_string(max_leeway.count()) + " seconds");
  if (policy.issuer.empty()) return fail(JoseErrc::bad_policy, "issuer must not be empty");
  if (policy.audience.empty()) return fail(JoseErrc::bad_policy, "audience must not be empty");
  return {};
}

Result<JwtVerifier> JwtVerifier::create(KeySet keys, ValidationPolicy policy) {
  if (auto valid = validate(policy); !valid) return tl::unexpected(valid.error());
  return JwtVerifier(std::move(keys), std::move(policy));
}

JwtVerifier::JwtVerifier(KeySet keys, ValidationPolicy policy) : keys_(std::move(keys)), policy_(std::move(policy)) {
  if (auto valid = validate(policy_); !valid) {
    policy_error_ = valid.error();
    return;
  }
  const HeaderRules rules{policy_.require_at_jwt_typ};
  for (const Key& key : keys_.keys()) {
    std::string header = access_token_header_json(key);
    auto selected = select_key_for_header(header, keys_, rules);
    if (!selected) continue;
    const auto index = static_cast<std::size_t>(*selected - keys_.keys().data());
    known_headers_.push_back(KnownHeader{base64url::encode(access_token_header_json(key)), index});
  }
}

Result<Claims> JwtVerifier::verify(std::string_view token, std::int64_t now) const {
  Claims claims;
  if (auto verified = verify_into(token, now, claims); !verified) return tl::unexpected(verified.error());
  return claims;
}

Result<void> JwtVerifier::verify_into(std::string_view token, std::int64_t now, Claims& out) const {
  if (policy_error_) return tl::unexpected(*policy_error_);
  auto parts = split_compact(token);
  if (!parts) return tl::unexpected(parts.error());
  if (parts->payload.empty()) return fail(JoseErrc::malformed_token, "empty payload");

  const Key* key = nullptr;
  for (const KnownHeader& known : known_headers_)
    if (known.segment == parts->header) key = &keys_.keys()[known.key_index];
  if (key == nullptr) {
    std::string& header = header_buffer();
    if (!base64url::decode_into(parts->header, header, simdjson::SIMDJSON_PADDING))
      return fail(JoseErrc::bad_base64url, "header");
    auto selected = select_key_for_header(header, keys_, HeaderRules{policy_.require_at_jwt_typ});
    if (!selected) return tl::unexpected(selected.error());
    key = *selected;
  }

  if (auto verified = key->verify_segment(parts->signing_input, parts->signature); !verified)
    return tl::unexpected(verified.error());

  std::string& payload = payload_buffer();
  if (!base64url::decode_into(parts->payload, payload, simdjson::SIMDJSON_PADDING))
    return fail(JoseErrc::bad_base64url, "payload");
  auto present = parse_claims(payload, out);
  if (!present) return tl::unexpected(present.error());
  return check_claims(out, *present, policy_, now);
}

}  // namespace authprobe::jose
