// JWT-01 … JWT-04: what the server mints (RFC 7515 §7.1, RFC 9068 §2, RFC 7518 §3.2-§3.3).
#include <array>

#include "conformance/challenge.hpp"
#include "conformance/checks/jwt_factories.hpp"
#include "conformance/checks/jwt_support.hpp"
#include "conformance/checks/token_owner.hpp"
#include "conformance/forge/attacks.hpp"
#include "conformance/forge/base64url.hpp"
#include "conformance/forge/json_text.hpp"
#include "conformance/forge/keys.hpp"
#include "conformance/verdict_rules.hpp"

namespace authprobe::conformance::jwt {
namespace {

// RFC 9068 §2.2.3 / §2.2 and RFC 6750 §5.3: access tokens are short-lived.
constexpr std::int64_t max_lifetime_seconds = 3600;
// RFC 7518 §3.2: an HMAC key at least as long as the hash output.
constexpr std::size_t hs256_key_bytes = 32;
constexpr std::size_t hs384_key_bytes = 48;
constexpr std::size_t hs512_key_bytes = 64;
// RFC 7518 §3.3: RSA keys of at least 2048 bits.
constexpr int min_rsa_bits = 2048;

// Secrets people leave in place: framework and tutorial defaults, jwt.io's example, common
// passwords. (Written for this suite; jwt_tool's GPL word list is not copied.)
constexpr std::array<std::string_view, 44> weak_secrets{
    "", "secret", "Secret", "SECRET", "secretkey", "secret-key", "secret_key", "SECRET_KEY", "mysecret",
    "my-secret", "my_secret", "mysecretkey", "supersecret", "super-secret", "changeme", "change-me",
    "changeit", "password", "Password", "passw0rd", "123456", "12345678", "1234567890", "qwerty", "admin",
    "test", "testing", "key", "jwt", "jwt-secret", "jwt_secret", "jwtsecret", "token", "default",
    "your-256-bit-secret", "your-secret-key", "your_secret_key", "shhhhh", "keyboard cat",
    "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7", "null", "undefined", "none",
    "example"};

// RFC 9068 §2.2 lists iss, exp, aud, sub, client_id, iat and jti. D9 lenient is the plain RFC 7519
// profile (V10): it drops the RFC 9068-only claims, never `exp` (a token that never expires, cf.
// JWT-26) nor `sub` (whose token it is; its type is D15's subject).
constexpr std::array<std::string_view, 2> always_required_claims{"exp", "sub"};
constexpr std::array<std::string_view, 5> rfc9068_only_claims{"iss", "aud", "client_id", "iat", "jti"};
constexpr std::array<std::string_view, 3> time_claims{"exp", "iat", "nbf"};
constexpr std::array<std::string_view, 6> secret_markers{"$2a$", "$2b$", "$2y$", "$argon2", "$scrypt$", "pbkdf2"};
constexpr std::array<std::string_view, 4> secret_names{"password", "passwd", "hashed_password", "pwd"};

Part note_part(Verdict verdict, std::string note, const Exchange& exchange) {
  return Part{verdict, std::move(note), exchange};
}

Needed<TokenGrant> grant_of(Context& ctx) { return ctx.session().token(base_user); }

Needed<nlohmann::json> claims_of(const BaseToken& base) {
  auto claims = forge::parse_object(base.parts.payload_json);
  if (!claims) return tl::unexpected(Unmet{"the payload of T0 is not a JSON object"});
  return *claims;
}

// What JWT-02 and JWT-03 read: the grant that issued T0 (its exchange is their evidence) and
// T0's claims.
struct IssuedToken {
  TokenGrant grant;
  BaseToken base;
  nlohmann::json claims;
};

Needed<IssuedToken> issued_token(Context& ctx) {
  auto grant = grant_of(ctx);
  if (!grant) return tl::unexpected(grant.error());
  auto base = base_token(ctx);
  if (!base) return tl::unexpected(base.error());
  auto claims = claims_of(*base);
  if (!claims) return tl::unexpected(claims.error());
  return IssuedToken{std::move(*grant), std::move(*base), std::move(*claims)};
}

}  // namespace

// RFC 7515 §7.1 and §2 (unpadded base64url), RFC 9068 §2.1 (typ at+jwt), RFC 7518 §3.6.
Check issues_well_formed_access_token() {
  return {.id = "JWT-01", .level = Level::must, .cites = "RFC 7515 §7.1, §2; RFC 9068 §2.1; RFC 7518 §3.6",
          .mode = Mode::black_box, .summary = "T0 is a three-segment unpadded JWS with a signing alg and typ at+jwt",
          .applies = needs_jwt,
          .run = [](Context& ctx) {
            auto grant = grant_of(ctx);
            if (!grant) return errored(grant.error().reason);
            const auto& ex = grant->exchange;
            const auto& token = grant->access_token;
            std::vector<Part> parts;
            const auto dots = std::count(token.begin(), token.end(), '.');
            if (dots != 2) return combine_parts({note_part(Verdict::fail, std::to_string(dots + 1) + " segments", ex)}, "three segments");
            bool canonical = true;
            std::size_t start = 0;
            for (int i = 0; i < 3; ++i) {
              const auto end = i < 2 ? token.find('.', start) : token.size();
              if (!forge::b64url_decode(std::string_view(token).substr(start, end - start))) canonical = false;
              start = end + 1;
            }
            parts.push_back(note_part(canonical ? Verdict::pass : Verdict::fail,
                                      canonical ? "three canonical unpadded base64url segments"
                                                : "a segment is padded, uses +/ or has non-canonical bits", ex));
            auto decoded = forge::decode_compact(token);
            if (!decoded) return errored("T0 does not decode: " + decoded.error());
            const auto alg = forge::alg_of(decoded->header_json);
            const bool signing = alg && forge::alg_from_name(*alg).has_value();
            parts.push_back(note_part(signing ? Verdict::pass : Verdict::fail,
                                      "alg " + (alg ? "\"" + *alg + "\"" : std::string("missing")) + "; " +
                                          support::token_owner(ctx.target(), token), ex));
            const auto header = forge::parse_object(decoded->header_json);
            const auto typ_it = header ? header->find("typ") : nlohmann::json::const_iterator{};
            const bool at_jwt = header && typ_it != header->end() && typ_it->is_string() &&
                                (iequals(typ_it->get<std::string>(), "at+jwt") ||
                                 iequals(typ_it->get<std::string>(), "application/at+jwt"));
            parts.push_back(note_part(at_jwt ? Verdict::pass : ctx.deviation(Deviation::d9),
                                      at_jwt ? "typ at+jwt" : "typ is not at+jwt (D9)", ex));
            if (ctx.target().token.uses_kid) {
              const bool has_kid = forge::kid_of(decoded->header_json).has_value();
              parts.push_back(note_part(has_kid ? Verdict::pass : Verdict::fail,
                                        has_kid ? "kid present" : "kid missing although the issuer uses kids", ex));
            }
            return combine_parts(parts, "three unpadded base64url segments; alg a signing algorithm; typ at+jwt; kid when several keys");
          }};
}

// RFC 9068 §2.2: the claims of a JWT access token; RFC 7519 §4.1.2 sub is a StringOrURI.
Check issues_required_claims() {
  return {.id = "JWT-02", .level = Level::must, .cites = "RFC 9068 §2.2; RFC 7519 §4.1.2, §2", .mode = Mode::black_box,
          .summary = "T0 carries iss, exp, aud, sub (a string), client_id, iat, jti; times are numbers",
          .applies = needs_jwt,
          .run = [](Context& ctx) {
            auto issued = issued_token(ctx);
            if (!issued) return errored(issued.error().reason);
            const auto* claims = &issued->claims;
            const auto* grant = &issued->grant;
            const auto& ex = grant->exchange;
            std::vector<Part> parts;
            std::string missing;
            for (const auto name : always_required_claims) {
              if (!claims->contains(std::string(name))) append_listed(missing, ", ", name);
            }
            if (!missing.empty()) parts.push_back(note_part(Verdict::fail, "missing (required in every profile): " + missing, ex));
            std::string missing_9068;
            for (const auto name : rfc9068_only_claims) {
              if (!claims->contains(std::string(name))) append_listed(missing_9068, ", ", name);
            }
            parts.push_back(missing_9068.empty()
                                ? note_part(Verdict::pass, "all RFC 9068 §2.2 claims present; " + support::token_owner(ctx.target(), grant->access_token), ex)
                                : note_part(ctx.deviation(Deviation::d9), "missing (RFC 9068 profile, D9): " + missing_9068, ex));
            if (const auto sub = claims->find("sub"); sub != claims->end() && !sub->is_string()) {
              parts.push_back(note_part(ctx.deviation(Deviation::d15), "sub is not a string (D15)", ex));
            }
            for (const auto name : time_claims) {
              const auto it = claims->find(std::string(name));
              if (it != claims->end() && !it->is_number()) {
                parts.push_back(note_part(Verdict::fail, std::string(name) + " is not a JSON number", ex));
              }
            }
            return combine_parts(parts, "iss, exp, aud, sub, client_id, iat, jti present; sub a string; NumericDate numbers");
          }};
}

// RFC 9068 §2.2.3, RFC 6750 §5.3: scope as a string, roles in "roles", short lifetime, no secrets.
Check issues_short_lived_token_without_secrets() {
  return {.id = "JWT-03", .level = Level::should, .cites = "RFC 9068 §2.2.3, §2.2.3.1; RFC 6750 §5.3",
          .mode = Mode::black_box, .summary = "scope is a space-delimited string, roles in roles, exp - iat <= 3600 s, no secrets",
          .applies = needs_jwt,
          .run = [](Context& ctx) {
            auto issued = issued_token(ctx);
            if (!issued) return errored(issued.error().reason);
            const auto* claims = &issued->claims;
            const auto* grant = &issued->grant;
            const auto& ex = grant->exchange;
            std::vector<Part> parts;
            const auto scope = claims->find(ctx.target().token.scope_claim);
            if (scope != claims->end() && !scope->is_string()) {
              parts.push_back(note_part(Verdict::warn, "scope claim is not a space-delimited string", ex));
            }
            if (claims->contains("role") && !claims->contains("roles")) {
              parts.push_back(note_part(Verdict::warn, "roles are in \"role\", not \"roles\" (RFC 9068 §2.2.3.1)", ex));
            }
            const auto exp = claims->find("exp");
            const auto iat = claims->find("iat");
            if (exp != claims->end() && iat != claims->end() && exp->is_number() && iat->is_number()) {
              const auto lifetime = exp->get<double>() - iat->get<double>();
              parts.push_back(note_part(lifetime <= max_lifetime_seconds ? Verdict::pass : Verdict::warn,
                                        "exp - iat = " + std::to_string(static_cast<std::int64_t>(lifetime)) + " s", ex));
            }
            const auto* user = ctx.target().user(base_user);
            const auto& payload = issued->base.parts.payload_json;
            bool secret = user != nullptr && !user->password.empty() && payload.find(user->password) != std::string::npos;
            for (const auto marker : secret_markers) secret = secret || payload.find(marker) != std::string::npos;
            for (const auto name : secret_names) secret = secret || claims->contains(std::string(name));
            parts.push_back(note_part(secret ? Verdict::warn : Verdict::pass,
                                      std::string(secret ? "the readable payload carries a password or password hash" : "no secret in the payload") +
                                          "; " + support::token_owner(ctx.target(), grant->access_token), ex));
            return combine_parts(parts, "scope a string; roles in roles; exp - iat <= 3600 s; nothing secret readable");
          }};
}

// RFC 7518 §3.2 (HMAC key at least the hash size), §3.3 (RSA >= 2048), RFC 8725 §3.5.
Check uses_strong_signing_key() {
  return {.id = "JWT-04", .level = Level::must, .cites = "RFC 7518 §3.2, §3.3; RFC 8725 §3.5", .mode = Mode::black_box,
          .summary = "the HMAC key is not in a dictionary of weak secrets; key sizes meet RFC 7518",
          .applies = needs_jwt,
          .run = [](Context& ctx) {
            auto base = base_token(ctx);
            if (!base) return errored(base.error().reason);
            const auto& target = ctx.target();
            std::vector<Part> parts;
            const auto alg = forge::alg_from_name(forge::alg_of(base->parts.header_json).value_or(""));
            const auto input = base->parts.header_b64 + "." + base->parts.payload_b64;
            if (alg && forge::is_hmac(*alg)) {
              std::vector<std::string> candidates(weak_secrets.begin(), weak_secrets.end());
              for (const auto& extra : {target.token.issuer, target.token.audience, target.name}) {
                if (!extra.empty()) candidates.push_back(extra);
              }
              std::optional<std::size_t> found;
              for (std::size_t i = 0; i < candidates.size() && !found; ++i) {
                const auto mac = forge::hmac_sign(*alg, candidates[i], input);
                if (mac && *mac == base->parts.signature) found = i;
              }
              // The recovered key is not printed (keys are never logged); its dictionary index is.
              parts.push_back({found ? Verdict::fail : Verdict::pass,
                               found ? "HMAC key recovered: dictionary entry #" + std::to_string(*found)
                                     : "no key recovered from " + std::to_string(candidates.size()) + " candidates",
                               std::nullopt});
            }
            if (auto key = server_key(target); key && forge::is_hmac(key->alg)) {
              const std::size_t needed = key->alg == forge::Alg::HS256   ? hs256_key_bytes
                                    : key->alg == forge::Alg::HS384 ? hs384_key_bytes
                                                                    : hs512_key_bytes;
              parts.push_back({key->hmac_secret.size() >= needed ? Verdict::pass : Verdict::fail,
                               "[I] HMAC key " + std::to_string(key->hmac_secret.size()) + " bytes (needs " +
                                   std::to_string(needed) + ")", std::nullopt});
            }
            if (alg && !forge::is_hmac(*alg)) {
              if (auto pub = public_key(ctx, *base)) {
                const int bits = EVP_PKEY_get_bits(pub->key.get());
                const auto kind = forge::key_kind(pub->key);
                const bool ok = kind == forge::KeyKind::rsa ? bits >= min_rsa_bits
                                : *alg == forge::Alg::ES256  ? kind == forge::KeyKind::ec_p256
                                                             : kind != forge::KeyKind::unsupported;
                parts.push_back({ok ? Verdict::pass : Verdict::fail,
                                 "public key: " + std::to_string(bits) + " bits, from " + pub->source, std::nullopt});
              } else {
                parts.push_back({Verdict::pass, "public key unknown: size not judged (" + pub.error().reason + ")", std::nullopt});
              }
            }
            return combine_parts(parts, "no HMAC key recovered; HMAC key >= hash size; RSA >= 2048 bits; curve matches alg");
          }};
}

}  // namespace authprobe::conformance::jwt
