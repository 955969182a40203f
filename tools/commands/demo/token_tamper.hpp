#pragma once
// The tampered-token step: a JWS whose payload is rewritten while its signature is kept, the
// forgery every verifier must refuse (RFC 7515 §5.2: the signature covers header and payload).
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace authprobe::tools::demo {

struct TamperedToken {
  std::string token;    // header and signature of the original, the payload rewritten
  std::string payload;  // the rewritten payload's JSON, to show what was changed
};

// `token` with its payload's "roles" set to ["admin"]; header and signature untouched.
[[nodiscard]] tl::expected<TamperedToken, std::string> with_admin_role(std::string_view token);

}  // namespace authprobe::tools::demo
