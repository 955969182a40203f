#pragma once
// One request the demo sent and the answer it got, as the printers show them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>

namespace authprobe::tools::demo {

struct Header {
  std::string name;
  std::string value;
};

struct SentRequest {
  std::string method;
  std::string target;
  std::string host;  // host:port, as cpp-httplib sends it
  std::vector<Header> headers;  // the ones the demo sets (cpp-httplib adds Accept, User-Agent, Content-Length)
  std::string body;
};

[[nodiscard]] bool same_field_name(std::string_view a, std::string_view b);

struct Received {
  int status = 0;
  std::string reason;
  std::vector<Header> headers;  // every header, in cpp-httplib's (case-insensitive name) order
  std::string body;

  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
  // Every value of a header that may repeat (WWW-Authenticate: one challenge per scheme), one per line.
  [[nodiscard]] std::optional<std::string> all_values(std::string_view name) const;
};

struct Exchange {
  std::string note;  // said before the request (e.g. that a server's clock moved)
  SentRequest request;
  std::optional<Received> response;
  std::string failure;  // why there is no response
};

// Sends the request and records the answer (or why there was none).
[[nodiscard]] Exchange send_request(httplib::Client& client, SentRequest request, std::string note = {});

// A string member of a JSON answer (access_token, refresh_token); empty when there is none.
[[nodiscard]] std::string json_string_member(const Received& response, std::string_view member);

}  // namespace authprobe::tools::demo
