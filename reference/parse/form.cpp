// application/x-www-form-urlencoded (WHATWG URL §5.1, as RFC 6749 Appendix B uses it), with
// the leniency removed: WHATWG passes a bad "%" escape through literally, which would turn a
// mistyped password into a different password; here it is an error (catalog TOKEN-06).
#include "reference/parse/form.hpp"

#include <algorithm>
#include <cstddef>
#include <string>

#include "reference/parse/utf8.hpp"

namespace authprobe::parse {
namespace {

constexpr char pair_separator = '&';
constexpr char name_value_separator = '=';
constexpr char percent = '%';
constexpr char plus = '+';
constexpr std::size_t escape_length = 3;  // "%XX"
constexpr int hex_radix = 16;
constexpr std::size_t max_name_in_detail = 64;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A parameter name in an error detail: printable ASCII only and bounded, so that a hostile
// body cannot inject control characters or megabytes into logs. Values never appear at all.
std::string quoted_name(std::string_view name) {
  std::string out = "'";
  for (char c : name.substr(0, max_name_in_detail))
    out += (c >= ' ' && c <= '~') ? c : '?';
  if (name.size() > max_name_in_detail) out += "...";
  out += '\'';
  return out;
}

// Decodes one component; `what` says where it came from, for the error detail.
Result<std::string> decode_component(std::string_view encoded, const std::string& what) {
  std::string out;
  out.reserve(encoded.size());
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    const char c = encoded[i];
    if (c == plus) {
      out += ' ';
    } else if (c == percent) {
      if (encoded.size() - i < escape_length)
        return fail(ParseErrc::bad_percent_escape, "truncated %-escape in " + what);
      const int high = hex_value(encoded[i + 1]);
      const int low = hex_value(encoded[i + 2]);
      if (high < 0 || low < 0) return fail(ParseErrc::bad_percent_escape, "%-escape without two hex digits in " + what);
      out += static_cast<char>(high * hex_radix + low);
      i += escape_length - 1;
    } else {
      out += c;
    }
  }
  // RFC 6749 Appendix B: the octets are UTF-8.
  if (!is_valid_utf8(out)) return fail(ParseErrc::bad_utf8, "decoded bytes are not UTF-8 in " + what);
  return out;
}

}  // namespace

std::optional<std::string_view> FormParams::get(std::string_view name) const {
  const auto it = params_.find(name);
  if (it == params_.end() || it->second.empty()) return std::nullopt;
  return std::string_view(it->second);
}

bool FormParams::contains(std::string_view name) const { return params_.find(name) != params_.end(); }

Result<FormParams> parse_form(std::string_view body) {
  FormParams form;
  std::size_t start = 0;
  while (start <= body.size()) {
    const auto end = std::min(body.find(pair_separator, start), body.size());
    const std::string_view pair = body.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;  // "a=1&&b=2", a leading or trailing '&'

    const auto split = pair.find(name_value_separator);
    const std::string_view raw_name = pair.substr(0, split);
    const std::string_view raw_value = split == std::string_view::npos ? std::string_view{} : pair.substr(split + 1);
    auto name = decode_component(raw_name, "a parameter name");
    if (!name) return tl::unexpected(name.error());
    auto value = decode_component(raw_value, std::string("the value of ").append(quoted_name(*name)));
    if (!value) return tl::unexpected(value.error());
    // RFC 6749 §3.1/§3.2: "Request and response parameters MUST NOT be included more than once."
    if (form.params_.count(*name) != 0)
      return fail(ParseErrc::duplicate_parameter, quoted_name(*name).append(" given more than once"));
    form.params_.emplace(std::move(*name), std::move(*value));
  }
  return form;
}

Result<std::string> form_url_decode(std::string_view encoded) { return decode_component(encoded, "the component"); }

}  // namespace authprobe::parse
