#include "conformance/testing/hostile_target.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <stdexcept>

namespace authprobe::conformance::testing {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int tick_ms = 50;                          // how often blocked loops look at the stop flag
constexpr auto request_read_time = std::chrono::seconds(5);
constexpr auto silence_time = std::chrono::seconds(120);  // a silent or held connection, at most
constexpr std::size_t max_request_head = 64U * 1024U;
constexpr std::size_t max_request_body = 1U << 20U;
constexpr std::size_t max_stream_bytes = 512U << 20U;  // an "endless" stream ends here
constexpr std::size_t max_connections = 128;         // open at once; more are closed at accept
constexpr std::size_t max_recorded = 100000;
constexpr std::size_t chunk = 16384;
constexpr std::size_t giant_line_bytes = 1U << 20U;
constexpr std::size_t header_field_count = 100000;
constexpr std::size_t huge_body_bytes = 256U << 20U;
constexpr std::size_t bomb_inflated_bytes = 64U << 20U;
constexpr int gzip_window_bits = 15 + 16;  // zlib: a gzip wrapper
constexpr int zlib_mem_level = 9;

constexpr std::array<std::pair<Hostility, std::string_view>, 16> names{{
    {Hostility::record, "record"},
    {Hostility::endless_body, "endless-body"},
    {Hostility::huge_body, "huge-body"},
    {Hostility::giant_header_line, "giant-header-line"},
    {Hostility::many_header_fields, "many-header-fields"},
    {Hostility::endless_status_line, "endless-status-line"},
    {Hostility::trickle, "trickle"},
    {Hostility::silent, "silent"},
    {Hostility::garbage, "garbage"},
    {Hostility::bad_bytes, "bad-bytes"},
    {Hostility::short_content_length, "short-content-length"},
    {Hostility::long_content_length, "long-content-length"},
    {Hostility::bogus_chunk_size, "bogus-chunk-size"},
    {Hostility::redirect_loop, "redirect-loop"},
    {Hostility::redirect_elsewhere, "redirect-elsewhere"},
    {Hostility::gzip_bomb, "gzip-bomb"},
}};

// NUL, invalid UTF-8 (a lone continuation byte, an overlong '/', a truncated sequence) and
// markup, in the places a report shows.
const std::string bad = std::string("\x80<script>alert(1)</script>\xc0\xaf", 28) + std::string(1, '\0') + "\xe2\x82";

std::string deflate_bomb() {
  const std::string zeros(bomb_inflated_bytes, '\0');
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, gzip_window_bits, zlib_mem_level, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&z, static_cast<uLong>(zeros.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
  z.avail_in = static_cast<uInt>(zeros.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

// Made once, before the first request needs it (deflating 64 MiB takes a while on a busy machine).
const std::string& gzip_bomb_body() {
  static const std::string bomb = deflate_bomb();
  return bomb;
}

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string_view name_of(Hostility hostility) {
  for (const auto& [h, name] : names) {
    if (h == hostility) return name;
  }
  return "record";
}

std::optional<Hostility> hostility_named(std::string_view name) {
  for (const auto& [h, n] : names) {
    if (n == name) return h;
  }
  return std::nullopt;
}

const std::vector<Hostility>& every_hostility() {
  static const std::vector<Hostility> all = [] {
    std::vector<Hostility> out;
    for (const auto& [h, name] : names) out.push_back(h);
    return out;
  }();
  return all;
}

struct HostileTarget::Connection {
  std::thread thread;
  std::atomic<bool> done{false};
};

HostileTarget::HostileTarget(std::optional<Hostility> every_path, std::chrono::milliseconds trickle_interval)
    : every_path_(every_path), trickle_interval_(trickle_interval) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, SOMAXCONN) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("cannot listen on a loopback port");
  }
  port_ = ntohs(addr.sin_port);
  if (!every_path_ || every_path_ == Hostility::gzip_bomb) (void)gzip_bomb_body();
  acceptor_ = std::thread([this] { accept_loop(); });
}

HostileTarget::~HostileTarget() { stop(); }

void HostileTarget::set_redirect_origin(std::string origin) {
  const std::lock_guard lock(mutex_);
  redirect_origin_ = std::move(origin);
}

std::vector<HostileRequest> HostileTarget::requests() const {
  const std::lock_guard lock(mutex_);
  return requests_;
}

void HostileTarget::stop() {
  stopping_ = true;
  if (acceptor_.joinable()) acceptor_.join();
  for (auto& c : connections_) {
    if (c->thread.joinable()) c->thread.join();
  }
  connections_.clear();
  if (listen_fd_ >= 0) ::close(listen_fd_);
  listen_fd_ = -1;
}

Hostility HostileTarget::hostility_for(std::string_view target) const {
  if (every_path_) return *every_path_;
  if (!target.empty() && target.front() == '/') target.remove_prefix(1);
  const auto segment = target.substr(0, std::min(target.find('/'), target.find('?')));
  return hostility_named(segment).value_or(Hostility::record);
}

void HostileTarget::accept_loop() {
  while (!stopping_) {
    // Finished connections are joined here, so a long run does not keep a thread per request.
    for (auto it = connections_.begin(); it != connections_.end();) {
      if ((*it)->done) {
        (*it)->thread.join();
        it = connections_.erase(it);
      } else {
        ++it;
      }
    }
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, tick_ms) <= 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    if (connections_.size() >= max_connections) {
      ::close(fd);
      continue;
    }
    auto connection = std::make_unique<Connection>();
    auto* c = connection.get();
    c->thread = std::thread([this, fd, c] {
      serve(fd);
      ::close(fd);
      c->done = true;
    });
    connections_.push_back(std::move(connection));
  }
}

namespace {

// Waits for `events` on fd for one tick; false when the peer is gone.
bool wait_for(int fd, short events, const std::atomic<bool>& stopping) {
  while (!stopping) {
    pollfd p{fd, events, 0};
    const int n = ::poll(&p, 1, tick_ms);
    if (n < 0) return false;
    if (n == 0) continue;
    if ((p.revents & (POLLERR | POLLNVAL)) != 0) return false;
    if ((p.revents & events) != 0) return true;
    if ((p.revents & POLLHUP) != 0) return false;
  }
  return false;
}

// Sends every byte unless the peer leaves or the target stops.
bool send_all(int fd, std::string_view bytes, const std::atomic<bool>& stopping) {
  while (!bytes.empty()) {
    if (!wait_for(fd, POLLOUT, stopping)) return false;
    const auto n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// `unit` repeated until `total` bytes went out, the peer left or the target stopped.
void send_repeated(int fd, std::string_view unit, std::size_t total, const std::atomic<bool>& stopping) {
  for (std::size_t sent = 0; sent < total; sent += unit.size()) {
    if (!send_all(fd, unit, stopping)) return;
  }
}

// Holds the connection open, reading and dropping whatever comes, until the peer leaves.
void hold(int fd, const std::atomic<bool>& stopping) {
  std::array<char, chunk> sink{};
  const auto until = Clock::now() + silence_time;
  while (!stopping && Clock::now() < until) {
    pollfd p{fd, POLLIN, 0};
    const int n = ::poll(&p, 1, tick_ms);
    if (n < 0) return;
    if (n == 0) continue;
    if (::recv(fd, sink.data(), sink.size(), MSG_DONTWAIT) == 0) return;
  }
}

struct ReadRequest {
  HostileRequest request;
  bool complete = false;
};

// The request head (and a Content-Length body), bounded in bytes and time.
ReadRequest read_request(int fd, const std::atomic<bool>& stopping) {
  ReadRequest out;
  std::string buffer;
  std::array<char, chunk> data{};
  const auto until = Clock::now() + request_read_time;
  std::size_t head_end = std::string::npos;
  std::size_t wanted = max_request_head;
  while (!stopping && Clock::now() < until && buffer.size() < wanted) {
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, tick_ms);
    if (ready < 0) break;
    if (ready == 0) continue;
    const auto n = ::recv(fd, data.data(), data.size(), MSG_DONTWAIT);
    if (n <= 0) break;
    buffer.append(data.data(), static_cast<std::size_t>(n));
    if (head_end == std::string::npos) {
      head_end = buffer.find("\r\n\r\n");
      if (head_end == std::string::npos) continue;
      std::size_t length = 0;
      const std::string_view head(buffer.data(), head_end);
      std::size_t at = head.find("\r\n");
      const auto first = head.substr(0, at);
      const auto sp1 = first.find(' ');
      const auto sp2 = sp1 == std::string_view::npos ? sp1 : first.find(' ', sp1 + 1);
      out.request.method = std::string(first.substr(0, sp1));
      if (sp2 != std::string_view::npos) out.request.target = std::string(first.substr(sp1 + 1, sp2 - sp1 - 1));
      while (at != std::string_view::npos && at < head.size()) {
        const auto end = std::min(head.find("\r\n", at + 2), head.size());
        const auto line = head.substr(at + 2, end - at - 2);
        at = end;
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        const auto name = line.substr(0, colon);
        if (iequal(name, "Authorization")) out.request.authorization = true;
        if (iequal(name, "Content-Length")) {
          length = std::min<std::size_t>(std::strtoull(std::string(line.substr(colon + 1)).c_str(), nullptr, 10), max_request_body);
        }
      }
      wanted = head_end + 4 + length;
    }
  }
  out.complete = head_end != std::string::npos && buffer.size() >= wanted;
  return out;
}

std::string ok_json(std::string_view extra_fields, std::string_view body) {
  std::string out = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
  out += extra_fields;
  out += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
  out += body;
  return out;
}

}  // namespace

void HostileTarget::serve(int fd) {
  const auto hostility = every_path_.value_or(Hostility::record);
  if (every_path_ == Hostility::garbage) {
    (void)send_all(fd, std::string("\x16\x03\x01garbage \x00\xff not HTTP\r\n\r\n", 26), stopping_);
    return;
  }
  if (every_path_ == Hostility::silent) {  // before the request too: a stalled TLS handshake
    hold(fd, stopping_);
    return;
  }
  const auto read = read_request(fd, stopping_);
  if (!read.complete) return;
  {
    const std::lock_guard lock(mutex_);
    if (requests_.size() < max_recorded) requests_.push_back(read.request);
  }
  const auto how = every_path_ ? hostility : hostility_for(read.request.target);
  std::string origin;
  {
    const std::lock_guard lock(mutex_);
    origin = redirect_origin_;
  }
  switch (how) {
    case Hostility::record:
      (void)send_all(fd, ok_json("", "{}"), stopping_);
      return;
    case Hostility::endless_body:
      if (send_all(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n", stopping_)) {
        send_repeated(fd, std::string(chunk, 'x'), max_stream_bytes, stopping_);
      }
      return;
    case Hostility::huge_body:
      if (send_all(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(huge_body_bytes) + "\r\n\r\n", stopping_)) {
        send_repeated(fd, std::string(chunk, ' '), huge_body_bytes, stopping_);
      }
      return;
    case Hostility::giant_header_line:
      (void)send_all(fd, "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"" + std::string(giant_line_bytes, 'r') +
                             "\"\r\nContent-Length: 0\r\n\r\n", stopping_);
      return;
    case Hostility::many_header_fields: {
      std::string head = "HTTP/1.1 200 OK\r\n";
      for (std::size_t i = 0; i < header_field_count; ++i) head += "X-F" + std::to_string(i) + ": v\r\n";
      head += "Content-Length: 0\r\n\r\n";
      (void)send_all(fd, head, stopping_);
      return;
    }
    case Hostility::endless_status_line:
      if (send_all(fd, "HTTP/1.1 200 ", stopping_)) send_repeated(fd, std::string(chunk, 'O'), max_stream_bytes, stopping_);
      return;
    case Hostility::trickle: {
      const std::string response = ok_json("", R"({"access_token":"trickled","token_type":"Bearer"})");
      for (const char c : response) {
        if (!send_all(fd, std::string_view(&c, 1), stopping_)) return;
        for (auto until = Clock::now() + trickle_interval_; !stopping_ && Clock::now() < until;) {
          std::this_thread::sleep_for(std::chrono::milliseconds(std::min<long>(tick_ms, trickle_interval_.count())));
        }
      }
      return;
    }
    case Hostility::silent:
      hold(fd, stopping_);
      return;
    case Hostility::garbage:
      (void)send_all(fd, std::string("\x16\x03\x01garbage \x00\xff not HTTP\r\n\r\n", 26), stopping_);
      return;
    case Hostility::bad_bytes: {
      const std::string fields = "WWW-Authenticate: Bearer realm=\"" + bad + "\", error=\"invalid_token\", error_description=\"" +
                                 bad + "\"\r\nX-Bad: " + bad + "\r\n";
      if (read.request.method == "POST") {
        // A token response: the JSON itself carries invalid UTF-8 and an escaped NUL.
        (void)send_all(fd, ok_json(fields, "{\"access_token\":\"a\\u0000b\xff\",\"token_type\":\"Bearer\",\"x\":\"" + bad.substr(1, 27) + "\"}"), stopping_);
      } else {
        const std::string body = "{\"error\":\"" + bad.substr(1, 27) + "\"}";
        (void)send_all(fd, "HTTP/1.1 401 Unauthorized\r\n" + fields + "Content-Type: application/json\r\nContent-Length: " +
                               std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body, stopping_);
      }
      return;
    }
    case Hostility::short_content_length:
      (void)send_all(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{\"access_token\":\"x\"}", stopping_);
      hold(fd, stopping_);
      return;
    case Hostility::long_content_length:
      if (send_all(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"access_token\":", stopping_)) {
        hold(fd, stopping_);
      }
      return;
    case Hostility::bogus_chunk_size:
      (void)send_all(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz-not-hex\r\nabc\r\n0\r\n\r\n", stopping_);
      hold(fd, stopping_);
      return;
    case Hostility::redirect_loop:
      (void)send_all(fd, "HTTP/1.1 302 Found\r\nLocation: " + read.request.target + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", stopping_);
      return;
    case Hostility::redirect_elsewhere:
      (void)send_all(fd, "HTTP/1.1 307 Temporary Redirect\r\nLocation: " + origin + read.request.target +
                             "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", stopping_);
      return;
    case Hostility::gzip_bomb: {
      const auto& bomb = gzip_bomb_body();
      (void)send_all(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: " +
                             std::to_string(bomb.size()) + "\r\nConnection: close\r\n\r\n" + bomb, stopping_);
      return;
    }
  }
}

}  // namespace authprobe::conformance::testing
