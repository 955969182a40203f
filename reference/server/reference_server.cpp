#include "reference/server/reference_server.hpp"

#include <algorithm>

#include <sys/socket.h>
#include <thread>
#include <utility>

#include "reference/config/atomic_file.hpp"
#include "reference/server/describe/server_description.hpp"
#include "reference/server/http/http_hooks.hpp"
#include "reference/server/routes.hpp"
#include "reference/server/server_state.hpp"
#include "reference/server/tokens/refresh_token_state.hpp"

namespace authprobe::server {
namespace {

// Connections and timeouts (catalog HTTP-15).
// cpp-httplib 0.11.4 serves each connection on one pool thread for the connection's whole
// life: a keep-alive client, an idle connection and a slow-drip (slowloris) client each hold
// a thread, and a connection accepted while every thread is busy waits in the queue. So the
// pool must be larger than the connections the server should absorb at once: 512 threads by
// default (256 keep-alive clients plus 200 idle or slow-drip ones still leave threads for a
// legitimate client; an idle thread costs a stack reservation, not resident memory).
//   - read timeout 5 s: a connection that sends nothing for 5 s while a request is due, or
//     stalls 5 s inside its head or body, is closed (an idle one after keep_alive_timeout).
//     The timeout is per read, not per request: a client trickling one byte every 4 s keeps
//     its thread; the pool size is the bound on how many of those are absorbed.
//   - write timeout 5 s: a client that stops reading its response is dropped.
//   - keep-alive: up to 100000 requests per connection, 5 s idle between requests.
// Beyond that, put the server behind a proxy that buffers requests (nginx, HAProxy).
// cpp-httplib 0.11.4 listens with a backlog of 5: a burst of connects (256 clients starting at
// once) overflows it, the kernel drops the SYNs and each client stalls a second per
// retransmission. A second listen() on the socket raises the backlog (Linux updates it in
// place); the kernel caps it at net.core.somaxconn.
constexpr int listen_backlog = SOMAXCONN;
constexpr unsigned min_worker_threads = 512;
constexpr unsigned worker_threads_per_core = 8;
constexpr std::size_t keep_alive_max_requests = 100000;
constexpr auto start_timeout = std::chrono::seconds(5);
constexpr auto start_poll = std::chrono::milliseconds(2);

unsigned cores() { return std::max(1U, std::thread::hardware_concurrency()); }

unsigned worker_threads(const config::ServerConfig& config) {
  if (config.worker_threads != 0) return config.worker_threads;
  return std::max(min_worker_threads, worker_threads_per_core * cores());
}

Result<std::unique_ptr<httplib::Server>> make_http(const config::ServerConfig& config) {
  if (!config.tls) return std::make_unique<httplib::Server>();
  auto tls = std::make_unique<httplib::SSLServer>(config.tls->cert_file.c_str(), config.tls->key_file.c_str());
  if (!tls->is_valid())
    return fail(ServerErrc::tls_setup_failed,
                config.tls->cert_file.string() + " / " + config.tls->key_file.string());
  return std::unique_ptr<httplib::Server>(std::move(tls));
}

// Refresh tokens survive a restart only when a state file is configured (refresh_token_state.hpp).
Result<void> restore_refresh_tokens(ServerState& state) {
  if (!state.config.refresh_token_state_file) return {};
  const std::filesystem::path file = *state.config.refresh_token_state_file;
  auto saved = load_refresh_state(file);
  if (!saved) return tl::unexpected(saved.error());
  state.refresh_tokens.import_state(std::move(*saved));
  state.refresh_tokens.set_persist([file, log = state.log](const RefreshTokenState& now) {
    // A failed write is logged, never turned into a failed grant: the grant is valid in memory.
    if (auto written = config::write_file_atomically(file, serialize_refresh_state(now)); !written)
      log("cannot save the refresh-token state: " + written.error().message());
  });
  return {};
}

}  // namespace

Result<std::unique_ptr<ReferenceServer>> ReferenceServer::create(config::ServerConfig config,
                                                                 config::UsersFile users, jose::Key signing_key,
                                                                 ServerOptions options) {
  if (!signing_key.can_sign()) return fail(ServerErrc::bad_key, "a public key was given where a signing key is needed");
  // A policy the verifier would refuse (e.g. leeway over 300 s) is a start-up error, never a
  // server that silently rejects every token.
  if (auto policy = jose::JwtVerifier::validate(validation_policy(config)); !policy)
    return tl::unexpected(policy.error());
  auto http = make_http(config);
  if (!http) return tl::unexpected(http.error());

  jose::KeySet keys;
  keys.add(signing_key);
  GateLimits gate{config.hash_concurrency != 0 ? config.hash_concurrency : cores(), options.password_queue_limit,
                  options.password_queue_wait};
  auto write_back = options.users_write_back;
  if (!write_back && options.write_back_to_config_users_file && !config.users_file.empty())
    write_back = config.users_file;
  const bool tls = config.tls.has_value();
  auto state = std::make_unique<ServerState>(std::move(config), std::move(users), std::move(signing_key),
                                             std::move(keys), std::move(options.log), gate,
                                             options.max_refresh_tokens, std::move(options.clock),
                                             std::move(write_back));
  state->show_demo_credentials = options.show_demo_credentials;
  if (auto restored = restore_refresh_tokens(*state); !restored) return tl::unexpected(restored.error());
  auto server = std::unique_ptr<ReferenceServer>(new ReferenceServer(std::move(state), std::move(*http), tls));
  server->install_hooks();
  return server;
}

ReferenceServer::ReferenceServer(std::unique_ptr<ServerState> state, std::unique_ptr<httplib::Server> http, bool tls)
    : state_(std::move(state)), http_(std::move(http)), tls_(tls) {}

ReferenceServer::~ReferenceServer() { stop(); }

void ReferenceServer::install_hooks() {
  const auto& config = state_->config;
  const unsigned threads = worker_threads(config);
  http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_->set_tcp_nodelay(true);
  http_->set_socket_options([this](socket_t sock) {
    httplib::default_socket_options(sock);
    listen_socket_ = sock;
  });
  http_->set_keep_alive_max_count(keep_alive_max_requests);
  http_->set_keep_alive_timeout(keep_alive_timeout.count());
  http_->set_read_timeout(read_timeout);
  http_->set_write_timeout(write_timeout);
  // RFC 9110 §15.5.14: bodies over the limit get 413 before they are read.
  http_->set_payload_max_length(config.max_body_bytes);
  install_http_hooks(*http_, *state_);
  install_routes(*http_, *state_);
}

Result<std::uint16_t> ReferenceServer::start() {
  if (listener_.joinable()) return fail(ServerErrc::already_started);
  const auto& config = state_->config;
  int bound = -1;
  if (config.port == 0) {
    bound = http_->bind_to_any_port(config.host);
  } else if (http_->bind_to_port(config.host, config.port)) {
    bound = config.port;
  }
  if (bound <= 0) return fail(ServerErrc::bind_failed, config.host + ":" + std::to_string(config.port));
  if (listen_socket_ >= 0) ::listen(listen_socket_, listen_backlog);  // best effort: 5 still works
  port_ = static_cast<std::uint16_t>(bound);
  state_->base_url = base_url();  // before the listener thread exists: no request sees it change
  std::promise<void> done;
  listener_done_ = done.get_future().share();
  listener_ = std::thread([this, done = std::move(done)]() mutable {
    http_->listen_after_bind();
    done.set_value();
  });

  const auto deadline = std::chrono::steady_clock::now() + start_timeout;
  while (!http_->is_running() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(start_poll);
  if (!http_->is_running()) {
    stop();
    return fail(ServerErrc::start_failed, base_url());
  }
  return port_;
}

void ReferenceServer::stop() {
  if (!listener_.joinable()) return;
  http_->stop();
  listener_.join();
}

bool ReferenceServer::stop_within(std::chrono::milliseconds bound) {
  if (!listener_.joinable()) return true;
  http_->stop();
  if (listener_done_.wait_for(bound) != std::future_status::ready) return false;
  listener_.join();
  return true;
}

std::string ReferenceServer::base_url() const {
  const std::string& host = state_->config.host;
  const bool ipv6 = host.find(':') != std::string::npos;
  return std::string(tls_ ? "https://" : "http://") + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port_);
}

std::string ReferenceServer::description() const { return description::server_description(*state_); }

PasswordGate& ReferenceServer::password_gate() { return state_->gate; }

unsigned ReferenceServer::exceptions_caught() const { return state_->exceptions_caught.load(); }

void ReferenceServer::replace_users(config::UsersFile users) { state_->accounts.replace(std::move(users)); }

config::UsersFile ReferenceServer::users_snapshot() const { return state_->accounts.snapshot(); }

}  // namespace authprobe::server
