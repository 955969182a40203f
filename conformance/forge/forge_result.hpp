#pragma once
// Errors inside the forge are plain values: a short reason a caller can put into a Finding.
// (conformance/ never links reference/, so it does not reuse reference/core/result.hpp.)
#include <string>

#include <tl/expected.hpp>

namespace authprobe::conformance::forge {

// Byte strings are std::string throughout: they are binary-safe, and tokens, JSON and HTTP
// bodies are std::string as well, so nothing has to be copied between representations.
using Bytes = std::string;

template <typename T>
using Result = tl::expected<T, std::string>;

[[nodiscard]] inline tl::unexpected<std::string> fail(std::string reason) {
  return tl::unexpected<std::string>(std::move(reason));
}

}  // namespace authprobe::conformance::forge
