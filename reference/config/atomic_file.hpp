#pragma once
// Replacing a file so that a crash or a full disk never leaves a half-written one: write a
// temporary file in the same directory (rename is atomic only within one file system), fsync
// it, rename it over the target, then fsync the directory so the rename itself is durable.
#include <filesystem>
#include <string_view>

#include <sys/types.h>

#include "reference/config/config_errc.hpp"

namespace authprobe::config {

inline constexpr mode_t owner_only_file_mode = 0600;

// On failure the previous file is untouched and the temporary file is removed.
[[nodiscard]] Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view content,
                                                 mode_t mode = owner_only_file_mode);

}  // namespace authprobe::config
