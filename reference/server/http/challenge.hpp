#pragma once
// WWW-Authenticate challenges (RFC 9110 §11.6.1) for the two schemes the server speaks.
#include <string>
#include <string_view>

namespace authprobe::server {

// RFC 9110 §5.6.4 quoted-string: DQUOTE and backslash are escaped as quoted-pairs; control
// characters cannot appear at all (not even escaped), so they become SP.
[[nodiscard]] std::string quoted_string(std::string_view value);

// RFC 7617 §2, §2.1: `Basic realm="...", charset="UTF-8"`.
[[nodiscard]] std::string basic_challenge(std::string_view realm);

struct BearerChallenge {
  std::string_view realm;
  std::string_view error;              // empty: no authentication was attempted (RFC 6750 §3)
  std::string_view error_description;
  std::string_view scope;              // space-delimited scope-tokens the resource needs
};

// RFC 6750 §3: `Bearer realm="...", error="...", error_description="...", scope="..."`,
// each parameter at most once (RFC 9110 §11.2).
[[nodiscard]] std::string bearer_challenge(const BearerChallenge& challenge);

}  // namespace authprobe::server
