// TOKEN mutants for the grant request (checks.md TOKEN-01..12): one flaw at the token endpoint
// in front of the reference server, one check, the catalog's verdict.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "conformance/http_constants.hpp"
#include "conformance/mutants/expect_verdict.hpp"

namespace authprobe::conformance::mutants {
namespace {


bool has_field(const Fields& fields, std::string_view name) {
  return std::any_of(fields.begin(), fields.end(), [&](const auto& f) { return f.first == name; });
}

// Applies `edit` to every request for the token endpoint before forwarding it.
Flaw token_request_flaw(const TargetProfile& profile, std::string name, std::function<void(ProxyRequest&)> edit) {
  return {std::move(name), [profile, edit](ProxyRequest request, const Upstream& upstream) {
            if (at_token_endpoint(profile, request)) edit(request);
            return upstream(request);
          }};
}

// Applies `edit` to every token-endpoint response whose status passes `which`.
Flaw token_response_flaw(const TargetProfile& profile, std::string name, std::function<bool(int)> which,
                         std::function<void(ProxyResponse&)> edit) {
  return {std::move(name), [profile, which, edit](ProxyRequest request, const Upstream& upstream) {
            auto response = upstream(request);
            if (at_token_endpoint(profile, request) && which(response.status)) edit(response);
            return response;
          }};
}

bool success(int code) { return status::is_success(code); }
bool client_error(int code) { return status::is_client_error(code); }

Flaw no_token_type(const TargetProfile& p) {
  return token_response_flaw(p, "token_type missing", success, [](ProxyResponse& r) { edit_json(r, [](auto& j) { j.erase("token_type"); }); });
}

Flaw no_expires_in(const TargetProfile& p) {
  return token_response_flaw(p, "expires_in missing", success, [](ProxyResponse& r) { edit_json(r, [](auto& j) { j.erase("expires_in"); }); });
}

Flaw cacheable_errors(const TargetProfile& p) {
  return token_response_flaw(p, "errors without Cache-Control/Pragma", client_error, [](ProxyResponse& r) {
    r.remove_header(header::cache_control);
    r.remove_header(header::pragma);
  });
}

// A FormValue-style accessor: query parameters merged into the form, whatever the method.
Flaw query_merged_into_form(const TargetProfile& p) {
  return token_request_flaw(p, "query merged into the form", [](ProxyRequest& r) {
    if (r.query().empty()) return;
    r.body = r.query() + (r.body.empty() ? "" : "&" + r.body);
    r.method = "POST";
    r.target = r.path();
    r.set_header(header::content_type, std::string(http::media_type::form_urlencoded));
  });
}

// A body parser that takes JSON as readily as a form.
Flaw json_accepted(const TargetProfile& p) {
  return token_request_flaw(p, "JSON bodies accepted", [](ProxyRequest& r) {
    const auto json = nlohmann::json::parse(r.body, nullptr, false);
    if (json.is_discarded() || !json.is_object()) return;
    Fields fields;
    for (const auto& [k, v] : json.items()) fields.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
    r.set_form(fields);
  });
}

// pydantic-style validation: anything but a form is 422 with a validation dump (D4).
Flaw json_422(const TargetProfile& p) {
  return {"422 for JSON bodies (D4)", [p](ProxyRequest request, const Upstream& upstream) {
            const auto type = request.header(header::content_type).value_or("");
            if (at_token_endpoint(p, request) && type.starts_with(http::media_type::json)) {
              ProxyResponse r;
              r.set_json(status::unprocessable_content, R"({"detail":[{"loc":["body","username"],"msg":"field required"}]})");
              return r;
            }
            return upstream(request);
          }};
}

// '+' taken literally instead of as a space (checks.md TOKEN-06 ✗).
Flaw plus_kept_literally(const TargetProfile& p) {
  return token_request_flaw(p, "'+' kept literally", [](ProxyRequest& r) {
    std::string body;
    for (const char c : r.body) body += c == '+' ? std::string("%2B") : std::string(1, c);
    r.body = body;
  });
}

// grant_type compared case-insensitively.
Flaw grant_type_any_case(const TargetProfile& p) {
  return token_request_flaw(p, "grant_type compared case-insensitively", [](ProxyRequest& r) {
    auto fields = r.form();
    for (auto& [k, v] : fields) {
      if (k == "grant_type") std::transform(v.begin(), v.end(), v.begin(), [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    }
    r.set_form(fields);
  });
}

// A missing or blank username/password is tried against the store as a value of its own, so the
// client hears "bad credentials" instead of invalid_request.
Flaw missing_or_blank_tried(const TargetProfile& p, bool blank) {
  return token_request_flaw(p, blank ? "blank parameters tried as credentials" : "missing parameters tried as credentials",
                            [blank](ProxyRequest& r) {
                              auto fields = r.form();
                              if (!has_field(fields, "grant_type")) return;
                              for (const std::string_view name : {"username", "password"}) {
                                const auto it = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.first == name; });
                                if (!blank && it == fields.end()) fields.emplace_back(name, "(missing)");
                                if (blank && it != fields.end() && it->second.empty()) it->second = "(blank)";
                              }
                              r.set_form(fields);
                            });
}

// First-wins parameter pollution (checks.md TOKEN-11 ✗).
Flaw first_parameter_wins(const TargetProfile& p) {
  return token_request_flaw(p, "first duplicate wins", [](ProxyRequest& r) {
    Fields unique;
    for (const auto& field : r.form()) {
      if (!has_field(unique, field.first)) unique.push_back(field);
    }
    r.set_form(unique);
  });
}

// A strict schema that refuses what it does not know (RFC 6749 §3.2 says: ignore it).
Flaw unknown_parameters_refused(const TargetProfile& p) {
  return {"unknown parameters refused", [p](ProxyRequest request, const Upstream& upstream) {
            static const std::set<std::string> known{"grant_type", "username", "password", "scope", "client_id", "client_secret", "refresh_token"};
            const auto fields = request.form();
            const bool unknown = std::any_of(fields.begin(), fields.end(), [](const auto& f) { return known.count(f.first) == 0; });
            if (at_token_endpoint(p, request) && unknown) {
              ProxyResponse r;
              r.set_json(status::bad_request, R"({"error":"invalid_request","error_description":"unknown parameter"})");
              return r;
            }
            return upstream(request);
          }};
}

void expect(const FlawFactory& flaw, const std::string& id, Verdict verdict) {
  const auto f = judge_through(flaw, id);
  INFO(id << " " << describe(f));
  CHECK(f.verdict == verdict);
}

}  // namespace

TEST_CASE("TOKEN grant checks pass through the proxy with no flaw", "[http][mutant]") {
  const std::vector<std::string> ids{"TOKEN-01", "TOKEN-03", "TOKEN-04", "TOKEN-05", "TOKEN-06",
                                     "TOKEN-08", "TOKEN-09", "TOKEN-10", "TOKEN-11", "TOKEN-12"};
  auto verdicts = run_through([](const TargetProfile&) { return testing::no_flaw(); }, selecting(ids));
  for (const auto& id : ids) {
    INFO(id << " " << describe(verdicts[Judgement::strict][id]));
    CHECK(verdicts[Judgement::strict][id].verdict == Verdict::pass);
  }
}

// TOKEN-31 is never judged (D16: INFO in every profile), so no flaw can make it fail; this pins
// that it stays INFO rather than turning into PASS or FAIL.
TEST_CASE("TOKEN-31 reports the password grant as INFO in strict, lenient and bcp (D16)", "[http][mutant]") {
  const std::vector<Judgement> all{Judgement::strict, Judgement::lenient, Judgement::bcp};
  auto verdicts = run_through([](const TargetProfile&) { return testing::no_flaw(); }, selecting({"TOKEN-31"}, all));
  for (const auto judgement : all) {
    INFO(to_string(judgement) << " " << describe(verdicts[judgement]["TOKEN-31"]));
    CHECK(verdicts[judgement]["TOKEN-31"].verdict == Verdict::info);
  }
}

TEST_CASE("TOKEN-01 fails when the token response lacks token_type", "[http][mutant]") { expect(no_token_type, "TOKEN-01", Verdict::fail); }

TEST_CASE("TOKEN-01 warns when the token response lacks expires_in (V8)", "[http][mutant]") {
  expect(no_expires_in, "TOKEN-01", Verdict::warn);
}

TEST_CASE("TOKEN-03 warns when token errors may be cached", "[http][mutant]") { expect(cacheable_errors, "TOKEN-03", Verdict::warn); }

TEST_CASE("TOKEN-04 fails when query parameters are merged into the form", "[http][mutant]") {
  expect(query_merged_into_form, "TOKEN-04", Verdict::fail);
}

TEST_CASE("TOKEN-05 fails when a JSON body is accepted", "[http][mutant]") { expect(json_accepted, "TOKEN-05", Verdict::fail); }

TEST_CASE("TOKEN-05 fails in strict and warns in lenient when a JSON body gets 422 (D4)", "[http][mutant]") {
  auto verdicts = run_through(json_422, selecting({"TOKEN-05"}, {Judgement::strict, Judgement::lenient}));
  INFO(describe(verdicts[Judgement::strict]["TOKEN-05"]) << "\n" << describe(verdicts[Judgement::lenient]["TOKEN-05"]));
  CHECK(verdicts[Judgement::strict]["TOKEN-05"].verdict == Verdict::fail);
  CHECK(verdicts[Judgement::lenient]["TOKEN-05"].verdict == Verdict::warn);
}

TEST_CASE("TOKEN-06 fails when '+' is not decoded as a space", "[http][mutant]") { expect(plus_kept_literally, "TOKEN-06", Verdict::fail); }

TEST_CASE("TOKEN-08 fails when grant_type is compared case-insensitively", "[http][mutant]") {
  expect(grant_type_any_case, "TOKEN-08", Verdict::fail);
}

TEST_CASE("TOKEN-09 fails when a missing password is tried as a login", "[http][mutant]") {
  expect([](const TargetProfile& p) { return missing_or_blank_tried(p, false); }, "TOKEN-09", Verdict::fail);
}

TEST_CASE("TOKEN-10 fails when a blank password is tried as a login", "[http][mutant]") {
  expect([](const TargetProfile& p) { return missing_or_blank_tried(p, true); }, "TOKEN-10", Verdict::fail);
}

TEST_CASE("TOKEN-11 fails when the first of two usernames wins", "[http][mutant]") { expect(first_parameter_wins, "TOKEN-11", Verdict::fail); }

TEST_CASE("TOKEN-12 fails when unknown parameters are refused", "[http][mutant]") {
  expect(unknown_parameters_refused, "TOKEN-12", Verdict::fail);
}

}  // namespace authprobe::conformance::mutants
