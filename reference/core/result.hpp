#pragma once
// Errors as values. Every parser, loader and verifier in reference/ returns Result<T>:
// the value, or an Error carrying a typed code (an enum class of its own domain, turned
// into std::error_code through that domain's error category) and a human-readable detail.
// Only reference/server/error_response.* turns an Error into an HTTP response.
#include <string>
#include <system_error>
#include <utility>

#include <tl/expected.hpp>

namespace authprobe {

struct Error {
  std::error_code code;
  std::string detail;  // never contains a password, a key or a token

  [[nodiscard]] std::string message() const {
    return detail.empty() ? code.message() : code.message() + ": " + detail;
  }
};

template <typename T>
using Result = tl::expected<T, Error>;

// Builds the unexpected branch from any error enum that has a make_error_code overload.
template <typename ErrorEnum>
[[nodiscard]] tl::unexpected<Error> fail(ErrorEnum code, std::string detail = {}) {
  return tl::unexpected<Error>(Error{make_error_code(code), std::move(detail)});
}

}  // namespace authprobe
