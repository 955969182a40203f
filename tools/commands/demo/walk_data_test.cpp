// The walk's data held to the catalog and to itself: every check ID and D-row a difference
// names exists in checks.md, every cast answers every step it runs with one status per request
// the step can send, and a difference the walk does not explain is reported, not hidden.
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "tools/commands/demo/cast.hpp"
#include "tools/commands/demo/differences.hpp"
#include "tools/commands/demo/lesson.hpp"
#include "tools/commands/demo/token_tamper.hpp"
#include "tools/commands/demo/walk.hpp"
#include "tools/data_dir.hpp"

namespace demo = authprobe::tools::demo;

namespace {

std::string catalog_text() {
  const auto dir = authprobe::tools::data_dir();
  REQUIRE(dir);
  std::ifstream in(*dir / authprobe::tools::catalog_subdir / "checks.md");
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

demo::StepRun run_with(std::vector<int> statuses, std::string challenge, std::vector<demo::Header> headers = {}) {
  demo::StepRun run;
  headers.push_back({"WWW-Authenticate", std::move(challenge)});
  for (int status : statuses) {
    demo::Exchange exchange;
    exchange.response = demo::Received{status, "", headers, "{}"};
    run.exchanges.push_back(std::move(exchange));
  }
  return run;
}

}  // namespace

TEST_CASE("every check ID and D-row the walk names is in the catalog", "[unit]") {
  const auto catalog = catalog_text();
  static const std::regex d_row(R"(D[0-9]+)");
  for (const auto& step : demo::walk()) {
    for (const auto& difference : step.differences) {
      INFO(step.title << ": " << difference.note);
      if (!difference.check.empty())
        CHECK(catalog.find("### " + std::string(difference.check) + " ·") != std::string::npos);
      const std::string rows(difference.d_row);
      for (std::sregex_iterator it(rows.begin(), rows.end(), d_row), end; it != end; ++it)
        CHECK(catalog.find("| " + it->str() + " |") != std::string::npos);
    }
  }
}

TEST_CASE("each cast answers each step it runs with one status per request the step may send", "[unit]") {
  for (const auto mode : {authprobe::config::CompatMode::strict, authprobe::config::CompatMode::fastapi}) {
    const auto cast = demo::cast_for(mode);
    REQUIRE(cast);
    for (const auto& step : demo::walk()) {
      INFO(cast->label << ", " << step.title);
      const auto answer = cast->answers.find(step.id);
      if (step.needs_refresh_tokens && !cast->refresh_tokens) {
        CHECK(answer == cast->answers.end());
        continue;
      }
      REQUIRE(answer != cast->answers.end());
      CHECK_FALSE(answer->second.statuses.empty());
      CHECK(answer->second.statuses.size() <= step.requests.size());
    }
  }
  // Strict runs the whole walk.
  CHECK(demo::cast_for(authprobe::config::CompatMode::strict)->answers.size() == demo::walk().size());
}

TEST_CASE("side by side, an aspect that differs without an explanation in the walk is reported as such", "[unit]") {
  const auto& wrong_password = demo::step_of(demo::StepId::wrong_password);
  const auto strict = run_with({400}, "");
  const auto tutorial = run_with({401}, "Bearer");
  const auto lines = demo::explain_differences(wrong_password, strict, tutorial);
  REQUIRE(lines.size() >= 2);
  CHECK(lines[0].text == "status differs: TOKEN-13 / D1: 400 invalid_grant vs the tutorial's 401");
  CHECK(lines[0].explained);

  // The timing step explains only its headers; a status difference there is unexplained.
  const auto& timing = demo::step_of(demo::StepId::timing_header);
  const auto unexplained = demo::explain_differences(timing, run_with({200}, ""), run_with({500}, ""));
  REQUIRE(unexplained.size() == 1);
  CHECK_FALSE(unexplained[0].explained);
  CHECK(demo::explain_differences(timing, run_with({200}, ""), run_with({200}, "")).empty());
}

TEST_CASE("side by side, a header on one side only is explained by the walk-wide header rows", "[unit]") {
  const auto& grant = demo::step_of(demo::StepId::password_grant);
  const auto lines = demo::explain_differences(grant, run_with({200}, "", {{"Cache-Control", "no-store"}}), run_with({200}, ""));
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].text.rfind("Cache-Control on one side only: HTTP-10 / D5: ", 0) == 0);
  // Timing headers differ on every answer; only the timing step compares them.
  const std::vector<demo::Header> timed = {{"X-Process-Time", "0.001"}};
  CHECK(demo::explain_differences(grant, run_with({200}, "", timed), run_with({200}, "")).empty());
  const auto& timing = demo::step_of(demo::StepId::timing_header);
  const auto timing_lines = demo::explain_differences(timing, run_with({200}, ""), run_with({200}, "", timed));
  REQUIRE(timing_lines.size() == 1);
  CHECK(timing_lines[0].explained);
  CHECK(timing_lines[0].text.rfind("X-Process-Time on one side only: no catalog check (no D-row): ", 0) == 0);
}

TEST_CASE("a lesson names the cast's parts, both names when two casts differ", "[unit]") {
  auto strict = demo::cast_for(authprobe::config::CompatMode::strict);
  REQUIRE(strict);
  auto other = *strict;
  other.ordinary.username = "johndoe";
  CHECK(demo::fill_in("{ordinary} lacks {scope}", {&*strict}) == "alice lacks todos:write");
  CHECK(demo::fill_in("{ordinary} lacks {scope}", {&*strict, &other}) == "alice / johndoe lacks todos:write");
}

TEST_CASE("a tampered token keeps its header and signature and claims the admin role", "[unit]") {
  // {"alg":"HS256"} . {"sub":"alice","roles":["user"]} . signature bytes
  const std::string header = "eyJhbGciOiJIUzI1NiJ9";
  const std::string signature = "c2lnbmF0dXJlLWJ5dGVz";
  const auto tampered = demo::with_admin_role(header + ".eyJzdWIiOiJhbGljZSIsInJvbGVzIjpbInVzZXIiXX0." + signature);
  REQUIRE(tampered);
  CHECK(tampered->token.rfind(header + ".", 0) == 0);
  CHECK(tampered->token.substr(tampered->token.size() - signature.size() - 1) == "." + signature);
  CHECK(tampered->payload == R"({"sub":"alice","roles":["admin"]})");
  CHECK(tampered->token == header + ".eyJzdWIiOiJhbGljZSIsInJvbGVzIjpbImFkbWluIl19." + signature);
  CHECK_FALSE(demo::with_admin_role("not-a-jws"));
}
