#pragma once
// The JWS Compact Serialization (RFC 7515 §7.1): three base64url segments joined by '.'.
#include <string_view>

#include "reference/core/result.hpp"

namespace authprobe::jose {

struct CompactParts {
  std::string_view header;
  std::string_view payload;
  std::string_view signature;
  std::string_view signing_input;  // header '.' payload: what the signature covers
};

// Exactly two '.', a non-empty header, at most max_token_bytes. The payload and signature
// may be empty here (RFC 7515 allows an empty payload); callers decide.
[[nodiscard]] Result<CompactParts> split_compact(std::string_view token);

}  // namespace authprobe::jose
