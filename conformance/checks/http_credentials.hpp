#pragma once
// The credentials HTTP-01/02/03/05 put into their malformed Authorization lines (checks.md V10):
// whatever the target takes. With a token flow and a Bearer read resource, alice's token there;
// on a Basic-only target, alice's Basic credentials on the Basic user resource. Either way the
// valid value is first sent alone: a parser differential means nothing unless the value works.
#include <optional>
#include <string>

#include "conformance/check.hpp"

namespace authprobe::conformance::http_credentials {

struct TargetCredentials {
  std::string scheme;    // "Bearer" or "Basic"
  Request resource;      // the protected request, without credentials
  std::string valid;     // alice's credentials: a whole Authorization value ("Bearer T", "Basic x")
  std::string invalid;   // a value of the same scheme that authenticates nobody
  // HTTP-01's third pair: a different credential sent first, alice's valid value second. Beside a
  // Bearer token, Basic credentials; on a Basic-only target, another user's (bob, else the
  // unknown user's) Basic credentials.
  std::string other;
  std::string other_what;
};

// V6: nullopt when the target takes Bearer or Basic credentials on a resource it names.
[[nodiscard]] std::optional<std::string> needs_credentials(const TargetProfile& t);

// The credentials, proved to work alone (V4: a failed success baseline makes the check ERROR
// with the reason), or why they could not be had.
[[nodiscard]] Needed<TargetCredentials> target_credentials(Context& ctx);

}  // namespace authprobe::conformance::http_credentials
