#pragma once
// Signature values a correct verifier must refuse: ECDSA "psychic" signatures (CVE-2022-21449,
// Wycheproof SpecialCaseEs256), non-JWS encodings of a valid ECDSA signature (RFC 7518 §3.4
// wants the 64-octet R||S), and text-level corruptions of a signature segment.
#include <optional>
#include <string>
#include <vector>

#include "conformance/forge/forge_result.hpp"

namespace authprobe::conformance::forge {

struct NamedSignature {
  std::string name;
  Bytes bytes;
};

// The P-256 group order n (SEC 2 §2.4.2), big-endian.
[[nodiscard]] Bytes p256_order();

// 64 zero bytes (the 86-character "AAAA…A"), DER(0,0) ("MAYCAQACAQA"), and raw R||S for every
// other pair r, s in {0, 1, n-1, n} (Wycheproof SpecialCaseEs256 tcIds 386-401).
[[nodiscard]] std::vector<NamedSignature> es256_psychic_signatures();

// A valid raw ES256 signature re-encoded: as DER; with a zero byte appended; with one prepended.
[[nodiscard]] Result<std::vector<NamedSignature>> es256_encoding_variants(std::string_view raw_signature);

// The same ECDSA signature with s replaced by n - s ("high S"): it verifies too, because RFC 7518
// does not ask for low-S normalisation, so a deny-list keyed on token strings can be bypassed.
[[nodiscard]] Result<Bytes> es256_high_s(std::string_view raw_signature);

// Signature bytes with bit `bit` (counted from the first byte's high bit) inverted.
[[nodiscard]] Bytes flip_bit(std::string_view bytes, std::size_t bit);

// The segment with its last character replaced by one that differs only in the unused low bits
// (RFC 4648 §3.5), so it decodes to the same bytes; nullopt when the length leaves no spare bits.
[[nodiscard]] std::optional<std::string> noncanonical_tail(std::string_view segment);

}  // namespace authprobe::conformance::forge
