// authprobe jwt decode|verify|mint: the jose module from the command line. Keys come from
// files (never argv); a token may come from stdin when given as '-'.
#include <chrono>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reference/jose/claims.hpp"
#include "reference/jose/jwt.hpp"
#include "tools/commands/command.hpp"
#include "tools/commands/jwt_claim_check.hpp"

namespace authprobe::tools {
namespace {

using namespace authprobe::jose;

constexpr const char* default_issuer = "http://127.0.0.1";  // the reference server's defaults
constexpr const char* default_audience = "authprobe-api";
constexpr long default_ttl_seconds = 900;
// RFC 9068 §2.2: an access token names the client it was issued to. A minted token was issued
// by this tool, not through a client of the server, so it says so unless --client-id names one.
constexpr const char* default_client_id = "authprobe-cli";

struct JwtOptions {
  std::string token;
  std::string key_file;
  std::string alg = "HS256";
  std::string key_format = "raw";
  std::string kid;
  std::string issuer;
  std::string audience;
  long leeway = 0;
  bool any_typ = false;
  std::string sub;
  std::string scope;
  std::vector<std::string> roles;
  std::string client_id = default_client_id;
  bool signature_only = false;
  long ttl = default_ttl_seconds;
};

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string read_token(const std::string& argument) {
  if (argument != "-") return argument;
  std::string token((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
  return token;
}

// HS keys: the file's bytes (one final newline removed, as the server's config does), or
// base64url text with --key-format base64url. Others: a PEM private or public key.
std::optional<Key> load_key(const JwtOptions& options) {
  const auto alg = algorithm_from_name(options.alg);
  if (!alg) {
    std::cerr << "authprobe jwt: unknown --alg " << options.alg << '\n';
    return std::nullopt;
  }
  auto bytes = read_file(options.key_file);
  if (!bytes) {
    std::cerr << "authprobe jwt: cannot read " << options.key_file << '\n';
    return std::nullopt;
  }
  Result<Key> key = fail(JoseErrc::bad_key);
  if (is_hmac(*alg)) {
    if (!bytes->empty() && bytes->back() == '\n') bytes->pop_back();
    if (options.key_format == "base64url")
      key = Key::from_jwk(nlohmann::json{{"kty", "oct"}, {"k", *bytes}}, *alg);
    else
      key = Key::hmac(*bytes, *alg);
  } else {
    key = Key::from_pem(*bytes, *alg);
  }
  if (!key) {
    std::cerr << "authprobe jwt: " << options.key_file << ": " << key.error().message() << '\n';
    return std::nullopt;
  }
  if (options.kid.empty()) return *key;
  // The kid lives in the key; rebuild through the JWK or PEM path with it.
  if (is_hmac(*alg)) {
    auto with_kid = options.key_format == "base64url"
                        ? Key::from_jwk(nlohmann::json{{"kty", "oct"}, {"k", *bytes}, {"kid", options.kid}}, *alg)
                        : Key::hmac(*bytes, *alg, options.kid);
    return with_kid ? std::optional<Key>(*with_kid) : std::nullopt;
  }
  auto with_kid = Key::from_pem(*bytes, *alg, options.kid);
  return with_kid ? std::optional<Key>(*with_kid) : std::nullopt;
}

std::string pretty(const std::string& text) {
  // ordered_json keeps the members in the order the token has them.
  const auto parsed = nlohmann::ordered_json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return text;
  return parsed.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

int run_decode(const JwtOptions& options) {
  auto jws = decode_unverified(read_token(options.token));
  if (!jws) {
    std::cerr << "authprobe jwt decode: " << jws.error().message() << '\n';
    return exit_code::failed;
  }
  std::cerr << "authprobe jwt decode: UNVERIFIED - the signature was not checked\n";
  std::cout << "header:\n" << pretty(jws->header_json) << "\npayload:\n" << pretty(jws->payload) << '\n';
  return exit_code::ok;
}

std::int64_t seconds_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The "kid" of a token's header, when it has a string one.
std::optional<std::string> header_kid(const std::string& token) {
  auto jws = decode_unverified(token);
  if (!jws) return std::nullopt;
  const auto header = nlohmann::json::parse(jws->header_json, nullptr, false);
  if (!header.is_object() || !header.contains("kid") || !header["kid"].is_string()) return std::nullopt;
  return header["kid"].get<std::string>();
}

// A key loaded without --kid does not answer a header that names one (KeySet::select): say which
// kid the token carries and how to give it, rather than a bare "unknown key id".
std::string refusal(const Error& error, const std::string& token, const JwtOptions& options) {
  std::string out = "invalid: " + error.message();
  if (error.code != JoseErrc::unknown_kid) return out;
  const auto kid = header_kid(token);
  if (!kid) return out;
  if (options.kid.empty())
    return out + ": the token carries kid \"" + *kid + "\" and the key was given none; if " + options.key_file +
           " is that key, pass --kid " + *kid;
  return out + ": the token carries kid \"" + *kid + "\", not \"" + options.kid + "\" (--kid)";
}

int run_verify(const JwtOptions& options) {
  auto key = load_key(options);
  if (!key) return exit_code::usage;
  KeySet keys;
  keys.add(*key);
  const std::string token = read_token(options.token);
  auto jws = verify_compact(token, keys);
  if (!jws) {
    std::cerr << refusal(jws.error(), token, options) << '\n';
    return exit_code::failed;
  }
  if (options.signature_only) {
    std::cout << "valid signature (claims not checked: --signature-only)\n" << pretty(jws->payload) << '\n';
    return exit_code::ok;
  }

  Claims claims;
  std::string payload = jws->payload;
  auto present = parse_claims(payload, claims);
  if (!present) {
    std::cerr << "invalid: " << present.error().message() << '\n';
    return exit_code::failed;
  }
  ClaimExpectations expected;
  expected.now = seconds_now();
  expected.leeway = options.leeway;
  if (!options.issuer.empty()) expected.issuer = options.issuer;
  if (!options.audience.empty()) expected.audience = options.audience;
  if (auto problem = claim_problem(claims, *present, expected)) {
    std::cerr << "invalid: " << *problem << " (--signature-only checks the signature alone)\n";
    return exit_code::failed;
  }
  // With both, the token also goes through the reference server's own verifier, so "valid"
  // means that server would accept it (typ at+jwt unless --any-typ, sub present).
  if (!options.issuer.empty() && !options.audience.empty()) {
    ValidationPolicy policy;
    policy.issuer = options.issuer;
    policy.audience = options.audience;
    policy.leeway = std::chrono::seconds{options.leeway};
    policy.require_at_jwt_typ = !options.any_typ;
    auto verifier = JwtVerifier::create(std::move(keys), policy);
    if (!verifier) {
      std::cerr << "authprobe jwt verify: " << verifier.error().message() << '\n';
      return exit_code::usage;
    }
    if (auto verified = verifier->verify(token, expected.now); !verified) {
      std::cerr << refusal(verified.error(), token, options) << '\n';
      return exit_code::failed;
    }
  }
  std::cout << "valid: signature and claims; expires at " << utc_time(claims.exp) << " (in "
            << span_words(claims.exp - expected.now) << ")\n"
            << pretty(jws->payload) << '\n';
  return exit_code::ok;
}

int run_mint(const JwtOptions& options) {
  auto key = load_key(options);
  if (!key) return exit_code::usage;
  if (!key->can_sign()) {
    std::cerr << "authprobe jwt mint: " << options.key_file << " is a public key; minting needs the private key\n";
    return exit_code::usage;
  }
  auto jti = new_token_id();
  if (!jti) {
    std::cerr << "authprobe jwt mint: " << jti.error().message() << '\n';
    return exit_code::failed;
  }
  const std::int64_t now = seconds_now();
  Claims claims;
  claims.iss = options.issuer.empty() ? default_issuer : options.issuer;
  claims.aud = {options.audience.empty() ? default_audience : options.audience};
  claims.sub = options.sub;
  claims.client_id = options.client_id;
  claims.scope = options.scope;
  claims.roles = options.roles;
  claims.jti = std::move(*jti);
  claims.iat = now;
  claims.exp = now + options.ttl;
  auto token = mint_access_token(claims, *key);
  if (!token) {
    std::cerr << "authprobe jwt mint: " << token.error().message() << '\n';
    return exit_code::failed;
  }
  std::cout << *token << '\n';
  return exit_code::ok;
}

void add_key_options(CLI::App* app, JwtOptions& options) {
  app->add_option("--key-file", options.key_file, "HS*: the secret's bytes; others: a PEM key")->required();
  app->add_option("--alg", options.alg, "The key's one algorithm (HS256, RS256, PS256, ES256, EdDSA, ...)")->required();
  app->add_option("--key-format", options.key_format, "HS* key file format")->check(CLI::IsMember({"raw", "base64url"}));
  app->add_option("--kid", options.kid, "Key id (matched against the token's kid / written into minted tokens)");
}

}  // namespace

Command add_jwt_command(CLI::App& parent) {
  auto options = std::make_shared<JwtOptions>();
  Command command;
  command.app = parent.add_subcommand("jwt", "Decode, verify or mint compact JWTs (RFC 7519, RFC 9068 access tokens)");
  command.app->require_subcommand(1);

  auto* decode = command.app->add_subcommand("decode", "Print a token's header and payload WITHOUT verifying it");
  decode->add_option("token", options->token, "The token, or - to read it from stdin")->required();

  auto* verify = command.app->add_subcommand(
      "verify", "Verify a token's signature and claims (exp, nbf, iat; iss and aud when given): exit 0 when valid, 1 with the reason when not");
  verify->add_option("token", options->token, "The token, or - to read it from stdin")->required();
  add_key_options(verify, *options);
  verify->add_flag("--signature-only", options->signature_only, "Check the signature alone, not the claims");
  verify->add_option("--issuer", options->issuer, "Required iss (with --audience: also the reference server's own validation)");
  verify->add_option("--audience", options->audience, "Required aud (one of its values)");
  verify->add_option("--leeway", options->leeway, "Seconds of clock skew allowed on exp/nbf/iat")->check(CLI::Range(0L, max_leeway.count()));
  verify->add_flag("--any-typ", options->any_typ, "With --issuer and --audience: do not require typ at+jwt");

  auto* mint = command.app->add_subcommand("mint", "Mint an RFC 9068 access token");
  add_key_options(mint, *options);
  mint->add_option("--sub", options->sub, "Subject (user name)")->required();
  mint->add_option("--scope", options->scope, "Space-separated scopes");
  mint->add_option("--role", options->roles, "A role (repeat for more)")->allow_extra_args(false);
  mint->add_option("--client-id", options->client_id, "client_id claim (RFC 9068 §2.2)")->capture_default_str();
  mint->add_option("--issuer", options->issuer, std::string("iss (default ") + default_issuer + ")");
  mint->add_option("--audience", options->audience, std::string("aud (default ") + default_audience + ")");
  mint->add_option("--ttl", options->ttl, "Lifetime in seconds")->check(CLI::PositiveNumber);

  command.run = [options, decode, verify, mint] {
    if (decode->parsed()) return run_decode(*options);
    if (verify->parsed()) return run_verify(*options);
    if (mint->parsed()) return run_mint(*options);
    return exit_code::usage;
  };
  return command;
}

}  // namespace authprobe::tools
