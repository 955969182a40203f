// TOKEN mutants for credentials, clients, scope, token shape and refresh (checks.md TOKEN-14..27):
// one flaw at the token endpoint in front of the reference server, one check, the catalog's verdict.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include "conformance/http_constants.hpp"
#include "conformance/mutants/expect_verdict.hpp"

namespace authprobe::conformance::mutants {
namespace {


// `edit(request, response)` after forwarding, for token-endpoint exchanges only.
Flaw at_token(const TargetProfile& profile, std::string name, std::function<void(ProxyRequest&)> before,
              std::function<void(const ProxyRequest&, ProxyResponse&)> after = {}) {
  return {std::move(name), [profile, before, after](ProxyRequest request, const Upstream& upstream) {
            const bool token = at_token_endpoint(profile, request);
            if (token && before) before(request);
            auto response = upstream(request);
            if (token && after) after(request, response);
            return response;
          }};
}

Fields without(Fields fields, std::initializer_list<std::string_view> names) {
  std::erase_if(fields, [&](const auto& f) { return std::find(names.begin(), names.end(), f.first) != names.end(); });
  return fields;
}

Flaw inactive_user_at_token(const TargetProfile& p) {
  const std::string carol = p.user("carol") ? p.user("carol")->username : "carol";
  return at_token(p, "\"Inactive user\" for carol", {}, [carol](const ProxyRequest& rq, ProxyResponse& rs) {
    if (rq.form_value("username") == carol && !status::is_success(rs.status)) {
      rs.set_json(status::bad_request, R"({"error":"invalid_grant","error_description":"Inactive user"})");
    }
  });
}

Flaw quote_in_description(const TargetProfile& p) {
  return at_token(p, "error_description with a quote", {}, [](const ProxyRequest&, ProxyResponse& rs) {
    if (status::is_client_error(rs.status)) edit_json(rs, [](auto& j) { j["error_description"] = "Incorrect \"username\" or password"; });
  });
}

Flaw detail_bodies(const TargetProfile& p) {
  return at_token(p, "{\"detail\"} error bodies (D2)", {}, [](const ProxyRequest&, ProxyResponse& rs) {
    if (status::is_client_error(rs.status)) rs.set_json(rs.status, R"({"detail":"Incorrect username or password"})");
  });
}

Flaw invalid_client_as_400(const TargetProfile& p) {
  return at_token(p, "invalid_client as 400 without a challenge", {}, [](const ProxyRequest&, ProxyResponse& rs) {
    if (rs.json_string("error") == "invalid_client") {
      rs.status = status::bad_request;
      rs.remove_header(header::www_authenticate);
    }
  });
}

// With Basic client auth present, body client credentials are dropped instead of refused.
Flaw body_credentials_ignored(const TargetProfile& p) {
  return at_token(p, "second client-auth method ignored", [](ProxyRequest& r) {
    if (r.header(header::authorization)) r.set_form(without(r.form(), {"client_id", "client_secret"}));
  });
}

// Client id and secret taken from Basic without the form-urldecoding step of RFC 6749 §2.3.1.
Flaw client_id_not_urldecoded(const TargetProfile& p) {
  return at_token(p, "client id and secret not url-decoded", [](ProxyRequest& r) {
    const auto user_pass = r.basic_user_pass();
    if (!user_pass || user_pass->find('%') == std::string::npos) return;
    const auto colon = user_pass->find(':');
    // What the flawed server compares is the raw text; upstream decodes once, so encode once more.
    r.set_basic(form_urlencode(user_pass->substr(0, colon)) + ":" + form_urlencode(user_pass->substr(colon + 1)));
  });
}

Flaw client_auth_optional(const TargetProfile& p) {
  const auto cli = client_user_pass(*p.clients.confidential);
  return at_token(p, "client authentication optional", [cli](ProxyRequest& r) {
    if (!r.header(header::authorization) && !r.form_value("client_id")) r.set_basic(cli);
  });
}

Flaw client_grants_not_enforced(const TargetProfile& p) {
  const auto cli = client_user_pass(*p.clients.confidential);
  const auto svc = client_user_pass(*p.clients.no_password_grant);
  return at_token(p, "client grant restrictions not enforced", [cli, svc](ProxyRequest& r) {
    if (r.basic_user_pass() == svc) r.set_basic(cli);
  });
}

Flaw unknown_scope_ignored(const TargetProfile& p) {
  return at_token(p, "scope parameter ignored", [](ProxyRequest& r) {
    if (r.form_value("scope")) r.set_form(without(r.form(), {"scope"}));
  });
}

Flaw expires_in_string(const TargetProfile& p) {
  return at_token(p, "expires_in as a string", {}, [](const ProxyRequest&, ProxyResponse& rs) {
    edit_json(rs, [](auto& j) {
      if (j.contains("expires_in")) j["expires_in"] = j["expires_in"].dump();
    });
  });
}

// Deterministic tokens: the first grant per user is answered again for every later grant.
Flaw deterministic_tokens(const TargetProfile& p) {
  struct Memo {
    std::mutex mutex;
    std::map<std::string, ProxyResponse> by_user;
  };
  auto memo = std::make_shared<Memo>();
  return {"the same token for every grant", [p, memo](ProxyRequest request, const Upstream& upstream) {
            const auto user = request.form_value("username");
            if (!at_token_endpoint(p, request) || request.form_value("grant_type") != "password" || !user) return upstream(request);
            std::lock_guard lock(memo->mutex);
            if (const auto it = memo->by_user.find(*user); it != memo->by_user.end()) return it->second;
            auto response = upstream(request);
            if (status::is_success(response.status)) memo->by_user.emplace(*user, response);
            return response;
          }};
}

// Refresh tokens accepted from any client: the refresh request is re-sent as the baseline client.
Flaw refresh_not_client_bound(const TargetProfile& p) {
  const auto cli = client_user_pass(*p.clients.confidential);
  return at_token(p, "refresh tokens not bound to their client", [cli](ProxyRequest& r) {
    if (r.form_value("grant_type") == "refresh_token") r.set_basic(cli);
  });
}

// No rotation: a used refresh token keeps working (the proxy follows it to the chain's newest).
Flaw refresh_replay_accepted(const TargetProfile& p) {
  struct Chain {
    std::mutex mutex;
    std::map<std::string, std::string> successor;
  };
  auto chain = std::make_shared<Chain>();
  return {"refresh tokens replayable", [p, chain](ProxyRequest request, const Upstream& upstream) {
            const auto presented = request.form_value("refresh_token");
            if (!at_token_endpoint(p, request) || request.form_value("grant_type") != "refresh_token" || !presented) {
              return upstream(request);
            }
            std::lock_guard lock(chain->mutex);
            std::string current = *presented;
            constexpr int max_links = 32;
            for (int i = 0; i < max_links && chain->successor.count(current) > 0; ++i) current = chain->successor[current];
            auto fields = request.form();
            for (auto& [k, v] : fields) {
              if (k == "refresh_token") v = current;
            }
            request.set_form(fields);
            auto response = upstream(request);
            if (const auto next = response.json_string("refresh_token")) chain->successor[current] = *next;
            return response;
          }};
}

void expect(const FlawFactory& flaw, const std::string& id, Verdict verdict, std::vector<std::string> also = {}) {
  const auto f = judge_through(flaw, id, Judgement::strict, std::move(also));
  INFO(id << " " << describe(f));
  CHECK(f.verdict == verdict);
}

void declare_body_client_credentials(TargetProfile& p) { p.flows.body_client_credentials = true; }

}  // namespace

TEST_CASE("TOKEN client, scope and refresh checks pass through the proxy with no flaw", "[http][mutant]") {
  const std::vector<std::string> ids{"TOKEN-13", "TOKEN-14", "TOKEN-15", "TOKEN-16", "TOKEN-17", "TOKEN-18", "TOKEN-19",
                                     "TOKEN-20", "TOKEN-21", "TOKEN-22", "TOKEN-23", "TOKEN-24", "TOKEN-26", "TOKEN-27"};
  auto verdicts = run_through([](const TargetProfile&) { return testing::no_flaw(); },
                              selecting(ids, {Judgement::strict}, declare_body_client_credentials));
  for (const auto& id : ids) {
    INFO(id << " " << describe(verdicts[Judgement::strict][id]));
    CHECK(verdicts[Judgement::strict][id].verdict == Verdict::pass);
  }
}

TEST_CASE("TOKEN-14 fails in strict and lenient when a disabled user gets \"Inactive user\" (D12)", "[http][mutant]") {
  auto verdicts = run_through(inactive_user_at_token, selecting({"TOKEN-14"}, {Judgement::strict, Judgement::lenient}));
  for (const auto judgement : {Judgement::strict, Judgement::lenient}) {
    INFO(to_string(judgement) << " " << describe(verdicts[judgement]["TOKEN-14"]));
    CHECK(verdicts[judgement]["TOKEN-14"].verdict == Verdict::fail);
  }
}

// TOKEN-15 is run-wide: it judges the error responses TOKEN-13 caused.
TEST_CASE("TOKEN-15 fails when error_description holds a quote", "[http][mutant]") {
  expect(quote_in_description, "TOKEN-15", Verdict::fail, {"TOKEN-13"});
}

TEST_CASE("TOKEN-15 fails in strict and warns in lenient for {\"detail\"} error bodies (D2)", "[http][mutant]") {
  auto verdicts = run_through(detail_bodies, selecting({"TOKEN-15", "TOKEN-13"}, {Judgement::strict, Judgement::lenient}));
  INFO(describe(verdicts[Judgement::strict]["TOKEN-15"]) << "\n" << describe(verdicts[Judgement::lenient]["TOKEN-15"]));
  CHECK(verdicts[Judgement::strict]["TOKEN-15"].verdict == Verdict::fail);
  CHECK(verdicts[Judgement::lenient]["TOKEN-15"].verdict == Verdict::warn);
}

TEST_CASE("TOKEN-16 fails when a bad client secret gets 400 without a challenge", "[http][mutant]") {
  expect(invalid_client_as_400, "TOKEN-16", Verdict::fail);
}

// A 401 without a challenge is not TOKEN-17's subject (V1): see flaws_token_v10.cpp.

TEST_CASE("TOKEN-18 fails when body client credentials beside Basic are ignored", "[http][mutant]") {
  auto verdicts = run_through(body_credentials_ignored, selecting({"TOKEN-18"}, {Judgement::strict}, declare_body_client_credentials));
  check_verdict(Verdict::fail, verdicts[Judgement::strict]["TOKEN-18"]);
}

TEST_CASE("TOKEN-19 fails when client credentials are not url-decoded", "[http][mutant]") {
  expect(client_id_not_urldecoded, "TOKEN-19", Verdict::fail);
}

TEST_CASE("TOKEN-20 fails when client authentication is optional", "[http][mutant]") { expect(client_auth_optional, "TOKEN-20", Verdict::fail); }

TEST_CASE("TOKEN-21 fails when a client's grant restrictions are not enforced", "[http][mutant]") {
  expect(client_grants_not_enforced, "TOKEN-21", Verdict::fail);
}

TEST_CASE("TOKEN-22 fails when unknown scopes are ignored", "[http][mutant]") { expect(unknown_scope_ignored, "TOKEN-22", Verdict::fail); }

TEST_CASE("TOKEN-23 fails when expires_in is a string", "[http][mutant]") { expect(expires_in_string, "TOKEN-23", Verdict::fail); }

TEST_CASE("TOKEN-24 fails when two grants return the same token", "[http][mutant]") { expect(deterministic_tokens, "TOKEN-24", Verdict::fail); }

TEST_CASE("TOKEN-26 fails when a refresh token works for another client", "[http][mutant]") {
  expect(refresh_not_client_bound, "TOKEN-26", Verdict::fail);
}

TEST_CASE("TOKEN-27 fails when a used refresh token can be replayed", "[http][mutant]") {
  expect(refresh_replay_accepted, "TOKEN-27", Verdict::fail);
}

}  // namespace authprobe::conformance::mutants
