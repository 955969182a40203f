#include "conformance/raw_sender.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <memory>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>


namespace authprobe::conformance {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t read_chunk = 16384;

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

std::string where(const BaseUrl& url) { return url.host + ":" + std::to_string(url.port); }

// The connect failure in words a user can act on: a name that does not resolve, nothing
// listening, or no answer to the SYN.
tl::expected<int, std::string> connect_to(const BaseUrl& url, Clock::time_point deadline) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const auto port = std::to_string(url.port);
  if (::getaddrinfo(url.host.c_str(), port.c_str(), &hints, &found) != 0 || found == nullptr) {
    return tl::unexpected("host name " + url.host + " does not resolve (DNS)");
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, &::freeaddrinfo);
  bool timed_out = false;
  for (auto* ai = found; ai != nullptr; ai = ai->ai_next) {
    const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) continue;
    if (::connect(fd, ai->ai_addr, ai->ai_addrlen) == 0 || errno == EINPROGRESS) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      pollfd pfd{fd, POLLOUT, 0};
      const int ready = left.count() > 0 ? ::poll(&pfd, 1, static_cast<int>(left.count())) : 0;
      if (ready == 1) {
        int so_error = 0;
        socklen_t len = sizeof(so_error);
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
        if (so_error == 0) return fd;
      } else {
        timed_out = true;
      }
    }
    ::close(fd);
  }
  if (timed_out) return tl::unexpected("connect to " + where(url) + " timed out");
  return tl::unexpected("connection refused (nothing listening on " + where(url) + "?)");
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

}  // namespace

namespace {

using TlsResult = tl::expected<std::pair<std::unique_ptr<SSL_CTX, SslDeleter>, std::unique_ptr<SSL, SslDeleter>>, RawError>;

// The TLS handshake on a connected socket, verified against the default store or --cacert
// (RFC 6125 name check; an IP literal is matched against the certificate's IP addresses).
TlsResult start_tls(int fd, const BaseUrl& url, const RawSettings& settings, Clock::time_point deadline) {
  std::unique_ptr<SSL_CTX, SslDeleter> ctx(SSL_CTX_new(TLS_client_method()));
  if (!ctx) return tl::unexpected(RawError{TransportKind::other, "TLS context creation failed"});
  if (settings.insecure) {
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
  } else {
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
    const bool loaded = settings.cacert.empty()
                            ? SSL_CTX_set_default_verify_paths(ctx.get()) == 1
                            : SSL_CTX_load_verify_locations(ctx.get(), settings.cacert.c_str(), nullptr) == 1;
    if (!loaded) return tl::unexpected(RawError{TransportKind::connect, "TLS: cannot load the CA certificates (--cacert)"});
  }
  std::unique_ptr<SSL, SslDeleter> ssl(SSL_new(ctx.get()));
  if (!ssl) return tl::unexpected(RawError{TransportKind::other, "TLS session creation failed"});
  SSL_set_fd(ssl.get(), fd);
  in6_addr ip{};
  const bool ip_literal = ::inet_pton(AF_INET, url.host.c_str(), &ip) == 1 || ::inet_pton(AF_INET6, url.host.c_str(), &ip) == 1;
  if (!ip_literal) SSL_set_tlsext_host_name(ssl.get(), url.host.c_str());
  if (!settings.insecure) {
    if (ip_literal) {
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl.get()), url.host.c_str());
    } else {
      SSL_set1_host(ssl.get(), url.host.c_str());
    }
  }
  const auto connect_deadline = std::min(deadline, Clock::now() + settings.connect_timeout);
  while (true) {
    const int rc = SSL_connect(ssl.get());
    if (rc == 1) break;
    const int err = SSL_get_error(ssl.get(), rc);
    if (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE) {
      const bool unverified = SSL_get_verify_result(ssl.get()) != X509_V_OK;
      return tl::unexpected(RawError{TransportKind::connect, unverified ? "TLS certificate verification failed"
                                                                        : "TLS handshake failed"});
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(connect_deadline - Clock::now());
    pollfd pfd{fd, static_cast<short>(err == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT), 0};
    if (left.count() <= 0 || ::poll(&pfd, 1, static_cast<int>(left.count())) != 1) {
      return tl::unexpected(RawError{TransportKind::connect, "TLS handshake failed: no answer within " +
                                                                 std::to_string(settings.connect_timeout.count()) + " ms"});
    }
  }
  return std::make_pair(std::move(ctx), std::move(ssl));
}

RawError stopped(const ParsedResponses& parsed) {
  return RawError{parsed.state == ReadState::over_limit ? TransportKind::limit : TransportKind::other, parsed.problem};
}

bool stops_reading(ReadState state) { return state == ReadState::malformed || state == ReadState::over_limit; }

}  // namespace

tl::expected<std::vector<RawResponse>, RawError> raw_exchange(const BaseUrl& url, const std::vector<std::string>& requests,
                                                                 const std::vector<bool>& head_requests,
                                                                 const RawSettings& settings, Framing framing) {
  const auto deadline = Clock::now() + settings.read_timeout;
  auto fd = connect_to(url, std::min(deadline, Clock::now() + settings.connect_timeout));
  if (!fd) return tl::unexpected(RawError{TransportKind::connect, fd.error()});
  Socket socket(*fd);
  std::unique_ptr<SSL_CTX, SslDeleter> ctx;
  std::unique_ptr<SSL, SslDeleter> ssl;
  if (url.tls()) {
    auto tls = start_tls(socket.fd(), url, settings, deadline);
    if (!tls) return tl::unexpected(tls.error());
    ctx = std::move(tls->first);
    ssl = std::move(tls->second);
  }
  Stream stream(socket.fd(), ssl.get());
  // Bounded however many responses arrive: what one response may take on the wire, per request.
  const std::size_t wire_cap = std::max<std::size_t>(requests.size(), 1) *
                               (settings.limits.max_head_bytes + 4U * settings.limits.max_body_bytes);
  std::string buffer;
  std::array<char, read_chunk> chunk{};
  bool closed = false;
  bool timed_out = false;
  ParsedResponses parsed;
  // Reads until `wanted` responses have arrived, the server closes, the bytes stop making sense
  // or break a limit, or the deadline passes.
  const auto read_until = [&](std::size_t wanted) {
    parsed = read_responses(buffer, head_requests, false, settings.limits);
    while (!closed && !timed_out && parsed.responses.size() < wanted && !stops_reading(parsed.state)) {
      if (buffer.size() >= wire_cap) {
        parsed.state = ReadState::over_limit;
        parsed.problem = "responses exceed " + std::to_string(wire_cap) + " bytes on the wire (limits::" +
                         std::string(limits::max_body_bytes_name) + ")";
        return;
      }
      const long n = stream.read_some(chunk.data(), std::min(chunk.size(), wire_cap - buffer.size()), deadline);
      if (n <= 0) {
        closed = n == 0;
        timed_out = n < 0;
        break;
      }
      buffer.append(chunk.data(), static_cast<std::size_t>(n));
      parsed = read_responses(buffer, head_requests, false, settings.limits);
    }
  };
  // A server may answer (413, 400) and close before it has read the whole request: that answer
  // is already in the receive buffer and is what the check must judge, not the failed write.
  const auto answered_early = [&]() -> tl::expected<std::vector<RawResponse>, RawError> {
    read_until(1);
    auto early = read_responses(buffer, head_requests, true, settings.limits);
    if (!early.responses.empty()) return std::move(early.responses);
    return tl::unexpected(RawError{TransportKind::closed, "connection closed while writing"});
  };
  if (framing == Framing::pipelined) {
    std::string bytes;
    for (const auto& request : requests) bytes += request;
    if (!stream.write_all(bytes, deadline)) return answered_early();
    read_until(requests.size());
  } else {
    for (std::size_t i = 0; i < requests.size() && !closed && !stops_reading(parsed.state); ++i) {
      if (!stream.write_all(requests[i], deadline)) {
        if (i == 0) return answered_early();
        break;
      }
      const auto before = parsed.responses.size();
      read_until(i + 1);
      if (parsed.responses.size() == before) break;  // no answer: stop here
    }
  }
  if (!stops_reading(parsed.state)) parsed = read_responses(buffer, head_requests, closed, settings.limits);
  if (!parsed.responses.empty()) return std::move(parsed.responses);
  if (stops_reading(parsed.state)) return tl::unexpected(stopped(parsed));
  if (timed_out || !closed) {
    return tl::unexpected(RawError{TransportKind::timeout, "no complete response within " + std::to_string(settings.read_timeout.count()) +
                                                               " ms (limits::" + std::string(limits::request_time_name) + ", " +
                                                               std::to_string(buffer.size()) + " bytes received)"});
  }
  return tl::unexpected(RawError{TransportKind::closed, "connection closed without a response"});
}

}  // namespace authprobe::conformance
