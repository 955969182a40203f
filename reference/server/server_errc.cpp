#include "reference/server/server_errc.hpp"

namespace authprobe::server {

const char* describe(ServerErrc e) {
  switch (e) {
    case ServerErrc::bad_key: return "the signing key cannot sign";
    case ServerErrc::tls_setup_failed: return "cannot set up TLS with the given certificate and key";
    case ServerErrc::bind_failed: return "cannot listen on the given address";
    case ServerErrc::start_failed: return "the server did not start";
    case ServerErrc::already_started: return "the server is already running";
    case ServerErrc::bad_state_file: return "the refresh-token state file is unreadable or malformed";
  }
  return "unknown server error";
}

}  // namespace authprobe::server
