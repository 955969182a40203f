// Fuzzes the application/x-www-form-urlencoded parser (RFC 6749 Appendix B) and the single
// component decoder used for client credentials in Basic (RFC 6749 §2.3.1).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "reference/parse/form.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  if (auto form = authprobe::parse::parse_form(body)) {
    for (const auto& [name, value] : form->all()) {
      // Every stored parameter must be found again by its own name.
      if (!form->contains(name)) __builtin_trap();
      if (!value.empty() && form->get(name) != std::string_view(value)) __builtin_trap();
    }
  }
  auto component = authprobe::parse::form_url_decode(body);
  // Decoding never grows the text: '+' and %XX each become at most one byte.
  if (component && component->size() > body.size()) __builtin_trap();
  return 0;
}
