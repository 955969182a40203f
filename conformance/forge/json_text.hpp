#pragma once
// Edits of a JSON object kept as text. A member's value is given as raw JSON text, so values
// nlohmann would normalise survive byte for byte: 18446744073709551616, 1e300, 600.5, or a
// duplicate name appended after an existing one (RFC 8725 §3.7 / catalog JWT-27, JWT-33).
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "conformance/forge/forge_result.hpp"

namespace authprobe::conformance::forge {

// `object_json` without member `name` (every occurrence), re-serialised compactly.
[[nodiscard]] Result<std::string> without_member(std::string_view object_json, std::string_view name);
// `object_json` with member `name` replaced by (or set to) the raw JSON `value_json`.
[[nodiscard]] Result<std::string> with_member_raw(std::string_view object_json, std::string_view name,
                                                  std::string_view value_json);
[[nodiscard]] Result<std::string> with_member(std::string_view object_json, std::string_view name,
                                              const nlohmann::json& value);
// Appends `"name":value_json` after the existing members without removing anything, so a
// name can occur twice.
[[nodiscard]] Result<std::string> append_member_raw(std::string_view object_json, std::string_view name,
                                                    std::string_view value_json);
// Parses `object_json` as an object; nullopt-like failure for anything else.
[[nodiscard]] Result<nlohmann::json> parse_object(std::string_view object_json);

}  // namespace authprobe::conformance::forge
