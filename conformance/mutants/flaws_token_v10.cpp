// TOKEN mutants for the readings of catalog rule V10 (checks.md, "V10 — readings settled on real
// servers"): each flaw is one behaviour seen on a real stack, put in front of the reference server,
// with the verdict V10 gives it and a control that passes.
#include <catch2/catch.hpp>

#include <algorithm>

#include "conformance/http_constants.hpp"
#include "conformance/mutants/mutant_run.hpp"

namespace authprobe::conformance::mutants {
namespace {

using testing::Fields;
using testing::Flaw;
using testing::ProxyRequest;
using testing::ProxyResponse;
using testing::Upstream;
namespace status = http::status;
namespace header = http::header;

const std::vector<Judgement> strict_and_lenient{Judgement::strict, Judgement::lenient};

// `outer` sees the request first; its upstream is `inner` in front of the reference.
FlawFactory both(FlawFactory outer, FlawFactory inner) {
  return [outer, inner](const TargetProfile& p) {
    const Flaw o = outer(p);
    const Flaw i = inner(p);
    return Flaw{o.name + " + " + i.name, [o, i](ProxyRequest request, const Upstream& upstream) {
                  const Upstream through_inner = [&](const ProxyRequest& r) { return i.apply(r, upstream); };
                  return o.apply(std::move(request), through_inner);
                }};
  };
}

// Token-endpoint requests only: `answer` replaces the exchange when it returns a response.
Flaw at_token(const TargetProfile& p, std::string name,
              std::function<std::optional<ProxyResponse>(ProxyRequest&, const Upstream&)> answer) {
  return {std::move(name), [p, answer](ProxyRequest request, const Upstream& upstream) {
            if (at_token_endpoint(p, request)) {
              if (auto own = answer(request, upstream)) return *own;
            }
            return upstream(request);
          }};
}

ProxyResponse json_answer(int code, const std::string& body) {
  ProxyResponse r;
  r.set_json(code, body);
  return r;
}

bool malformed_escape(std::string_view body) {
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '%') continue;
    if (i + 2 >= body.size() || !std::isxdigit(static_cast<unsigned char>(body[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(body[i + 2]))) {
      return true;
    }
  }
  return false;
}

// A framework whose body parser answers a malformed form with its own HTML page before the OAuth
// code runs (no Cache-Control: it never reaches the code that sets it).
Flaw framework_page_for_malformed_bodies(const TargetProfile& p) {
  return at_token(p, "framework 400 page for malformed bodies", [](ProxyRequest& rq, const Upstream&) -> std::optional<ProxyResponse> {
    if (!malformed_escape(rq.body)) return std::nullopt;
    ProxyResponse r;
    r.status = status::bad_request;
    r.body = "<html><body><h1>400 Bad Request</h1></body></html>";
    r.set_header(header::content_type, "text/html");
    return r;
  });
}

// A lenient form decoder (httplib's decode_url, like many): a bad escape is kept as literal text
// and the result is checked as alice's password (checks.md TOKEN-06 ✗).
Flaw malformed_escapes_tried_as_password(const TargetProfile& p) {
  return at_token(p, "malformed escapes tried as the password", [](ProxyRequest& rq, const Upstream&) -> std::optional<ProxyResponse> {
    if (malformed_escape(rq.body)) rq.set_form(rq.form());
    return std::nullopt;
  });
}

// Error bodies as {"detail": <description>} (D2), as FastAPI-style servers write them.
Flaw detail_error_bodies(const TargetProfile& p) {
  return at_token(p, "{\"detail\"} error bodies (D2)", [](ProxyRequest& rq, const Upstream& upstream) -> std::optional<ProxyResponse> {
    auto r = upstream(rq);
    if (status::is_client_error(r.status)) {
      const auto text = r.json_string("error_description").value_or(r.json_string("error").value_or("error"));
      r.set_json(r.status, nlohmann::json{{"detail", text}}.dump());
    }
    return r;
  });
}

Flaw missing_grant_type_answered(const TargetProfile& p, int code, std::string body) {
  return at_token(p, "no grant_type -> " + std::to_string(code) + " " + body,
                  [code, body](ProxyRequest& rq, const Upstream&) -> std::optional<ProxyResponse> {
                    if (rq.form_value("grant_type")) return std::nullopt;
                    return json_answer(code, body);
                  });
}

// OAuth2PasswordRequestFormStrict-style validation: grant_type must match ^password$ or the
// request is a 422 validation dump.
Flaw unknown_grant_type_422(const TargetProfile& p) {
  return at_token(p, "unknown grant_type -> 422", [](ProxyRequest& rq, const Upstream&) -> std::optional<ProxyResponse> {
    const auto grant = rq.form_value("grant_type");
    if (!grant || *grant == "password" || *grant == "refresh_token") return std::nullopt;
    return json_answer(status::unprocessable_content,
                       R"({"detail":[{"loc":["body","grant_type"],"msg":"string does not match regex \"^password$\""}]})");
  });
}

// The confidential client may not use the refresh grant, yet receives refresh tokens.
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
Flaw no_token_type(const TargetProfile& p) {
  return at_token(p, "token_type missing", [](ProxyRequest& rq, const Upstream& upstream) -> std::optional<ProxyResponse> {
    auto r = upstream(rq);
    if (status::is_success(r.status)) edit_json(r, [](auto& j) { j.erase("token_type"); });
    return r;
  });
}

Flaw cacheable_tokens(const TargetProfile& p) {
  return at_token(p, "token responses without Cache-Control/Pragma", [](ProxyRequest& rq, const Upstream& upstream) -> std::optional<ProxyResponse> {
    auto r = upstream(rq);
    r.remove_header(header::cache_control);
    r.remove_header(header::pragma);
    return r;
  });
}

Flaw json_accepted(const TargetProfile& p) {
  return at_token(p, "JSON bodies accepted", [](ProxyRequest& rq, const Upstream&) -> std::optional<ProxyResponse> {
    const auto json = nlohmann::json::parse(rq.body, nullptr, false);
    if (json.is_discarded() || !json.is_object()) return std::nullopt;
    Fields fields;
    for (const auto& [k, v] : json.items()) fields.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
    rq.set_form(fields);
    return std::nullopt;
  });
}

void declare_body_client_credentials(TargetProfile& p) { p.flows.body_client_credentials = true; }
void declare_no_body_client_credentials(TargetProfile& p) { p.flows.body_client_credentials = false; }

Verdicts judged(const FlawFactory& flaw, std::vector<std::string> ids, std::vector<Judgement> judgements = strict_and_lenient,
                std::function<void(TargetProfile&)> adjust = {}) {
  return run_through(flaw, selecting(std::move(ids), std::move(judgements), std::move(adjust)));
}

FlawFactory control() {
  return [](const TargetProfile&) { return testing::no_flaw(); };
}

}  // namespace

TEST_CASE("TOKEN-03 judges every POST response at the token endpoint, framework pages included (V8, V10)", "[http][mutant]") {
  auto flawed = judged(framework_page_for_malformed_bodies, {"TOKEN-03", "TOKEN-06"}, {Judgement::strict});
  const auto& f = flawed[Judgement::strict]["TOKEN-03"];
  INFO(describe(f));
  CHECK(f.verdict == Verdict::warn);
  CHECK(f.actual.find("TOKEN-06 400") != std::string::npos);
  auto clean = judged(control(), {"TOKEN-03", "TOKEN-06"}, {Judgement::strict});
  INFO(describe(clean[Judgement::strict]["TOKEN-03"]));
  CHECK(clean[Judgement::strict]["TOKEN-03"].verdict == Verdict::pass);
}

TEST_CASE("TOKEN-06 fails in every profile when a malformed escape is tried as the password (V10)", "[http][mutant]") {
  auto flawed = judged(both(detail_error_bodies, malformed_escapes_tried_as_password), {"TOKEN-06"});
  for (const auto judgement : strict_and_lenient) {
    INFO(to_string(judgement) << " " << describe(flawed[judgement]["TOKEN-06"]));
    CHECK(flawed[judgement]["TOKEN-06"].verdict == Verdict::fail);
    CHECK(flawed[judgement]["TOKEN-06"].actual.find("tried as a password") != std::string::npos);
  }
  // Control: the same {"detail"} bodies, escapes refused unread: only the representation is off (D2).
  auto representation = judged(detail_error_bodies, {"TOKEN-06"});
  INFO(describe(representation[Judgement::lenient]["TOKEN-06"]));
  CHECK(representation[Judgement::strict]["TOKEN-06"].verdict == Verdict::fail);
  CHECK(representation[Judgement::lenient]["TOKEN-06"].verdict == Verdict::warn);
}

TEST_CASE("TOKEN-07's [strict FAIL | lenient WARN] covers every miss (V10)", "[http][mutant]") {
  const std::vector<FlawFactory> misses{
      [](const TargetProfile& p) { return missing_grant_type_answered(p, status::bad_request, R"({"error":"unsupported_grant_type"})"); },
      [](const TargetProfile& p) {
        return missing_grant_type_answered(p, status::unprocessable_content, R"({"detail":[{"loc":["body","grant_type"],"msg":"field required"}]})");
      },
      [](const TargetProfile& p) { return missing_grant_type_answered(p, status::forbidden, R"({"error":"access_denied"})"); },
      [](const TargetProfile& p) {
        return at_token(p, "grant_type defaults to password", [](ProxyRequest& rq, const Upstream&) -> std::optional<ProxyResponse> {
          if (!rq.form_value("grant_type")) {
            auto fields = rq.form();
            fields.emplace_back("grant_type", "password");
            rq.set_form(fields);
          }
          return std::nullopt;
        });
      }};
  for (const auto& flaw : misses) {
    auto v = judged(flaw, {"TOKEN-07"});
    INFO(describe(v[Judgement::strict]["TOKEN-07"]) << "\n" << describe(v[Judgement::lenient]["TOKEN-07"]));
    CHECK(v[Judgement::strict]["TOKEN-07"].verdict == Verdict::fail);
    CHECK(v[Judgement::lenient]["TOKEN-07"].verdict == Verdict::warn);
  }
  auto clean = judged(control(), {"TOKEN-07"});
  CHECK(clean[Judgement::strict]["TOKEN-07"].verdict == Verdict::pass);
  CHECK(clean[Judgement::lenient]["TOKEN-07"].verdict == Verdict::pass);
}

TEST_CASE("TOKEN-08: a 422 validation answer to an unknown grant_type is strict FAIL, lenient WARN (D4 by topic)", "[http][mutant]") {
  auto v = judged(unknown_grant_type_422, {"TOKEN-08"});
  INFO(describe(v[Judgement::strict]["TOKEN-08"]) << "\n" << describe(v[Judgement::lenient]["TOKEN-08"]));
  CHECK(v[Judgement::strict]["TOKEN-08"].verdict == Verdict::fail);
  CHECK(v[Judgement::lenient]["TOKEN-08"].verdict == Verdict::warn);
  auto clean = judged(control(), {"TOKEN-08"});
  CHECK(clean[Judgement::lenient]["TOKEN-08"].verdict == Verdict::pass);
}

TEST_CASE("TOKEN-18 SKIPs when the profile declares body client credentials unsupported (V10)", "[http][mutant]") {
  auto undeclared = judged(body_credentials_ignored, {"TOKEN-18"}, {Judgement::strict}, declare_no_body_client_credentials);
  INFO(describe(undeclared[Judgement::strict]["TOKEN-18"]));
  CHECK(undeclared[Judgement::strict]["TOKEN-18"].verdict == Verdict::skip);
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
  const auto f = judge_through(token_for_last_username, "TOKEN-11");
  INFO(describe(f));
  CHECK(f.verdict == Verdict::fail);
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
  INFO(describe(v[Judgement::strict]["TOKEN-17"]));
  CHECK(v[Judgement::strict]["TOKEN-17"].verdict == Verdict::warn);
}

TEST_CASE("TOKEN-02/05/06 judge a token response that TOKEN-01 finds wanting, not ERROR (V10)", "[http][mutant]") {
  const std::vector<std::string> ids{"TOKEN-01", "TOKEN-02", "TOKEN-05", "TOKEN-06"};
  auto wanting = judged(no_token_type, ids, {Judgement::strict});
  auto& w = wanting[Judgement::strict];
  CHECK(w["TOKEN-01"].verdict == Verdict::fail);
  for (const auto* id : {"TOKEN-02", "TOKEN-05", "TOKEN-06"}) {
    INFO(id << " " << describe(w[id]));
    CHECK(w[id].verdict == Verdict::pass);
  }
  CHECK(judged(both(no_token_type, cacheable_tokens), {"TOKEN-02"}, {Judgement::strict})[Judgement::strict]["TOKEN-02"].verdict == Verdict::fail);
  CHECK(judged(both(no_token_type, json_accepted), {"TOKEN-05"}, {Judgement::strict})[Judgement::strict]["TOKEN-05"].verdict == Verdict::fail);
  CHECK(judged(both(no_token_type, malformed_escapes_tried_as_password), {"TOKEN-06"}, {Judgement::strict})[Judgement::strict]["TOKEN-06"].verdict ==
        Verdict::fail);
}

// Without TOKEN-01 as a gate, a profile whose alice cannot log in must not turn into server FAILs:
// the parts that need a token become ERROR (V4), the rest is still judged.
TEST_CASE("TOKEN-02/05 are ERROR, not FAIL, when the profile's alice cannot log in (V4)", "[http][mutant]") {
  auto v = judged(control(), {"TOKEN-02", "TOKEN-05", "TOKEN-06"}, {Judgement::strict},
                  [](TargetProfile& p) { p.users.at("alice").password = "not-alices-password"; });
  auto& s = v[Judgement::strict];
  INFO(describe(s["TOKEN-02"]) << "\n" << describe(s["TOKEN-05"]) << "\n" << describe(s["TOKEN-06"]));
  CHECK(s["TOKEN-02"].verdict == Verdict::error);
  CHECK(s["TOKEN-05"].verdict == Verdict::error);
  CHECK(s["TOKEN-06"].verdict == Verdict::pass);  // erin logs in; the malformed escapes are refused
}

}  // namespace authprobe::conformance::mutants
