// Probe: sends requests with httplib (well-formed) or the raw sender (malformed on purpose),
// and turns each exchange into evidence.
#include "conformance/probe.hpp"

#include <netdb.h>
#include <sys/socket.h>

#include <chrono>

#include <httplib.h>

#include "conformance/base_url.hpp"
#include "conformance/challenge.hpp"
#include "conformance/curl_line.hpp"
#include "conformance/http_constants.hpp"

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

TransportKind kind_of(httplib::Error error) {
  switch (error) {
    case httplib::Error::Connection:
    case httplib::Error::ConnectionTimeout:
    case httplib::Error::BindIPAddress:
    case httplib::Error::SSLConnection:
    case httplib::Error::SSLLoadingCerts:
    case httplib::Error::SSLServerVerification: return TransportKind::connect;
    case httplib::Error::Read:
    case httplib::Error::Write: return TransportKind::closed;
    default: return TransportKind::other;
  }
}

// The transport failure in words a user can act on (httplib's own names are one word each). A
// name that does not resolve and a refused connection are both httplib's Error::Connection.
std::string describe_failure(httplib::Error error, const BaseUrl& url) {
  switch (error) {
    case httplib::Error::Connection: {
      addrinfo hints{};
      hints.ai_socktype = SOCK_STREAM;
      addrinfo* found = nullptr;
      const bool resolves = ::getaddrinfo(url.host.c_str(), nullptr, &hints, &found) == 0;
      if (found != nullptr) ::freeaddrinfo(found);
      return resolves ? "connection refused (nothing listening on " + url.host + ":" + std::to_string(url.port) + "?)"
                      : "host name " + url.host + " does not resolve (DNS)";
    }
    case httplib::Error::ConnectionTimeout: return "connect timed out";
    case httplib::Error::SSLConnection: return "TLS handshake failed";
    case httplib::Error::SSLLoadingCerts: return "TLS: cannot load the CA certificates (--cacert)";
    case httplib::Error::SSLServerVerification: return "TLS certificate verification failed";
    case httplib::Error::Read: return "connection closed while reading the response";
    case httplib::Error::Write: return "connection closed while writing the request";
    default: return httplib::to_string(error);
  }
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

SendResult Probe::send(const Request& request) {
  return request.needs_raw() ? send_with_socket(request) : send_with_httplib(request);
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
  return record;
}
}  // namespace

SendResult Probe::send_with_httplib(const Request& request) {
  const auto url = parse_base_url(settings_.base_url);
  if (!url) return tl::unexpected(TransportFailure{TransportKind::connect, "bad base URL " + settings_.base_url, {}});
  Exchange exchange;
  exchange.request = make_record(request, *url, false);
  exchange.curl = to_curl(exchange.request, settings_);

  httplib::Client client(url->origin());
  client.set_url_encode(false);
  client.set_connection_timeout(settings_.connect_timeout);
  client.set_read_timeout(settings_.read_timeout);
  client.set_write_timeout(settings_.read_timeout);
  if (url->tls()) {
    client.enable_server_certificate_verification(!settings_.insecure);
    if (settings_.cacert) client.set_ca_cert_path(*settings_.cacert);
  }
  httplib::Request native;
  native.method = request.method;
  native.path = exchange.request.target;
  native.body = request.body;
  native.headers.emplace("User-Agent", std::string(user_agent));
  for (const auto& [name, value] : request.headers) native.headers.emplace(name, value);

  const auto start = Clock::now();
  auto result = client.send(native);
  const double elapsed = elapsed_ms(start);
  if (!result) {
    exchange.transport_error = describe_failure(result.error(), *url);
    observe(exchange);
    return tl::unexpected(TransportFailure{kind_of(result.error()), exchange.transport_error, exchange});
  }
  Response response;
  response.status = result->status;
  for (const auto& [name, value] : result->headers) response.headers.emplace_back(name, value);
  response.body = result->body;
  response.elapsed_ms = elapsed;
  exchange.response = record_of(response);
  response.exchange = exchange;
  observe(exchange);
  return response;
}

SendResult Probe::send_with_socket(const Request& request) {
  auto results = send_pipelined({request});
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
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const bool last = i + 1 == requests.size();
    wire.push_back(serialize(requests[i], *url, !last));
    heads.push_back(requests[i].method == "HEAD");
    Exchange exchange;
    exchange.request = make_record(requests[i], *url, true);
    exchange.curl = to_curl(exchange.request, settings_);
    exchanges.push_back(std::move(exchange));
  }
  RawSettings raw{settings_.connect_timeout, settings_.read_timeout, settings_.max_body_bytes,
                  settings_.cacert.value_or(""), settings_.insecure};
  const auto start = Clock::now();
  auto responses = raw_exchange(*url, wire, heads, raw, framing);
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
