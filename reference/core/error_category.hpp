#pragma once
// One helper to define an error category for an enum class, so that every domain
// (jose, password, parse, config, ...) names its errors the same way:
//
//   enum class JoseErrc { bad_signature = 1, ... };
//   const char* describe(JoseErrc);                 // the message of each code
//   AUTHPROBE_ERROR_ENUM(authprobe::jose, JoseErrc, "jose")
//
// and then authprobe::fail(JoseErrc::bad_signature, "detail") works.
#include <string>
#include <system_error>
#include <type_traits>

namespace authprobe::detail {

template <typename ErrorEnum>
class EnumErrorCategory final : public std::error_category {
 public:
  explicit EnumErrorCategory(const char* name) : name_(name) {}
  const char* name() const noexcept override { return name_; }
  std::string message(int value) const override { return describe(static_cast<ErrorEnum>(value)); }

 private:
  const char* name_;
};

}  // namespace authprobe::detail

// Declares make_error_code for Enum in namespace Ns and marks Enum as an error code enum.
#define AUTHPROBE_ERROR_ENUM(Ns, Enum, CategoryName)                                      \
  namespace Ns {                                                                          \
  inline const std::error_category& Enum##_category() {                                  \
    static const ::authprobe::detail::EnumErrorCategory<Enum> category(CategoryName);     \
    return category;                                                                      \
  }                                                                                       \
  inline std::error_code make_error_code(Enum e) {                                        \
    return {static_cast<int>(e), Enum##_category()};                                      \
  }                                                                                       \
  }                                                                                       \
  template <>                                                                             \
  struct std::is_error_code_enum<Ns::Enum> : std::true_type {};
