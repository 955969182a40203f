// Probe: sends every request through the raw sender within the time budgets of limits.hpp, and
// turns each exchange into evidence.
#include "conformance/probe.hpp"

#include <algorithm>
#include <chrono>

#include "conformance/base_url.hpp"
#include "conformance/challenge.hpp"
#include "conformance/curl_line.hpp"
#include "conformance/http_constants.hpp"
#include "conformance/wire_deflate.hpp"

namespace authprobe::conformance {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t excerpt_bytes = 2048;
constexpr std::size_t curl_body_limit = 4096;
constexpr char first_printable = 0x20;
constexpr char last_printable = 0x7E;
constexpr std::string_view user_agent = "authprobe/" AUTHPROBE_VERSION;

std::string printable_excerpt(std::string_view bytes, std::size_t limit = excerpt_bytes) {
  std::string out;
  constexpr std::string_view hex = "0123456789abcdef";
  for (std::size_t i = 0; i < bytes.size() && i < limit; ++i) {
    const char c = bytes[i];
    if ((c >= first_printable && c <= last_printable) || c == '\n' || c == '\t' || (c & '\x80') != 0) {
      out.push_back(c);
    } else {
      const auto u = static_cast<unsigned char>(c);
      out += "\\x";
      out.push_back(hex[u >> 4U]);
      out.push_back(hex[u & 0x0FU]);
    }
  }
  if (bytes.size() > limit) out += "...";
  return out;
}

double elapsed_ms(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string serialize(const Request& request, const BaseUrl& url, bool keep_alive) {
  std::string out = request.method + " " + url.prefix + request.target + " HTTP/1.1\r\n";
  bool has_host = false;
  bool has_connection = false;
  for (const auto& [name, value] : request.headers) {
    has_host = has_host || iequals(name, http::header::host);
    has_connection = has_connection || iequals(name, http::header::connection);
  }
  if (!has_host) out += "Host: " + url.host + ":" + std::to_string(url.port) + "\r\n";
  out += "User-Agent: " + std::string(user_agent) + "\r\n";
  // What an ordinary client (curl, httplib) sends; requests malformed on purpose carry only what
  // the check wrote. No Accept-Encoding, ever: the suite reads bodies as sent, never inflated.
  const bool has_accept = std::any_of(request.headers.begin(), request.headers.end(),
                                      [](const auto& field) { return iequals(field.first, http::header::accept); });
  if (!request.needs_raw() && !has_accept) out += "Accept: */*\r\n";
  for (const auto& [name, value] : request.headers) out += name + ": " + value + "\r\n";
  for (const auto& line : request.raw_lines) out += line + "\r\n";
  if (request.auto_content_length && (!request.body.empty() || request.method == "POST" || request.method == "PUT")) {
    out += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
  }
  if (!has_connection) out += keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
  out += "\r\n";
  out += request.body;
  return out;
}

ResponseRecord record_of(const Response& response) {
  ResponseRecord record;
  record.status = response.status;
  record.headers = response.headers;
  record.body_excerpt = printable_excerpt(response.body);
  record.body_bytes = response.body.size();
  record.elapsed_ms = response.elapsed_ms;
  return record;
}

}  // namespace

std::optional<std::string> Response::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return std::nullopt;
}

std::vector<std::string> Response::header_values(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) values.push_back(value);
  }
  return values;
}

bool Response::has_header(std::string_view name) const { return header(name).has_value(); }

std::optional<nlohmann::json> Response::json() const {
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

std::string Response::media_type() const {
  const auto value = header(http::header::content_type);
  if (!value) return {};
  auto type = value->substr(0, value->find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  return to_lower(type);
}

std::string to_curl(const RequestRecord& request, const ProbeSettings& settings) {
  const auto url = parse_base_url(settings.base_url);
  if (!url) return {};
  return curl_line(request, url->origin(), CurlOptions{settings.cacert, settings.insecure});
}

Probe::Probe(ProbeSettings settings) : settings_(std::move(settings)) {}
Probe::~Probe() = default;

void Probe::observe(const Exchange& exchange) const {
  if (observer_) observer_(exchange);
}

namespace {
RequestRecord make_record(const Request& request, const BaseUrl& url, bool raw) {
  RequestRecord record;
  record.method = request.method;
  record.target = url.prefix + request.target;
  record.url = url.origin() + record.target;
  record.headers = request.headers;
  record.raw_lines = request.raw_lines;
  record.body_excerpt = printable_excerpt(request.body, curl_body_limit);
  record.body_bytes = request.body.size();
  record.raw = raw;
  const auto wire = serialize(request, url, false);
  record.wire_bytes = wire.size();
  record.wire = wire.substr(0, wire_limit);
  if (wire.size() > wire_limit) record.wire_deflated = deflate_wire(wire, wire_limit).value_or("");
  return record;
}
}  // namespace

void Probe::begin_check() { check_started_ = Clock::now(); }

std::unique_ptr<Probe> Probe::for_worker() const {
  auto worker = std::make_unique<Probe>(settings_);
  worker->run_ = run_;
  return worker;
}

tl::expected<std::chrono::milliseconds, std::string> Probe::time_allowed() const {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  const auto now = Clock::now();
  const auto seconds = [](milliseconds ms) { return std::to_string(ms.count() / 1000) + " s"; };
  const Clock::duration stalled(run_->stalled.load());
  if (stalled >= settings_.run_stall_time) {
    return tl::unexpected("not sent: the run already waited " + seconds(duration_cast<milliseconds>(stalled)) +
                          " on requests the target never answered (limits::" + std::string(limits::run_stall_time_name) +
                          " = " + seconds(settings_.run_stall_time) + ")");
  }
  const auto run_left = duration_cast<milliseconds>(run_->started + settings_.run_time - now);
  if (run_left.count() <= 0) {
    return tl::unexpected("not sent: the run took longer than limits::" + std::string(limits::run_time_name) + " = " +
                          seconds(settings_.run_time));
  }
  const auto check_left = duration_cast<milliseconds>(check_started_ + settings_.check_time - now);
  if (check_left.count() <= 0) {
    return tl::unexpected("not sent: this check took longer than limits::" + std::string(limits::check_time_name) + " = " +
                          seconds(settings_.check_time));
  }
  return std::min({settings_.read_timeout, run_left, check_left});
}

SendResult Probe::send(const Request& request) {
  auto results = send_on_one_connection({request}, Framing::pipelined);
  return std::move(results.front());
}

std::vector<SendResult> Probe::send_pipelined(const std::vector<Request>& requests) {
  return send_on_one_connection(requests, Framing::pipelined);
}

std::vector<SendResult> Probe::send_sequential(const std::vector<Request>& requests) {
  return send_on_one_connection(requests, Framing::sequential);
}

std::vector<SendResult> Probe::send_on_one_connection(const std::vector<Request>& requests, Framing framing) {
  std::vector<SendResult> results;
  const auto url = parse_base_url(settings_.base_url);
  if (!url) {
    results.emplace_back(tl::unexpected(TransportFailure{TransportKind::connect, "bad base URL " + settings_.base_url, {}}));
    return results;
  }
  std::vector<std::string> wire;
  std::vector<bool> heads;
  std::vector<Exchange> exchanges;
  // A single well-formed request is shown as the curl command a user would type; anything else
  // as the exact bytes.
  const bool as_curl = requests.size() == 1 && !requests.front().needs_raw();
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const bool last = i + 1 == requests.size();
    wire.push_back(serialize(requests[i], *url, !last));
    heads.push_back(requests[i].method == "HEAD");
    Exchange exchange;
    exchange.request = make_record(requests[i], *url, !as_curl);
    exchange.request.sent_before.assign(wire.begin(), wire.end() - 1);
    exchange.request.pipelined = framing == Framing::pipelined;
    // curl would send this request on a connection of its own: not what got the answer.
    if (exchange.request.sent_before.empty()) exchange.curl = to_curl(exchange.request, settings_);
    exchanges.push_back(std::move(exchange));
  }
  const auto allowed = time_allowed();
  tl::expected<std::vector<RawResponse>, RawError> responses = tl::unexpected(RawError{TransportKind::limit, allowed ? "" : allowed.error()});
  const auto start = Clock::now();
  if (allowed) {
    RawSettings raw;
    raw.connect_timeout = std::min(settings_.connect_timeout, *allowed);
    raw.read_timeout = *allowed;
    raw.limits = settings_.response_limits;
    raw.cacert = settings_.cacert.value_or("");
    raw.insecure = settings_.insecure;
    responses = raw_exchange(*url, wire, heads, raw, framing);
    if (!responses && responses.error().kind == TransportKind::timeout) run_->stalled += (Clock::now() - start).count();
  }
  const double elapsed = elapsed_ms(start);
  for (std::size_t i = 0; i < exchanges.size(); ++i) {
    auto& exchange = exchanges[i];
    if (!responses || i >= responses->size()) {
      const RawError error = responses ? RawError{TransportKind::closed, "connection closed before this response"}
                                       : responses.error();
      exchange.transport_error = error.message;
      observe(exchange);
      results.emplace_back(tl::unexpected(TransportFailure{error.kind, error.message, exchange}));
      continue;
    }
    auto& raw_response = (*responses)[i];
    Response response;
    response.status = raw_response.status;
    response.headers = std::move(raw_response.headers);
    response.body = std::move(raw_response.body);
    response.elapsed_ms = elapsed;
    exchange.response = record_of(response);
    response.exchange = exchange;
    observe(exchange);
    results.emplace_back(std::move(response));
  }
  return results;
}

}  // namespace authprobe::conformance
