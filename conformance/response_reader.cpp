#include "conformance/response_reader.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <utility>

#include "conformance/challenge.hpp"

namespace authprobe::conformance {
namespace {

constexpr std::string_view crlf = "\r\n";
constexpr std::string_view header_end = "\r\n\r\n";
constexpr std::string_view http_version_prefix = "HTTP/";
constexpr int hex_base = 16;
constexpr int decimal_base = 10;
constexpr std::size_t status_digits = 3;
constexpr int no_body_status_floor = 100;
constexpr int no_body_status_ceiling = 200;
constexpr int status_no_content = 204;
constexpr int status_not_modified = 304;
constexpr std::size_t quoted_bytes = 40;  // of a broken status line or chunk size, in a problem text

// A bounded excerpt with every byte outside printable ASCII as \xNN: problem texts end up in
// reports, and the bytes are the target's.
std::string quoted(std::string_view bytes) {
  constexpr std::string_view hex = "0123456789abcdef";
  constexpr char first_printable = 0x20;
  constexpr char last_printable = 0x7E;
  std::string out = "'";
  for (std::size_t i = 0; i < bytes.size() && i < quoted_bytes; ++i) {
    const char c = bytes[i];
    if (c >= first_printable && c <= last_printable && c != '\\' && c != '\'') {
      out.push_back(c);
    } else {
      const auto u = static_cast<unsigned char>(c);
      out += "\\x";
      out.push_back(hex[u >> 4U]);
      out.push_back(hex[u & 0x0FU]);
    }
  }
  out += bytes.size() > quoted_bytes ? "'..." : "'";
  return out;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Digits only (no sign, no "0x"), the whole text, no overflow.
std::optional<std::size_t> parse_size(std::string_view text, int base) {
  text = trimmed(text);
  if (text.empty()) return std::nullopt;
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string over(std::string_view what, std::size_t limit, std::string_view name) {
  std::string out(what);
  out += " exceeds ";
  out += std::to_string(limit);
  out += " bytes (limits::";
  out += name;
  out += ")";
  return out;
}

// One step of reading: a state other than `complete` stops the reader where it is.
struct Step {
  ReadState state = ReadState::complete;
  std::size_t end = 0;  // complete: the offset after what was read
  std::string problem;
};

Step stop(ReadState state, std::string problem) { return Step{state, 0, std::move(problem)}; }

// RFC 9112 §7.1: chunk sizes in hex, each chunk followed by CRLF, a zero chunk and the trailer
// section ending in an empty line. `body` receives the data, bounded by `max_body`.
Step decode_chunked(std::string_view buffer, std::size_t pos, std::size_t max_body, std::size_t max_trailer,
                    std::string& body) {
  while (true) {
    const auto line_end = buffer.find(crlf, pos);
    if (line_end == std::string_view::npos) {
      // A chunk-size line longer than a head is not a size line.
      if (buffer.size() - pos > max_trailer) return stop(ReadState::malformed, "chunk-size line never ends");
      return stop(ReadState::incomplete, {});
    }
    const auto line = buffer.substr(pos, line_end - pos);
    const auto size = parse_size(line.substr(0, line.find(';')), hex_base);
    if (!size) return stop(ReadState::malformed, "invalid chunk size " + quoted(line));
    if (*size > max_body - body.size()) {
      return stop(ReadState::over_limit, over("chunked body", max_body, limits::max_body_bytes_name));
    }
    pos = line_end + crlf.size();
    if (*size == 0) {
      // The trailer section: field lines up to an empty line.
      while (true) {
        const auto trailer_end = buffer.find(crlf, pos);
        if (trailer_end == std::string_view::npos) {
          if (buffer.size() - pos > max_trailer) return stop(ReadState::over_limit, over("trailer section", max_trailer, limits::max_head_bytes_name));
          return stop(ReadState::incomplete, {});
        }
        if (trailer_end == pos) return Step{ReadState::complete, trailer_end + crlf.size(), {}};
        pos = trailer_end + crlf.size();
      }
    }
    const std::size_t left = buffer.size() - pos;
    if (left < *size || left - *size < crlf.size()) return stop(ReadState::incomplete, {});
    if (buffer.substr(pos + *size, crlf.size()) != crlf) {
      return stop(ReadState::malformed, "chunk of " + std::to_string(*size) + " bytes not followed by CRLF");
    }
    body.append(buffer.substr(pos, *size));
    pos += *size + crlf.size();
  }
}

// The status code of an HTTP/1.x status line, e.g. "HTTP/1.1 401 Unauthorized".
std::optional<int> status_of(std::string_view line) {
  if (line.substr(0, http_version_prefix.size()) != http_version_prefix) return std::nullopt;
  const auto space = line.find(' ');
  if (space == std::string_view::npos || line.size() < space + 1 + status_digits) return std::nullopt;
  const auto digits = line.substr(space + 1, status_digits);
  const auto after = space + 1 + status_digits;
  if (after < line.size() && line[after] != ' ') return std::nullopt;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const auto code = parse_size(digits, decimal_base);
  if (!code) return std::nullopt;
  return static_cast<int>(*code);
}

// One response starting at `pos`.
Step read_one(std::string_view buffer, std::size_t pos, bool is_head, bool closed, const ResponseLimits& limits,
              RawResponse& response) {
  const auto head_end = buffer.find(header_end, pos);
  if (head_end == std::string_view::npos) {
    if (buffer.size() - pos > limits.max_head_bytes) {
      return stop(ReadState::over_limit, over("response head", limits.max_head_bytes, limits::max_head_bytes_name));
    }
    // The first line can be judged before the head is complete: a target that sends no HTTP at
    // all is told apart from one that is slow.
    const auto first_line_end = buffer.find(crlf, pos);
    if (first_line_end != std::string_view::npos && !status_of(buffer.substr(pos, first_line_end - pos))) {
      return stop(ReadState::malformed, "not an HTTP/1.1 status line: " + quoted(buffer.substr(pos, first_line_end - pos)));
    }
    return stop(ReadState::incomplete, {});
  }
  if (head_end - pos > limits.max_head_bytes) {
    return stop(ReadState::over_limit, over("response head", limits.max_head_bytes, limits::max_head_bytes_name));
  }
  const auto head = buffer.substr(pos, head_end - pos);
  const auto status_line_end = std::min(head.find(crlf), head.size());
  const auto status = status_of(head.substr(0, status_line_end));
  if (!status) return stop(ReadState::malformed, "not an HTTP/1.1 status line: " + quoted(head.substr(0, status_line_end)));
  response.status = *status;

  std::optional<std::size_t> content_length;
  bool chunked = false;
  for (std::size_t line_start = status_line_end + crlf.size(); line_start < head.size();) {
    const auto line_end = std::min(head.find(crlf, line_start), head.size());
    const auto line = head.substr(line_start, line_end - line_start);
    line_start = line_end + crlf.size();
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // not a field line; a check may read the raw bytes
    if (response.headers.size() == limits.max_header_fields) {
      return stop(ReadState::over_limit, "more than " + std::to_string(limits.max_header_fields) +
                                             " header fields (limits::" + std::string(limits::max_header_fields_name) + ")");
    }
    const auto name = line.substr(0, colon);
    const auto value = trimmed(line.substr(colon + 1));
    response.headers.emplace_back(std::string(name), std::string(value));
    if (iequals(name, "Content-Length")) {
      content_length = parse_size(value, decimal_base);
      // RFC 9112 §6.3 (5): an invalid Content-Length leaves the message length unknown.
      if (!content_length) return stop(ReadState::malformed, "invalid Content-Length " + quoted(value));
    }
    if (iequals(name, "Transfer-Encoding") && to_lower(value).find("chunked") != std::string::npos) chunked = true;
  }

  const std::size_t body_start = head_end + header_end.size();
  const bool no_body = is_head || (response.status >= no_body_status_floor && response.status < no_body_status_ceiling) ||
                       response.status == status_no_content || response.status == status_not_modified;
  if (no_body) return Step{ReadState::complete, body_start, {}};
  if (chunked) {
    auto step = decode_chunked(buffer, body_start, limits.max_body_bytes, limits.max_head_bytes, response.body);
    if (step.state == ReadState::incomplete && closed) return Step{ReadState::complete, buffer.size(), {}};
    return step;
  }
  const std::size_t available = buffer.size() - body_start;
  if (content_length) {
    if (*content_length > limits.max_body_bytes) {
      return stop(ReadState::over_limit, over("Content-Length " + std::to_string(*content_length), limits.max_body_bytes,
                                              limits::max_body_bytes_name));
    }
    if (available < *content_length) {
      if (!closed) return stop(ReadState::incomplete, {});
      response.body = std::string(buffer.substr(body_start));  // shorter than announced: as it came
      return Step{ReadState::complete, buffer.size(), {}};
    }
    response.body = std::string(buffer.substr(body_start, *content_length));
    return Step{ReadState::complete, body_start + *content_length, {}};
  }
  // RFC 9112 §6.3 (8): no framing, the body ends when the connection closes.
  if (available > limits.max_body_bytes) {
    return stop(ReadState::over_limit, over("body", limits.max_body_bytes, limits::max_body_bytes_name));
  }
  if (!closed) return stop(ReadState::incomplete, {});
  response.body = std::string(buffer.substr(body_start));
  return Step{ReadState::complete, buffer.size(), {}};
}

}  // namespace

ParsedResponses read_responses(std::string_view buffer, const std::vector<bool>& head_requests, bool connection_closed,
                               const ResponseLimits& limits) {
  ParsedResponses parsed;
  std::size_t pos = 0;
  while (pos < buffer.size()) {
    const std::size_t index = parsed.responses.size();
    const bool is_head = index < head_requests.size() && head_requests[index];
    RawResponse response;
    auto step = read_one(buffer, pos, is_head, connection_closed, limits, response);
    if (step.state != ReadState::complete) {
      parsed.state = step.state;
      parsed.problem = std::move(step.problem);
      return parsed;
    }
    parsed.responses.push_back(std::move(response));
    pos = step.end;
  }
  return parsed;
}

std::vector<RawResponse> parse_raw_responses(std::string_view buffer, const std::vector<bool>& head_requests,
                                             bool connection_closed) {
  return read_responses(buffer, head_requests, connection_closed).responses;
}

}  // namespace authprobe::conformance
