#pragma once
// The pluggable step that obtains a user's access token, for each kind a profile may declare
// (target_profile.hpp: AcquisitionKind): the request each kind sends and how its answer is read.
// Session caches and records the outcome; this file knows only the shapes.
#include <string>
#include <string_view>

#include "conformance/probe.hpp"
#include "conformance/session.hpp"
#include "conformance/target_profile.hpp"

namespace authprobe::conformance::acquisition {

// The request that obtains `user`'s token for the kinds that send one (not `supplied`), with
// the scopes the profile asks for and, for the OAuth kinds, the profile's client authentication.
[[nodiscard]] Needed<Request> request_for(const TargetProfile& target, const TestUser& user, std::string_view logical);

// Reads a token response: 2xx, JSON, the access token a string at the profile's member path.
// A refusal names users.<logical>.password (the usual cause: a wrong profile password).
[[nodiscard]] Needed<TokenGrant> read_response(const TargetProfile& target, const Response& response,
                                               std::string_view logical);

// The RFC 6749 §4.3.2 password grant for `user` (the catalog's TOKEN-01 baseline), with the
// scopes the profile asks for unless `extra` names a scope; `password` overrides the user's.
[[nodiscard]] Request password_grant_request(const TargetProfile& target, const Endpoint& endpoint,
                                             const TestUser& user, const FormParams& extra,
                                             const std::optional<std::string>& password);

// `params` as a form body with the profile's client authentication for `client` (RFC 6749
// §2.3.1: Basic with the form-urlencoded id and secret, or client_id/client_secret in the body).
[[nodiscard]] Request with_client_auth(const TargetProfile& target, Request request, FormParams params,
                                       const std::optional<TestClient>& client);

// A token the tester supplied: inline, from the environment, or a command's stdout (trimmed).
[[nodiscard]] Needed<std::string> supplied(const SuppliedToken& source);

// What a token response body gives, read without trusting it: a JSON document (any shape, any
// depth the JSON parser accepts, duplicate members as nlohmann keeps them: the last one) with a
// non-empty string at `access_path`; token_type, refresh token and scope when they are strings.
struct TokenFields {
  std::string access_token;
  std::string token_type;
  std::optional<std::string> refresh_token;
  std::optional<std::string> scope;
  nlohmann::json body;
};
enum class TokenBodyErrc { not_json, no_access_token };
struct TokenBodyError {
  TokenBodyErrc code = TokenBodyErrc::not_json;
  std::string detail;
};
[[nodiscard]] tl::expected<TokenFields, TokenBodyError> parse_token_body(std::string_view body, std::string_view access_path,
                                                                         const std::optional<std::string>& refresh_path);

// The member at a dotted path (data.access_token) of a JSON value, or nullptr.
[[nodiscard]] const nlohmann::json* member_at(const nlohmann::json& value, std::string_view path);

}  // namespace authprobe::conformance::acquisition
