#include "reference/server/http/cors.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

#include "reference/core/http_constants.hpp"
#include "reference/server/http/request_util.hpp"

namespace authprobe::server {
namespace {

namespace header = http::header;

constexpr std::string_view allowed_request_headers = "authorization, content-type";
constexpr std::string_view exposed_headers = "WWW-Authenticate, Server-Timing";
constexpr std::chrono::seconds preflight_max_age{600};

std::string str(std::string_view s) { return std::string(s); }

}  // namespace

CorsPolicy::CorsPolicy(std::vector<std::string> allowed_origins) : origins_(std::move(allowed_origins)) {}

bool CorsPolicy::allows(std::string_view origin) const {
  // Origins compare as exact serializations (scheme://host[:port]); "null" is never allowed.
  return std::find(origins_.begin(), origins_.end(), origin) != origins_.end();
}

bool CorsPolicy::is_preflight(const httplib::Request& request) {
  return request.method == "OPTIONS" && request.has_header(str(header::origin).c_str()) &&
         request.has_header(str(header::access_control_request_method).c_str());
}

void CorsPolicy::decorate(const httplib::Request& request, httplib::Response& response) const {
  if (!enabled()) return;
  response.set_header(str(header::vary), str(header::origin));
  if (request.get_header_value_count(str(header::origin).c_str()) != 1) return;
  const std::string origin = header_value(request, header::origin);
  if (!allows(origin)) return;
  response.set_header(str(header::access_control_allow_origin), origin);
  response.set_header(str(header::access_control_allow_credentials), "true");
  response.set_header(str(header::access_control_expose_headers), str(exposed_headers));
}

void CorsPolicy::answer_preflight(const httplib::Request& request, std::string_view allow,
                                  httplib::Response& response) const {
  response.status = http::status::no_content;
  response.set_header(str(header::allow), str(allow));
  if (!enabled() || !allows(header_value(request, header::origin))) return;
  response.set_header(str(header::access_control_allow_methods), str(allow));
  response.set_header(str(header::access_control_allow_headers), str(allowed_request_headers));
  response.set_header(str(header::access_control_max_age), std::to_string(preflight_max_age.count()));
}

}  // namespace authprobe::server
