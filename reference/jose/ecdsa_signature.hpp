#pragma once
// ES256 signatures travel as the 64-byte R||S of RFC 7518 §3.4, OpenSSL speaks DER.
#include <optional>
#include <string>
#include <string_view>

namespace authprobe::jose {

// P-256: each of R and S is exactly 32 bytes.
inline constexpr std::size_t es256_coordinate_bytes = 32;
inline constexpr std::size_t es256_signature_bytes = 2 * es256_coordinate_bytes;

// nullopt unless `raw` is exactly 64 bytes (any other length is refused, never padded).
[[nodiscard]] std::optional<std::string> ecdsa_raw_to_der(std::string_view raw);
[[nodiscard]] std::optional<std::string> ecdsa_der_to_raw(std::string_view der);

}  // namespace authprobe::jose
