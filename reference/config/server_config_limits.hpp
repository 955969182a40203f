#pragma once
// The ranges settings must fall in; one place, so the parser and validate() agree.
#include <chrono>
#include <cstdint>
#include <limits>

namespace authprobe::config::limits {

inline constexpr std::int64_t max_port = std::numeric_limits<std::uint16_t>::max();
inline constexpr std::chrono::seconds max_ttl{365LL * 24 * 60 * 60};  // a year; longer is a mistake
inline constexpr std::int64_t max_threads = 1024;
inline constexpr std::int64_t max_body_bytes = 16LL * 1024 * 1024;
inline constexpr std::int64_t max_u32 = std::numeric_limits<std::uint32_t>::max();
// The password module refuses passwords above this before hashing (a DoS guard); a config may
// lower it but not raise it past 1 MiB.
inline constexpr std::int64_t max_password_bytes = 1024 * 1024;

}  // namespace authprobe::config::limits
