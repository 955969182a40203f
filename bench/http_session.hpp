#pragma once
// The server the HTTP suite measures: the reference server started in-process on a free
// loopback port with the fixture users (the default), or any server described by a
// conformance target profile (--target URL --profile FILE). Requests are built from the
// profile exactly as the conformance suite builds them.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "bench/http_load.hpp"
#include "conformance/target_profile.hpp"

namespace authprobe::server {
class ReferenceServer;
}

namespace authprobe::bench {

struct HttpOptions {
  std::optional<std::string> target;               // overrides the profile's base_url
  std::optional<std::filesystem::path> profile;    // default: the embedded reference profile
  std::string open_path = "/health";               // the unauthenticated baseline route
  std::string user = "alice";                      // fixture user (logical name) who logs in
  std::vector<unsigned> client_threads = {1, 2, 4};
  unsigned storm_threads = 0;                      // 0: as many as the server has hash slots
  unsigned login_threads = 0;                      // 0: twice the server's hash slots
};

class HttpSession {
 public:
  // Starts the in-process server when no --target/--profile is given. Errors are messages
  // for the user (bad profile, server did not start): a usage problem, not a measurement.
  [[nodiscard]] static tl::expected<std::shared_ptr<HttpSession>, std::string> open(const HttpOptions& options);
  ~HttpSession();
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  [[nodiscard]] const std::string& base_url() const { return base_url_; }
  [[nodiscard]] const HttpOptions& options() const { return options_; }
  [[nodiscard]] bool embedded() const { return server_ != nullptr; }

  [[nodiscard]] RequestSpec open_route() const;
  [[nodiscard]] tl::expected<RequestSpec, std::string> login() const;
  // The bearer-protected route with a token freshly obtained through the login request.
  [[nodiscard]] tl::expected<RequestSpec, std::string> protected_route() const;

  // Hashes the server runs at once, and the median time of verifying the login user's
  // password against the stored hash with that many verifies running at once, measured now
  // (in-process server only: a remote server's hash is unknown).
  [[nodiscard]] unsigned hash_slots() const { return hash_slots_; }
  [[nodiscard]] std::optional<double> measure_hash_ms() const;

 private:
  HttpSession() = default;

  HttpOptions options_;
  conformance::TargetProfile profile_;
  std::string base_url_;
  std::unique_ptr<server::ReferenceServer> server_;
  unsigned hash_slots_ = 1;
  std::string stored_hash_;  // the login user's, in-process server only
};

}  // namespace authprobe::bench
