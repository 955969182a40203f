#include "conformance/forge/jwks_listener.hpp"

#include <chrono>

#include <httplib.h>

#include "conformance/listener_start.hpp"

namespace authprobe::conformance::forge {
namespace {

constexpr std::string_view loopback = "127.0.0.1";
// A target that does fetch must not be able to hold the listener (and the run) open.
constexpr time_t io_timeout_seconds = 2;
constexpr int status_ok = 200;
constexpr int status_not_found = 404;

}  // namespace

JwksListener::JwksListener() : server_(std::make_unique<httplib::Server>()) {}

JwksListener::~JwksListener() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

Result<std::unique_ptr<JwksListener>> JwksListener::start(std::string jwks_json, std::string certificate_pem) {
  std::unique_ptr<JwksListener> self(new JwksListener());
  auto* raw = self.get();
  raw->server_->set_read_timeout(io_timeout_seconds, 0);
  raw->server_->set_write_timeout(io_timeout_seconds, 0);
  raw->server_->set_pre_routing_handler(
      [raw, jwks = std::move(jwks_json), pem = std::move(certificate_pem)](
          const httplib::Request& req, httplib::Response& res) {
        raw->record(req.method, req.path);
        if (req.path == jwks_path) {
          res.status = status_ok;
          res.set_content(jwks, "application/jwk-set+json");
        } else if (req.path == certificate_path) {
          res.status = status_ok;
          res.set_content(pem, "application/x-pem-file");
        } else {
          res.status = status_not_found;
        }
        return httplib::Server::HandlerResponse::Handled;
      });
  raw->port_ = raw->server_->bind_to_any_port(std::string(loopback));
  if (raw->port_ <= 0) return fail("could not bind a loopback port for the JWKS listener");
  raw->thread_ = std::thread([raw] { raw->server_->listen_after_bind(); });
  // httplib's stop() is a no-op until the accept loop runs, so the destructor could otherwise
  // join a thread that never ends; wait (bounded) until the loop is up.
  if (!wait_until_running(*raw->server_)) return fail("the JWKS listener did not start");
  return self;
}

std::string JwksListener::url(std::string_view path) const {
  return "http://" + std::string(loopback) + ":" + std::to_string(port_) + std::string(path);
}

std::vector<std::string> JwksListener::fetched_paths() const {
  const std::lock_guard lock(mutex_);
  return paths_;
}

void JwksListener::record(const std::string& method, const std::string& path) {
  {
    const std::lock_guard lock(mutex_);
    paths_.push_back(method + " " + path);
  }
  ++fetches_;
}

}  // namespace authprobe::conformance::forge
