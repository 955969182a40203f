#pragma once
// Strict UTF-8 validation (RFC 3629 §4): no overlong forms, no surrogates (U+D800..U+DFFF),
// nothing above U+10FFFF. A lenient decoder is how "pa\xC0\xBAss" turns into "pa:ss".
#include <string_view>

namespace authprobe::parse {

[[nodiscard]] bool is_valid_utf8(std::string_view bytes);

// RFC 5234 Appendix B.1 CTL: %x00-1F / %x7F. RFC 7617 §2 forbids these in user-id and password.
[[nodiscard]] bool is_ctl(char c);
[[nodiscard]] bool contains_ctl(std::string_view bytes);

}  // namespace authprobe::parse
