#include "conformance/wire_deflate.hpp"

#include <zlib.h>

namespace authprobe::conformance {

std::optional<std::string> deflate_wire(std::string_view wire, std::size_t limit) {
  uLongf length = compressBound(static_cast<uLong>(wire.size()));
  std::string out(length, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &length, reinterpret_cast<const Bytef*>(wire.data()),
                static_cast<uLong>(wire.size()), Z_BEST_COMPRESSION) != Z_OK) {
    return std::nullopt;
  }
  if (length > limit) return std::nullopt;
  out.resize(length);
  return out;
}

tl::expected<std::string, std::string> inflate_wire(std::string_view deflated, std::size_t size) {
  if (size > max_inflated_wire) return tl::unexpected("the compressed request claims " + std::to_string(size) + " bytes, more than replay accepts");
  std::string out(size, '\0');
  uLongf length = static_cast<uLongf>(size);
  const int status = uncompress(reinterpret_cast<Bytef*>(out.data()), &length, reinterpret_cast<const Bytef*>(deflated.data()),
                                static_cast<uLong>(deflated.size()));
  if (status != Z_OK || length != size) return tl::unexpected(std::string("the compressed request does not expand to its recorded size"));
  return out;
}

}  // namespace authprobe::conformance
