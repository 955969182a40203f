#pragma once
// Reading JSON config files without exceptions: one SAX pass finds syntax errors (with line and
// column, which is how a half-written file shows up) and duplicate keys (RFC 8259 §4 leaves
// their meaning open; nlohmann would silently keep the last one), then the DOM is built.
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "reference/config/config_errc.hpp"

namespace authprobe::config {

// "<source>: <pointer>: <problem>", the one shape of every config error detail.
[[nodiscard]] Error config_error(ConfigErrc code, std::string_view source, std::string_view pointer,
                                 std::string_view problem);

// RFC 6901 §3: "~" is written "~0" and "/" is written "~1" inside a reference token.
[[nodiscard]] std::string pointer_append(std::string_view pointer, std::string_view key);
[[nodiscard]] std::string pointer_append(std::string_view pointer, std::size_t index);

[[nodiscard]] Result<nlohmann::json> parse_json_document(std::string_view text, std::string_view source);

// The whole file; ConfigErrc::cannot_read naming the path and the reason otherwise.
[[nodiscard]] Result<std::string> read_text_file(const std::filesystem::path& path);

}  // namespace authprobe::config
