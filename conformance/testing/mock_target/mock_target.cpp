#include "conformance/testing/mock_target/mock_target.hpp"

#include <chrono>
#include <sstream>
#include <stdexcept>

#include <openssl/pem.h>

#include "conformance/testing/mock_target/mock_state.hpp"
#include "conformance/forge/base64url.hpp"
#include "conformance/listener_start.hpp"

namespace authprobe::conformance::mock_target {
namespace {

using namespace mock;

// What a framework's debug error page shows (the HTTP-13 flaw).
constexpr std::string_view traceback =
    "Traceback (most recent call last):\n  File \"/srv/mock/app/auth.py\", line 42, in verify\n"
    "jwt.exceptions.InvalidSignatureError: Signature verification failed";

std::string bearer_value(const MockTarget::State& state, const httplib::Request& req) {
  const auto& flaws = state.flaws;
  if (flaws.ignore_authorization_header) return {};
  if (flaws.trim_header_names) {
    for (const auto& [name, value] : req.headers) {
      const auto last = name.find_last_not_of(" \t");
      if (lowered(name.substr(0, last + 1)) == "authorization") return value;
    }
  }
  // httplib's get_header_value returns a C string: the value up to its first NUL.
  return flaws.authorization_c_string ? req.get_header_value("Authorization") : field(req, "Authorization");
}

}  // namespace

void MockTarget::State::refuse(httplib::Response& res, Outcome outcome, bool token_sent, const std::string& needed) const {
  int status = outcome.status;
  if (status == unauthorized && flaws.refuse_with_403) status = forbidden;
  if (status == unauthorized && flaws.refuse_with_404) status = not_found;
  if (outcome.error == "insufficient_scope" && flaws.insufficient_scope_as_401) status = unauthorized;
  if (outcome.error == "insufficient_scope" && flaws.insufficient_scope_as_404) status = not_found;
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  if (status == bad_request && (flaws.json_error_on_400 || flaws.bare_400)) {
    res.set_content(flaws.json_error_on_400 ? nlohmann::json{{"error", outcome.error}}.dump() : std::string(R"({"detail":"Bad Request"})"),
                    "application/json");
    return;
  }
  std::string challenge = "Bearer realm=\"mock\"";
  if (!outcome.error.empty() && !(flaws.no_error_attribute && outcome.error == "invalid_token")) {
    challenge += ", error=\"" + outcome.error + "\"";
  }
  if (!outcome.description.empty()) {
    std::string text;
    for (const char c : outcome.description) {
      if (c != '\r' && c != '\n') text.push_back(c);
    }
    challenge += ", error_description=\"" + text + "\"";
  }
  if (!token_sent && flaws.error_without_token) challenge += ", error=\"invalid_token\"";
  if (outcome.error == "insufficient_scope") challenge += ", scope=\"" + needed + "\"";
  if (flaws.bare_challenge) challenge = "Bearer";
  if (flaws.malformed_challenge) challenge += R"(, error_description="the "token" is not accepted")";
  const bool no_challenge = (status == forbidden && flaws.no_challenge_on_403) || (status == unauthorized && flaws.no_challenge_on_401);
  if (!no_challenge) res.set_header("WWW-Authenticate", challenge);
  res.set_content(flaws.stack_trace_errors ? std::string(traceback) : std::string(R"({"error":"refused"})"), "application/json");
}

std::optional<std::string> MockTarget::State::authorize(const httplib::Request& req, httplib::Response& res, const std::string& needed) {
  const auto auth = bearer_value(*this, req);
  std::string token;
  bool scheme_ok = false;
  if (auth.size() >= 7) {
    const auto scheme = auth.substr(0, 7);
    scheme_ok = flaws.case_sensitive_scheme ? scheme == "Bearer " : (scheme == "Bearer " || scheme == "bearer " || scheme == "BEARER ");
    if (scheme_ok) token = auth.substr(7);
  } else if (auth == "Bearer" || auth.rfind("Bearer ", 0) == 0) {
    refuse(res, {bad_request, "invalid_request"}, true, needed);
    return std::nullopt;
  }
  const bool in_query = req.target.find("access_token=") != std::string::npos;
  if (in_query && auth.empty() && flaws.refuse_query_token) {
    refuse(res, {bad_request, "invalid_request"}, true, needed);
    return std::nullopt;
  }
  if (in_query && flaws.query_token) {
    token = req.target.substr(req.target.find("access_token=") + std::string("access_token=").size());
    scheme_ok = true;
  } else if (in_query && !auth.empty()) {
    refuse(res, {bad_request, "invalid_request"}, true, needed);
    return std::nullopt;
  }
  if (flaws.cookie_token && req.has_header("Cookie")) {
    token = req.get_header_value("Cookie").substr(std::string("access_token=").size());
    scheme_ok = true;
  }
  if (!scheme_ok && auth.empty() && flaws.no_credentials_400) {
    refuse(res, {bad_request, "invalid_request"}, false, needed);
    return std::nullopt;
  }
  if (!scheme_ok) {
    refuse(res, {unauthorized, ""}, false, needed);
    return std::nullopt;
  }
  const bool json_token = flaws.accept_jws_json && !token.empty() && token.front() == '{';
  if (token.empty() || (!json_token && token.find_first_of(" ,\t") != std::string::npos)) {
    refuse(res, {bad_request, "invalid_request"}, true, needed);
    return std::nullopt;
  }
  const auto outcome = check(token, needed);
  if (outcome.status != ok) {
    refuse(res, outcome, true, needed);
    return std::nullopt;
  }
  return outcome.subject;
}

void MockTarget::State::serve(const httplib::Request& req, httplib::Response& res, const std::string& needed) {
  if (!authorize(req, res, needed)) return;
  res.set_header("Cache-Control", flaws.public_cache ? "public, max-age=60" : "no-store");
  res.set_content(R"({"ok":true})", "application/json");
}

std::unique_ptr<MockTarget> MockTarget::start(Flaws flaws, MockAlg alg) {
  std::unique_ptr<MockTarget> self(new MockTarget());
  self->state_ = std::make_unique<State>();
  auto* state = self->state_.get();
  state->flaws = flaws;
  state->alg = alg;
  state->secret = flaws.weak_secret ? "secret" : std::string(strong_secret);
  if (alg == MockAlg::es256) state->ec = forge::generate_p256().value();
  self->server_ = std::make_unique<httplib::Server>();
  auto& svr = *self->server_;
  state->install(svr);
  self->port_ = svr.bind_to_any_port("127.0.0.1");
  if (self->port_ <= 0) throw std::runtime_error("mock target: cannot bind a loopback port");
  self->thread_ = std::thread([&svr] { svr.listen_after_bind(); });
  if (!wait_until_running(svr)) {
    self->thread_.join();  // the accept loop never ran, so its thread has returned
    throw std::runtime_error("mock target: the listener did not start");
  }
  return self;
}

MockTarget::~MockTarget() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

TargetProfile MockTarget::profile(bool with_key) const {
  TargetProfile p;
  p.name = "mock";
  p.base_url = "http://127.0.0.1:" + std::to_string(port_);
  p.endpoints.token = Endpoint{"POST", "/token", {}, {}};
  p.endpoints.bearer_read = Endpoint{"GET", "/api/user", {}, {}};
  p.endpoints.bearer_write = Endpoint{"POST", "/api/user", "application/json", R"({"note":"x"})"};
  p.endpoints.bearer_admin = Endpoint{"GET", "/api/admin", {}, {}};
  p.endpoints.own_record = Endpoint{"GET", "/api/users/{name}", {}, {}};
  p.endpoints.revocation = Endpoint{"POST", "/revoke", {}, {}};
  for (const auto& [name, user] : users()) {
    std::vector<std::string> scopes;
    std::istringstream in(user.scope);
    for (std::string s; in >> s;) scopes.push_back(s);
    p.users[name] = TestUser{name, user.password, {user.roles.front()}, scopes, user.disabled};
  }
  if (state_->flaws.opaque_tokens) p.token.type = TokenType::opaque;
  p.token.issuer = issuer;
  p.token.audience = audience;
  p.token.alg = state_->alg_name();
  p.token.uses_kid = true;
  p.token.key.kid = kid;
  if (with_key) {
    if (state_->alg == MockAlg::hs256) {
      p.token.key.hs_secret_b64u = forge::b64url_encode(state_->secret);
    } else {
      BIO* bio = BIO_new(BIO_s_mem());
      PEM_write_bio_PrivateKey(bio, state_->ec.get(), nullptr, nullptr, 0, nullptr, nullptr);
      char* data = nullptr;
      const long len = BIO_get_mem_data(bio, &data);
      p.token.key.pem = std::string(data, static_cast<std::size_t>(len));
      BIO_free(bio);
    }
  }
  p.flows.scopes = true;
  p.flows.revocation = true;
  p.flows.cors_origins = {std::string(cors_origin)};
  return p;
}

}  // namespace authprobe::conformance::mock_target
