#pragma once
// The Authorization header (RFC 9110 §11.4, §11.6.2): scheme case-insensitive, one or more SP
// before the credentials; Basic per RFC 7617 §2 (split at the first colon, UTF-8, no control
// characters); Bearer per RFC 6750 §2.1 (b64token).
#include <string>
#include <string_view>
#include <variant>

#include "reference/parse/parse_errc.hpp"

namespace authprobe::parse {

struct BasicCredentials {
  std::string user_id;
  std::string password;
};

struct BearerCredentials {
  std::string token;
};

// A scheme we do not handle (e.g. "Token", "Digest"): treated as no credentials (RFC 6750 §3).
struct OtherScheme {
  std::string scheme;
};

using Credentials = std::variant<BasicCredentials, BearerCredentials, OtherScheme>;

[[nodiscard]] Result<Credentials> parse_authorization(std::string_view header_value);

}  // namespace authprobe::parse
