#pragma once
// Test-only FLAW PROXY (every check is shown to FAIL against a server with that one flaw): an httplib server on an ephemeral 127.0.0.1 port that forwards every request to an
// upstream server and hands back its answer, except where one named Flaw rewrites the request,
// the response, or answers by itself.
//
// Why the mutant tests put the REFERENCE server behind it: the reference is only the correct
// base each flaw breaks (it passes every applicable check in strict, tools/commands/check_e2e_test),
// so a check that still passes through the proxy with one flaw switched on is a suite bug. The
// suite library itself links nothing from reference/ (the yardstick rule); this file does not
// either: it speaks HTTP to whatever base URL it is given.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <httplib.h>

namespace authprobe::conformance::testing {

using Fields = std::vector<std::pair<std::string, std::string>>;  // decoded, order and duplicates kept

// Header helpers shared by requests and responses (names compare case-insensitively).
struct Message {
  httplib::Headers headers;
  std::string body;

  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
  void set_header(std::string_view name, std::string value);  // replaces every line of that name
  void remove_header(std::string_view name);
};

struct ProxyRequest : Message {
  std::string method;
  std::string target;  // raw path and query, as received

  [[nodiscard]] std::string path() const;
  [[nodiscard]] std::string query() const;  // raw, without '?'
  // The form body (application/x-www-form-urlencoded), decoded.
  [[nodiscard]] Fields form() const;
  [[nodiscard]] std::optional<std::string> form_value(std::string_view name) const;
  void set_form(const Fields& fields);  // re-encodes the body and sets the Content-Type
  // The decoded `user:pass` of an Authorization: Basic header, if it decodes.
  [[nodiscard]] std::optional<std::string> basic_user_pass() const;
  void set_basic(std::string_view user_pass);
};

struct ProxyResponse : Message {
  int status = 0;

  // The JSON body, if it is a JSON object.
  [[nodiscard]] std::optional<std::string> json_string(std::string_view member) const;
  void set_json(int new_status, const std::string& json_text);
};

// The correct server behind the proxy: one call forwards one request and returns its answer
// (502 when the upstream cannot be reached).
using Upstream = std::function<ProxyResponse(const ProxyRequest&)>;

// One flaw: sees each request and decides what the client gets, usually by calling upstream
// (possibly with a rewritten request) and editing the answer.
struct Flaw {
  std::string name;
  std::function<ProxyResponse(ProxyRequest, const Upstream&)> apply;
};

// Forwards everything unchanged: the control every mutant test compares against.
[[nodiscard]] Flaw no_flaw();

// Helpers flaws are built from.
[[nodiscard]] Fields parse_form(std::string_view body);
[[nodiscard]] std::string encode_form(const Fields& fields);
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text);
[[nodiscard]] std::string basic_authorization(std::string_view user_pass);

class FlawProxy {
public:
  FlawProxy(std::string upstream_base_url, Flaw flaw);
  ~FlawProxy();
  FlawProxy(const FlawProxy&) = delete;
  FlawProxy& operator=(const FlawProxy&) = delete;

  [[nodiscard]] std::string base_url() const;
  [[nodiscard]] const std::string& flaw_name() const { return flaw_.name; }

private:
  void handle(const httplib::Request& req, httplib::Response& res) const;
  [[nodiscard]] ProxyResponse forward(const ProxyRequest& request) const;

  std::string upstream_;
  Flaw flaw_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace authprobe::conformance::testing
