#pragma once
// An exchange as lines of text, the same for every layout (console, side by side, Markdown):
//   > POST /token HTTP/1.1            the request: line, headers, blank line, body
//   < HTTP/1.1 200 OK                 the answer: status line, the headers that matter, body
// Tokens and other long secrets keep their head and tail with "…" between: enough to tell two
// tokens apart on a slide, not enough to copy one.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tools/commands/demo/exchange.hpp"

namespace authprobe::tools::demo {

// A run of token characters (base64, base64url, JWT dots) longer than this is shortened.
inline constexpr std::size_t shorten_above = 40;
inline constexpr std::size_t shortened_head = 16;
inline constexpr std::size_t shortened_tail = 8;
inline constexpr std::string_view ellipsis = "\xE2\x80\xA6";  // "…"

[[nodiscard]] std::string shorten_tokens(std::string_view text);

// The response headers a class looks at (the rest, Content-Length, Keep-Alive…, is plumbing).
[[nodiscard]] const std::vector<std::string_view>& headers_that_matter();

[[nodiscard]] std::vector<std::string> exchange_lines(const Exchange& exchange);

// For comparing two answers: tokens and long numbers (times, expiries) replaced by "…".
[[nodiscard]] std::string mask_volatile(std::string_view text);

// Columns a string takes on a terminal: its code points (the demo's text has no wide characters).
[[nodiscard]] std::size_t display_width(std::string_view text);

}  // namespace authprobe::tools::demo
