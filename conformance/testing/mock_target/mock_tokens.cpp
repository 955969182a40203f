// The mock's token minting and validation, correct unless a named flaw is on.
#include <algorithm>
#include <sstream>

#include <openssl/crypto.h>

#include "conformance/testing/mock_target/mock_state.hpp"
#include "conformance/forge/attacks.hpp"
#include "conformance/forge/base64url.hpp"
#include "conformance/forge/claims.hpp"
#include "conformance/forge/compact.hpp"
#include "conformance/forge/json_text.hpp"
#include "conformance/forge/jwk.hpp"
#include "conformance/forge/key_encodings.hpp"
#include "conformance/forge/sign.hpp"

namespace authprobe::conformance::mock_target {
namespace mock {

const std::map<std::string, User>& users() {
  static const std::map<std::string, User> list{
      {"alice", {"alice-pw", "read", {"user"}}},
      {"bob", {"bob-password-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO", "read write admin", {"admin", "user"}}},
      {"dave", {"dave-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz012", "read", {"user"}}},
      {"erin", {"p\xC3\xA4:ss w\xC3\xB6rd \xF0\x9F\x94\x91", "read", {"user"}}},
      {"carol", {"carol-is-disabled", "read", {"user"}, true}}};
  return list;
}

std::string lowered(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string field(const httplib::Request& req, const std::string& name) {
  const auto it = req.headers.find(name);
  return it == req.headers.end() ? std::string() : it->second;
}

namespace {

std::size_t nesting(std::string_view json) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  for (const char c : json) {
    if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
    if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return deepest;
}

// The string value of the first "scope" member in the raw JSON text (a first-wins parser).
std::optional<std::string> first_scope(std::string_view json) {
  const auto name = json.find("\"scope\"");
  if (name == json.npos) return std::nullopt;
  const auto open = json.find('"', json.find(':', name) + 1);
  const auto close = open == json.npos ? json.npos : json.find('"', open + 1);
  if (close == json.npos) return std::nullopt;
  return std::string(json.substr(open + 1, close - open - 1));
}

// RFC 7515 §7.2: the compact form of a flattened or general JWS JSON serialization.
std::string compact_of_json(std::string_view text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object() || !json.contains("payload")) return std::string(text);
  const auto& sig = json.contains("signatures") && json["signatures"].is_array() && !json["signatures"].empty()
                        ? json["signatures"][0] : json;
  return sig.value("protected", std::string()) + "." + json.value("payload", std::string()) + "." +
         sig.value("signature", std::string());
}

}  // namespace
}  // namespace mock

using namespace mock;

// RFC 6749 §3.3: space-delimited, case-sensitive tokens (unless a scope flaw is on).
bool MockTarget::State::scope_grants(std::string granted, const std::string& needed) const {
  if (flaws.scope_substring) return granted.find(needed) != std::string::npos;
  if (flaws.scope_comma_split) std::replace(granted.begin(), granted.end(), ',', ' ');
  std::istringstream in(flaws.scope_case_fold ? lowered(granted) : granted);
  std::string token;
  while (in >> token) {
    if (token == (flaws.scope_case_fold ? lowered(needed) : needed)) return true;
  }
  return false;
}

// RFC 9068 §2.2.3.1: roles is an array of strings; only exact membership counts.
bool MockTarget::State::roles_grant(const nlohmann::json& roles, const std::string& role) const {
  if (flaws.roles_substring) return roles.dump().find(role) != std::string::npos;
  if (flaws.roles_coerced && roles.is_string()) return scope_grants(roles.get<std::string>(), role);
  if (flaws.roles_coerced && roles.is_object()) return roles.contains(role);
  return roles.is_array() && std::find(roles.begin(), roles.end(), nlohmann::json(role)) != roles.end();
}

std::string MockTarget::State::mint(const std::string& user, const std::string& scope) const {
  const auto now = forge::now_seconds();
  nlohmann::json header{{"alg", alg_name()}, {"typ", flaws.typ_jwt ? "JWT" : "at+jwt"}, {"kid", kid}};
  nlohmann::json claims{{"iss", issuer}, {"aud", audience}, {"sub", user}, {"client_id", "mock-client"},
                        {"iat", now}, {"exp", now + (flaws.long_lived ? long_ttl : ttl)}, {"jti", user + std::to_string(now)},
                        {"scope", scope}, {"roles", users().at(user).roles}};
  if (flaws.numeric_sub) claims["sub"] = static_cast<std::int64_t>(std::hash<std::string>{}(user) % 100000U);
  if (flaws.string_iat) claims["iat"] = std::to_string(now);
  if (flaws.password_in_token) claims["password_hash"] = "$2b$12$" + users().at(user).password;
  const auto input = forge::signing_input(header.dump(), claims.dump());
  auto sig = alg == MockAlg::hs256 ? forge::hmac_sign(forge::Alg::HS256, secret, input)
                                   : forge::sign(forge::Alg::ES256, ec, input);
  return forge::append_signature(input, sig.value());
}

bool MockTarget::State::signature_ok(const nlohmann::json& header, std::string_view input, const std::string& sig) const {
  if (flaws.skip_signature) return true;
  const auto alg_it = header.find("alg");
  if (alg_it == header.end() || !alg_it->is_string()) return false;
  const std::string name = alg_it->get<std::string>();
  if (flaws.accept_none && lowered(name) == "none") return true;
  if (flaws.embedded_jwk && header.contains("jwk")) {
    auto key = forge::public_key_from_jwk(header["jwk"]);
    auto a = forge::alg_from_name(name);
    return key && a && forge::verify(*a, *key, input, sig);
  }
  if (flaws.fetch_jku && header.contains("jku") && header["jku"].is_string()) {
    const std::string url = header["jku"];
    const auto slash = url.find('/', std::string("http://").size());
    httplib::Client client(url.substr(0, slash));
    if (auto res = client.Get(url.substr(slash).c_str()); res && res->status == ok) {
      auto keys = nlohmann::json::parse(res->body, nullptr, false);
      if (!keys.is_discarded() && keys.contains("keys") && !keys["keys"].empty()) {
        auto key = forge::public_key_from_jwk(keys["keys"][0]);
        if (key && forge::verify(forge::Alg::RS256, *key, input, sig)) return true;
      }
    }
  }
  const auto mac_ok = [&](const std::string& key) {
    auto mac = forge::hmac_sign(*forge::alg_from_name(name), key, input);
    return mac && mac->size() == sig.size() && CRYPTO_memcmp(mac->data(), sig.data(), sig.size()) == 0;
  };
  // The "stringly-typed key" confusion (CVE-2015-9235): the PEM text of the public key as HMAC secret.
  if (flaws.public_key_hmac && alg == MockAlg::es256 && (name == "HS256" || name == "HS384" || name == "HS512")) {
    if (auto pem = forge::pem_spki(ec)) return mac_ok(*pem);
  }
  const bool hmac_family = name == "HS256" || (flaws.any_hmac_alg && (name == "HS384" || name == "HS512"));
  if (alg == MockAlg::hs256 && hmac_family) return mac_ok(secret);
  if (alg == MockAlg::es256 && name == "ES256") return forge::verify(forge::Alg::ES256, ec, input, sig);
  return false;
}

std::string MockTarget::State::issue_opaque(const std::string& user, const std::string& scope) {
  const auto token = forge::b64url_encode(
      forge::seeded_bytes(static_cast<std::uint64_t>(forge::now_seconds()) * opaque_seed_stride + opaque_counter++, opaque_bytes));
  const std::lock_guard lock(mutex);
  opaque[token] = {user, scope};
  return token;
}

Outcome MockTarget::State::check_opaque(const std::string& token, const std::string& needed_scope) const {
  const std::lock_guard lock(mutex);
  const auto found = opaque.find(token);
  if (found == opaque.end() || revoked.count(token) > 0) return {unauthorized, "invalid_token"};
  if (!scope_grants(found->second.second, needed_scope)) return {forbidden, "insufficient_scope"};
  Outcome accepted;
  accepted.subject = found->second.first;
  return accepted;
}

Outcome MockTarget::State::check(std::string_view raw_token, const std::string& needed_scope) const {
  if (flaws.opaque_tokens) return check_opaque(std::string(raw_token), needed_scope);
  const Outcome invalid{unauthorized, "invalid_token"};
  std::string owned(raw_token);
  if (flaws.accept_jws_json && !owned.empty() && owned.front() == '{') owned = compact_of_json(owned);
  if (flaws.lax_segments) {
    while (!owned.empty() && owned.front() == '.') owned.erase(0, 1);
    if (const auto a = owned.find('.'), b = a == owned.npos ? a : owned.find('.', a + 1); b != owned.npos) {
      if (const auto c = owned.find('.', b + 1); c != owned.npos) owned.resize(c);
    }
  }
  const std::string_view token = owned;
  {
    const std::lock_guard lock(mutex);
    if (revoked.count(owned) > 0) return invalid;
  }
  const auto first = token.find('.');
  const auto second = first == token.npos ? token.npos : token.find('.', first + 1);
  if (second == token.npos || token.find('.', second + 1) != token.npos) return invalid;
  const auto decode = [&](std::string_view s) {
    return flaws.lax_base64 ? forge::b64url_decode_lenient(s) : forge::b64url_decode(s);
  };
  auto h = decode(token.substr(0, first));
  auto p = decode(token.substr(first + 1, second - first - 1));
  auto s = decode(token.substr(second + 1));
  if (!h || !p || !s) return invalid;
  if (h->rfind("\xEF\xBB\xBF", 0) == 0 || p->rfind("\xEF\xBB\xBF", 0) == 0) return invalid;  // no BOM (RFC 8259 §8.1)
  auto header = forge::parse_object(*h);
  if (!header) return invalid;
  std::string claims_text = *p;
  if (flaws.nested_unverified && lowered(header->value("cty", std::string())) == "jwt") {
    const auto a = claims_text.find('.');
    const auto b = a == claims_text.npos ? a : claims_text.find('.', a + 1);
    if (b == claims_text.npos) return invalid;
    auto inner = forge::b64url_decode(std::string_view(claims_text).substr(a + 1, b - a - 1));
    if (!inner) return invalid;
    claims_text = *inner;
  }
  if (nesting(*h) > max_depth || nesting(claims_text) > max_depth) return invalid;
  auto claims = forge::parse_object(claims_text);
  if (!claims) return invalid;
  if (!flaws.ignore_crit && header->contains("crit")) return invalid;
  const auto k = header->find("kid");
  const bool file_key = flaws.kid_file_lookup && k != header->end() && k->is_string() &&
                        k->get<std::string>().find("/dev/null") != std::string::npos;
  const bool token_key = (flaws.fetch_jku && header->contains("jku")) || (flaws.embedded_jwk && header->contains("jwk"));
  if (!file_key && !token_key && !flaws.ignore_kid && k != header->end() && *k != kid) {
    Outcome bad = invalid;
    if (flaws.echo_kid && k->is_string()) bad.description = k->get<std::string>();
    return bad;
  }
  if (file_key) {
    auto mac = forge::hmac_sign(forge::Alg::HS256, "", token.substr(0, second));
    if (!mac || *mac != *s) return invalid;
  } else if (!signature_ok(*header, token.substr(0, second), *s)) {
    return invalid;
  }
  const auto typ = header->value("typ", std::string());
  if (!flaws.ignore_typ && typ != "at+jwt" && typ != "application/at+jwt") return invalid;
  const auto now = static_cast<double>(forge::now_seconds());
  const auto exp = claims->find("exp");
  if (exp != claims->end() && exp->is_string() && flaws.crash_on_string_exp) return {server_error, ""};
  if (!flaws.ignore_exp && (exp == claims->end() || !exp->is_number() || exp->get<double>() <= now)) return invalid;
  if (const auto nbf = claims->find("nbf"); !flaws.ignore_nbf && nbf != claims->end() && (!nbf->is_number() || nbf->get<double>() > now)) {
    return invalid;
  }
  if (const auto iat = claims->find("iat"); flaws.reject_future_iat && iat != claims->end() && iat->is_number() &&
                                            iat->get<double>() > now + static_cast<double>(ttl)) {
    return invalid;
  }
  if (!flaws.ignore_iss && claims->value("iss", std::string()) != issuer) return invalid;
  if (!flaws.ignore_aud) {
    const auto aud = claims->find("aud");
    const bool aud_ok = aud != claims->end() &&
                        ((aud->is_string() && *aud == audience) ||
                         (aud->is_array() && std::find(aud->begin(), aud->end(), nlohmann::json(audience)) != aud->end()));
    if (!aud_ok) return invalid;
  }
  for (const auto* name : {"sub", "jti", "client_id"}) {
    if (!claims->contains(name)) return invalid;
  }
  const auto scope = claims->find("scope");
  if (scope == claims->end() || !scope->is_string()) return invalid;
  const auto granted = flaws.duplicate_first_wins ? first_scope(claims_text).value_or("") : scope->get<std::string>();
  if (!scope_grants(granted, needed_scope)) return {forbidden, "insufficient_scope"};
  // duplicate_first_wins models a scope-only admin resource, so the first duplicate decides alone.
  if (needed_scope == "admin" && !flaws.duplicate_first_wins) {
    const auto roles = claims->find("roles");
    if (roles == claims->end() || !roles_grant(*roles, "admin")) return {forbidden, "insufficient_scope"};
  }
  const auto sub = claims->find("sub");
  if (const auto user = users().find(sub->is_string() ? sub->get<std::string>() : std::string());
      user != users().end() && user->second.disabled && !flaws.disabled_tokens_accepted) {
    return invalid;  // the account's state is checked on every request
  }
  Outcome accepted;
  accepted.subject = sub->is_string() ? sub->get<std::string>() : sub->dump();
  return accepted;
}

}  // namespace authprobe::conformance::mock_target
