// Request builders and form/base64 encoding (probe.hpp).
#include <sodium.h>

#include <cctype>
#include <vector>

#include "conformance/challenge.hpp"
#include "conformance/http_constants.hpp"
#include "conformance/probe.hpp"

namespace authprobe::conformance {
namespace {
constexpr std::string_view hex_digits = "0123456789ABCDEF";
constexpr unsigned nibble_bits = 4;
constexpr unsigned nibble_mask = 0x0F;

// WHATWG application/x-www-form-urlencoded byte serializer: these bytes stay as they are.
bool form_safe(unsigned char c) {
  return std::isalnum(c) != 0 || c == '*' || c == '-' || c == '.' || c == '_';
}
}  // namespace

std::string form_urlencode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (form_safe(c)) {
      out.push_back(ch);
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(hex_digits[c >> nibble_bits]);
      out.push_back(hex_digits[c & nibble_mask]);
    }
  }
  return out;
}

std::string form_encode(const FormParams& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out.push_back('&');
    out += form_urlencode(name);
    out.push_back('=');
    out += form_urlencode(value);
  }
  return out;
}

std::string base64(std::string_view bytes) {
  std::vector<char> out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL));
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  return std::string(out.data());
}

Request Request::with_header(std::string name, std::string value) const {
  Request copy = *this;
  copy.headers.emplace_back(std::move(name), std::move(value));
  return copy;
}

Request Request::with_raw_line(std::string line) const {
  Request copy = *this;
  copy.raw_lines.push_back(std::move(line));
  return copy;
}

Request Request::with_authorization(std::string value) const {
  return with_header(std::string(http::header::authorization), std::move(value));
}

Request Request::with_basic(std::string_view user, std::string_view password) const {
  std::string user_pass(user);
  user_pass.push_back(':');
  user_pass.append(password);
  return with_authorization(std::string(http::scheme::basic) + " " + base64(user_pass));
}

Request Request::with_bearer(std::string_view token) const {
  return with_authorization(std::string(http::scheme::bearer) + " " + std::string(token));
}

Request Request::with_body(std::string content_type, std::string content) const {
  Request copy = *this;
  if (!content_type.empty()) copy.headers.emplace_back(std::string(http::header::content_type), std::move(content_type));
  copy.body = std::move(content);
  return copy;
}

Request Request::with_form(const FormParams& params) const {
  return with_body(std::string(http::media_type::form_urlencoded), form_encode(params));
}

Request Request::with_query(const FormParams& params) const {
  Request copy = *this;
  copy.target += copy.target.find('?') == std::string::npos ? '?' : '&';
  copy.target += form_encode(params);
  return copy;
}

Request Request::with_method(std::string new_method) const {
  Request copy = *this;
  copy.method = std::move(new_method);
  return copy;
}

Request Request::without_content_length() const {
  Request copy = *this;
  copy.auto_content_length = false;
  copy.force_raw = true;
  return copy;
}

Request Request::raw() const {
  Request copy = *this;
  copy.force_raw = true;
  return copy;
}

bool Request::needs_raw() const {
  if (force_raw || !raw_lines.empty()) return true;
  // httplib keeps one value per field name it sets itself and cannot send duplicates of
  // Authorization, Content-Length or Transfer-Encoding reliably.
  for (std::size_t i = 0; i < headers.size(); ++i) {
    for (std::size_t j = i + 1; j < headers.size(); ++j) {
      if (iequals(headers[i].first, headers[j].first)) return true;
    }
    for (const char c : headers[i].second) {
      if (c == '\0' || c == '\r' || c == '\n') return true;
    }
  }
  return false;
}

namespace req {
Request method(std::string verb, std::string target) {
  Request request;
  request.method = std::move(verb);
  request.target = std::move(target);
  return request;
}
Request get(std::string target) { return method("GET", std::move(target)); }
Request head(std::string target) { return method("HEAD", std::move(target)); }
Request options(std::string target) { return method("OPTIONS", std::move(target)); }
Request post(std::string target) { return method("POST", std::move(target)); }
Request post_form(std::string target, const FormParams& params) { return post(std::move(target)).with_form(params); }
}  // namespace req

}  // namespace authprobe::conformance
