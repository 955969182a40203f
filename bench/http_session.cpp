#include "bench/http_session.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/median.hpp"
#include "conformance/probe.hpp"
#include "conformance/session.hpp"
#include "conformance/suite.hpp"
#include "reference/config/users.hpp"
#include "reference/jose/key.hpp"
#include "reference/password/password_hash.hpp"
#include "reference/server/reference_server.hpp"
#include "tools/commands/embedded_reference.hpp"

namespace authprobe::bench {
namespace {

constexpr std::string_view bearer_prefix = "Bearer ";
constexpr std::string_view authorization = "Authorization";
constexpr std::string_view content_type = "Content-Type";
constexpr int status_ok = 200;
constexpr std::size_t hash_samples = 3;  // the median of three verifies

unsigned cores() { return std::max(1U, std::thread::hardware_concurrency()); }

RequestSpec to_spec(const conformance::Request& request) {
  RequestSpec spec;
  spec.method = request.method;
  spec.path = request.target;
  for (const auto& [name, value] : request.headers) {
    if (name == content_type) spec.content_type = value;
    else spec.headers.emplace(name, value);
  }
  spec.body = request.body;
  return spec;
}

// The median time of one verify of `password` against the stored hash while `parallel`
// verifies run at once, as they do on a server with that many hash slots: the login rate's
// ideal is then slots / this time on the same machine with the same neighbours.
std::optional<double> median_verify_ms(std::string_view password, std::string_view stored_hash, unsigned parallel) {
  std::vector<std::array<double, hash_samples>> samples(parallel);
  std::vector<char> ok(parallel, 0);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < parallel; ++t) {
    threads.emplace_back([&, t] {
      for (auto& sample : samples[t]) {
        const auto start = std::chrono::steady_clock::now();
        const auto verified = password::verify_password(password, stored_hash);
        if (!verified || !*verified) return;
        sample = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      }
      ok[t] = 1;
    });
  }
  for (auto& thread : threads) thread.join();
  std::vector<double> all;
  for (unsigned t = 0; t < parallel; ++t) {
    if (ok[t] == 0) return std::nullopt;
    all.insert(all.end(), samples[t].begin(), samples[t].end());
  }
  return median(std::move(all));
}

struct Embedded {
  std::unique_ptr<server::ReferenceServer> server;
  unsigned hash_slots = 1;
  config::UsersFile users;
};

// The same in-process reference server as `authprobe check` and `demo` (tools/commands/
// embedded_reference.hpp), with a fresh random HS256 key.
tl::expected<Embedded, std::string> start_reference() {
  auto config = tools::embedded_reference_config({});
  if (!config) return tl::unexpected("reference config: " + config.error().message());
  auto key = jose::Key::generate(jose::Algorithm::HS256, "hs256-1");
  if (!key) return tl::unexpected("signing key: " + key.error().message());
  auto server = tools::start_embedded_reference({}, std::move(*key));
  if (!server) return tl::unexpected("reference server: " + server.error().message());
  Embedded out;
  out.hash_slots = config->hash_concurrency != 0 ? config->hash_concurrency : cores();
  out.users = (*server)->users_snapshot();
  out.server = std::move(*server);
  return out;
}

}  // namespace

HttpSession::~HttpSession() {
  if (server_) server_->stop();
}

tl::expected<std::shared_ptr<HttpSession>, std::string> HttpSession::open(const HttpOptions& options) {
  std::shared_ptr<HttpSession> session(new HttpSession());
  session->options_ = options;
  auto profile = options.profile ? conformance::load_target_profile(*options.profile)
                                 : conformance::embedded_reference_profile();
  if (!profile) return tl::unexpected(profile.error().message());
  session->profile_ = std::move(*profile);
  if (session->profile_.user(options.user) == nullptr)
    return tl::unexpected("the profile declares no fixture user '" + options.user + "'");

  if (!options.target && !options.profile) {
    auto embedded = start_reference();
    if (!embedded) return tl::unexpected(embedded.error());
    session->base_url_ = embedded->server->base_url();
    session->hash_slots_ = embedded->hash_slots;
    const auto* user = session->profile_.user(options.user);
    if (const auto* stored = embedded->users.find_user(user->username)) session->stored_hash_ = stored->password_hash;
    session->server_ = std::move(embedded->server);
  } else {
    session->base_url_ = options.target.value_or(session->profile_.base_url);
    session->hash_slots_ = cores();  // unknown for a remote server; only used for its thread counts
  }
  return session;
}

std::optional<double> HttpSession::measure_hash_ms() const {
  const auto* user = profile_.user(options_.user);
  if (stored_hash_.empty() || user == nullptr) return std::nullopt;
  return median_verify_ms(user->password, stored_hash_, hash_slots_);
}

RequestSpec HttpSession::open_route() const {
  RequestSpec spec;
  spec.path = options_.open_path;
  return spec;
}

tl::expected<RequestSpec, std::string> HttpSession::login() const {
  conformance::ProbeSettings settings;
  settings.base_url = base_url_;
  conformance::Probe probe(settings);
  const conformance::Session builder(profile_, probe);
  auto request = builder.token_request(options_.user);
  if (!request) return tl::unexpected(request.error().reason);
  return to_spec(*request);
}

tl::expected<RequestSpec, std::string> HttpSession::protected_route() const {
  const auto& endpoints = profile_.endpoints;
  const auto& endpoint = endpoints.bearer_any ? endpoints.bearer_any : endpoints.bearer_read;
  if (!endpoint) return tl::unexpected(std::string("the profile declares no bearer_any or bearer_read endpoint"));
  auto login_spec = login();
  if (!login_spec) return tl::unexpected(login_spec.error());

  auto client = make_client(base_url_);
  auto response = login_spec->method == "POST"
                      ? client->Post(login_spec->path, login_spec->headers, login_spec->body, login_spec->content_type)
                      : client->Get(login_spec->path, login_spec->headers);
  if (!response) return tl::unexpected("login failed: " + httplib::to_string(response.error()));
  if (response->status != status_ok)
    return tl::unexpected("login answered " + std::to_string(response->status) + " instead of 200");
  const auto body = nlohmann::json::parse(response->body, nullptr, false);
  if (!body.is_object() || !body.contains("access_token") || !body["access_token"].is_string())
    return tl::unexpected(std::string("login returned no access_token string"));

  RequestSpec spec;
  spec.method = endpoint->method;
  spec.path = endpoint->path;
  spec.content_type = endpoint->content_type;
  spec.body = endpoint->body;
  spec.headers.emplace(std::string(authorization),
                       std::string(bearer_prefix) + body["access_token"].get<std::string>());
  return spec;
}

}  // namespace authprobe::bench
