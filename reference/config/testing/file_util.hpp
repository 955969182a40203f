#pragma once
// Small file helpers for config tests.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

namespace authprobe::config::testing {

inline void write_text(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace authprobe::config::testing
