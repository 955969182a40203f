#pragma once
#include "reference/core/error_category.hpp"
#include "reference/core/result.hpp"

namespace authprobe::server {

enum class ServerErrc {
  bad_key = 1,      // the signing key cannot sign
  tls_setup_failed, // certificate or key file unusable
  bind_failed,      // host:port not available
  start_failed,     // the listener did not come up
  already_started,
  bad_state_file,   // the refresh-token state file is unreadable or malformed
};
const char* describe(ServerErrc e);

}  // namespace authprobe::server

AUTHPROBE_ERROR_ENUM(authprobe::server, ServerErrc, "server")
