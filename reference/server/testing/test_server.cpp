#include "reference/server/testing/test_server.hpp"

#include <cctype>
#include <stdexcept>

#include <sodium.h>

#include "reference/jose/key.hpp"
#include "reference/server/testing/fixture_users.hpp"
#include "reference/server/tokens/random_token.hpp"

namespace authprobe::server::testing {

TestServer::TestServer(TestServerSettings settings) {
  dir_ = std::filesystem::temp_directory_path() / ("authprobe-server-test-" + random_base64url(unique_name_bytes));
  std::filesystem::create_directories(dir_);
  users_file_ = dir_ / "users.json";
  const config::UsersFile users = settings.users ? *settings.users : fixture_users(settings.compat);
  if (auto saved = config::save_users(users, users_file_); !saved)
    throw std::runtime_error("test setup: " + saved.error().message());

  config::ServerConfig config;
  config.host = "127.0.0.1";
  config.port = 0;
  config.users_file = users_file_;
  config.compat = settings.compat;
  config.cors_origins = settings.cors_origins;
  config.hash_concurrency = settings.hash_concurrency;
  config.access_token_ttl = settings.access_token_ttl;
  config.leeway = settings.leeway;
  config.max_body_bytes = settings.max_body_bytes;
  config.login_throttle = settings.login_throttle;
  config.refresh_token_state_file = settings.refresh_token_state_file;
  config.worker_threads = settings.worker_threads;
  config.issuer = test_issuer;
  config.audience = test_audience;

  auto key = settings.signing_key ? Result<jose::Key>(*settings.signing_key) : jose::Key::generate(jose::Algorithm::HS256);
  if (!key) throw std::runtime_error("test setup: " + key.error().message());

  ServerOptions options;
  options.log = [log = log_](std::string_view message) {
    const std::lock_guard lock(log->mutex);
    log->lines.emplace_back(message);
  };
  options.password_queue_limit = settings.password_queue_limit;
  options.password_queue_wait = settings.password_queue_wait;
  options.show_demo_credentials = settings.show_demo_credentials;
  options.clock = [offset = clock_offset_] { return system_clock_seconds()() + offset->load(); };

  auto server = ReferenceServer::create(config, users, *key, options);
  if (!server) throw std::runtime_error("test setup: " + server.error().message());
  server_ = std::move(*server);
  if (auto port = server_->start(); !port) throw std::runtime_error("test setup: " + port.error().message());
}

TestServer::~TestServer() {
  server_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::vector<std::string> TestServer::log() const {
  const std::lock_guard lock(log_->mutex);
  return log_->lines;
}

httplib::Client TestServer::client() const {
  httplib::Client client("127.0.0.1", port());
  client.set_read_timeout(std::chrono::seconds(20));
  return client;
}

std::string basic_auth(std::string_view user, std::string_view password) {
  const std::string plain = std::string(user) + ":" + std::string(password);
  std::string encoded(sodium_base64_ENCODED_LEN(plain.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  encoded.resize(encoded.find('\0'));
  return "Basic " + encoded;
}

std::string form_encode(std::string_view value) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == '*') {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += hex[u >> 4U];
      out += hex[u & 0x0FU];
    }
  }
  return out;
}

std::string client_basic(std::string_view client_id, std::string_view secret) {
  return basic_auth(form_encode(client_id), form_encode(secret));
}

httplib::Result post_token(httplib::Client& client, const std::string& form_body, const httplib::Headers& headers) {
  return client.Post("/token", headers, form_body, std::string(form_type));
}

httplib::Result post_token(httplib::Client& client, const std::string& form_body) {
  return post_token(client, form_body, {{"Authorization", client_basic("cli", secret_of::cli)}});
}

std::string password_form(std::string_view user, std::string_view password) {
  return "grant_type=password&username=" + form_encode(user) + "&password=" + form_encode(password);
}

nlohmann::json login(httplib::Client& client, std::string_view user, std::string_view password,
                     std::string_view scope) {
  std::string body = password_form(user, password);
  if (!scope.empty()) body += "&scope=" + form_encode(scope);
  auto result = post_token(client, body);
  if (!result || result->status != 200) throw std::runtime_error("test setup: login failed for " + std::string(user));
  return nlohmann::json::parse(result->body);
}

httplib::Headers bearer(std::string_view token) { return {{"Authorization", "Bearer " + std::string(token)}}; }

nlohmann::json json_of(const httplib::Result& result) {
  if (!result) return nullptr;
  return nlohmann::json::parse(result->body, nullptr, false);
}

std::string challenge_of(const httplib::Result& result) {
  std::string joined;
  if (!result) return joined;
  const auto range = result->headers.equal_range("WWW-Authenticate");
  for (auto it = range.first; it != range.second; ++it) {
    if (!joined.empty()) joined += " | ";
    joined += it->second;
  }
  return joined;
}

}  // namespace authprobe::server::testing
