#pragma once
// Syntax checks on single settings, shared by the config-file parser (which names the file
// and the JSON pointer) and validate() (which sees the merged settings). Each returns the
// problem, or nullopt when the value is fine.
#include <optional>
#include <string>
#include <string_view>

namespace authprobe::config::checks {

// An IPv4 or IPv6 literal, or a DNS name (RFC 1123 §2.1 labels).
[[nodiscard]] std::optional<std::string> host_problem(std::string_view host);
// The realm goes inside a quoted-string (RFC 9110 §11.5); refusing '"', '\' and CTL keeps it
// free of escaping.
[[nodiscard]] std::optional<std::string> realm_problem(std::string_view realm);
// An exact serialized origin (RFC 6454 §6.2): http or https, a host, an optional port, nothing
// else. "*" is refused: the server answers with credentials (Fetch: no wildcard then).
[[nodiscard]] std::optional<std::string> origin_problem(std::string_view origin);

}  // namespace authprobe::config::checks
