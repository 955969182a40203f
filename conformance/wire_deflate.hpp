#pragma once
// A request too long for the report (RequestRecord::wire keeps wire_limit bytes) is still
// reproducible when the report carries it compressed: the suite's long requests are long because
// of a run of one byte (a 2 MiB form value, a 64 KiB header), which zlib shrinks a thousandfold.
// zlib is already in every build through cpp-httplib (Debian's is built with ZLIB support).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace authprobe::conformance {

// The largest request a report's compressed wire may expand to: ten times the suite's largest
// request (HTTP-12's 10 MiB body) would still be refused, so a hostile report cannot make
// `authprobe replay` allocate without bound.
inline constexpr std::size_t max_inflated_wire = 16U * 1024U * 1024U;

// zlib of `wire` when that is at most `limit` bytes, else nullopt.
[[nodiscard]] std::optional<std::string> deflate_wire(std::string_view wire, std::size_t limit);
// The `size` bytes `deflated` holds, or why not (corrupt, another size, above max_inflated_wire).
[[nodiscard]] tl::expected<std::string, std::string> inflate_wire(std::string_view deflated, std::size_t size);

}  // namespace authprobe::conformance
