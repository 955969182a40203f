#include "conformance/testing/flaw_proxy.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "conformance/http_constants.hpp"
#include "conformance/listener_start.hpp"
#include "conformance/probe.hpp"

namespace authprobe::conformance::testing {
namespace {

constexpr int bad_gateway = 502;
constexpr std::chrono::seconds upstream_timeout{10};
constexpr std::string_view basic_prefix = "Basic ";

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Connection-level fields each hop writes itself (RFC 9110 §7.6.1), plus httplib's pseudo
// headers for the peer address; everything else travels end to end.
bool hop_by_hop(std::string_view name) {
  static constexpr std::array<std::string_view, 9> names{"Host",        "Content-Length", "Connection",
                                                         "Keep-Alive",  "Transfer-Encoding", "REMOTE_ADDR",
                                                         "REMOTE_PORT", "LOCAL_ADDR",        "LOCAL_PORT"};
  return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return iequal(n, name); });
}

}  // namespace

std::optional<std::string> Message::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (iequal(n, name)) return v;
  }
  return std::nullopt;
}

void Message::set_header(std::string_view name, std::string value) {
  remove_header(name);
  headers.emplace(std::string(name), std::move(value));
}

void Message::remove_header(std::string_view name) {
  for (auto it = headers.begin(); it != headers.end();) {
    it = iequal(it->first, name) ? headers.erase(it) : std::next(it);
  }
}

std::string ProxyRequest::path() const { return target.substr(0, target.find('?')); }

std::string ProxyRequest::query() const {
  const auto mark = target.find('?');
  return mark == std::string::npos ? std::string() : target.substr(mark + 1);
}

Fields ProxyRequest::form() const { return parse_form(body); }

std::optional<std::string> ProxyRequest::form_value(std::string_view name) const {
  for (const auto& [k, v] : form()) {
    if (k == name) return v;
  }
  return std::nullopt;
}

void ProxyRequest::set_form(const Fields& fields) {
  body = encode_form(fields);
  set_header(http::header::content_type, std::string(http::media_type::form_urlencoded));
}

std::optional<std::string> ProxyRequest::basic_user_pass() const {
  const auto value = header(http::header::authorization);
  if (!value || value->size() < basic_prefix.size() || !iequal(value->substr(0, basic_prefix.size()), basic_prefix)) {
    return std::nullopt;
  }
  return base64_decode(std::string_view(*value).substr(basic_prefix.size()));
}

void ProxyRequest::set_basic(std::string_view user_pass) {
  set_header(http::header::authorization, basic_authorization(user_pass));
}

std::optional<std::string> ProxyResponse::json_string(std::string_view member) const {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return std::nullopt;
  const auto it = json.find(std::string(member));
  if (it == json.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

void ProxyResponse::set_json(int new_status, const std::string& json_text) {
  status = new_status;
  body = json_text;
  set_header(http::header::content_type, std::string(http::media_type::json));
}

Flaw no_flaw() {
  return {"no flaw", [](ProxyRequest request, const Upstream& upstream) { return upstream(request); }};
}

Fields parse_form(std::string_view body) {
  Fields fields;
  std::size_t start = 0;
  while (start <= body.size()) {
    const auto end = std::min(body.find('&', start), body.size());
    const auto pair = body.substr(start, end - start);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      const std::string name(pair.substr(0, eq));
      const std::string value(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
      fields.emplace_back(httplib::detail::decode_url(name, true), httplib::detail::decode_url(value, true));
    }
    start = end + 1;
  }
  return fields;
}

std::string encode_form(const Fields& fields) { return form_encode(fields); }

std::optional<std::string> base64_decode(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

std::string basic_authorization(std::string_view user_pass) { return std::string(basic_prefix) + base64(user_pass); }

FlawProxy::FlawProxy(std::string upstream_base_url, Flaw flaw) : upstream_(std::move(upstream_base_url)), flaw_(std::move(flaw)) {
  const std::string any = ".*";
  const auto handler = [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); };
  server_.Get(any, handler).Post(any, handler).Put(any, handler).Delete(any, handler).Options(any, handler).Patch(any, handler);
  port_ = server_.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("flaw proxy: cannot bind a loopback port");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  if (!wait_until_running(server_)) {
    thread_.join();  // the accept loop never ran, so its thread has returned
    throw std::runtime_error("flaw proxy: the listener did not start");
  }
}

FlawProxy::~FlawProxy() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

std::string FlawProxy::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

void FlawProxy::handle(const httplib::Request& req, httplib::Response& res) const {
  ProxyRequest request;
  request.method = req.method;
  request.target = req.target;
  request.body = req.body;
  for (const auto& [name, value] : req.headers) {
    if (!hop_by_hop(name)) request.headers.emplace(name, value);
  }
  const Upstream upstream = [this](const ProxyRequest& r) { return forward(r); };
  const ProxyResponse answer = flaw_.apply(std::move(request), upstream);
  res.status = answer.status;
  res.body = answer.body;
  for (const auto& [name, value] : answer.headers) {
    if (!hop_by_hop(name)) res.headers.emplace(name, value);
  }
}

ProxyResponse FlawProxy::forward(const ProxyRequest& request) const {
  httplib::Client client(upstream_);
  client.set_url_encode(false);  // the target travels byte for byte
  client.set_connection_timeout(upstream_timeout);
  client.set_read_timeout(upstream_timeout);
  httplib::Request out;
  out.method = request.method;
  out.path = request.target;
  out.body = request.body;
  for (const auto& [name, value] : request.headers) {
    if (!hop_by_hop(name)) out.headers.emplace(name, value);
  }
  ProxyResponse answer;
  auto result = client.send(out);
  if (!result) {
    answer.set_json(bad_gateway, nlohmann::json{{"error", "upstream unreachable: " + httplib::to_string(result.error())}}.dump());
    return answer;
  }
  answer.status = result->status;
  answer.body = result->body;
  for (const auto& [name, value] : result->headers) {
    if (!hop_by_hop(name)) answer.headers.emplace(name, value);
  }
  return answer;
}

}  // namespace authprobe::conformance::testing
