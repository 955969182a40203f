// Fuzzes the users-file loader: a corrupt or hostile users file must be refused with an error
// value naming the problem, never crash the server at start.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "reference/config/users.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto users = authprobe::config::parse_users(text, "fuzz-users.json");
  if (!users) {
    // The message names the file (a bad users file stops the server with a message naming the file and the problem).
    if (users.error().message().find("fuzz-users.json") == std::string::npos) __builtin_trap();
    return 0;
  }
  // What save_users would write must load back to the same users.
  auto again = authprobe::config::parse_users(authprobe::config::users_to_json(*users), "round-trip.json");
  if (!again || !(*again == *users)) __builtin_trap();
  return 0;
}
