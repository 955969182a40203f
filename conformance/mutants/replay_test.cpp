// Reproductions reproduce. Every FAIL of every mutant and mock-target test is replayed from its
// JSON report, byte for byte over a raw socket, against the still-running target, and must get
// the status and challenges the finding recorded (testing/replay_audit.hpp, called by
// reports_through and run_check_on). Here: that the audit catches a FAIL that does not reproduce
// and accepts one marked state-dependent, and, for a representative flaw of each kind of request
// (form POST to the token endpoint, Basic, Bearer, raw framing with a duplicated field), that the
// reproduction is the request that decided the verdict.
#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "conformance/mutants/expect_verdict.hpp"
#include "conformance/replay.hpp"
#include "conformance/report/report.hpp"
#include "conformance/testing/replay_audit.hpp"
#include "tools/commands/embedded_reference.hpp"

namespace authprobe::conformance::mutants {
namespace {

// A FormValue-style accessor at the token endpoint: query parameters merged into the form (TOKEN-04).
Flaw query_merged_into_form(const TargetProfile& p) {
  return {"query merged into the form", [p](ProxyRequest r, const Upstream& upstream) {
            if (at_token_endpoint(p, r) && !r.query().empty()) {
              r.body = r.query() + (r.body.empty() ? "" : "&" + r.body);
              r.method = "POST";
              r.target = r.path();
              r.set_header(header::content_type, std::string(http::media_type::form_urlencoded));
            }
            return upstream(r);
          }};
}

// "Inactive user" for the disabled user's Basic credentials (BASIC-04).
Flaw inactive_user_told_apart(const TargetProfile& p) {
  const auto* carol = p.user("carol");
  return {"\"Inactive user\" for carol", [carol = carol ? carol->username : "carol"](ProxyRequest r, const Upstream& upstream) {
            auto response = upstream(r);
            const auto user_pass = r.basic_user_pass();
            if (user_pass && user_pass->substr(0, user_pass->find(':')) == carol && response.status == status::unauthorized) {
              response.set_json(status::bad_request, R"({"detail":"Inactive user"})");
            }
            return response;
          }};
}

// A refused Bearer credential answered 401 without a challenge (BEARER).
Flaw bearer_refusal_without_challenge(const TargetProfile&) {
  return {"401 without a challenge for a refused Bearer token", [](ProxyRequest r, const Upstream& upstream) {
            auto response = upstream(r);
            const auto authorization = r.header(header::authorization);
            if (authorization && authorization->starts_with("Bearer") && response.status == status::unauthorized) {
              response.remove_header(header::www_authenticate);
            }
            return response;
          }};
}

// Of repeated Authorization lines the first is used (HTTP-01/02: raw framing, duplicate fields).
Flaw first_authorization_wins(const TargetProfile&) {
  return {"first Authorization line wins", [](ProxyRequest r, const Upstream& upstream) {
            if (const auto first = r.header(header::authorization)) r.set_header(header::authorization, *first);
            return upstream(r);
          }};
}

struct Replayed {
  std::vector<std::string> failed;  // IDs of the FAILs
  std::vector<Reproduction> reproductions;
};

// The reproductions of every FAIL of `selection` through the flaw, as the JSON report records
// them. reports_through has already replayed each against the live proxy (replay_audit.hpp).
Replayed fail_reproductions(const FlawFactory& flaw, std::vector<std::string> selection) {
  const auto reports = reports_through(flaw, selecting(std::move(selection)));
  const auto& report = reports.at(Judgement::strict);
  const auto json = to_json(report);
  Replayed out;
  for (const auto& result : report.results) {
    if (result.finding.verdict != Verdict::fail) continue;
    const auto reproduction = reproduction_of(json, result.id);
    REQUIRE(reproduction);
    out.failed.push_back(result.id);
    out.reproductions.push_back(*reproduction);
  }
  return out;
}

// The run's first 401 without its challenge, later ones with it: the FAIL it causes cannot
// reproduce, which is what the audit exists to catch.
Flaw first_refusal_without_challenge(const TargetProfile&) {
  auto seen = std::make_shared<std::atomic<bool>>(false);
  return {"the first 401 only lacks its challenge", [seen](ProxyRequest r, const Upstream& upstream) {
            auto response = upstream(r);
            if (response.status == status::unauthorized && !seen->exchange(true)) response.remove_header(header::www_authenticate);
            return response;
          }};
}

// The suite run through `flaw` directly (not reports_through, which would throw on the audit),
// with the audit made while the proxy is still up.
struct Audited {
  RunReport report;
  testing::ReplayAudit audit;
};

Audited run_and_audit(const FlawFactory& flaw, std::vector<std::string> selection,
                      const std::function<void(RunReport&)>& before_audit = {}) {
  auto target = tools::start_reference_target(config::CompatMode::strict);
  REQUIRE(target);
  TargetProfile profile = target->profile;
  testing::FlawProxy proxy(profile.base_url, flaw(profile));
  profile.base_url = proxy.base_url();
  RunOptions options;
  options.target = profile;
  options.selection = std::move(selection);
  options.preflight = PreflightMode::off;  // the flaws may break a declared promise; the checks are the point
  auto report = run_suite(options);
  REQUIRE(report);
  if (before_audit) before_audit(*report);
  Audited out{*report, testing::audit_replays(*report, profile.base_url)};
  target->server->stop();
  return out;
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

const Reproduction& of(const Replayed& replayed, const std::string& id) {
  for (const auto& r : replayed.reproductions) {
    if (r.check_id == id) return r;
  }
  FAIL("no reproduction for " << id);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("replay audit: a FAIL whose answer the target does not give again is caught, named with both answers", "[http][mutant][replay]") {
  const auto run = run_and_audit(first_refusal_without_challenge, {"BEARER-01"});
  REQUIRE(run.report.results.size() == 1);
  REQUIRE(run.report.results.front().finding.verdict == Verdict::fail);
  const auto problems = run.audit.problems();
  REQUIRE(problems.size() == 1);
  CHECK(problems.front().find("BEARER-01: recorded 401 ") != std::string::npos);
  CHECK(problems.front().find("replayed 401 [WWW-Authenticate: Bearer") != std::string::npos);
  CHECK_THROWS_WITH(testing::require_reproducible(run.audit), Catch::Contains("does not reproduce"));
  // The harness every mutant test goes through fails the same way.
  CHECK_THROWS_WITH(reports_through(first_refusal_without_challenge, selecting({"BEARER-01"})),
                    Catch::Contains("BEARER-01: recorded 401"));
}

TEST_CASE("replay audit: a FAIL marked state-dependent is counted as such, and its reproduction line says why", "[http][mutant][replay]") {
  const std::string why = "the proxy answered the first refusal only without a challenge";
  const auto run = run_and_audit(first_refusal_without_challenge, {"BEARER-01"}, [&](RunReport& report) {
    for (auto& result : report.results) mark_state_dependent(result.finding, why);
  });
  CHECK(run.audit.problems().empty());
  REQUIRE(run.audit.fails.size() == 1);
  CHECK(run.audit.fails.front().outcome == testing::ReplayedFail::Outcome::state_dependent);
  CHECK(reproduction_command(run.report.results.front()).ends_with("  # state-dependent: " + why));
  const auto reproduction = reproduction_of(to_json(run.report), "BEARER-01");
  REQUIRE(reproduction);
  CHECK(reproduction->state_dependence == why);
}

TEST_CASE("replay: TOKEN-04's reproduction is a request with credentials in the query that got a token, and it reproduces", "[http][mutant][replay]") {
  const auto replayed = fail_reproductions(query_merged_into_form, {"TOKEN-04", "TOKEN-06"});
  REQUIRE(contains(replayed.failed, "TOKEN-04"));
  const auto& token04 = of(replayed, "TOKEN-04");
  // The first part that failed (GET here: the flaw merges its query into a form), not a part that passed.
  CHECK(token04.wire.find(" /token?") != std::string::npos);
  CHECK(token04.recorded.status == std::optional<int>(status::ok));
}

TEST_CASE("replay: BASIC-04's reproduction is the disabled user's Basic request, and it reproduces", "[http][mutant][replay]") {
  const auto replayed = fail_reproductions(inactive_user_told_apart, {"BASIC-04"});
  REQUIRE(contains(replayed.failed, "BASIC-04"));
  const auto& basic04 = of(replayed, "BASIC-04");
  // base64 of "carol:..." starts with base64("carol:") = Y2Fyb2w6: the disabled user, not alice.
  CHECK(basic04.wire.find("Authorization: Basic " + base64("carol:").substr(0, 8)) != std::string::npos);
  CHECK(basic04.recorded.status == std::optional<int>(status::bad_request));
}

TEST_CASE("replay: Bearer refusals without a challenge reproduce", "[http][mutant][replay]") {
  const auto replayed = fail_reproductions(bearer_refusal_without_challenge, {"BEARER"});
  CHECK_FALSE(replayed.failed.empty());
  for (const auto& r : replayed.reproductions) CHECK(r.wire.find("Bearer") != std::string::npos);
}

TEST_CASE("replay: a duplicated Authorization field is re-sent raw and reproduces", "[http][mutant][replay]") {
  const auto replayed = fail_reproductions(first_authorization_wins, {"HTTP-01", "HTTP-02"});
  REQUIRE_FALSE(replayed.failed.empty());
  for (const auto& r : replayed.reproductions) {
    const auto first = r.wire.find("Authorization:");
    REQUIRE(first != std::string::npos);
    CHECK(r.wire.find("Authorization:", first + 1) != std::string::npos);
  }
}

}  // namespace authprobe::conformance::mutants
