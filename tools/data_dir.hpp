#pragma once
// Where authprobe finds its run-time data: the reference server's default config and fixture
// users (reference/), the shipped target profiles (profiles/) and the catalog (catalog/).
//
// Lookup order, the first that applies wins:
//   1. $AUTHPROBE_DATA_DIR when set and not empty. It is an override: set but not holding the
//      data is an error, never a silent fall-back to some other copy.
//   2. ../share/authprobe beside the running executable (/proc/self/exe): the installed layout
//      P/bin/authprobe + P/share/authprobe. The build tree mirrors it (build/share/authprobe,
//      staged by cmake/authprobe_install.cmake), so build/tools/authprobe works unchanged.
// Never a path compiled in from the source tree: an installed binary keeps working when the
// source tree is gone, and cannot silently read fixtures from a checkout.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace authprobe::tools {

inline constexpr std::string_view data_dir_variable = "AUTHPROBE_DATA_DIR";
inline constexpr std::string_view data_dir_from_bin = "../share/authprobe";

// The layout inside the data directory.
inline constexpr std::string_view reference_subdir = "reference";  // server.json, users.json
inline constexpr std::string_view profiles_subdir = "profiles";    // target profiles (JSON)
inline constexpr std::string_view catalog_subdir = "catalog";      // checks.md

// The lookup above with its inputs given: `override_dir` is $AUTHPROBE_DATA_DIR (nullopt when
// unset), `executable` the running binary's path. The error is a message for the user naming
// every place looked at.
[[nodiscard]] tl::expected<std::filesystem::path, std::string> find_data_dir(
    const std::optional<std::string>& override_dir, const std::filesystem::path& executable);

// The lookup for this process (its environment and /proc/self/exe).
[[nodiscard]] tl::expected<std::filesystem::path, std::string> data_dir();

// <data dir>/reference: the default server config (server.json) and the fixture users.
[[nodiscard]] tl::expected<std::filesystem::path, std::string> reference_fixture_dir();

}  // namespace authprobe::tools
