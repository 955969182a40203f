#pragma once
// Where the server writes its operational messages. Never passed a password, key or token.
#include <functional>
#include <string_view>

namespace authprobe::server {

using LogSink = std::function<void(std::string_view message)>;

// Writes "authprobe: <message>" to stderr.
[[nodiscard]] LogSink stderr_log();

}  // namespace authprobe::server
