#include "reference/jose/json_strict.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>
#include <vector>

#include "reference/jose/jose_errc.hpp"

namespace authprobe::jose {

namespace {

// A member name's length and first bytes in one word: unequal fingerprints settle a pair
// without a memcmp. A claims set is mostly three-letter names (exp, nbf, iat, iss, sub,
// aud, jti), which length alone cannot tell apart.
struct SeenName {
  std::uint64_t fingerprint;
  std::string_view name;
};

std::uint64_t fingerprint(std::string_view name) {
  constexpr std::size_t prefix_bytes = sizeof(std::uint64_t) - 1;
  std::uint64_t prefix = 0;
  std::memcpy(&prefix, name.data(), std::min(name.size(), prefix_bytes));
  return (prefix << CHAR_BIT) ^ static_cast<std::uint64_t>(name.size());
}

}  // namespace

Result<simdjson::dom::object> parse_strict_object(std::string& buffer) {
  thread_local simdjson::dom::parser parser;
  thread_local std::vector<SeenName> seen;
  if (buffer.capacity() - buffer.size() < simdjson::SIMDJSON_PADDING) buffer.reserve(buffer.size() + simdjson::SIMDJSON_PADDING);

  simdjson::dom::element root;
  if (auto error = parser.parse(buffer.data(), buffer.size(), false).get(root))
    return fail(JoseErrc::bad_json, simdjson::error_message(error));
  simdjson::dom::object object;
  if (root.get_object().get(object)) return fail(JoseErrc::bad_json, "not a JSON object");

  // Pairwise: a token has a dozen members.
  seen.clear();
  for (const auto member : object) {
    const SeenName current{fingerprint(member.key), member.key};
    for (const SeenName& earlier : seen) {
      if (earlier.fingerprint == current.fingerprint && earlier.name == current.name) {
        std::string detail("duplicate member ");
        detail.append(current.name);
        return fail(JoseErrc::bad_json, std::move(detail));
      }
    }
    seen.push_back(current);
  }
  return object;
}

}  // namespace authprobe::jose
