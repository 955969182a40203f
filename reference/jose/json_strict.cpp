#include "reference/jose/json_strict.hpp"

#include <algorithm>
#include <vector>

#include "reference/jose/jose_errc.hpp"

namespace authprobe::jose {

Result<simdjson::dom::object> parse_strict_object(std::string& buffer) {
  thread_local simdjson::dom::parser parser;
  thread_local std::vector<std::string_view> names;
  if (buffer.capacity() - buffer.size() < simdjson::SIMDJSON_PADDING) buffer.reserve(buffer.size() + simdjson::SIMDJSON_PADDING);

  simdjson::dom::element root;
  if (auto error = parser.parse(buffer.data(), buffer.size(), false).get(root))
    return fail(JoseErrc::bad_json, simdjson::error_message(error));
  simdjson::dom::object object;
  if (root.get_object().get(object)) return fail(JoseErrc::bad_json, "not a JSON object");

  // Pairwise: a token has a dozen members, and unequal lengths settle most pairs at once.
  names.clear();
  for (const auto member : object) {
    const std::string_view name = member.key;
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      std::string detail("duplicate member ");
      detail.append(name);
      return fail(JoseErrc::bad_json, std::move(detail));
    }
    names.push_back(name);
  }
  return object;
}

}  // namespace authprobe::jose
