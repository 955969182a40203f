#pragma once
// A forged or tampered token is evidence only when it differs from the genuine token it was made
// from. A tampering routine that finds nothing to change (an opaque token has no JWS payload
// segment) hands the genuine token back, and "tampered token accepted" then blames a server for
// accepting a valid token. Every forgery is therefore compared with its original before it is
// sent; a check that cannot build a different value SKIPs with the reason.
#include <optional>
#include <string>
#include <string_view>

namespace authprobe::conformance::jwt {

// `token` with one character changed to another character of the RFC 6750 §2.1 b64token
// alphabet: inside the payload segment of a compact JWS (never its last, tail-bit character), or,
// for any other (opaque) token, in its middle. nullopt when there is nothing to change.
[[nodiscard]] std::optional<std::string> tampered(std::string_view token);

// Why `forged` cannot stand for a forgery of `genuine` (the same bytes), or nullopt when it can.
[[nodiscard]] std::optional<std::string> same_as_original(std::string_view forged, std::string_view genuine,
                                                          std::string_view genuine_name);

}  // namespace authprobe::conformance::jwt
