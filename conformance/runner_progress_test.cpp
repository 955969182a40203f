// The runner's progress reports and its concurrent phase (--jobs), with synthetic checks against
// a canned loopback server: each check fetches its own path and the token cache, so the test can
// tell whether each exchange was logged under the check that sent it and whether the cache was filled once.
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <vector>

#include "conformance/check.hpp"
#include "conformance/runner.hpp"
#include "conformance/testing/canned_server.hpp"

namespace authprobe::conformance {
namespace {

constexpr int ok = 200;
constexpr int checks_per_section = 6;

struct Recorder : ProgressSink {
  std::vector<CheckDone> checks;
  std::vector<SectionDone> sections;
  void check_done(const CheckDone& done) override { checks.push_back(done); }
  void section_done(const SectionDone& done) override { sections.push_back(done); }
};

// BASIC-01..06 and TOKEN-01..06; each GETs /probe/<ID> and asks for alice's token. BASIC-03 is
// WARN, TOKEN-06 reads the whole log (run-wide), so TOKEN finishes last.
std::vector<Check> synthetic_catalog() {
  std::vector<Check> catalog;
  for (const std::string section : {"BASIC", "TOKEN"}) {
    for (int i = 1; i <= checks_per_section; ++i) {
      Check check;
      check.id = section + "-0" + std::to_string(i);
      check.summary = "synthetic";
      check.run_wide = check.id == "TOKEN-06";
      const Verdict verdict = check.id == "BASIC-03" ? Verdict::warn : Verdict::pass;
      check.run = [id = check.id, verdict](Context& ctx) {
        (void)ctx.session().token("alice");
        auto r = ctx.send(req::get("/probe/" + id));
        // What the log holds under this check: its own GET, never a neighbour's.
        int own = 0;
        int foreign = 0;
        for (const auto* seen : ctx.log().by_check(id)) {
          if (seen->exchange.request.target == "/probe/" + id) ++own;
          if (seen->exchange.request.target.rfind("/probe/", 0) == 0 && seen->exchange.request.target != "/probe/" + id) ++foreign;
        }
        Finding f;
        f.verdict = r && r->status == ok && own == 1 && foreign == 0 ? verdict : Verdict::fail;
        return f;
      };
      catalog.push_back(std::move(check));
    }
  }
  return catalog;
}

struct Served {
  std::atomic<int> token_requests{0};
  testing::CannedServer server{[this](httplib::Server& http) {
    http.Get(R"(/probe/.*)", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok", "text/plain"); });
    http.Post("/token", [this](const httplib::Request&, httplib::Response& res) {
      ++token_requests;
      res.set_content(R"({"access_token":"t","token_type":"Bearer"})", "application/json");
    });
  }};
};

RunReport run_synthetic(Served& served, std::size_t jobs, ProgressSink* sink) {
  static const auto catalog = synthetic_catalog();
  std::vector<const Check*> selected;
  for (const auto& check : catalog) selected.push_back(&check);
  const auto profile = testing::canned_profile(served.server.base_url());
  ProbeSettings probe_settings;
  probe_settings.base_url = served.server.base_url();
  Probe probe(probe_settings);
  RunSettings settings;
  settings.jobs = jobs;
  settings.progress = sink;
  return run_checks(selected, catalog, profile, probe, settings);
}

}  // namespace

TEST_CASE("progress: one report per check and one line per section once its last check is done", "[unit][http]") {
  Served served;
  Recorder recorder;
  const auto report = run_synthetic(served, 1, &recorder);
  REQUIRE(recorder.checks.size() == 2 * checks_per_section);
  for (std::size_t i = 0; i < recorder.checks.size(); ++i) {
    CHECK(recorder.checks[i].done == i + 1);
    CHECK(recorder.checks[i].total == 2 * checks_per_section);
  }
  REQUIRE(recorder.sections.size() == 2);
  CHECK(recorder.sections[0].section == "BASIC");
  CHECK(recorder.sections[0].counts.at(Verdict::pass) == checks_per_section - 1);
  CHECK(recorder.sections[0].counts.at(Verdict::warn) == 1);
  CHECK(recorder.sections[1].section == "TOKEN");  // its run-wide check runs last
  CHECK(recorder.checks.back().id == "TOKEN-06");
  const auto line = section_line(recorder.sections[0]);
  CHECK_THAT(line, Catch::StartsWith("BASIC  6 checks: 5 PASS, 1 WARN ("));
  CHECK_THAT(line, Catch::EndsWith(" s)"));
  CHECK_THAT(live_line(recorder.checks.front()), Catch::Contains("/12] BASIC-01 PASS"));
}

TEST_CASE("With --jobs 4 the runner logs each exchange under its own check, obtains a token once and reports in catalog order", "[unit][http]") {
  Served served;
  Recorder recorder;
  const auto report = run_synthetic(served, 4, &recorder);
  CHECK(served.token_requests == 1);
  REQUIRE(report.results.size() == 2 * checks_per_section);
  const auto catalog = synthetic_catalog();
  for (std::size_t i = 0; i < report.results.size(); ++i) {
    const auto& result = report.results[i];
    CAPTURE(result.id);
    CHECK(result.id == catalog[i].id);
    CHECK(result.finding.verdict == (result.id == "BASIC-03" ? Verdict::warn : Verdict::pass));
  }
  CHECK(recorder.checks.size() == 2 * checks_per_section);
  CHECK(recorder.sections.size() == 2);
}

}  // namespace authprobe::conformance
