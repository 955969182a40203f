// Fuzzes the suite's WWW-Authenticate reader (RFC 9110 §11.6.1, §11.2): a target's field values
// (several challenges per value, several field lines, malformed ones real servers send) must come
// back as challenges or an error value, never a crash. The input is split at '\n' into field lines.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/challenge.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> fields;
  for (std::size_t start = 0; start <= input.size();) {
    const auto end = std::min(input.find('\n', start), input.size());
    fields.emplace_back(input.substr(start, end - start));
    start = end + 1;
  }
  using namespace authprobe::conformance;
  const auto parsed = parse_challenges(fields.front());
  if (parsed) {
    // Every parsed challenge has a scheme; the tolerant reader agrees on well-formed input.
    for (const auto& challenge : *parsed) {
      if (challenge.scheme.empty()) __builtin_trap();
    }
  }
  (void)salvage_challenges(fields.front());
  for (const auto& found : parse_all_challenges(fields)) {
    (void)found.malformation_note();
    (void)found.param("realm");
  }
  return 0;
}
