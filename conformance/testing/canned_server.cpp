#include "conformance/testing/canned_server.hpp"

#include <chrono>
#include <stdexcept>

#include "conformance/challenge.hpp"
#include "conformance/listener_start.hpp"
#include "conformance/registry.hpp"
#include "conformance/testing/replay_audit.hpp"

namespace authprobe::conformance::testing {

CannedServer::CannedServer(const std::function<void(httplib::Server&)>& routes) {
  routes(server_);
  port_ = server_.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("cannot bind a loopback port");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  if (!wait_until_running(server_)) {
    thread_.join();  // the accept loop never ran, so its thread has returned
    throw std::runtime_error("canned server: the listener did not start");
  }
}

CannedServer::~CannedServer() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

std::string CannedServer::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

TargetProfile canned_profile(const std::string& base_url) {
  TargetProfile p;
  p.name = "canned";
  p.base_url = base_url;
  p.endpoints.token = Endpoint{"POST", "/token", "", ""};
  p.endpoints.basic_user = Endpoint{"GET", "/basic", "", ""};
  p.endpoints.basic_admin = Endpoint{"GET", "/basic-admin", "", ""};
  p.endpoints.bearer_read = Endpoint{"GET", "/read", "", ""};
  p.endpoints.bearer_write = Endpoint{"POST", "/write", "application/json", "{}"};
  p.endpoints.bearer_admin = Endpoint{"GET", "/admin", "", ""};
  p.users.emplace("alice", TestUser{"alice", "wonderland-42", {"user"}, {"read"}, false});
  p.users.emplace("bob", TestUser{"bob", "bob-password-0123456789", {"admin"}, {"read", "write", "admin"}, false});
  p.users.emplace("carol", TestUser{"carol", "carol-is-disabled", {"user"}, {"read"}, true});
  p.flows.basic = true;
  p.flows.password_grant = true;
  p.flows.scopes = true;
  return p;
}

RunReport run_ids(const std::vector<std::string>& ids, const TargetProfile& profile, Judgement judgement) {
  auto selection = parse_selection(ids);
  if (!selection) throw std::runtime_error(selection.error());
  ProbeSettings settings;
  settings.base_url = profile.base_url;
  settings.read_timeout = std::chrono::milliseconds(3000);
  Probe probe(settings);
  auto report = run_checks(select_checks(all_checks(), *selection), all_checks(), profile, probe, RunSettings{judgement, false});
  // Every FAIL of the run reproduces against the same live server (replay_audit.hpp).
  require_reproducible(audit_replays(report, profile.base_url));
  return report;
}

Verdict verdict_of(const std::string& id, const TargetProfile& profile, Judgement judgement) {
  const auto report = run_ids({id}, profile, judgement);
  if (report.results.size() != 1) throw std::runtime_error("expected one result for " + id);
  return report.results.front().finding.verdict;
}

}  // namespace authprobe::conformance::testing

namespace authprobe::conformance::testing {
namespace {

constexpr int ok = 200;
constexpr int bad_request = 400;
constexpr int unauthorized = 401;
constexpr int forbidden = 403;
constexpr int method_not_allowed = 405;
constexpr int server_error = 500;
constexpr const char* json = "application/json";

std::string basic_of(const std::string& user, const std::string& password) {
  return "Basic " + base64(user + ":" + password);
}

void oauth_error(httplib::Response& res, int status, const std::string& code) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_header("Pragma", "no-cache");
  res.set_content("{\"error\":\"" + code + "\"}", json);
}

}  // namespace

std::function<void(httplib::Server&)> fixture_routes(Flaws flaws) {
  return [flaws](httplib::Server& server) {
    const auto basic_user = [flaws](const httplib::Request& req, httplib::Response& res, bool admin_only) {
      auto auth = req.get_header_value("Authorization");
      // RFC 9110 §11.1: the scheme is case-insensitive.
      if (auth.size() > 6 && iequals(auth.substr(0, 6), "Basic ")) auth = "Basic " + auth.substr(6);
      if (flaws.basic_crashes_on_empty && auth == "Basic") {
        res.status = server_error;
        return;
      }
      const bool alice = auth == basic_of("alice", "wonderland-42") && !flaws.basic_rejects_alice;
      const bool bob = auth == basic_of("bob", "bob-password-0123456789");
      if (alice || bob) {
        if (admin_only && !bob) {
          res.status = flaws.basic_admin_401 ? unauthorized : forbidden;
          if (flaws.basic_admin_401) res.set_header("WWW-Authenticate", "Basic realm=\"canned\"");
          return;
        }
        res.set_content("{\"user\":\"ok\"}", json);
        return;
      }
      if (auth.empty() && flaws.basic_403_without_credentials) {
        res.status = forbidden;
        res.set_content("{\"detail\":\"Not authenticated\"}", json);
        return;
      }
      res.status = unauthorized;
      res.set_header("WWW-Authenticate", flaws.basic_without_realm ? "Basic" : "Basic realm=\"canned\", charset=\"UTF-8\"");
      res.set_content("{\"error\":\"unauthorized\"}", json);
    };
    server.Get("/basic", [basic_user](const httplib::Request& req, httplib::Response& res) { basic_user(req, res, false); });
    server.Get("/basic-admin", [basic_user](const httplib::Request& req, httplib::Response& res) { basic_user(req, res, true); });
    server.Post("/token", [flaws](const httplib::Request& req, httplib::Response& res) {
      if (!req.has_param("grant_type") && !flaws.token_grant_type_optional) return oauth_error(res, bad_request, "invalid_request");
      if (req.has_param("grant_type") && req.get_param_value("grant_type") != "password") {
        return oauth_error(res, bad_request, "unsupported_grant_type");
      }
      const auto user = req.get_param_value("username");
      const auto password = req.get_param_value("password");
      if (user.empty() || password.empty()) return oauth_error(res, bad_request, "invalid_request");
      if ((user == "alice" && password == "wonderland-42") || (user == "bob" && password == "bob-password-0123456789")) {
        if (!flaws.token_without_cache_headers) {
          res.set_header("Cache-Control", "no-store");
          res.set_header("Pragma", "no-cache");
        }
        res.set_content("{\"access_token\":\"tok-" + user + "\",\"token_type\":\"Bearer\",\"expires_in\":900}", json);
        return;
      }
      if (flaws.token_fastapi_errors) {
        res.status = unauthorized;
        res.set_header("WWW-Authenticate", "Bearer");
        res.set_content("{\"detail\":\"Incorrect username or password\"}", json);
        return;
      }
      oauth_error(res, bad_request, "invalid_grant");
    });
    server.Put("/token", [flaws](const httplib::Request&, httplib::Response& res) {
      res.status = method_not_allowed;
      if (!flaws.token_put_without_allow) res.set_header("Allow", "POST");
    });
    server.Get("/read", [](const httplib::Request& req, httplib::Response& res) {
      const auto auth = req.get_header_value("Authorization");
      if (auth == "Bearer tok-alice" || auth == "Bearer tok-bob") {
        res.set_content("[]", json);
        return;
      }
      res.status = unauthorized;
      res.set_header("WWW-Authenticate", auth.empty() ? "Bearer realm=\"canned\"" : "Bearer realm=\"canned\", error=\"invalid_token\"");
    });
  };
}

}  // namespace authprobe::conformance::testing
