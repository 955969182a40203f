#include "conformance/checks/testing_jwt/mock_target.hpp"

#include <algorithm>
#include <chrono>
#include <sstream>
#include <vector>

#include <httplib.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>

#include "conformance/forge/base64url.hpp"
#include "conformance/forge/claims.hpp"
#include "conformance/forge/compact.hpp"
#include "conformance/forge/json_text.hpp"
#include "conformance/forge/jwk.hpp"
#include "conformance/forge/sign.hpp"

namespace authprobe::conformance::testing_jwt {
namespace {

constexpr std::string_view issuer = "https://mock.authprobe.test";
constexpr std::string_view audience = "mock-api";
constexpr std::string_view strong_secret = "mock-secret-0123456789abcdefghijklmnopqrstuv";
constexpr std::string_view kid = "mock-key-1";
constexpr std::int64_t ttl = 600;
constexpr std::size_t max_depth = 64;
const std::string admin_role = "admin";

// Built with Outcome{status, error} throughout; description is set by name where used.
struct Outcome {
  Outcome() = default;
  Outcome(int s, std::string e) : status(s), error(std::move(e)) {}
  int status = 200;
  std::string error;  // RFC 6750 §3.1 code, empty when none
  std::string description;
};

struct User {
  std::string password;
  std::string scope;
  std::vector<std::string> roles;
};

const std::map<std::string, User>& users() {
  static const std::map<std::string, User> list{{"alice", {"alice-pw", "read", {"user"}}},
                                                {"bob", {"bob-pw", "read write admin", {"admin", "user"}}}};
  return list;
}

std::size_t nesting(std::string_view json) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  for (const char c : json) {
    if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
    if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return deepest;
}

std::string lowered(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

struct MockTarget::State {
  Flaws flaws;
  MockAlg alg = MockAlg::hs256;
  std::string secret;
  forge::PKey ec;

  [[nodiscard]] std::string alg_name() const { return alg == MockAlg::hs256 ? "HS256" : "ES256"; }

  // RFC 6749 §3.3: space-delimited, case-sensitive tokens (unless a scope flaw is on).
  [[nodiscard]] bool scope_grants(std::string granted, const std::string& needed) const {
    if (flaws.scope_substring) return granted.find(needed) != std::string::npos;
    if (flaws.scope_comma_split) std::replace(granted.begin(), granted.end(), ',', ' ');
    std::istringstream in(flaws.scope_case_fold ? lowered(granted) : granted);
    std::string token;
    while (in >> token) {
      if (token == (flaws.scope_case_fold ? lowered(needed) : needed)) return true;
    }
    return false;
  }

  // RFC 9068 §2.2.3.1: roles is an array of strings; only exact membership counts.
  [[nodiscard]] bool roles_grant(const nlohmann::json& roles, const std::string& role) const {
    if (flaws.roles_substring) return roles.dump().find(role) != std::string::npos;
    if (flaws.roles_coerced && roles.is_string()) return scope_grants(roles.get<std::string>(), role);
    if (flaws.roles_coerced && roles.is_object()) return roles.contains(role);
    return roles.is_array() && std::find(roles.begin(), roles.end(), nlohmann::json(role)) != roles.end();
  }

  std::string mint(const std::string& user) const {
    const auto now = forge::now_seconds();
    nlohmann::json header{{"alg", alg_name()}, {"typ", flaws.typ_jwt ? "JWT" : "at+jwt"}, {"kid", kid}};
    nlohmann::json claims{{"iss", issuer}, {"aud", audience}, {"sub", user}, {"client_id", "mock-client"},
                          {"iat", now}, {"exp", now + ttl}, {"jti", user + std::to_string(now)},
                          {"scope", users().at(user).scope}, {"roles", users().at(user).roles}};
    const auto input = forge::signing_input(header.dump(), claims.dump());
    auto sig = alg == MockAlg::hs256 ? forge::hmac_sign(forge::Alg::HS256, secret, input)
                                     : forge::sign(forge::Alg::ES256, ec, input);
    return forge::append_signature(input, sig.value());
  }

  bool signature_ok(const nlohmann::json& header, std::string_view input, const std::string& sig) const {
    if (flaws.skip_signature) return true;
    const auto alg_it = header.find("alg");
    if (alg_it == header.end() || !alg_it->is_string()) return false;
    std::string name = alg_it->get<std::string>();
    std::string lower = name;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (flaws.accept_none && lower == "none") return true;
    if (flaws.embedded_jwk && header.contains("jwk")) {
      auto key = forge::public_key_from_jwk(header["jwk"]);
      auto a = forge::alg_from_name(name);
      return key && a && forge::verify(*a, *key, input, sig);
    }
    if (flaws.fetch_jku && header.contains("jku") && header["jku"].is_string()) {
      const std::string url = header["jku"];
      const auto slash = url.find('/', std::string("http://").size());
      httplib::Client client(url.substr(0, slash));
      if (auto res = client.Get(url.substr(slash).c_str()); res && res->status == 200) {
        auto keys = nlohmann::json::parse(res->body, nullptr, false);
        if (!keys.is_discarded() && keys.contains("keys") && !keys["keys"].empty()) {
          auto key = forge::public_key_from_jwk(keys["keys"][0]);
          if (key && forge::verify(forge::Alg::RS256, *key, input, sig)) return true;
        }
      }
    }
    const bool hmac_family = name == "HS256" || (flaws.any_hmac_alg && (name == "HS384" || name == "HS512"));
    if (alg == MockAlg::hs256 && hmac_family) {
      auto mac = forge::hmac_sign(*forge::alg_from_name(name), secret, input);
      return mac && mac->size() == sig.size() && CRYPTO_memcmp(mac->data(), sig.data(), sig.size()) == 0;
    }
    if (alg == MockAlg::es256 && name == "ES256") return forge::verify(forge::Alg::ES256, ec, input, sig);
    return false;
  }

  Outcome check(std::string_view token, const std::string& needed_scope) const {
    const Outcome invalid{401, "invalid_token"};
    const auto first = token.find('.');
    const auto second = first == token.npos ? token.npos : token.find('.', first + 1);
    if (second == token.npos || token.find('.', second + 1) != token.npos) return invalid;
    const auto decode = [&](std::string_view s) {
      return flaws.lax_base64 ? forge::b64url_decode_lenient(s) : forge::b64url_decode(s);
    };
    auto h = decode(token.substr(0, first));
    auto p = decode(token.substr(first + 1, second - first - 1));
    auto s = decode(token.substr(second + 1));
    if (!h || !p || !s) return invalid;
    if (h->rfind("\xEF\xBB\xBF", 0) == 0 || p->rfind("\xEF\xBB\xBF", 0) == 0) return invalid;  // no BOM (RFC 8259 §8.1)
    if (nesting(*h) > max_depth || nesting(*p) > max_depth) return invalid;
    auto header = forge::parse_object(*h);
    auto claims = forge::parse_object(*p);
    if (!header || !claims) return invalid;
    if (!flaws.ignore_crit && header->contains("crit")) return invalid;
    const auto k = header->find("kid");
    const bool file_key = flaws.kid_file_lookup && k != header->end() && k->is_string() &&
                          k->get<std::string>().find("/dev/null") != std::string::npos;
    const bool token_key = (flaws.fetch_jku && header->contains("jku")) || (flaws.embedded_jwk && header->contains("jwk"));
    if (!file_key && !token_key && k != header->end() && *k != kid) {
      Outcome bad = invalid;
      if (flaws.echo_kid && k->is_string()) bad.description = k->get<std::string>();
      return bad;
    }
    if (file_key) {
      auto mac = forge::hmac_sign(forge::Alg::HS256, "", token.substr(0, second));
      if (!mac || *mac != *s) return invalid;
    } else if (!signature_ok(*header, token.substr(0, second), *s)) {
      return invalid;
    }
    const auto typ = header->value("typ", std::string());
    if (!flaws.ignore_typ && typ != "at+jwt" && typ != "application/at+jwt") return invalid;
    const auto now = forge::now_seconds();
    const auto exp = claims->find("exp");
    if (exp != claims->end() && exp->is_string() && flaws.crash_on_string_exp) return {500, ""};
    if (!flaws.ignore_exp && (exp == claims->end() || !exp->is_number() || exp->get<double>() <= static_cast<double>(now))) return invalid;
    if (const auto nbf = claims->find("nbf"); !flaws.ignore_nbf && nbf != claims->end() &&
                                              (!nbf->is_number() || nbf->get<double>() > static_cast<double>(now))) {
      return invalid;
    }
    if (!flaws.ignore_iss && claims->value("iss", std::string()) != issuer) return invalid;
    if (!flaws.ignore_aud) {
      const auto aud = claims->find("aud");
      const bool ok = aud != claims->end() &&
                      ((aud->is_string() && *aud == audience) ||
                       (aud->is_array() && std::find(aud->begin(), aud->end(), nlohmann::json(audience)) != aud->end()));
      if (!ok) return invalid;
    }
    for (const auto* name : {"sub", "jti", "client_id"}) {
      if (!claims->contains(name)) return invalid;
    }
    const auto scope = claims->find("scope");
    if (scope == claims->end() || !scope->is_string()) return invalid;
    if (!scope_grants(scope->get<std::string>(), needed_scope)) return {403, "insufficient_scope"};
    if (needed_scope == admin_role) {
      const auto roles = claims->find("roles");
      if (roles == claims->end() || !roles_grant(*roles, admin_role)) return {403, "insufficient_scope"};
    }
    return {};
  }

  void refuse(httplib::Response& res, Outcome outcome, bool token_sent, const std::string& needed) const {
    int status = outcome.status;
    if (status == 401 && flaws.refuse_with_403) status = 403;
    if (outcome.error == "insufficient_scope" && flaws.insufficient_scope_as_401) status = 401;
    res.status = status;
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
    if (!(status == 403 && flaws.no_challenge_on_403)) res.set_header("WWW-Authenticate", challenge);
    res.set_content(R"({"error":"refused"})", "application/json");
  }

  void serve(const httplib::Request& req, httplib::Response& res, const std::string& needed) const {
    const auto auth = req.get_header_value("Authorization");
    std::string token;
    bool scheme_ok = false;
    if (auth.size() >= 7) {
      const auto scheme = auth.substr(0, 7);
      scheme_ok = flaws.case_sensitive_scheme ? scheme == "Bearer " : (scheme == "Bearer " || scheme == "bearer " || scheme == "BEARER ");
      if (scheme_ok) token = auth.substr(7);
    } else if (auth == "Bearer" || auth.rfind("Bearer ", 0) == 0) {
      return refuse(res, {400, "invalid_request"}, true, needed);
    }
    const bool in_query = req.target.find("access_token=") != std::string::npos;
    if (in_query && flaws.query_token) {
      token = req.target.substr(req.target.find("access_token=") + std::string("access_token=").size());
      scheme_ok = true;
    } else if (in_query && !auth.empty()) {
      return refuse(res, {400, "invalid_request"}, true, needed);
    }
    if (flaws.cookie_token && req.has_header("Cookie")) {
      token = req.get_header_value("Cookie").substr(std::string("access_token=").size());
      scheme_ok = true;
    }
    if (!scheme_ok) return refuse(res, {401, ""}, false, needed);
    if (token.empty() || token.find_first_of(" ,\t") != std::string::npos) return refuse(res, {400, "invalid_request"}, true, needed);
    const auto outcome = check(token, needed);
    if (outcome.status != 200) return refuse(res, outcome, true, needed);
    res.set_header("Cache-Control", "no-store");
    res.set_content(R"({"ok":true})", "application/json");
  }
};

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
  svr.Post("/token", [state](const httplib::Request& req, httplib::Response& res) {
    const auto user = req.get_param_value("username");
    const auto found = users().find(user);
    if (req.get_param_value("grant_type") != "password" || found == users().end() ||
        found->second.password != req.get_param_value("password")) {
      res.status = 400;
      res.set_content(R"({"error":"invalid_grant"})", "application/json");
      return;
    }
    res.set_header("Cache-Control", "no-store");
    res.set_content(nlohmann::json{{"access_token", state->mint(user)}, {"token_type", "Bearer"}, {"expires_in", ttl},
                                   {"scope", found->second.scope}}.dump(), "application/json");
  });
  svr.Get("/api/user", [state](const httplib::Request& req, httplib::Response& res) { state->serve(req, res, "read"); });
  svr.Post("/api/user", [state](const httplib::Request& req, httplib::Response& res) { state->serve(req, res, "read"); });
  svr.Get("/api/admin", [state](const httplib::Request& req, httplib::Response& res) { state->serve(req, res, "admin"); });
  self->port_ = svr.bind_to_any_port("127.0.0.1");
  self->thread_ = std::thread([&svr] { svr.listen_after_bind(); });
  for (int i = 0; i < 2000 && !svr.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
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
  p.endpoints.bearer_admin = Endpoint{"GET", "/api/admin", {}, {}};
  p.users["alice"] = TestUser{"alice", "alice-pw", {"user"}, {"read"}, false};
  p.users["bob"] = TestUser{"bob", "bob-pw", {"admin"}, {"read", "write", "admin"}, false};
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
  return p;
}

}  // namespace authprobe::conformance::testing_jwt
