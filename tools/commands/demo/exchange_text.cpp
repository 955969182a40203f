#include "tools/commands/demo/exchange_text.hpp"

#include <cctype>

#include "reference/core/http_constants.hpp"
#include "tools/commands/demo/demo_headers.hpp"

namespace authprobe::tools::demo {
namespace {

namespace header = http::header;

constexpr std::size_t long_number = 9;  // digits: Unix times and expiries differ between runs

bool is_token_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || c == '-' || c == '_' || c == '.' || c == '~' || c == '+' || c == '/';
}

// Calls `replace(run)` for every run of token characters (with its base64 '=' padding) and
// copies everything else.
template <typename Replace>
std::string map_runs(std::string_view text, Replace replace) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_token_char(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && is_token_char(text[end])) ++end;
    while (end < text.size() && text[end] == '=') ++end;
    out += replace(text.substr(i, end - i));
    i = end;
  }
  return out;
}

bool all_digits(std::string_view run) {
  for (char c : run)
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
  return true;
}

}  // namespace

std::string shorten_tokens(std::string_view text) {
  return map_runs(text, [](std::string_view run) {
    if (run.size() <= shorten_above) return std::string(run);
    return std::string(run.substr(0, shortened_head)) + std::string(ellipsis) +
           std::string(run.substr(run.size() - shortened_tail));
  });
}

std::string mask_volatile(std::string_view text) {
  return map_runs(text, [](std::string_view run) {
    const bool token = run.size() > shorten_above / 2;
    const bool time = run.size() >= long_number && all_digits(run);
    return token || time ? std::string(ellipsis) : std::string(run);
  });
}

const std::vector<std::string_view>& headers_that_matter() {
  static const std::vector<std::string_view> names = {
      header::www_authenticate,
      header::content_type,
      header::cache_control,
      header::pragma,
      header::allow,
      header::retry_after,
      header::vary,
      header::access_control_allow_origin,
      header::access_control_allow_credentials,
      header::access_control_allow_methods,
      header::access_control_allow_headers,
      header::access_control_expose_headers,
      header::access_control_max_age,
      header::server_timing,
      x_process_time,
  };
  return names;
}

std::vector<std::string> exchange_lines(const Exchange& exchange) {
  std::vector<std::string> lines;
  if (!exchange.note.empty()) lines.push_back("# " + shorten_tokens(exchange.note));
  const auto& request = exchange.request;
  lines.push_back("> " + request.method + " " + request.target + " HTTP/1.1");
  lines.push_back("> Host: " + request.host);
  for (const auto& h : request.headers) lines.push_back("> " + h.name + ": " + shorten_tokens(h.value));
  if (!request.body.empty()) {
    lines.push_back("> " + std::string(header::content_length) + ": " + std::to_string(request.body.size()));
    lines.emplace_back(">");
    lines.push_back("> " + shorten_tokens(request.body));
  }
  if (!exchange.response) {
    lines.push_back("< no answer: " + exchange.failure);
    return lines;
  }
  const auto& response = *exchange.response;
  lines.push_back("< HTTP/1.1 " + std::to_string(response.status) + " " + response.reason);
  for (const auto name : headers_that_matter())
    for (const auto& h : response.headers)
      if (same_field_name(h.name, name)) lines.push_back("< " + h.name + ": " + shorten_tokens(h.value));
  if (!response.body.empty()) {
    lines.emplace_back("<");
    lines.push_back("< " + shorten_tokens(response.body));
  }
  return lines;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++width;  // not a UTF-8 continuation byte
  return width;
}

}  // namespace authprobe::tools::demo
