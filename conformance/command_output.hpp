#pragma once
// Runs a tester-given shell command and captures its standard output, bounded in time and bytes:
// the profile may name a command that prints a token (users.X.token_command), and a command
// that hangs or floods must not hang or exhaust the run.
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace authprobe::conformance {

struct CommandLimits {
  std::chrono::milliseconds timeout{30000};  // a token helper may log in somewhere first
  std::size_t max_output_bytes = 64 * 1024;  // far beyond any token
};

// stdout of `/bin/sh -c command` (stdin closed, stderr passed through), or why it failed:
// did not start, timed out (then killed), printed too much, or exited non-zero.
[[nodiscard]] tl::expected<std::string, std::string> command_output(std::string_view command,
                                                                    const CommandLimits& limits = {});

}  // namespace authprobe::conformance
