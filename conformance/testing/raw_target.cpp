#include "conformance/testing/raw_target.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace authprobe::conformance::testing {
namespace {

constexpr int tick_ms = 50;                       // how often blocked loops look at the stop flag
constexpr int idle_ticks = 100;                   // a connection idle for 5 s is closed
constexpr std::size_t max_buffer = 16U << 20U;    // 16 MiB of head and body at most (HTTP-08 sends 10 MiB)
constexpr std::size_t max_requests = 32;          // per connection
constexpr std::size_t max_connections = 256;      // per target
constexpr std::size_t chunk = 16384;

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(" \t") - first + 1));
}

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

RawRequest parse_head(std::string_view head) {
  RawRequest request;
  std::size_t at = 0;
  bool first = true;
  while (at < head.size()) {
    const auto end = std::min(head.find("\r\n", at), head.size());
    const auto line = head.substr(at, end - at);
    at = end + 2;
    if (first) {
      const auto sp1 = line.find(' ');
      const auto sp2 = sp1 == line.npos ? line.npos : line.find(' ', sp1 + 1);
      request.method = std::string(line.substr(0, sp1));
      if (sp2 != line.npos) request.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
      first = false;
      continue;
    }
    if (line.empty() || line.front() == ' ' || line.front() == '\t') continue;  // continuation lines dropped
    const auto colon = line.find(':');
    if (colon == line.npos) continue;
    request.headers.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
  }
  return request;
}

}  // namespace

std::optional<std::string> RawRequest::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (iequal(n, name)) return v;
  }
  return std::nullopt;
}

std::string raw_response(int status, const std::vector<std::string>& header_lines, const std::string& body) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " X\r\n";
  for (const auto& line : header_lines) out += line + "\r\n";
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return out;
}

RawTarget::RawTarget(Handler handler) : handler_(std::move(handler)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listen_fd_ < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, SOMAXCONN) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("cannot listen on a loopback port");
  }
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

RawTarget::~RawTarget() {
  stopping_ = true;
  if (acceptor_.joinable()) acceptor_.join();
  for (auto& t : connections_) {
    if (t.joinable()) t.join();
  }
  ::close(listen_fd_);
}

void RawTarget::accept_loop() {
  while (!stopping_ && connections_.size() < max_connections) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, tick_ms) <= 0) continue;
    const int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd >= 0) connections_.emplace_back([this, fd, id = connections_.size()] { serve_connection(fd, id); });
  }
}

void RawTarget::serve_connection(int fd, std::size_t connection) {
  std::string buffer;
  int idle = 0;
  std::size_t served = 0;
  bool open = true;
  while (open && !stopping_ && idle < idle_ticks && served < max_requests && buffer.size() <= max_buffer) {
    const auto head_end = buffer.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      RawRequest request = parse_head(std::string_view(buffer).substr(0, head_end));
      const auto length = static_cast<std::size_t>(std::strtoull(request.header("Content-Length").value_or("0").c_str(), nullptr, 10));
      if (buffer.size() >= head_end + 4 + length) {
        request.body = buffer.substr(head_end + 4, length);
        request.connection = connection;
        buffer.erase(0, head_end + 4 + length);
        const std::string response = handler_(request);
        for (std::size_t sent = 0; sent < response.size();) {
          const auto n = ::send(fd, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
          if (n <= 0) break;
          sent += static_cast<std::size_t>(n);
        }
        ++served;
        open = response.find("\r\nConnection: close\r\n") == std::string::npos;
        continue;
      }
    }
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, tick_ms) <= 0) {
      ++idle;
      continue;
    }
    char data[chunk];
    const auto n = ::recv(fd, data, sizeof data, 0);
    if (n <= 0) break;
    buffer.append(data, static_cast<std::size_t>(n));
    idle = 0;
  }
  ::close(fd);
}

}  // namespace authprobe::conformance::testing
