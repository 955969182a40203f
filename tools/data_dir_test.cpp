// The data-directory lookup (tools/data_dir.hpp): the override first and strict, then the
// installed layout beside the executable, and a message naming where it looked otherwise.
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "tools/data_dir.hpp"

namespace {

namespace fs = std::filesystem;
using authprobe::tools::find_data_dir;

struct Prefix {
  fs::path root = fs::temp_directory_path() / ("authprobe-data-dir-test-" + std::to_string(std::random_device{}()));
  Prefix() { fs::create_directories(root / "bin"); }
  ~Prefix() {
    std::error_code ignored;
    fs::remove_all(root, ignored);
  }
  Prefix(const Prefix&) = delete;
  Prefix& operator=(const Prefix&) = delete;

  [[nodiscard]] fs::path executable() const { return root / "bin" / "authprobe"; }
  // A data directory at `dir` (relative to the prefix) with the one file the lookup requires.
  fs::path add_data(const fs::path& dir) const {
    fs::create_directories(root / dir / "reference");
    std::ofstream(root / dir / "reference" / "server.json") << "{}";
    return fs::canonical(root / dir);
  }
};

}  // namespace

TEST_CASE("The data directory is share/authprobe beside the executable's bin/", "[tools]") {
  Prefix prefix;
  const auto installed = prefix.add_data("share/authprobe");
  auto found = find_data_dir(std::nullopt, prefix.executable());
  REQUIRE(found.has_value());
  CHECK(*found == installed);
}

TEST_CASE("AUTHPROBE_DATA_DIR overrides the installed layout", "[tools]") {
  Prefix prefix;
  prefix.add_data("share/authprobe");
  const auto other = prefix.add_data("elsewhere");
  auto found = find_data_dir(other.string(), prefix.executable());
  REQUIRE(found.has_value());
  CHECK(*found == other);
}

TEST_CASE("An empty AUTHPROBE_DATA_DIR counts as unset", "[tools]") {
  Prefix prefix;
  const auto installed = prefix.add_data("share/authprobe");
  auto found = find_data_dir(std::string(), prefix.executable());
  REQUIRE(found.has_value());
  CHECK(*found == installed);
}

TEST_CASE("An AUTHPROBE_DATA_DIR without the data is an error, not a fall-back", "[tools]") {
  Prefix prefix;
  prefix.add_data("share/authprobe");
  const auto empty = prefix.root / "empty";
  fs::create_directories(empty);
  auto found = find_data_dir(empty.string(), prefix.executable());
  REQUIRE_FALSE(found.has_value());
  CHECK_THAT(found.error(), Catch::Contains("AUTHPROBE_DATA_DIR") && Catch::Contains(empty.string()));
}

TEST_CASE("Without data beside the executable the error names the place and the override", "[tools]") {
  Prefix prefix;
  auto found = find_data_dir(std::nullopt, prefix.executable());
  REQUIRE_FALSE(found.has_value());
  CHECK_THAT(found.error(), Catch::Contains((prefix.root / "share" / "authprobe").string()) &&
                                Catch::Contains("AUTHPROBE_DATA_DIR"));
}

TEST_CASE("Test binaries read the build tree's staged data directory", "[tools]") {
  // The build tree mirrors the installed layout (build/share/authprobe); the test main points
  // AUTHPROBE_DATA_DIR at it (cmake/catch_main.cpp).
  auto found = authprobe::tools::data_dir();
  REQUIRE(found.has_value());
  CHECK(fs::is_regular_file(*found / "reference" / "users.json"));
  CHECK(fs::is_regular_file(*found / "catalog" / "checks.md"));
  CHECK(fs::is_regular_file(*found / "profiles" / "reference.json"));
}
