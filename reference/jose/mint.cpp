// Access tokens as RFC 9068 §2 describes them, built with nlohmann::ordered_json so the
// bytes are stable (the verifier recognises this exact header).
#include <nlohmann/json.hpp>
#include <openssl/rand.h>
#include <simdjson.h>

#include "reference/jose/base64url.hpp"
#include "reference/jose/jwt.hpp"

namespace authprobe::jose {
namespace {

using ordered = nlohmann::ordered_json;

// RFC 9068 §2.2 / catalog TOKEN-24: at least 128 bits; 256 so that no estimate of the
// randomness of a 43-character identifier lands near the bound.
constexpr std::size_t token_id_bytes = 32;

bool is_utf8(std::string_view text) { return simdjson::validate_utf8(text.data(), text.size()); }

bool all_utf8(const Claims& claims) {
  for (const std::string* text : {&claims.iss, &claims.sub, &claims.client_id, &claims.jti, &claims.scope})
    if (!is_utf8(*text)) return false;
  for (const auto* list : {&claims.aud, &claims.roles})
    for (const auto& text : *list)
      if (!is_utf8(text)) return false;
  return true;
}

std::string dump(const ordered& value) { return value.dump(-1, ' ', false, ordered::error_handler_t::replace); }

}  // namespace

Result<std::string> new_token_id() {
  unsigned char id[token_id_bytes] = {};
  if (RAND_bytes(id, static_cast<int>(sizeof id)) != 1) return fail(JoseErrc::bad_key, "no randomness");
  return base64url::encode(std::string_view(reinterpret_cast<const char*>(id), sizeof id));
}

std::string access_token_header_json(const Key& key) {
  ordered header;
  header["alg"] = algorithm_name(key.algorithm());
  header["typ"] = access_token_typ;
  if (!key.kid().empty()) header["kid"] = key.kid();
  return dump(header);
}

Result<std::string> mint_access_token(const Claims& claims, const Key& key) {
  // JSON strings are Unicode (RFC 8259 §8.1); a claim that is not UTF-8 is a caller's bug.
  if (!all_utf8(claims) || !is_utf8(key.kid())) return fail(JoseErrc::bad_claim_type, "claims must be UTF-8");
  ordered body;
  if (!claims.iss.empty()) body["iss"] = claims.iss;
  if (!claims.sub.empty()) body["sub"] = claims.sub;
  if (claims.aud.size() == 1) body["aud"] = claims.aud.front();
  else if (!claims.aud.empty()) body["aud"] = claims.aud;
  if (!claims.client_id.empty()) body["client_id"] = claims.client_id;
  if (claims.iat != 0) body["iat"] = claims.iat;
  if (claims.nbf != 0) body["nbf"] = claims.nbf;
  body["exp"] = claims.exp;
  if (!claims.jti.empty()) body["jti"] = claims.jti;
  if (!claims.scope.empty()) body["scope"] = claims.scope;
  if (!claims.roles.empty()) body["roles"] = claims.roles;
  return sign_compact(access_token_header_json(key), dump(body), key);
}

}  // namespace authprobe::jose
