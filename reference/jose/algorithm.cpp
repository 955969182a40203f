// JWS "alg" names (RFC 7518 §3.1, RFC 8037 §3.1): exact, case-sensitive, and never "none".
#include <array>
#include <utility>

#include "reference/jose/key.hpp"

namespace authprobe::jose {
namespace {

constexpr std::array<std::pair<Algorithm, std::string_view>, 11> names = {{
    {Algorithm::HS256, "HS256"}, {Algorithm::HS384, "HS384"}, {Algorithm::HS512, "HS512"},
    {Algorithm::RS256, "RS256"}, {Algorithm::PS256, "PS256"}, {Algorithm::ES256, "ES256"},
    {Algorithm::EdDSA, "EdDSA"}, {Algorithm::RS384, "RS384"}, {Algorithm::RS512, "RS512"},
    {Algorithm::PS384, "PS384"}, {Algorithm::PS512, "PS512"},
}};

// RFC 7518 §3.2: the key is at least as long as the hash output.
constexpr std::size_t sha256_bytes = 32;
constexpr std::size_t sha384_bytes = 48;
constexpr std::size_t sha512_bytes = 64;

}  // namespace

std::optional<Algorithm> algorithm_from_name(std::string_view name) {
  // "none" in any spelling is not in the table, so it can never be looked up (RFC 8725 §3.1).
  for (const auto& [alg, alg_name] : names)
    if (alg_name == name) return alg;
  return std::nullopt;
}

std::string_view algorithm_name(Algorithm alg) {
  for (const auto& [known, alg_name] : names)
    if (known == alg) return alg_name;
  return "unknown";
}

bool is_hmac(Algorithm alg) {
  return alg == Algorithm::HS256 || alg == Algorithm::HS384 || alg == Algorithm::HS512;
}

const std::vector<Algorithm>& all_algorithms() {
  static const std::vector<Algorithm> all = [] {
    std::vector<Algorithm> out;
    for (const auto& entry : names) out.push_back(entry.first);
    return out;
  }();
  return all;
}

std::size_t min_hmac_key_bytes_for(Algorithm alg) {
  switch (alg) {
    case Algorithm::HS384: return sha384_bytes;
    case Algorithm::HS512: return sha512_bytes;
    default: return sha256_bytes;
  }
}

}  // namespace authprobe::jose
