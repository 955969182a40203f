#include "reference/jose/compact.hpp"

#include "reference/jose/jwt.hpp"

namespace authprobe::jose {

Result<CompactParts> split_compact(std::string_view token) {
  if (token.size() > max_token_bytes) return fail(JoseErrc::malformed_token, "longer than " + std::to_string(max_token_bytes) + " bytes");
  const auto first = token.find('.');
  if (first == std::string_view::npos) return fail(JoseErrc::malformed_token, "not three segments");
  const auto second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos)
    return fail(JoseErrc::malformed_token, "not three segments");
  if (first == 0) return fail(JoseErrc::malformed_token, "empty header segment");
  CompactParts parts;
  parts.header = token.substr(0, first);
  parts.payload = token.substr(first + 1, second - first - 1);
  parts.signature = token.substr(second + 1);
  parts.signing_input = token.substr(0, second);
  return parts;
}

}  // namespace authprobe::jose
