#pragma once
// The reference server, started in-process by `authprobe serve`, `authprobe demo`, the
// conformance suite, the benchmarks and the tests:
//
//   auto server = ReferenceServer::create(config, users, key).value();
//   auto port = server->start();        // binds config.host (port 0: ephemeral), serves on a thread
//   ... httplib::Client client(server->base_url()) ...
//   server->stop();                     // also done by the destructor
//
// Plain HTTP by default; HTTPS (cpp-httplib SSLServer) when config.tls is set.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <httplib.h>

#include "reference/config/server_config.hpp"
#include "reference/config/users.hpp"
#include "reference/core/result.hpp"
#include "reference/jose/key.hpp"
#include "reference/server/authenticate.hpp"
#include "reference/server/login/password_gate.hpp"
#include "reference/server/server_errc.hpp"
#include "reference/server/server_log.hpp"

namespace authprobe::server {

struct ServerState;

// Settings that are not part of the config file: wiring for embedding and tests.
struct ServerOptions {
  LogSink log = stderr_log();
  // Upgraded password hashes are written here (atomically); nullopt keeps them in memory.
  // Defaults to config.users_file when that is set.
  std::optional<std::filesystem::path> users_write_back;
  bool write_back_to_config_users_file = true;
  // Password gate: concurrency comes from config.hash_concurrency (0: number of cores).
  std::size_t password_queue_limit = 256;
  std::chrono::milliseconds password_queue_wait{3000};
  std::size_t max_refresh_tokens = 100000;
  Clock clock = system_clock_seconds();
  // Only when the users are the demo fixture (fixtures/reference/users.json): the
  // self-description (GET /, description()) then shows its published test passwords and client
  // secrets. Never for a users file an operator supplied.
  bool show_demo_credentials = false;
};

class ReferenceServer {
 public:
  [[nodiscard]] static Result<std::unique_ptr<ReferenceServer>> create(config::ServerConfig config,
                                                                       config::UsersFile users,
                                                                       jose::Key signing_key,
                                                                       ServerOptions options = {});
  ~ReferenceServer();
  ReferenceServer(const ReferenceServer&) = delete;
  ReferenceServer& operator=(const ReferenceServer&) = delete;

  // Binds and starts listening on a background thread; returns the bound port.
  [[nodiscard]] Result<std::uint16_t> start();
  // Stops listening and joins the thread. Idempotent.
  void stop();
  // Graceful shutdown (authprobe serve on SIGINT/SIGTERM): stops accepting at once; requests
  // already being read or handled run to completion and get their response; idle keep-alive
  // connections close within keep_alive_timeout. Returns false if connections were still busy
  // after `bound` (a client trickling a request keeps its worker; cpp-httplib 0.11.4 has no
  // per-request deadline): the caller may then end the process, which is all that is left.
  [[nodiscard]] bool stop_within(std::chrono::milliseconds bound);

  [[nodiscard]] std::uint16_t port() const { return port_; }
  // e.g. "http://127.0.0.1:41234" (https when TLS is on).
  [[nodiscard]] std::string base_url() const;
  // What the server is, in plain text (the same text as GET /): users, clients, routes, curl lines.
  [[nodiscard]] std::string description() const;

  // For tests: the password gate (hold a Permit to make logins wait or 503 deterministically)
  // and how often the exception backstop fired (must stay 0).
  [[nodiscard]] PasswordGate& password_gate();
  [[nodiscard]] unsigned exceptions_caught() const;
  // Replaces the users and clients the server knows (users disabled or deleted here lose
  // access at once, their tokens included: catalog AUTHZ-13).
  void replace_users(config::UsersFile users);
  // The users as the server holds them now (after any hash upgrades).
  [[nodiscard]] config::UsersFile users_snapshot() const;

 private:
  ReferenceServer(std::unique_ptr<ServerState> state, std::unique_ptr<httplib::Server> http, bool tls);
  void install_hooks();

  std::unique_ptr<ServerState> state_;
  std::unique_ptr<httplib::Server> http_;
  bool tls_ = false;
  std::uint16_t port_ = 0;
  int listen_socket_ = -1;  // seen through the socket-options hook, to raise its backlog
  std::thread listener_;
  std::shared_future<void> listener_done_;
};

// The timeouts the server sets on cpp-httplib (documented in reference_server.cpp).
inline constexpr std::chrono::seconds read_timeout{5};
inline constexpr std::chrono::seconds write_timeout{5};
inline constexpr std::chrono::seconds keep_alive_timeout{5};
// What `authprobe serve` waits for in-flight requests after SIGINT/SIGTERM: one read timeout
// for a request being received, one write timeout for its response, one keep-alive wait, and
// slack for a password hash.
inline constexpr std::chrono::seconds shutdown_bound = read_timeout + write_timeout + keep_alive_timeout + std::chrono::seconds(5);

}  // namespace authprobe::server
