#pragma once
// The typed target profile: how the catalog's fixture contract (checks.md, "Fixture contract the
// suite assumes") maps onto one concrete server. Parsed once from JSON; checks never read JSON.
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "conformance/verdict.hpp"

namespace authprobe::conformance {

// Logical names of the catalog's fixture contract ("Fixture contract the suite assumes").
namespace fixture {
inline constexpr std::string_view disabled_user = "carol";
}  // namespace fixture

// How a protected resource decides who may use it: by a role of the user or by a scope of the
// token (catalog V7). Refusals are judged by it: RFC 6750 §3.1's 403 with an insufficient_scope
// challenge is what a scope-protected resource owes, while a role-protected one passes with any 403.
struct Protection {
  enum class Kind { role, scope };
  Kind kind = Kind::scope;
  std::string name;  // the role or scope as the target spells it, e.g. "admin"
};

// One logical endpoint of the fixture contract mapped to the target's own method and path.
// `path` may contain `{name}` (own_record). `content_type`/`body` give the payload a write
// request needs to succeed (e.g. a JSON todo). `protected_by` is given only for the protected
// resources (bearer_read/write/admin, basic_admin); absent, the checks fall back to flows.scopes.
struct Endpoint {
  std::string method = "GET";
  std::string path;
  std::string content_type;
  std::string body;
  std::optional<Protection> protected_by{};
};

struct Endpoints {
  std::optional<Endpoint> token;          // POST /token
  std::optional<Endpoint> basic_user;     // Basic, any user
  std::optional<Endpoint> basic_admin;    // Basic, admin only
  std::optional<Endpoint> bearer_read;    // Bearer, scope `read`
  std::optional<Endpoint> bearer_write;   // Bearer, scope `write`
  std::optional<Endpoint> bearer_admin;   // Bearer, scope/role `admin`
  std::optional<Endpoint> own_record;     // Bearer, own record only; path has {name}
  std::optional<Endpoint> bearer_any;     // Bearer, any valid token (e.g. /users/me)
  std::optional<Endpoint> revocation;     // RFC 7009
  std::optional<Endpoint> introspection;  // RFC 7662
  std::optional<Endpoint> metadata;       // RFC 8414
  std::optional<Endpoint> jwks;           // the target's JWKS, if published
  std::string not_found = "/authprobe-nonexistent-resource";
};

// A username and password as one flow of the target spells them.
struct Identity {
  std::string username;
  std::string password;                 // test credentials only; never logged
};

// A token the tester obtained outside the suite (e.g. from an authorization-code flow): read from
// an environment variable, or the stdout of a command, when a check first needs it.
struct SuppliedToken {
  std::optional<std::string> value;     // given inline
  std::optional<std::string> env;       // name of the environment variable
  std::optional<std::string> command;   // run with /bin/sh -c; stdout (trimmed) is the token
  std::string field;                    // profile field, for messages ("users.alice.token_env")
};

struct TestUser {
  std::string username;                 // as the target spells it
  std::string password;                 // test credentials only; never logged
  std::vector<std::string> roles;
  std::vector<std::string> scopes;      // logical names: read, write, admin
  bool disabled = false;
  // The identity this user has on the Basic resources, when it differs from the token flow's.
  std::optional<Identity> basic{};
  // Scopes (logical names) the token request asks for; nullopt: the profile-wide default.
  std::optional<std::vector<std::string>> request_scopes{};
  std::optional<SuppliedToken> token{};          // token_acquisition.kind "supplied"
  std::optional<SuppliedToken> expired_token{};  // an expired token of this user (BEARER-04)
};

struct TestClient {
  std::string id;
  std::optional<std::string> secret;    // absent for a public client
};

// How the baseline token request authenticates the client (RFC 6749 §2.3.1).
enum class ClientAuth { basic, body, none };

struct Clients {
  std::optional<TestClient> confidential;       // `cli`
  std::optional<TestClient> second_confidential;  // another confidential client (client binding)
  std::optional<TestClient> reserved_chars;     // `c:li%nt`
  std::optional<TestClient> public_client;      // `pub`
  std::optional<TestClient> no_password_grant;  // a client not allowed the password grant
  ClientAuth auth = ClientAuth::none;
};

enum class TokenType { jwt, opaque };

// The signing key, when the harness knows it ([K] mode). Filled from the file, or in memory by
// the caller (the in-process reference server); never written to a report.
struct SigningKey {
  // HS*: the secret, base64url. The profile may give it as raw text, hex or base64url
  // (token.key.hs_encoding); the loader converts it once so the checks see one form.
  std::optional<std::string> hs_secret_b64u;
  std::optional<std::string> pem;             // RS/PS/ES/EdDSA: private key PEM (to mint)
  std::optional<std::string> public_pem;      // public key PEM (RS->HS confusion)
  std::optional<std::string> jwks_url;
  std::string kid;
};

struct TokenSettings {
  TokenType type = TokenType::jwt;
  std::string issuer;
  std::string audience;
  std::string alg = "HS256";
  std::string typ = "at+jwt";             // the typ the target mints
  std::chrono::seconds leeway{0};
  std::optional<std::chrono::seconds> ttl;
  std::string scope_claim = "scope";
  std::string roles_claim = "roles";
  bool uses_kid = false;
  SigningKey key;
};

struct Flows {
  bool basic = false;
  bool password_grant = true;
  bool refresh_token = false;
  bool revocation = false;
  bool introspection = false;
  bool metadata = false;
  bool body_client_credentials = false;   // client_id/client_secret in the form (TOKEN-17)
  bool scopes = false;                    // resources are protected by scopes (V6)
  bool query_token = false;               // documents ?access_token= (BEARER-13)
  bool form_body_token = false;           // documents access_token in a form body (BEARER-14)
  bool nfd_normalization = false;         // normalizes passwords (BASIC-11, HASH-04)
  std::vector<std::string> cors_origins;  // empty: CORS disabled by design
  std::optional<std::size_t> max_header_bytes;  // documented header limit (HTTP-06)
};

// How the suite obtains a user's access token. Most real servers do not issue tokens through an
// RFC 6749 password grant; the OAuth-specific TOKEN checks apply only to the two OAuth kinds.
enum class AcquisitionKind {
  none,                      // no token flow (a Basic-only target)
  oauth_password,            // RFC 6749 §4.3 at endpoints.token (the catalog's baseline)
  oauth_client_credentials,  // RFC 6749 §4.4: each user's username/password are a client id/secret
  login,                     // a non-OAuth login route at endpoints.token
  supplied,                  // tokens given by the tester per user (users.X.token_env/token_command)
};

[[nodiscard]] std::string_view to_string(AcquisitionKind kind);

// How a non-OAuth login route takes the credentials.
enum class LoginCredentials { json, form, basic };

struct LoginRoute {
  LoginCredentials credentials = LoginCredentials::json;
  std::string username_field = "username";
  std::string password_field = "password";
  std::string scope_field = "scope";
  // Where the token is in the JSON response: member names joined by '.', e.g. data.access_token.
  std::string access_token_path = "access_token";
  std::optional<std::string> refresh_token_path;
};

struct TokenAcquisition {
  // As declared; nullopt: derived from the flows (TargetProfile::acquisition_kind), so profiles
  // built in code keep the OAuth password grant they always had.
  std::optional<AcquisitionKind> kind;
  LoginRoute login;
  // Ask for each user's declared scopes (users.X.scopes, mapped through `scopes`) in the token
  // request: servers that grant only what was requested issue scope-less tokens otherwise.
  bool request_scopes = false;

};

struct TargetProfile {
  std::string name;
  std::string source;                     // file the profile came from, for messages
  std::string base_url;                   // e.g. http://127.0.0.1:8080 (--target overrides)
  Endpoints endpoints;
  std::map<std::string, TestUser, std::less<>> users;  // logical fixture names: alice, bob, ...
  std::string unknown_user = "zed";       // never exists
  Clients clients;
  std::map<std::string, std::string, std::less<>> scope_names;  // logical -> target's name
  TokenSettings token;
  TokenAcquisition acquisition;
  Flows flows;
  std::optional<Judgement> judgement;     // default judgement when the CLI gives none

  // The fixture user with this logical name, or nullptr when the profile does not declare it. The
  // disabled fixture user (carol) is whichever user is marked `disabled`, whatever its key.
  [[nodiscard]] const TestUser* user(std::string_view logical) const;
  // The user as the Basic resources know it (users.X.basic overrides username and password).
  [[nodiscard]] std::optional<TestUser> basic_user(std::string_view logical) const;
  // The scopes (the target's names) the token request asks for this user; empty: ask for none.
  [[nodiscard]] std::vector<std::string> requested_scopes(const TestUser& user) const;
  // The target's spelling of a logical scope (read/write/admin); the logical name if unmapped.
  [[nodiscard]] std::string scope(std::string_view logical) const;
  // How tokens are obtained: as declared, else the OAuth password grant when the profile has a
  // token endpoint and the flow, else none.
  [[nodiscard]] AcquisitionKind acquisition_kind() const;
  [[nodiscard]] bool oauth_tokens() const;  // one of the two OAuth kinds
  // [K] mode: the harness can mint validly signed tokens.
  [[nodiscard]] bool key_known() const;
};

struct ProfileError {
  std::string file;
  std::string field;    // JSON pointer-like path, e.g. users.alice.password
  std::string problem;
  [[nodiscard]] std::string message() const;  // "file: field: problem"
};

template <typename T>
using ProfileResult = tl::expected<T, ProfileError>;

// JSON with comments allowed. Relative key files are resolved against `base_dir`; secrets may
// come from environment variables (password_env, secret_env, hs_secret_env).
[[nodiscard]] ProfileResult<TargetProfile> parse_target_profile(std::string_view json_text,
                                                                std::string_view source_name,
                                                                const std::filesystem::path& base_dir = {});
[[nodiscard]] ProfileResult<TargetProfile> load_target_profile(const std::filesystem::path& file);

}  // namespace authprobe::conformance
