#pragma once
// CORS for configured origins only (Fetch standard, CORS protocol). The server authenticates
// with the Authorization header, so it answers with the exact origin and never "*" (a wildcard
// neither covers Authorization nor may go with credentials).
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>

namespace authprobe::server {

class CorsPolicy {
 public:
  explicit CorsPolicy(std::vector<std::string> allowed_origins);

  [[nodiscard]] bool enabled() const { return !origins_.empty(); }
  [[nodiscard]] bool allows(std::string_view origin) const;

  // Every response: ACAO for an allowed Origin (errors included, with WWW-Authenticate
  // exposed so scripts can read the challenge), and Vary: Origin.
  void decorate(const httplib::Request& request, httplib::Response& response) const;

  // A preflight (OPTIONS + Origin + Access-Control-Request-Method). Answers 204 without
  // demanding authentication; `allow` lists the resource's methods.
  [[nodiscard]] static bool is_preflight(const httplib::Request& request);
  void answer_preflight(const httplib::Request& request, std::string_view allow, httplib::Response& response) const;

 private:
  std::vector<std::string> origins_;
};

}  // namespace authprobe::server
