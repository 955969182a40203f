#pragma once
// The suite's HTTP client. Checks build requests with the builders below (no copy-pasted
// requests) and send them through one Probe, which records every exchange for the evidence and
// the run-wide observation log. Every request, well-formed or malformed on purpose (duplicate or
// malformed header lines, obs-fold, NUL, CL+TE), goes through the raw sender: one bounded reader
// for everything a target sends back, never following redirects, never decompressing. The
// Probe also keeps the time budgets of limits.hpp (per request, per check, per run).
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "conformance/finding.hpp"
#include "conformance/limits.hpp"
#include "conformance/raw_sender.hpp"

namespace authprobe::conformance {

using FormParams = std::vector<std::pair<std::string, std::string>>;  // order and duplicates kept

// application/x-www-form-urlencoded (WHATWG / RFC 6749 Appendix B): space -> '+', everything
// outside the unreserved set percent-encoded.
[[nodiscard]] std::string form_urlencode(std::string_view text);
[[nodiscard]] std::string form_encode(const FormParams& params);
[[nodiscard]] std::string base64(std::string_view bytes);  // standard alphabet, padded

struct Request {
  std::string method = "GET";
  std::string target = "/";        // path and query, sent verbatim (no re-encoding)
  HeaderLines headers;             // duplicates allowed (then sent raw)
  std::vector<std::string> raw_lines;  // header lines written byte for byte (forces raw)
  std::string body;
  bool auto_content_length = true; // raw sender: add Content-Length for a non-empty body
  bool force_raw = false;

  [[nodiscard]] Request with_header(std::string name, std::string value) const;
  [[nodiscard]] Request with_raw_line(std::string line) const;
  [[nodiscard]] Request with_authorization(std::string value) const;
  // RFC 7617 §2: base64(user ":" password), bytes as given (no normalisation).
  [[nodiscard]] Request with_basic(std::string_view user, std::string_view password) const;
  [[nodiscard]] Request with_bearer(std::string_view token) const;
  [[nodiscard]] Request with_body(std::string content_type, std::string body) const;
  [[nodiscard]] Request with_form(const FormParams& params) const;
  [[nodiscard]] Request with_query(const FormParams& params) const;  // appended to target
  [[nodiscard]] Request with_method(std::string method) const;
  [[nodiscard]] Request without_content_length() const;
  [[nodiscard]] Request raw() const;  // send through the raw-socket sender
  [[nodiscard]] bool needs_raw() const;
};

namespace req {
[[nodiscard]] Request get(std::string target);
[[nodiscard]] Request head(std::string target);
[[nodiscard]] Request options(std::string target);
[[nodiscard]] Request post(std::string target);
[[nodiscard]] Request post_form(std::string target, const FormParams& params);
[[nodiscard]] Request method(std::string method, std::string target);
}  // namespace req

struct Response {
  int status = 0;
  HeaderLines headers;
  std::string body;
  double elapsed_ms = 0.0;
  Exchange exchange;

  // Field names compare case-insensitively (RFC 9110 §5.1).
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
  [[nodiscard]] std::vector<std::string> header_values(std::string_view name) const;
  [[nodiscard]] bool has_header(std::string_view name) const;
  [[nodiscard]] std::optional<nlohmann::json> json() const;  // parsed body, nullopt if not JSON
  [[nodiscard]] std::string media_type() const;              // Content-Type without parameters, lower-case
};

struct TransportFailure {
  TransportKind kind = TransportKind::other;
  std::string message;
  Exchange exchange;
};

using SendResult = tl::expected<Response, TransportFailure>;

struct ProbeSettings {
  std::string base_url;                 // scheme://host[:port]
  std::optional<std::string> cacert;    // CA bundle for HTTPS targets
  bool insecure = false;                // skip certificate verification
  std::chrono::milliseconds connect_timeout = limits::connect_time;
  std::chrono::milliseconds read_timeout = limits::request_time;  // one exchange, connect to last byte
  ResponseLimits response_limits{};
  std::chrono::milliseconds check_time = limits::check_time;
  std::chrono::milliseconds run_stall_time = limits::run_stall_time;
  std::chrono::milliseconds run_time = limits::run_time;
};

class Probe {
public:
  using Observer = std::function<void(const Exchange&)>;

  explicit Probe(ProbeSettings settings);
  ~Probe();
  Probe(const Probe&) = delete;
  Probe& operator=(const Probe&) = delete;

  [[nodiscard]] SendResult send(const Request& request);
  // Several requests written back to back on one connection (RFC 9112 §9.3 pipelining); one
  // result per response read before the connection closed or the timeout.
  [[nodiscard]] std::vector<SendResult> send_pipelined(const std::vector<Request>& requests);
  // The requests on one keep-alive connection, each sent after the previous response.
  [[nodiscard]] std::vector<SendResult> send_sequential(const std::vector<Request>& requests);

  [[nodiscard]] const ProbeSettings& settings() const { return settings_; }
  void set_observer(Observer observer) { observer_ = std::move(observer); }
  // A new check begins: its check_time starts now (the run's budgets go on).
  void begin_check();
  // A probe for another thread of the same run (--jobs): its own check clock and observer, but
  // the run's budgets shared with this one, so that run_time counts from the run's start and
  // run_stall_time adds up every thread's unanswered waits.
  [[nodiscard]] std::unique_ptr<Probe> for_worker() const;

private:
  using Clock = std::chrono::steady_clock;
  [[nodiscard]] std::vector<SendResult> send_on_one_connection(const std::vector<Request>& requests, Framing framing);
  // The time the next exchange may take, or the limit that forbids sending at all.
  [[nodiscard]] tl::expected<std::chrono::milliseconds, std::string> time_allowed() const;
  void observe(const Exchange& exchange) const;

  // What the whole run has used, shared by the probes of its threads.
  struct RunBudget {
    Clock::time_point started = Clock::now();
    std::atomic<Clock::rep> stalled{0};  // spent in exchanges that ended without a complete response (timeout)
  };

  ProbeSettings settings_;
  Observer observer_;
  std::shared_ptr<RunBudget> run_ = std::make_shared<RunBudget>();
  Clock::time_point check_started_ = run_->started;
};

// A copy-paste curl command sending exactly the recorded bytes; empty when curl cannot (then
// `authprobe replay` re-sends them).
[[nodiscard]] std::string to_curl(const RequestRecord& request, const ProbeSettings& settings);

}  // namespace authprobe::conformance
