#pragma once
// The refresh-token store's state as a file, so that grants survive a restart when
// `refresh_token_state_file` is configured (otherwise they live in memory and die with the
// process: every client then logs in again). Only SHA-256 digests of the tokens are written,
// never the tokens; the file is replaced atomically (temp + fsync + rename + directory fsync)
// with mode 0600. A corrupt or half-written file stops the server at start, naming the file.
//   {"format": "authprobe-refresh-tokens/1",
//    "tokens": [{"digest": "<hex sha256>", "username": "...", "client_id": "...", "scope": "...",
//                "family": "...", "expires_at": 1700000000, "used": false}],
//    "revoked_families": [{"family": "...", "until": 1700000000}]}
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "reference/core/result.hpp"
#include "reference/server/tokens/refresh_token_store.hpp"

namespace authprobe::server {

inline constexpr std::string_view refresh_state_format = "authprobe-refresh-tokens/1";

[[nodiscard]] std::string serialize_refresh_state(const RefreshTokenState& state);
[[nodiscard]] Result<RefreshTokenState> parse_refresh_state(std::string_view text, const std::string& source);

// An absent file is an empty state (first start); anything unreadable or malformed is an error.
[[nodiscard]] Result<RefreshTokenState> load_refresh_state(const std::filesystem::path& file);

}  // namespace authprobe::server
