#pragma once
// application/x-www-form-urlencoded bodies (RFC 6749 Appendix B, WHATWG URL §5):
// '+' is a space, %XX escapes decode to bytes that must form valid UTF-8, malformed escapes
// are errors, and a parameter given twice is an error (RFC 6749 §3.1: parameters MUST NOT be
// included more than once).
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "reference/parse/parse_errc.hpp"

namespace authprobe::parse {

class FormParams {
 public:
  // RFC 6749 §3.2: a parameter sent without a value is treated as omitted.
  [[nodiscard]] std::optional<std::string_view> get(std::string_view name) const;
  [[nodiscard]] bool contains(std::string_view name) const;  // present, even if empty
  [[nodiscard]] const std::map<std::string, std::string, std::less<>>& all() const { return params_; }

 private:
  friend Result<FormParams> parse_form(std::string_view body);
  std::map<std::string, std::string, std::less<>> params_;
};

[[nodiscard]] Result<FormParams> parse_form(std::string_view body);

// One form-urlencoded component, e.g. a client id or secret inside Basic (RFC 6749 §2.3.1).
[[nodiscard]] Result<std::string> form_url_decode(std::string_view encoded);

}  // namespace authprobe::parse
