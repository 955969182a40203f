// TOKEN mutants for the grant-request readings of catalog rule V10 (checks.md, "V10 — readings
// settled on real servers"): each flaw is one behaviour seen on a real stack, put in front of the
// reference server, with the verdict V10 gives it and a control that passes.
#include <catch2/catch.hpp>

#include <algorithm>

#include "conformance/http_constants.hpp"
#include "conformance/mutants/token_flaws.hpp"

namespace authprobe::conformance::mutants {
namespace {

using namespace token_flaws;

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

}  // namespace

TEST_CASE("TOKEN-03 judges every POST response at the token endpoint, framework pages included (V8, V10)", "[http][mutant]") {
  auto flawed = judged(framework_page_for_malformed_bodies, {"TOKEN-03", "TOKEN-06"}, {Judgement::strict});
  const auto& f = flawed[Judgement::strict]["TOKEN-03"];
  INFO(describe(f));
  CHECK(f.verdict == Verdict::warn);
  CHECK(f.actual.find("TOKEN-06 400") != std::string::npos);
  auto clean = judged(control(), {"TOKEN-03", "TOKEN-06"}, {Judgement::strict});
  check_verdict(Verdict::pass, clean[Judgement::strict]["TOKEN-03"]);
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
