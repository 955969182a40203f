#include "conformance/curl_line.hpp"

#include <set>

#include "conformance/challenge.hpp"
#include "conformance/http_constants.hpp"

namespace authprobe::conformance {
namespace {

constexpr std::string_view crlf = "\r\n";
constexpr std::string_view end_of_headers = "\r\n\r\n";
constexpr char first_printable = 0x20;
constexpr char last_printable = 0x7E;
constexpr char del = 0x7F;

// RFC 9110 §5.6.2 tchar.
bool is_token(std::string_view text) {
  if (text.empty()) return false;
  constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
  for (const char c : text) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alnum && extra.find(c) == std::string_view::npos) return false;
  }
  return true;
}

// A field value curl passes through unchanged: visible bytes, spaces inside, no controls.
bool plain_value(std::string_view value) {
  if (value.empty() || value.front() == ' ' || value.back() == ' ' || value.back() == '\t') return false;
  for (const char c : value) {
    if ((c < first_printable && c != '\t') || c == del) return false;
  }
  return true;
}

bool plain_target(std::string_view target) {
  if (target.empty() || target.front() != '/') return false;
  for (const char c : target) {
    if (c <= first_printable || c >= del) return false;
  }
  return true;
}

// printf(1) format: every byte outside printable ASCII as \ooo, '%' as '%%', quotes escaped.
std::string printf_escape(std::string_view bytes) {
  std::string out;
  for (const char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '%') {
      out += "%%";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\'') {
      out += "'\\''";
    } else if (c >= first_printable && c <= last_printable) {
      out.push_back(c);
    } else {
      constexpr unsigned octal_digit = 07;
      out += "\\";
      out.push_back(static_cast<char>('0' + ((u >> 6U) & octal_digit)));
      out.push_back(static_cast<char>('0' + ((u >> 3U) & octal_digit)));
      out.push_back(static_cast<char>('0' + (u & octal_digit)));
    }
  }
  return out;
}

}  // namespace

std::string shell_quote(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  out.push_back('\'');
  return out;
}

std::optional<WireRequest> split_wire(std::string_view wire) {
  const auto head_end = wire.find(end_of_headers);
  if (head_end == std::string_view::npos) return std::nullopt;
  const auto line_end = wire.find(crlf);
  const auto request_line = wire.substr(0, line_end);
  const auto first_space = request_line.find(' ');
  const auto last_space = request_line.rfind(' ');
  if (first_space == std::string_view::npos || last_space == first_space) return std::nullopt;
  WireRequest out;
  out.method = std::string(request_line.substr(0, first_space));
  out.target = std::string(request_line.substr(first_space + 1, last_space - first_space - 1));
  out.version = std::string(request_line.substr(last_space + 1));
  std::size_t at = line_end + crlf.size();
  while (at < head_end + crlf.size()) {
    const auto next = wire.find(crlf, at);
    out.header_lines.emplace_back(wire.substr(at, next - at));
    at = next + crlf.size();
  }
  out.body = std::string(wire.substr(head_end + end_of_headers.size()));
  return out;
}

std::string curl_line(const RequestRecord& request, std::string_view origin, const CurlOptions& options) {
  if (request.raw || request.wire.empty() || request.wire_bytes > request.wire.size()) return {};
  const auto wire = split_wire(request.wire);
  if (!wire || wire->version != "HTTP/1.1" || !is_token(wire->method) || !plain_target(wire->target)) return {};
  if (wire->method == "HEAD" && !wire->body.empty()) return {};

  std::set<std::string> seen;
  std::vector<std::string> fields;  // "-H 'Name: value'" in order
  std::optional<std::size_t> content_length;
  bool has_content_type = false;
  bool has_accept = false;
  bool has_expect = false;
  for (const auto& line : wire->header_lines) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) return {};
    const auto name = std::string_view(line).substr(0, colon);
    auto value = std::string_view(line).substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    // curl writes "Name: value": anything else (obs-fold, no space, empty value) is beyond it.
    if (!is_token(name) || !plain_value(value) || line != std::string(name) + ": " + std::string(value)) return {};
    if (!seen.insert(to_lower(name)).second) return {};
    if (iequals(name, http::header::transfer_encoding)) return {};
    if (iequals(name, http::header::content_length)) {
      if (value != std::to_string(wire->body.size())) return {};
      content_length = wire->body.size();  // given with -H, curl writes it in this place, not its own
    }
    has_content_type = has_content_type || iequals(name, http::header::content_type);
    has_accept = has_accept || iequals(name, "Accept");
    has_expect = has_expect || iequals(name, "Expect");
    fields.push_back("-H " + shell_quote(line));
  }
  const bool sends_body = content_length.has_value();
  if (!wire->body.empty() && !sends_body) return {};

  std::string out;
  if (sends_body) out += "printf '" + printf_escape(wire->body) + "' | ";
  out += "curl -i -sS --http1.1 --path-as-is";
  if (options.insecure) out += " -k";
  if (options.cacert) out += " --cacert " + shell_quote(*options.cacert);
  if (wire->method == "HEAD") {
    out += " -I";
  } else if (wire->method != "GET" || sends_body) {
    out += " -X " + wire->method;
  }
  std::string url(origin);
  url += wire->target;
  out += " " + shell_quote(url);
  // curl's own defaults the request did not have are switched off ("-H 'Name:'").
  if (!has_accept) out += " -H 'Accept:'";
  if (sends_body && !has_content_type) out += " -H 'Content-Type:'";
  if (sends_body && !has_expect) out += " -H 'Expect:'";
  for (const auto& field : fields) out += " " + field;
  if (sends_body) out += " --data-binary @-";
  return out;
}

std::string replay_line(std::string_view check_id, std::string_view report_file) {
  std::string out = "authprobe replay ";
  out += report_file;
  out += ' ';
  out += check_id;
  return out;
}

}  // namespace authprobe::conformance
