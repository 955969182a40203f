// TOKEN mutants for the client, refresh and token-owner readings of catalog rule V10 and the
// V1/V3 audit: one flaw in front of the reference server, the verdict, a control.
#include <catch2/catch.hpp>

#include <algorithm>

#include "conformance/http_constants.hpp"
#include "conformance/mutants/token_flaws.hpp"

namespace authprobe::conformance::mutants {
namespace {

using namespace token_flaws;

Flaw refresh_refused_to_own_client(const TargetProfile& p) {
  const auto cli = client_user_pass(*p.clients.confidential);
  return at_token(p, "refresh grant refused to the issuing client", [cli](ProxyRequest& rq, const Upstream&) -> std::optional<ProxyResponse> {
    if (rq.form_value("grant_type") != "refresh_token" || rq.basic_user_pass() != cli) return std::nullopt;
    return json_answer(status::bad_request, R"({"error":"unauthorized_client","error_description":"refresh not allowed for this client"})");
  });
}

// Parameter pollution across two layers: the password is checked for the first username, the
// token minted for the last (here by asking the reference for the last user's token).
Flaw token_for_last_username(const TargetProfile& p) {
  return at_token(p, "password checked for the first username, token for the last", [p](ProxyRequest& rq, const Upstream&) -> std::optional<ProxyResponse> {
    std::vector<std::string> names;
    for (const auto& [k, v] : rq.form()) {
      if (k == "username") names.push_back(v);
    }
    if (names.size() < 2) return std::nullopt;
    const auto first = std::find_if(p.users.begin(), p.users.end(), [&](const auto& u) { return u.second.username == names.front(); });
    const auto last = std::find_if(p.users.begin(), p.users.end(), [&](const auto& u) { return u.second.username == names.back(); });
    if (first == p.users.end() || last == p.users.end() || rq.form_value("password") != first->second.password) return std::nullopt;
    Fields fields;
    for (const auto& [k, v] : rq.form()) {
      if (k != "username" && k != "password") fields.emplace_back(k, v);
    }
    fields.emplace_back("username", last->second.username);
    fields.emplace_back("password", last->second.password);
    rq.set_form(fields);
    return std::nullopt;
  });
}

Flaw invalid_client_without_challenge(const TargetProfile& p) {
  return at_token(p, "401 invalid_client without a challenge", [](ProxyRequest& rq, const Upstream& upstream) -> std::optional<ProxyResponse> {
    auto r = upstream(rq);
    if (r.json_string("error") == "invalid_client") r.remove_header(header::www_authenticate);
    return r;
  });
}

Flaw invalid_client_as_403(const TargetProfile& p) {
  return at_token(p, "invalid_client as 403", [](ProxyRequest& rq, const Upstream& upstream) -> std::optional<ProxyResponse> {
    auto r = upstream(rq);
    if (r.json_string("error") == "invalid_client") {
      r.status = status::forbidden;
      r.remove_header(header::www_authenticate);
    }
    return r;
  });
}

Flaw body_credentials_ignored(const TargetProfile& p) {
  return at_token(p, "second client-auth method ignored", [](ProxyRequest& rq, const Upstream&) -> std::optional<ProxyResponse> {
    if (!rq.header(header::authorization)) return std::nullopt;
    Fields fields = rq.form();
    std::erase_if(fields, [](const auto& f) { return f.first == "client_id" || f.first == "client_secret"; });
    rq.set_form(fields);
    return std::nullopt;
  });
}

// The token response is still a token, but not the faultless TOKEN-01 shape.

void declare_body_client_credentials(TargetProfile& p) { p.flows.body_client_credentials = true; }
void declare_no_body_client_credentials(TargetProfile& p) { p.flows.body_client_credentials = false; }

}  // namespace

TEST_CASE("TOKEN-18 SKIPs when the profile declares body client credentials unsupported (V10)", "[http][mutant]") {
  auto undeclared = judged(body_credentials_ignored, {"TOKEN-18"}, {Judgement::strict}, declare_no_body_client_credentials);
  check_verdict(Verdict::skip, undeclared[Judgement::strict]["TOKEN-18"]);
  auto declared = judged(body_credentials_ignored, {"TOKEN-18"}, {Judgement::strict}, declare_body_client_credentials);
  CHECK(declared[Judgement::strict]["TOKEN-18"].verdict == Verdict::fail);
  auto clean = judged(control(), {"TOKEN-18"}, {Judgement::strict}, declare_body_client_credentials);
  CHECK(clean[Judgement::strict]["TOKEN-18"].verdict == Verdict::pass);
}

TEST_CASE("TOKEN-26 (a) warns when the client's own refresh token is refused as unauthorized_client (V10)", "[http][mutant]") {
  auto v = judged(refresh_refused_to_own_client, {"TOKEN-26"}, {Judgement::strict});
  const auto& f = v[Judgement::strict]["TOKEN-26"];
  INFO(describe(f));
  CHECK(f.verdict == Verdict::warn);
  CHECK(f.detail.find("(c)") != std::string::npos);  // (c) cannot be judged for this client
}

TEST_CASE("TOKEN-11 says whose token a duplicated username obtained (V10)", "[http][mutant]") {
  const auto f = expect_verdict(Verdict::fail, token_for_last_username, "TOKEN-11");
  CHECK(f.actual.find("username twice") != std::string::npos);
  CHECK(f.actual.find("fixture user bob") != std::string::npos);
  CHECK(f.actual.find("admin") != std::string::npos);
}

TEST_CASE("TOKEN-16 fails and TOKEN-17 passes for 401 invalid_client without a challenge (V1)", "[http][mutant]") {
  auto v = judged(invalid_client_without_challenge, {"TOKEN-16", "TOKEN-17"}, {Judgement::strict}, declare_body_client_credentials);
  INFO(describe(v[Judgement::strict]["TOKEN-16"]) << "\n" << describe(v[Judgement::strict]["TOKEN-17"]));
  CHECK(v[Judgement::strict]["TOKEN-16"].verdict == Verdict::fail);
  CHECK(v[Judgement::strict]["TOKEN-17"].verdict == Verdict::pass);
}

TEST_CASE("TOKEN-17 takes its MAY level for a 403 refusal: WARN, not FAIL (V3)", "[http][mutant]") {
  auto v = judged(invalid_client_as_403, {"TOKEN-17"}, {Judgement::strict}, declare_body_client_credentials);
  check_verdict(Verdict::warn, v[Judgement::strict]["TOKEN-17"]);
}

}  // namespace authprobe::conformance::mutants
