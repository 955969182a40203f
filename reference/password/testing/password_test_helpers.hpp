#pragma once
// Small helpers shared by this module's tests.
#include <string>
#include <system_error>

#include "reference/password/password_hash.hpp"

namespace authprobe::password::testing {

// The error code of a failed Result, or an empty code when it holds a value.
template <typename T>
std::error_code code_of(const Result<T>& result) {
  return result ? std::error_code{} : result.error().code;
}

inline std::error_code code(PasswordErrc e) { return make_error_code(e); }

// "true" only when the result holds a value and that value is true.
inline bool verified(const Result<bool>& result) { return result.has_value() && *result; }

}  // namespace authprobe::password::testing
