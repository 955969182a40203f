// Servers that do not issue tokens through an RFC 6749 password grant (the catalog's
// scope): a JSON login route, a token route behind HTTP Basic, and tokens the tester
// supplies. A proxy in front of the reference server gives it each shape; the profile describes
// the shape, and the BEARER/JWT/AUTHZ battery must run and judge through it: no SKIP or ERROR
// for want of a token, 0 FAIL on the correct server, and FAILs when the server behind the shape
// accepts any bearer token.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>

#include "conformance/http_constants.hpp"
#include "conformance/mutants/expect_verdict.hpp"
#include "conformance/session.hpp"

namespace authprobe::conformance::mutants {
namespace {


constexpr std::string_view json_login_path = "/api/login";
// The reference server's own OAuth token endpoint behind the proxy (fixtures/profiles/reference.json);
// the shaped profiles point endpoints.token at the shape's route instead.
constexpr std::string_view reference_token_path = "/token";
constexpr std::string_view basic_token_path = "/api/tokens";

// The reference's password grant for user/password, as the shape's route forwards it.
ProxyResponse password_grant(const TargetProfile& profile, const Upstream& upstream, const std::string& user,
                             const std::string& password) {
  ProxyRequest grant;
  grant.method = "POST";
  grant.target = std::string(reference_token_path);
  grant.set_form({{"grant_type", "password"}, {"username", user}, {"password", password}});
  grant.set_basic(client_user_pass(*profile.clients.confidential));
  return upstream(grant);
}

// Wraps the reference's token response the way many APIs do: {"data": {"access": ...}}.
ProxyResponse wrapped(ProxyResponse response) {
  if (!status::is_success(response.status)) return response;
  edit_json(response, [](nlohmann::json& body) {
    body = {{"data", {{"access", body.value("access_token", "")}, {"refresh", body.value("refresh_token", "")}}}};
  });
  return response;
}

// Answers anything the shape's route does not own by forwarding it unchanged, and refuses the
// reference's own token endpoint, so a run that still used it would show.
Flaw shaped(std::string name, const TargetProfile& profile,
            std::function<std::optional<ProxyResponse>(const ProxyRequest&, const Upstream&)> route,
            bool any_bearer_opens = false) {
  return {std::move(name), [profile, route, any_bearer_opens](ProxyRequest request, const Upstream& upstream) {
            if (auto answered = route(request, upstream)) return *answered;
            if (request.path() == reference_token_path) {
              ProxyResponse gone;
              gone.set_json(status::not_found, R"({"detail":"Not Found"})");
              return gone;
            }
            if (any_bearer_opens) {
              // The flaw the battery must find through the shape: any bearer value opens a
              // resource (the proxy swaps in bob's real token).
              const auto authorization = request.header(header::authorization);
              if (authorization && authorization->size() > std::string_view("Bearer ").size()) {
                const auto* bob = profile.user("bob");
                auto grant = password_grant(profile, upstream, bob->username, bob->password);
                if (auto token = grant.json_string("access_token")) request.set_header(header::authorization, "Bearer " + *token);
              }
            }
            return upstream(request);
          }};
}

std::optional<ProxyResponse> json_login_route(const TargetProfile& profile, const ProxyRequest& request,
                                              const Upstream& upstream) {
  if (request.path() != json_login_path) return std::nullopt;
  const auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (request.method != "POST" || !body.is_object() || !body.contains("username") || !body.contains("password") ||
      !body["username"].is_string() || !body["password"].is_string()) {
    ProxyResponse bad;
    bad.set_json(status::bad_request, R"({"error":"username and password required"})");
    return bad;
  }
  return wrapped(password_grant(profile, upstream, body["username"].get<std::string>(), body["password"].get<std::string>()));
}

std::optional<ProxyResponse> basic_token_route(const TargetProfile& profile, const ProxyRequest& request,
                                               const Upstream& upstream) {
  if (request.path() != basic_token_path) return std::nullopt;
  const auto user_pass = request.basic_user_pass();
  if (request.method != "POST" || !user_pass || user_pass->find(':') == std::string::npos) {
    ProxyResponse refused;
    refused.set_json(status::unauthorized, R"({"error":"authentication required"})");
    refused.set_header(header::www_authenticate, "Basic realm=\"tokens\"");
    return refused;
  }
  const auto colon = user_pass->find(':');
  auto response = password_grant(profile, upstream, user_pass->substr(0, colon), user_pass->substr(colon + 1));
  if (status::is_success(response.status)) {
    edit_json(response, [](nlohmann::json& body) { body = {{"token", body.value("access_token", "")}}; });
  }
  return response;
}

Endpoint post(std::string_view path) {
  Endpoint endpoint;
  endpoint.method = "POST";
  endpoint.path = std::string(path);
  return endpoint;
}

void as_json_login(TargetProfile& profile) {
  profile.endpoints.token = post(json_login_path);
  profile.acquisition.kind = AcquisitionKind::login;
  profile.acquisition.login.credentials = LoginCredentials::json;
  profile.acquisition.login.access_token_path = "data.access";
  profile.acquisition.login.refresh_token_path = "data.refresh";
  profile.flows.password_grant = false;
  profile.flows.refresh_token = false;
}

void as_basic_token_route(TargetProfile& profile) {
  profile.endpoints.token = post(basic_token_path);
  profile.acquisition.kind = AcquisitionKind::login;
  profile.acquisition.login.credentials = LoginCredentials::basic;
  profile.acquisition.login.access_token_path = "token";
  profile.flows.password_grant = false;
  profile.flows.refresh_token = false;
}

const std::vector<std::string> battery{"BEARER", "JWT", "AUTHZ"};

struct Tally {
  std::map<Verdict, int> counts;
  std::vector<std::string> lines;  // ID verdict: actual, for the failure message

  [[nodiscard]] int count(Verdict verdict) const {
    const auto found = counts.find(verdict);
    return found == counts.end() ? 0 : found->second;
  }
};

Tally tally(const std::map<std::string, Finding>& findings) {
  Tally t;
  for (const auto& [id, finding] : findings) {
    ++t.counts[finding.verdict];
    t.lines.push_back(id + " " + std::string(to_string(finding.verdict)) + ": " + finding.actual + " " + finding.detail);
  }
  return t;
}

std::string listed(const Tally& t, Verdict only) {
  std::string marker(" ");
  marker += to_string(only);
  marker += ":";
  std::string out;
  for (const auto& line : t.lines) {
    if (line.find(marker) != std::string::npos) out += line + "\n";
  }
  return out;
}

// No check of the battery may SKIP or ERROR because the suite found no way to a token.
int token_starved(const std::map<std::string, Finding>& findings) {
  int starved = 0;  // each one named in the failure message
  for (const auto& [id, finding] : findings) {
    const auto& why = finding.detail + finding.actual;
    if (why.find("no way to obtain tokens") != std::string::npos ||
        why.find("no password-grant token endpoint") != std::string::npos ||
        why.find("no token endpoint") != std::string::npos || why.find("baseline TOKEN-01") != std::string::npos) {
      UNSCOPED_INFO("starved: " << id << " " << to_string(finding.verdict) << ": " << why);
      ++starved;
    }
  }
  return starved;
}

}  // namespace

TEST_CASE("a JSON login route is described by the profile and judged on the whole BEARER/JWT/AUTHZ battery",
          "[http][shapes]") {
  auto verdicts = run_through(
      [](const TargetProfile& p) {
        return shaped("json login", p, [p](const ProxyRequest& r, const Upstream& u) { return json_login_route(p, r, u); });
      },
      selecting(battery, {Judgement::strict}, as_json_login));
  const auto& findings = verdicts[Judgement::strict];
  const auto t = tally(findings);
  INFO(listed(t, Verdict::fail) << listed(t, Verdict::error));
  CHECK(findings.size() > 40);
  CHECK(t.count(Verdict::fail) == 0);
  CHECK(t.count(Verdict::error) == 0);
  CHECK(t.count(Verdict::pass) > 30);
  CHECK(token_starved(findings) == 0);
}

TEST_CASE("a token route behind HTTP Basic is described by the profile and judged on the battery", "[http][shapes]") {
  auto verdicts = run_through(
      [](const TargetProfile& p) {
        return shaped("basic token route", p,
                      [p](const ProxyRequest& r, const Upstream& u) { return basic_token_route(p, r, u); });
      },
      selecting(battery, {Judgement::strict}, as_basic_token_route));
  const auto& findings = verdicts[Judgement::strict];
  const auto t = tally(findings);
  INFO(listed(t, Verdict::fail) << listed(t, Verdict::error));
  CHECK(t.count(Verdict::fail) == 0);
  CHECK(t.count(Verdict::error) == 0);
  CHECK(t.count(Verdict::pass) > 30);
  CHECK(token_starved(findings) == 0);
}

TEST_CASE("through a JSON login route, a server that accepts any bearer token FAILs the JWT checks", "[http][shapes]") {
  auto verdicts = run_through(
      [](const TargetProfile& p) {
        return shaped(
            "json login, any bearer opens", p,
            [p](const ProxyRequest& r, const Upstream& u) { return json_login_route(p, r, u); }, true);
      },
      selecting({"JWT-05", "JWT-06", "JWT-09", "BEARER-03"}, {Judgement::strict}, as_json_login));
  for (const auto& id : {"JWT-05", "JWT-06", "JWT-09", "BEARER-03"}) {
    INFO(id << " " << describe(verdicts[Judgement::strict][id]));
    CHECK(verdicts[Judgement::strict][id].verdict == Verdict::fail);
  }
}

TEST_CASE("a login route that refuses the profile's password stops the run as incomplete, naming the field",
          "[http][shapes]") {
  auto target_profile = [](TargetProfile& p) {
    as_json_login(p);
    p.users.at("alice").password = "not-alice-s-password";
  };
  const auto flaw = [](const TargetProfile& p) {
    return shaped("json login", p, [p](const ProxyRequest& r, const Upstream& u) { return json_login_route(p, r, u); });
  };
  auto verdicts = run_through(flaw, selecting({"JWT-05", "BEARER-02"}, {Judgement::strict}, target_profile));
  CHECK(verdicts[Judgement::strict]["JWT-05"].verdict == Verdict::error);
  CHECK(verdicts[Judgement::strict]["BEARER-02"].verdict == Verdict::error);
  const auto reports = reports_through(flaw, selecting({"JWT-05"}, {Judgement::strict}, target_profile));
  const auto& report = reports.at(Judgement::strict);
  REQUIRE(report.shortfalls.size() == 1);
  CHECK(report.shortfalls.front().field == "users.alice.password");
  CHECK(report.shortfalls.front().reason.find("POST /api/login answered 400") != std::string::npos);
  CHECK(exit_code(report) == exit_status::incomplete);
}

TEST_CASE("tokens supplied by the tester (inline, environment, command) are judged like issued ones", "[http][shapes]") {
  auto run = selecting({"JWT-05", "JWT-09", "BEARER-02", "AUTHZ-02"}, {Judgement::strict}, [](TargetProfile& p) {
    p.acquisition.kind = AcquisitionKind::supplied;
    p.flows.password_grant = false;
    p.flows.refresh_token = false;
  });
  // The tester obtained the tokens elsewhere: here, from the reference's password grant, before
  // the run. alice's comes from a command, bob's from the environment, the others inline.
  run.prepare = [](TargetProfile& p) {
    TargetProfile issuing = p;
    issuing.acquisition.kind = AcquisitionKind::oauth_password;
    ProbeSettings settings;
    settings.base_url = p.base_url;
    Probe probe(settings);
    Session session(issuing, probe);
    for (auto& [name, user] : p.users) {
      if (user.disabled) continue;
      auto grant = session.fresh_token(name);
      REQUIRE(grant);
      if (name == "alice") {
        setenv("AUTHPROBE_TEST_TOKEN_FILE_TEXT", grant->access_token.c_str(), 1);
        user.token = SuppliedToken{std::nullopt, std::nullopt, "printf '%s\\n' \"$AUTHPROBE_TEST_TOKEN_FILE_TEXT\"",
                                   "users.alice.token_command"};
      } else if (name == "bob") {
        setenv("AUTHPROBE_TEST_TOKEN_BOB", grant->access_token.c_str(), 1);
        user.token = SuppliedToken{std::nullopt, "AUTHPROBE_TEST_TOKEN_BOB", std::nullopt, "users.bob.token_env"};
      } else {
        user.token = SuppliedToken{grant->access_token, std::nullopt, std::nullopt, "users." + name + ".token"};
      }
    }
  };
  const auto reports = reports_through([](const TargetProfile&) { return testing::no_flaw(); }, run);
  const auto& report = reports.at(Judgement::strict);
  CHECK(report.token_acquisition == "supplied");
  CHECK(report.shortfalls.empty());
  for (const auto& result : report.results) {
    INFO(result.id << " " << describe(result.finding));
    CHECK(result.finding.verdict == Verdict::pass);
  }
  CHECK(report.results.size() == 4);
}

TEST_CASE("a supplied token that cannot be read is a shortfall naming the profile field, and exit 4", "[http][shapes]") {
  auto run = selecting({"BEARER-02"}, {Judgement::strict}, [](TargetProfile& p) {
    p.acquisition.kind = AcquisitionKind::supplied;
    p.flows.password_grant = false;
    p.flows.refresh_token = false;
    for (auto& [name, user] : p.users) {
      user.token = SuppliedToken{std::nullopt, "AUTHPROBE_TEST_UNSET_TOKEN_VARIABLE", std::nullopt, "users." + name + ".token_env"};
    }
  });
  unsetenv("AUTHPROBE_TEST_UNSET_TOKEN_VARIABLE");
  const auto reports = reports_through([](const TargetProfile&) { return testing::no_flaw(); }, run);
  const auto& report = reports.at(Judgement::strict);
  REQUIRE_FALSE(report.shortfalls.empty());
  CHECK(report.shortfalls.front().field == "users.alice.token_env");
  CHECK(report.results.front().finding.verdict == Verdict::error);
  CHECK(exit_code(report) == exit_status::incomplete);
}

}  // namespace authprobe::conformance::mutants

namespace authprobe::conformance::mutants {

// A server whose Basic users are not its token users: the proxy knows alice on the Basic
// resources only as "alice@basic" with another password, and refuses her token identity there.
TEST_CASE("users.X.basic gives the Basic resources another identity than the token flow", "[http][shapes]") {
  const std::string basic_name = "alice@basic";
  const std::string basic_password = "basic-only-pw-42";
  const auto flaw = [&](const TargetProfile& p) {
    const auto* alice = p.user("alice");
    const std::string token_identity = alice->username + ":" + alice->password;
    return Flaw{"separate basic identity", [=](ProxyRequest request, const Upstream& upstream) {
                  const bool basic_resource = request.path() == p.endpoints.basic_user->path ||
                                              request.path() == p.endpoints.basic_admin->path;
                  const auto user_pass = request.basic_user_pass();
                  if (basic_resource && user_pass) {
                    if (*user_pass == basic_name + ":" + basic_password) {
                      request.set_basic(token_identity);
                    } else if (*user_pass == token_identity) {
                      request.set_basic(alice->username + ":not-on-this-flow");
                    }
                  }
                  return upstream(request);
                }};
  };
  const std::vector<std::string> ids{"BASIC-02", "BASIC-03", "AUTHZ-02", "BEARER-02"};
  auto with_identity = run_through(flaw, selecting(ids, {Judgement::strict}, [&](TargetProfile& p) {
                                     p.users.at("alice").basic = Identity{basic_name, basic_password};
                                   }));
  for (const auto& id : ids) {
    INFO(id << " " << describe(with_identity[Judgement::strict][id]));
    CHECK(with_identity[Judgement::strict][id].verdict == Verdict::pass);
  }
  // Control: without users.alice.basic the Basic baseline fails (the proxy refuses the token
  // identity there), while the token flow still works.
  auto without = run_through(flaw, selecting({"BASIC-02", "BEARER-02"}, {Judgement::strict}));
  CHECK(without[Judgement::strict]["BASIC-02"].verdict == Verdict::fail);
  CHECK(without[Judgement::strict]["BEARER-02"].verdict == Verdict::pass);
}

}  // namespace authprobe::conformance::mutants
