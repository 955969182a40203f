#pragma once
// A plain TCP connection to 127.0.0.1 for load and fault tests: idle and slow-drip clients,
// truncated requests, abrupt (RST) disconnects.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace authprobe::server::testing {

class LoopbackSocket {
 public:
  explicit LoopbackSocket(std::uint16_t port);  // check connected()
  ~LoopbackSocket();
  LoopbackSocket(LoopbackSocket&& other) noexcept;
  LoopbackSocket& operator=(LoopbackSocket&&) = delete;
  LoopbackSocket(const LoopbackSocket&) = delete;
  LoopbackSocket& operator=(const LoopbackSocket&) = delete;

  [[nodiscard]] bool connected() const { return fd_ >= 0; }
  // False when the peer has gone (EPIPE/ECONNRESET) or the socket is closed.
  [[nodiscard]] bool send(std::string_view bytes);
  // Whatever arrives within `wait` (up to 64 KiB); empty on timeout or close.
  [[nodiscard]] std::string receive(std::chrono::milliseconds wait);
  // True when the peer has closed the connection (EOF or reset) within `wait`.
  [[nodiscard]] bool closed_by_peer(std::chrono::milliseconds wait);
  void shutdown_write();
  // Closes with SO_LINGER 0: the peer sees a reset, not an orderly close.
  void reset();

 private:
  int fd_ = -1;
};

}  // namespace authprobe::server::testing
