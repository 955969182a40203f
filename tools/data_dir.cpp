#include "tools/data_dir.hpp"

#include <cstdlib>
#include <system_error>

namespace authprobe::tools {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view marker = "reference/server.json";  // what a data directory must hold
constexpr std::string_view self_exe = "/proc/self/exe";

bool holds_data(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / marker, ec);
}

fs::path tidy(const fs::path& dir) {
  std::error_code ec;
  auto canonical = fs::weakly_canonical(dir, ec);
  return ec ? dir.lexically_normal() : canonical;
}

}  // namespace

tl::expected<fs::path, std::string> find_data_dir(const std::optional<std::string>& override_dir,
                                                  const fs::path& executable) {
  if (override_dir && !override_dir->empty()) {
    const fs::path dir(*override_dir);
    if (holds_data(dir)) return tidy(dir);
    return tl::unexpected(std::string(data_dir_variable) + "=" + *override_dir + " holds no " + std::string(marker));
  }
  std::string looked;
  if (!executable.empty()) {
    const fs::path beside = executable.parent_path() / data_dir_from_bin;
    if (holds_data(beside)) return tidy(beside);
    looked = tidy(beside).string();
  } else {
    looked = "(the executable's own path is unknown)";
  }
  return tl::unexpected("cannot find authprobe's data directory: " + looked + " holds no " + std::string(marker) +
                        "; install authprobe (cmake --install) or set " + std::string(data_dir_variable));
}

tl::expected<fs::path, std::string> data_dir() {
  std::optional<std::string> override_dir;
  if (const char* value = std::getenv(std::string(data_dir_variable).c_str())) override_dir = value;
  std::error_code ec;
  const fs::path executable = fs::read_symlink(self_exe, ec);
  return find_data_dir(override_dir, ec ? fs::path() : executable);
}

tl::expected<fs::path, std::string> reference_fixture_dir() {
  auto dir = data_dir();
  if (!dir) return tl::unexpected(dir.error());
  return *dir / reference_subdir;
}

}  // namespace authprobe::tools
