#include "reference/server/testing/raw_http.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace authprobe::server::testing {
namespace {

constexpr std::size_t chunk_size = 4096;
constexpr std::size_t max_response_bytes = 1 << 20;
constexpr time_t receive_timeout_seconds = 5;
constexpr std::string_view head_end = "\r\n\r\n";
constexpr std::size_t status_code_offset = 9;  // "HTTP/1.1 " precedes the code
constexpr std::size_t status_code_digits = 3;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

RawResponse parse(const std::string& bytes) {
  RawResponse response;
  const auto end = bytes.find(head_end);
  response.head = bytes.substr(0, end);
  if (end != std::string::npos) response.body = bytes.substr(end + head_end.size());
  if (bytes.size() >= status_code_offset + status_code_digits) {
    const std::string code = bytes.substr(status_code_offset, status_code_digits);
    if (std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isdigit(c) != 0; }))
      response.status = std::stoi(code);
  }
  return response;
}

std::size_t content_length(const std::string& head) {
  const std::string lowered = lower(head);
  const auto at = lowered.find("\r\ncontent-length:");
  if (at == std::string::npos) return 0;
  return std::strtoul(lowered.c_str() + at + std::string_view("\r\ncontent-length:").size(), nullptr, 10);
}

int connect_loopback(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return fd;
  timeval timeout{receive_timeout_seconds, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// True once `bytes` holds a whole response framed by Content-Length (the server may keep the
// connection open after it, e.g. for a request line it could not parse).
bool complete(const std::string& bytes) {
  const auto end = bytes.find(head_end);
  if (end == std::string::npos) return false;
  const std::string head = lower(bytes.substr(0, end));
  const auto at = head.find("\r\ncontent-length:");
  if (at == std::string::npos) return false;
  const auto length = std::strtoul(head.c_str() + at + std::string_view("\r\ncontent-length:").size(), nullptr, 10);
  return bytes.size() >= end + head_end.size() + length;
}

}  // namespace

bool RawResponse::has_field_line(std::string_view line) const {
  return head.find("\r\n" + std::string(line) + "\r\n") != std::string::npos ||
         (head.size() >= line.size() && head.ends_with("\r\n" + std::string(line)));
}

std::size_t RawResponse::count_fields(std::string_view name) const {
  const std::string needle = "\r\n" + lower(name) + ":";
  const std::string haystack = lower(head);
  std::size_t count = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++count;
  return count;
}

RawResponse raw_exchange(std::uint16_t port, std::string_view request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return {};
  timeval timeout{receive_timeout_seconds, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  std::string received;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0 &&
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
    std::array<char, chunk_size> buffer{};
    while (received.size() < max_response_bytes) {
      const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
      if (n <= 0) break;
      received.append(buffer.data(), static_cast<std::size_t>(n));
      if (complete(received)) break;
    }
  }
  ::close(fd);
  return parse(received);
}

std::vector<RawResponse> raw_responses(std::uint16_t port, std::string_view request) {
  std::string received;
  if (const int fd = connect_loopback(port); fd >= 0) {
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
      std::array<char, chunk_size> buffer{};
      while (received.size() < max_response_bytes) {
        const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
        if (n <= 0) break;
        received.append(buffer.data(), static_cast<std::size_t>(n));
      }
    }
    ::close(fd);
  }
  std::vector<RawResponse> responses;
  std::size_t at = 0;
  while (at < received.size()) {
    const auto end = received.find(head_end, at);
    if (end == std::string::npos) break;
    const auto next = std::min(received.size(), end + head_end.size() + content_length(received.substr(at, end - at)));
    responses.push_back(parse(received.substr(at, next - at)));
    at = next;
  }
  return responses;
}

}  // namespace authprobe::server::testing
