#pragma once
// The suite sends request-smuggling payloads, 10 MiB bodies and, with --slow, password-guessing
// bursts: aimed at someone else's server by a typo, that is an attack. A target whose address is
// not loopback is refused unless the tester says --allow-remote (and --allow-remote-load for
// --slow). Decided from the URL alone, before any connection or DNS lookup.
#include <optional>
#include <string>
#include <string_view>

namespace authprobe::conformance {

// localhost, 127.0.0.0/8, ::1 (and ::ffff:127.x.y.z). Any other name is not loopback: resolving
// it would already be a request the tester did not allow.
[[nodiscard]] bool is_loopback_host(std::string_view host);

struct RemoteConsent {
  bool allow_remote = false;       // --allow-remote
  bool allow_remote_load = false;  // --allow-remote-load: the --slow bursts too
};

// Why the run must not start (a usage error, exit 2), or nullopt when it may.
[[nodiscard]] std::optional<std::string> remote_refusal(std::string_view base_url, bool slow, const RemoteConsent& consent);

// True when base_url names a host that is not loopback (an unparsable URL counts as remote).
[[nodiscard]] bool is_remote(std::string_view base_url);

}  // namespace authprobe::conformance
