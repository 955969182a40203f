#include "conformance/forge/json_text.hpp"

namespace authprobe::conformance::forge {

Result<nlohmann::json> parse_object(std::string_view object_json) {
  auto parsed = nlohmann::json::parse(object_json, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return fail("not a JSON object");
  return parsed;
}

Result<std::string> without_member(std::string_view object_json, std::string_view name) {
  auto object = parse_object(object_json);
  if (!object) return fail(object.error());
  object->erase(std::string(name));
  return object->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<std::string> append_member_raw(std::string_view object_json, std::string_view name,
                                      std::string_view value_json) {
  auto object = parse_object(object_json);
  if (!object) return fail(object.error());
  std::string text = object->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text.pop_back();  // the closing brace of a compact dump
  if (!object->empty()) text.push_back(',');
  text += nlohmann::json(std::string(name)).dump();
  text.push_back(':');
  text += value_json;
  text.push_back('}');
  return text;
}

Result<std::string> with_member_raw(std::string_view object_json, std::string_view name,
                                    std::string_view value_json) {
  auto stripped = without_member(object_json, name);
  if (!stripped) return fail(stripped.error());
  return append_member_raw(*stripped, name, value_json);
}

Result<std::string> with_member(std::string_view object_json, std::string_view name,
                                const nlohmann::json& value) {
  return with_member_raw(object_json, name, value.dump());
}

}  // namespace authprobe::conformance::forge
