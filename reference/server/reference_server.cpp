#include "reference/server/reference_server.hpp"

#include <algorithm>
#include <thread>
#include <utility>

#include "reference/server/http_hooks.hpp"
#include "reference/server/routes.hpp"
#include "reference/server/server_state.hpp"

namespace authprobe::server {
namespace {

// Tuning (issue 2: stock cpp-httplib settings cap this machine at ~300 requests/s). Every
// keep-alive connection holds a pool thread for its lifetime, so the pool bounds concurrent
// clients; keep-alive lets a client reuse its connection for many requests.
constexpr unsigned min_worker_threads = 64;
constexpr unsigned worker_threads_per_core = 8;
constexpr std::size_t keep_alive_max_requests = 100000;
constexpr std::time_t keep_alive_timeout_seconds = 5;
constexpr std::time_t read_timeout_seconds = 5;   // slow headers/bodies are cut off (catalog HTTP-15)
constexpr std::time_t write_timeout_seconds = 5;
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
  http_->set_keep_alive_max_count(keep_alive_max_requests);
  http_->set_keep_alive_timeout(keep_alive_timeout_seconds);
  http_->set_read_timeout(read_timeout_seconds);
  http_->set_write_timeout(write_timeout_seconds);
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
  port_ = static_cast<std::uint16_t>(bound);
  listener_ = std::thread([this] { http_->listen_after_bind(); });

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

std::string ReferenceServer::base_url() const {
  const std::string& host = state_->config.host;
  const bool ipv6 = host.find(':') != std::string::npos;
  return std::string(tls_ ? "https://" : "http://") + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port_);
}

PasswordGate& ReferenceServer::password_gate() { return state_->gate; }

unsigned ReferenceServer::exceptions_caught() const { return state_->exceptions_caught.load(); }

void ReferenceServer::replace_users(config::UsersFile users) { state_->accounts.replace(std::move(users)); }

config::UsersFile ReferenceServer::users_snapshot() const { return state_->accounts.snapshot(); }

}  // namespace authprobe::server
