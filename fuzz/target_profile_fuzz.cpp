// Fuzzes the conformance target-profile parser (JSON with comments). Key files named in the
// input are resolved against a directory that does not exist, so only absolute names reach
// the file system.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "conformance/target_profile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const std::filesystem::path no_such_dir{"/nonexistent/authprobe-fuzz"};
  auto profile = authprobe::conformance::parse_target_profile(text, "fuzz-profile.json", no_such_dir);
  if (profile) {
    (void)profile->key_known();
    (void)profile->scope("read");
    (void)profile->user("alice");
  } else {
    (void)profile.error().message();
  }
  return 0;
}
