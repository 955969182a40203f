#pragma once
// The profile fields that say how the suite obtains tokens and which identity each flow uses:
// `token_acquisition`, the per-user token sources and identities, and the HS key's encoding.
// Part of the target profile loader (target_profile.cpp), split out to keep one idea a file.
#include <optional>
#include <string>

#include "conformance/profile_reader.hpp"
#include "conformance/target_profile.hpp"

namespace authprobe::conformance::profile_reading {

// `token_acquisition.kind` as written, or nullopt when the profile leaves it to the default.
[[nodiscard]] ProfileResult<std::optional<AcquisitionKind>> read_acquisition_kind(const Reader& r, const json& root);

// The rest of `token_acquisition` (login route, request_scopes) into `profile.acquisition`, and the
// kind resolved against the flows: declared, else the OAuth password grant when the profile has
// a token endpoint and the flow, else none. Runs after endpoints, users and flows are read.
[[nodiscard]] ProfileResult<bool> read_acquisition(const Reader& r, const json& root,
                                                   std::optional<AcquisitionKind> declared, TargetProfile& profile);

// users.X.{basic, request_scopes, token, token_env, token_command, expired_token...}.
[[nodiscard]] ProfileResult<bool> read_user_extras(const Reader& r, const json& user_json, const std::string& field,
                                                   TestUser& user);
inline const std::vector<std::string_view> user_extra_fields = {
    "basic", "request_scopes", "token", "token_env", "token_command",
    "expired_token", "expired_token_env", "expired_token_command"};

// token.key.{hs_secret, hs_secret_b64u, hs_secret_env, hs_encoding} -> the secret as base64url.
[[nodiscard]] ProfileResult<std::optional<std::string>> read_hs_secret(const Reader& r, const json& key_json);
inline const std::vector<std::string_view> hs_secret_fields = {"hs_secret", "hs_secret_b64u", "hs_secret_env",
                                                               "hs_encoding"};

}  // namespace authprobe::conformance::profile_reading
