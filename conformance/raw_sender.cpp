#include "conformance/raw_sender.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <memory>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "conformance/challenge.hpp"

namespace authprobe::conformance {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t read_chunk = 16384;
constexpr std::string_view crlf = "\r\n";
constexpr std::string_view header_end = "\r\n\r\n";
constexpr int hex_base = 16;
constexpr int status_digits = 3;
constexpr int no_body_status_floor = 100;
constexpr int no_body_status_ceiling = 200;
constexpr int status_no_content = 204;
constexpr int status_not_modified = 304;

class Socket {
public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  [[nodiscard]] int fd() const { return fd_; }

private:
  int fd_;
};

struct SslDeleter {
  void operator()(SSL* ssl) const { SSL_free(ssl); }
  void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
};

tl::expected<int, std::string> connect_to(const BaseUrl& url, std::chrono::milliseconds timeout) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const auto port = std::to_string(url.port);
  if (::getaddrinfo(url.host.c_str(), port.c_str(), &hints, &found) != 0 || found == nullptr) {
    return tl::unexpected("cannot resolve " + url.host);
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, &::freeaddrinfo);
  for (auto* ai = found; ai != nullptr; ai = ai->ai_next) {
    const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK, ai->ai_protocol);
    if (fd < 0) continue;
    if (::connect(fd, ai->ai_addr, ai->ai_addrlen) == 0 || errno == EINPROGRESS) {
      pollfd pfd{fd, POLLOUT, 0};
      if (::poll(&pfd, 1, static_cast<int>(timeout.count())) == 1) {
        int so_error = 0;
        socklen_t len = sizeof(so_error);
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
        if (so_error == 0) return fd;
      }
    }
    ::close(fd);
  }
  return tl::unexpected("connection to " + url.origin() + " failed");
}

// Plain or TLS stream over a connected non-blocking socket.
class Stream {
public:
  Stream(int fd, SSL* ssl) : fd_(fd), ssl_(ssl) {}

  bool write_all(std::string_view bytes, Clock::time_point deadline) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      if (!wait(POLLOUT, deadline)) return false;
      const auto chunk = bytes.substr(sent);
      const long n = ssl_ != nullptr ? SSL_write(ssl_, chunk.data(), static_cast<int>(chunk.size()))
                                     : ::send(fd_, chunk.data(), chunk.size(), MSG_NOSIGNAL);
      if (n <= 0) {
        if (retryable(n)) continue;
        return false;
      }
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

  // Returns bytes read, 0 on orderly close, -1 on error or timeout.
  long read_some(char* buffer, std::size_t size, Clock::time_point deadline) {
    while (true) {
      if (ssl_ == nullptr || SSL_pending(ssl_) == 0) {
        if (!wait(POLLIN, deadline)) return -1;
      }
      const long n = ssl_ != nullptr ? SSL_read(ssl_, buffer, static_cast<int>(size))
                                     : ::recv(fd_, buffer, size, 0);
      if (n > 0) return n;
      if (n == 0) return 0;
      if (retryable(n)) continue;
      return ssl_ != nullptr && SSL_get_error(ssl_, static_cast<int>(n)) == SSL_ERROR_ZERO_RETURN ? 0 : -1;
    }
  }

private:
  bool wait(short events, Clock::time_point deadline) const {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd pfd{fd_, events, 0};
    return ::poll(&pfd, 1, static_cast<int>(left.count())) == 1;
  }
  bool retryable(long n) const {
    if (ssl_ != nullptr) {
      const int err = SSL_get_error(ssl_, static_cast<int>(n));
      return err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE;
    }
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
  }

  int fd_;
  SSL* ssl_;
};

std::optional<std::size_t> parse_size(std::string_view text, int base) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc{} || text.empty()) return std::nullopt;
  (void)end;
  return value;
}

// Decodes a chunked body starting at `pos`; returns the end offset, or nullopt if incomplete.
std::optional<std::size_t> decode_chunked(std::string_view buffer, std::size_t pos, std::string& body) {
  while (true) {
    const auto line_end = buffer.find(crlf, pos);
    if (line_end == std::string_view::npos) return std::nullopt;
    auto size_text = buffer.substr(pos, line_end - pos);
    size_text = size_text.substr(0, size_text.find(';'));
    const auto size = parse_size(size_text, hex_base);
    if (!size) return std::nullopt;
    pos = line_end + crlf.size();
    if (*size == 0) {
      const auto trailer_end = buffer.find(crlf, pos);
      if (trailer_end == std::string_view::npos) return std::nullopt;
      return trailer_end + crlf.size();
    }
    if (buffer.size() < pos + *size + crlf.size()) return std::nullopt;
    body.append(buffer.substr(pos, *size));
    pos += *size + crlf.size();
  }
}

}  // namespace

std::vector<RawResponse> parse_raw_responses(std::string_view buffer, const std::vector<bool>& head_requests,
                                             bool connection_closed) {
  std::vector<RawResponse> responses;
  std::size_t pos = 0;
  while (pos < buffer.size()) {
    const auto head_end = buffer.find(header_end, pos);
    if (head_end == std::string_view::npos) break;
    const auto head = buffer.substr(pos, head_end - pos);
    RawResponse response;
    const auto status_line_end = head.find(crlf);
    const auto status_line = head.substr(0, status_line_end);
    const auto space = status_line.find(' ');
    if (space == std::string_view::npos || status_line.size() < space + 1 + status_digits) break;
    const auto code = parse_size(status_line.substr(space + 1, status_digits), 10);
    if (!code) break;
    response.status = static_cast<int>(*code);
    std::size_t line_start = status_line_end == std::string_view::npos ? head.size() : status_line_end + crlf.size();
    std::optional<std::size_t> content_length;
    bool chunked = false;
    while (line_start < head.size()) {
      auto line_end = head.find(crlf, line_start);
      if (line_end == std::string_view::npos) line_end = head.size();
      const auto line = head.substr(line_start, line_end - line_start);
      const auto colon = line.find(':');
      if (colon != std::string_view::npos) {
        auto value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
        const auto name = line.substr(0, colon);
        response.headers.emplace_back(std::string(name), std::string(value));
        if (iequals(name, "Content-Length")) content_length = parse_size(value, 10);
        if (iequals(name, "Transfer-Encoding") && to_lower(value).find("chunked") != std::string::npos) chunked = true;
      }
      line_start = line_end + crlf.size();
    }
    pos = head_end + header_end.size();
    const std::size_t index = responses.size();
    const bool is_head = index < head_requests.size() && head_requests[index];
    const bool no_body = is_head || (response.status >= no_body_status_floor && response.status < no_body_status_ceiling) ||
                         response.status == status_no_content || response.status == status_not_modified;
    if (!no_body) {
      if (chunked) {
        const auto end = decode_chunked(buffer, pos, response.body);
        if (!end) {
          if (!connection_closed) break;
          response.body.append(buffer.substr(pos));
          pos = buffer.size();
        } else {
          pos = *end;
        }
      } else if (content_length) {
        if (buffer.size() < pos + *content_length) {
          if (!connection_closed) break;
          response.body = std::string(buffer.substr(pos));
          pos = buffer.size();
        } else {
          response.body = std::string(buffer.substr(pos, *content_length));
          pos += *content_length;
        }
      } else {
        if (!connection_closed) break;  // body delimited by close (RFC 9112 §6.3 rule 8)
        response.body = std::string(buffer.substr(pos));
        pos = buffer.size();
      }
    }
    responses.push_back(std::move(response));
  }
  return responses;
}

tl::expected<std::vector<RawResponse>, RawError> raw_exchange(const BaseUrl& url, const std::vector<std::string>& requests,
                                                                 const std::vector<bool>& head_requests,
                                                                 const RawSettings& settings, Framing framing) {
  auto fd = connect_to(url, settings.connect_timeout);
  if (!fd) return tl::unexpected(RawError{TransportKind::connect, fd.error()});
  Socket socket(*fd);
  std::unique_ptr<SSL_CTX, SslDeleter> ctx;
  std::unique_ptr<SSL, SslDeleter> ssl;
  const auto deadline = Clock::now() + settings.read_timeout;
  if (url.tls()) {
    ctx.reset(SSL_CTX_new(TLS_client_method()));
    if (!ctx) return tl::unexpected(RawError{TransportKind::other, "TLS context creation failed"});
    if (settings.insecure) {
      SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
    } else {
      SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
      const bool loaded = settings.cacert.empty()
                              ? SSL_CTX_set_default_verify_paths(ctx.get()) == 1
                              : SSL_CTX_load_verify_locations(ctx.get(), settings.cacert.c_str(), nullptr) == 1;
      if (!loaded) return tl::unexpected(RawError{TransportKind::other, "cannot load CA certificates"});
    }
    ssl.reset(SSL_new(ctx.get()));
    SSL_set_fd(ssl.get(), socket.fd());
    SSL_set_tlsext_host_name(ssl.get(), url.host.c_str());
    if (!settings.insecure) SSL_set1_host(ssl.get(), url.host.c_str());
    while (true) {
      const int rc = SSL_connect(ssl.get());
      if (rc == 1) break;
      const int err = SSL_get_error(ssl.get(), rc);
      if ((err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE) || Clock::now() > deadline) {
        return tl::unexpected(RawError{TransportKind::connect, "TLS handshake failed"});
      }
      pollfd pfd{socket.fd(), static_cast<short>(err == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT), 0};
      ::poll(&pfd, 1, static_cast<int>(settings.connect_timeout.count()));
    }
  }
  Stream stream(socket.fd(), ssl.get());
  std::string buffer;
  std::array<char, read_chunk> chunk{};
  bool closed = false;
  // Reads until `wanted` responses have arrived, the server closes, or the deadline passes.
  const auto read_until = [&](std::size_t wanted) {
    while (!closed && buffer.size() < settings.max_bytes &&
           parse_raw_responses(buffer, head_requests, false).size() < wanted) {
      const long n = stream.read_some(chunk.data(), chunk.size(), deadline);
      if (n <= 0) {
        closed = n == 0;
        return;
      }
      buffer.append(chunk.data(), static_cast<std::size_t>(n));
    }
  };
  // A server may answer (413, 400) and close before it has read the whole request: that answer
  // is already in the receive buffer and is what the check must judge, not the failed write.
  const auto answered_early = [&]() -> tl::expected<std::vector<RawResponse>, RawError> {
    read_until(1);
    auto early = parse_raw_responses(buffer, head_requests, true);
    if (!early.empty()) return early;
    return tl::unexpected(RawError{TransportKind::closed, "connection closed while writing"});
  };
  if (framing == Framing::pipelined) {
    std::string bytes;
    for (const auto& request : requests) bytes += request;
    if (!stream.write_all(bytes, deadline)) return answered_early();
    read_until(requests.size());
  } else {
    for (std::size_t i = 0; i < requests.size() && !closed; ++i) {
      if (!stream.write_all(requests[i], deadline)) {
        if (i == 0) return answered_early();
        break;
      }
      const auto before = parse_raw_responses(buffer, head_requests, false).size();
      read_until(i + 1);
      if (parse_raw_responses(buffer, head_requests, false).size() == before) break;  // no answer: stop here
    }
  }
  auto responses = parse_raw_responses(buffer, head_requests, true);
  if (responses.empty() && !closed) return tl::unexpected(RawError{TransportKind::timeout, "no response before the timeout"});
  if (responses.empty()) return tl::unexpected(RawError{TransportKind::closed, "connection closed without a response"});
  return responses;
}

}  // namespace authprobe::conformance
