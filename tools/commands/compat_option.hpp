#pragma once
// --compat strict|fastapi: the one spelling of the reference server's mode for serve, check and
// demo. The old --compat-fastapi (check's former flag) is still accepted, hidden from --help,
// with a deprecation note on stderr.
#include <optional>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "reference/config/server_config.hpp"

namespace authprobe::tools {

// Registers both spellings on `app`; `compat` stays nullopt when neither is given. `command`
// names the subcommand in the note ("authprobe check: ...").
CLI::Option* add_compat_option(CLI::App& app, std::optional<std::string>& compat, std::string_view command);

// The mode named (CLI11 has checked the name), strict when none was given.
[[nodiscard]] config::CompatMode compat_mode(const std::optional<std::string>& compat);

}  // namespace authprobe::tools
