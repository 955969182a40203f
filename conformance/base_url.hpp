#pragma once
// scheme://host[:port][/prefix] split once, for the httplib client and the raw sender.
#include <optional>
#include <string>
#include <string_view>

namespace authprobe::conformance {

struct BaseUrl {
  std::string scheme;  // http or https
  std::string host;
  int port = 0;
  std::string prefix;  // path prefix without trailing '/', may be empty

  [[nodiscard]] std::string origin() const;  // scheme://host:port
  [[nodiscard]] bool tls() const { return scheme == "https"; }
};

[[nodiscard]] std::optional<BaseUrl> parse_base_url(std::string_view url);

}  // namespace authprobe::conformance
