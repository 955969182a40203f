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

  names.clear();
  for (const auto member : object) names.push_back(member.key);
  std::sort(names.begin(), names.end());
  if (auto dup = std::adjacent_find(names.begin(), names.end()); dup != names.end())
    return fail(JoseErrc::bad_json, "duplicate member \"" + std::string(*dup) + "\"");
  return object;
}

}  // namespace authprobe::jose
