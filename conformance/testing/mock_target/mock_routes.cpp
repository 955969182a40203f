// The mock's routes, token endpoint and HTTP-layer hooks, each correct unless a named flaw is on.
#include <algorithm>
#include <chrono>
#include <thread>

#include "conformance/testing/mock_target/mock_state.hpp"

namespace authprobe::conformance::mock_target {
namespace {

using namespace mock;
using HandlerResponse = httplib::Server::HandlerResponse;

constexpr std::size_t bcrypt_bytes = 72;
constexpr std::size_t long_password = 128;  // pyca/bcrypt 5 raises for long input; apps answered 500
constexpr std::size_t body_limit = 2U << 20U;  // 2 MiB (httplib caps form bodies at 8 KiB anyway)
constexpr std::size_t max_header_lines = 500;
constexpr int storm_bound = 2;                  // logins in flight before storm_overload gives up
constexpr std::chrono::milliseconds hash_cost{10};  // stands in for one password hash
constexpr std::chrono::seconds read_timeout{1};
constexpr std::chrono::seconds slow_read_timeout{5};
constexpr std::string_view form_type = "application/x-www-form-urlencoded";

void oauth_error(httplib::Response& res, int status, const std::string& code) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(nlohmann::json{{"error", code}}.dump(), "application/json");
}

void close_with(httplib::Response& res, int status) {
  oauth_error(res, status, "invalid_request");
  res.set_header("Connection", "close");  // the body was not read: the connection cannot be reused
}

bool has_control(std::string_view value) {
  return std::any_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// A form body parsed whatever its Content-Type (the HTTP-16 flaw); no percent-decoding needed here.
std::map<std::string, std::string> naive_form(const std::string& body) {
  std::map<std::string, std::string> out;
  std::size_t at = 0;
  for (int i = 0; i < 64 && at < body.size(); ++i) {
    const auto amp = std::min(body.find('&', at), body.size());
    const auto pair = body.substr(at, amp - at);
    const auto eq = pair.find('=');
    if (eq != std::string::npos) out[pair.substr(0, eq)] = pair.substr(eq + 1);
    at = amp + 1;
  }
  return out;
}

HandlerResponse pre_route(MockTarget::State& state, const httplib::Request& req, httplib::Response& res) {
  const auto& flaws = state.flaws;
  if (flaws.storm_overload && req.path != "/token" && state.logins_in_flight.load() >= storm_bound) {
    res.status = unavailable;
    return HandlerResponse::Handled;
  }
  if (flaws.head_unprotected && req.method == "HEAD") {
    res.status = ok;
    return HandlerResponse::Handled;
  }
  if (flaws.header_table_overflow && req.headers.size() > max_header_lines) {
    res.status = server_error;
    return HandlerResponse::Handled;
  }
  // RFC 9112 §6.1, §6.3: ambiguous framing is refused and the connection closed. (httplib alone
  // also never answers a smuggled request, so HTTP-07's flaw lives in a RawTarget.)
  const bool te = req.has_header("Transfer-Encoding");
  if (te && req.has_header("Content-Length")) return close_with(res, bad_request), HandlerResponse::Handled;
  if (req.get_header_value_count("Content-Length") > 1) return close_with(res, bad_request), HandlerResponse::Handled;
  if (te && lowered(field(req, "Transfer-Encoding")) != "chunked") return close_with(res, not_implemented), HandlerResponse::Handled;
  // RFC 9112 §5.1: no whitespace between a field name and the colon.
  const bool bad_name = std::any_of(req.headers.begin(), req.headers.end(),
                                    [](const auto& h) { return h.first.find_first_of(" \t") != std::string::npos; });
  // RFC 9110 §5.3: Authorization is not list-valued; §5.5: no control octets in a value.
  const bool repeated = req.get_header_value_count("Authorization") > 1;
  const bool control = has_control(field(req, "Authorization"));
  if ((bad_name && !flaws.trim_header_names) || (repeated && !flaws.first_authorization_wins) ||
      (control && !flaws.authorization_c_string)) {
    oauth_error(res, bad_request, "invalid_request");
    res.set_header("WWW-Authenticate", "Bearer realm=\"mock\", error=\"invalid_request\"");
    return HandlerResponse::Handled;
  }
  if (req.method == "POST" && req.path == "/token" && !flaws.any_content_type &&
      field(req, "Content-Type").rfind(form_type, 0) != 0) {
    oauth_error(res, bad_request, "invalid_request");
    return HandlerResponse::Handled;
  }
  return HandlerResponse::Unhandled;
}

void cors(const MockTarget::State& state, const httplib::Request& req, httplib::Response& res) {
  const auto origin = field(req, "Origin");
  if (origin.empty() || (origin != cors_origin && !state.flaws.cors_reflect_any_origin)) return;
  res.set_header("Access-Control-Allow-Origin", origin);
  res.set_header("Access-Control-Allow-Credentials", "true");
  res.set_header("Access-Control-Expose-Headers", "WWW-Authenticate");
  res.set_header("Vary", "Origin");
}

void preflight(const MockTarget::State& state, const httplib::Request& req, httplib::Response& res) {
  if (state.flaws.cors_preflight_needs_auth) {
    state.refuse(res, {unauthorized, ""}, false, "read");
    return;
  }
  res.status = no_content;
  res.set_header("Allow", "POST, OPTIONS");
  cors(state, req, res);
  if (res.has_header("Access-Control-Allow-Origin")) {
    res.set_header("Access-Control-Allow-Methods", "POST");
    res.set_header("Access-Control-Allow-Headers", "authorization, content-type");
  }
}

}  // namespace

bool MockTarget::State::password_matches(const std::string& user, std::string given) const {
  const auto found = users().find(user);
  if (!flaws.fast_hash && (found != users().end() || !flaws.skip_hash_for_unknown_user)) std::this_thread::sleep_for(hash_cost);
  if (found == users().end()) return false;
  std::string stored = found->second.password;
  if (flaws.nul_truncation) given = given.substr(0, given.find('\0'));
  if (flaws.trim_password) {
    given.erase(0, given.find_first_not_of(' '));
    given.erase(given.find_last_not_of(' ') + 1);
  }
  if (flaws.mangle_non_ascii) {
    for (auto& c : given) c = static_cast<unsigned char>(c) >= 0x80 ? '?' : c;
  }
  if (flaws.bcrypt_truncation) {
    given.resize(std::min(given.size(), bcrypt_bytes));
    stored.resize(std::min(stored.size(), bcrypt_bytes));
  }
  if (flaws.case_insensitive_password) return lowered(given) == lowered(stored);
  return given == stored;
}

void MockTarget::State::token_endpoint(const httplib::Request& req, httplib::Response& res) {
  cors(*this, req, res);
  auto params = flaws.any_content_type ? naive_form(req.body) : std::map<std::string, std::string>{};
  for (const auto& [name, value] : req.params) params.emplace(name, value);
  const auto param = [&](const std::string& name) { return params.count(name) > 0 ? params.at(name) : std::string(); };
  if (param("grant_type") != "password") return oauth_error(res, bad_request, "unsupported_grant_type");
  const auto password = param("password");
  if (flaws.crash_on_long_password && password.size() > long_password) {
    res.status = server_error;
    return;
  }
  ++logins_in_flight;
  const bool matches = password_matches(param("username"), password);
  --logins_in_flight;
  if (!matches) return oauth_error(res, bad_request, "invalid_grant");
  const auto& user = users().at(param("username"));
  if (user.disabled) return oauth_error(res, bad_request, "invalid_grant");
  const auto requested = param("scope");
  const auto scope = flaws.grant_requested_scope && !requested.empty() ? requested : user.scope;
  const auto access_token = flaws.opaque_tokens ? issue_opaque(param("username"), scope) : mint(param("username"), scope);
  res.set_header("Cache-Control", "no-store");
  res.set_content(nlohmann::json{{"access_token", access_token}, {"token_type", "Bearer"},
                                 {"expires_in", flaws.long_lived ? long_ttl : ttl}, {"scope", scope}}.dump(),
                  "application/json");
}

void MockTarget::State::install(httplib::Server& svr) {
  svr.set_payload_max_length(body_limit);
  svr.set_read_timeout(flaws.no_read_timeout ? slow_read_timeout : read_timeout);
  svr.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) { return pre_route(*this, req, res); });
  svr.Post("/token", [this](const httplib::Request& req, httplib::Response& res) { token_endpoint(req, res); });
  svr.Options("/token", [this](const httplib::Request& req, httplib::Response& res) { preflight(*this, req, res); });
  svr.Post("/revoke", [this](const httplib::Request& req, httplib::Response& res) {
    if (!flaws.revocation_ignored) {
      const std::lock_guard lock(mutex);
      revoked.insert(req.get_param_value("token"));
    }
    res.status = ok;  // RFC 7009 §2.2: 200 whether or not the token was known
  });
  svr.Get("/api/user", [this](const httplib::Request& req, httplib::Response& res) { serve(req, res, "read"); });
  const auto write = [this](const httplib::Request& req, httplib::Response& res) {
    const bool overridden = req.has_header("X-HTTP-Method-Override") || req.has_param("_method");
    serve(req, res, flaws.write_not_enforced || (overridden && flaws.override_skips_scope) ? "read" : "write");
  };
  svr.Post("/api/user", write);
  svr.Put("/api/user", write);
  svr.Patch("/api/user", write);
  svr.Delete("/api/user", write);
  svr.Get("/api/admin", [this](const httplib::Request& req, httplib::Response& res) {
    if (flaws.forbid_without_token && !req.has_header("Authorization")) return refuse(res, {forbidden, ""}, false, "admin");
    serve(req, res, "admin");
    if (flaws.hide_forbidden_as_404 && res.status == forbidden) {
      res.status = not_found;
      res.headers.erase("WWW-Authenticate");
      res.set_content(R"({"error":"hidden"})", "application/json");
    }
  });
  // A second route table entry that forgot the admin requirement (AUTHZ-09's flaw).
  if (flaws.loose_admin_paths) {
    svr.Get(R"(/+[Aa][Pp][Ii]/+[Aa][Dd][Mm][Ii][Nn]/*)", [this](const httplib::Request& req, httplib::Response& res) { serve(req, res, "read"); });
  }
  // Starlette's redirect_slashes: /api/admin/ answers 307 to /api/admin, for anyone.
  if (flaws.redirect_trailing_slash) {
    svr.Get("/api/admin/", [](const httplib::Request&, httplib::Response& res) {
      res.status = temporary_redirect;
      res.set_header("Location", "/api/admin");
    });
  }
  svr.Get(R"(/api/users/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
    const auto subject = authorize(req, res, "read");
    if (!subject) return;
    if (*subject != req.matches[1].str() && !flaws.other_users_records) return refuse(res, {forbidden, ""}, true, "read");
    res.set_header("Cache-Control", "no-store");
    res.set_content(nlohmann::json{{"name", req.matches[1].str()}, {"email", req.matches[1].str() + "@mock.test"}}.dump(), "application/json");
  });
}

}  // namespace authprobe::conformance::mock_target
