#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "bench/measurement.hpp"
#include "bench/median.hpp"
#include "bench/ratios.hpp"
#include "bench/report.hpp"
#include "bench/report_charts.hpp"

namespace {

using namespace authprobe::bench;

const std::filesystem::path testdata = AUTHPROBE_BENCH_TESTDATA;

Results sample() {
  auto results = load_results_json(testdata / "sample_results.json");
  REQUIRE(results);
  return *results;
}

const Ratio& ratio_named(const std::vector<Ratio>& ratios, std::string_view name) {
  for (const auto& r : ratios)
    if (r.name == name) return r;
  FAIL("no ratio named " << name);
  throw std::logic_error("unreachable");
}

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("Google Benchmark names lose the run-setting segments but keep their arguments", "[unit]") {
  CHECK(normalise_name("BM_HttpOpenRoute/threads:2/manual_time") == "BM_HttpOpenRoute/threads:2");
  CHECK(normalise_name("BM_JwtVerify/HS256/min_time:0.010/real_time") == "BM_JwtVerify/HS256");
  CHECK(normalise_name("BM_PasswordHash/argon2id_owasp/iterations:1") == "BM_PasswordHash/argon2id_owasp");
  CHECK(name_argument("BM_HttpProtectedDuringStorm/threads:4/storm:2", "storm") == 2.0);
  CHECK_FALSE(name_argument("BM_JwtVerify/HS256", "threads").has_value());
}

TEST_CASE("The report reader converts every time unit to nanoseconds and keeps user counters", "[unit]") {
  const Results results = sample();
  CHECK(results.measurements.size() == 11);
  const Measurement* verify = results.find("BM_JwtVerify/HS256");
  REQUIRE(verify != nullptr);
  CHECK(verify->cpu_ns == Approx(900.0));
  const Measurement* argon = results.find("BM_PasswordVerify/argon2id_owasp");
  REQUIRE(argon != nullptr);
  CHECK(argon->real_ns == Approx(16.5e6));
  CHECK(argon->counter("cost_param") == 19.0);
  CHECK_FALSE(argon->counter("threads").has_value());  // Google Benchmark's own field, not a counter
  CHECK(results.context.at("cpu_model") == "Fixture CPU 9000");
  CHECK(results.context.at("num_cpus") == "2");
}

TEST_CASE("A failed benchmark is kept as an error, not dropped or read as fast", "[unit]") {
  const Results results = sample();
  const Measurement* failed = results.find("BM_PasswordHash/bcrypt_cost12");
  REQUIRE(failed != nullptr);
  CHECK(failed->error);
  CHECK(failed->error_message == "hashing failed");
}

TEST_CASE("Ratios divide figures of the same run and are judged against their targets", "[unit]") {
  const auto ratios = compute_ratios(sample());
  const auto& hs256 = ratio_named(ratios, "HS256 full verify");
  CHECK(*hs256.measured == Approx(0.9));
  CHECK(hs256.met == true);
  const auto& libjwt = ratio_named(ratios, "HS256 verify: libjwt / pipeline");
  CHECK(*libjwt.measured == Approx(6.0 / 0.9));
  CHECK(libjwt.met == true);
  CHECK(*ratio_named(ratios, "HS256 pipeline / HMAC floor").measured == Approx(3.0));
  const auto& rs256 = ratio_named(ratios, "RS256 verify / bare EVP verify");
  CHECK(*rs256.measured == Approx(1.2));
  CHECK(rs256.met == false);
  const auto& guarded = ratio_named(ratios, "protected / open route, threads:2");
  CHECK(*guarded.measured == Approx(30000.0 / 32000.0));
  CHECK(guarded.met == false);
  const auto& login = ratio_named(ratios, "login rate / (cores / hash time), threads:4");
  CHECK(*login.measured == Approx(110.0 / (2 * 1000.0 / 16.0)));
  CHECK(login.met == false);
  CHECK(*ratio_named(ratios, "storm / idle protected rate, threads:2/storm:2").measured == Approx(0.4));
  const auto& p99 = ratio_named(ratios, "p99 during storm, threads:2/storm:2");
  CHECK(*p99.measured == Approx(12.5));
  CHECK(p99.met == false);
}

TEST_CASE("A ratio whose figures are missing says so instead of inventing a value", "[unit]") {
  Results results = sample();
  std::erase_if(results.measurements, [](const Measurement& m) { return m.name == "BM_FloorHmac/HS256"; });
  const auto ratios = compute_ratios(results);  // named: ratio_named returns a reference into it
  const auto& floor = ratio_named(ratios, "HS256 pipeline / HMAC floor");
  CHECK_FALSE(floor.measured.has_value());
  CHECK_FALSE(floor.met.has_value());
}

TEST_CASE("Alternating open/protected batches, when run, are what the 0.95x target judges", "[unit]") {
  Results results = sample();
  Measurement pair;
  pair.name = "BM_HttpProtectedVsOpen/threads:2";
  pair.counters = {{"req_per_s", 29000.0}, {"open_req_per_s", 29500.0}, {"protected_over_open", 29000.0 / 29500.0}};
  results.measurements.push_back(pair);
  const auto ratios = compute_ratios(results);
  const auto& paired = ratio_named(ratios, "protected / open route (alternating), threads:2");
  CHECK(*paired.measured == Approx(29000.0 / 29500.0));
  CHECK(paired.met == true);
  for (const auto& r : ratios) CHECK(r.name != "protected / open route, threads:2");  // no second verdict
}

TEST_CASE("Repetition medians stand for the benchmark", "[unit]") {
  const auto results = parse_results_json(R"({"benchmarks": [
    {"name": "BM_JwtVerify/HS256", "run_name": "BM_JwtVerify/HS256", "run_type": "iteration",
     "iterations": 10, "real_time": 3.0, "cpu_time": 3.0, "time_unit": "us"},
    {"name": "BM_JwtVerify/HS256_median", "run_name": "BM_JwtVerify/HS256", "run_type": "aggregate",
     "aggregate_name": "median", "iterations": 3, "real_time": 1.0, "cpu_time": 1.0, "time_unit": "us"}]})");
  REQUIRE(results);
  REQUIRE(results->measurements.size() == 1);
  CHECK(results->measurements.front().cpu_ns == Approx(1000.0));
}

TEST_CASE("Medians alone (--benchmark_report_aggregates_only) still make a report", "[unit]") {
  const auto results = parse_results_json(R"({"benchmarks": [
    {"name": "BM_JwtVerify/HS256_mean", "run_name": "BM_JwtVerify/HS256", "run_type": "aggregate",
     "aggregate_name": "mean", "iterations": 3, "real_time": 2.0, "cpu_time": 2.0, "time_unit": "us"},
    {"name": "BM_JwtVerify/HS256_median", "run_name": "BM_JwtVerify/HS256", "run_type": "aggregate",
     "aggregate_name": "median", "iterations": 3, "real_time": 1.0, "cpu_time": 1.0, "time_unit": "us"}]})");
  REQUIRE(results);
  REQUIRE(results->measurements.size() == 1);
  CHECK(results->measurements.front().cpu_ns == Approx(1000.0));
}

TEST_CASE("A bare NaN that Google Benchmark writes for a cv aggregate does not sink the report", "[unit]") {
  const auto results = parse_results_json(R"({"benchmarks": [
    {"name": "BM_HttpOpenRoute/threads:1/manual_time_cv", "run_name": "BM_HttpOpenRoute/threads:1/manual_time",
     "run_type": "aggregate", "aggregate_name": "cv", "time_unit": "ms", "real_time": 0.2, "errors": NaN},
    {"name": "BM_HttpOpenRoute/threads:1/manual_time_median", "run_name": "BM_HttpOpenRoute/threads:1/manual_time",
     "run_type": "aggregate", "aggregate_name": "median", "time_unit": "ms", "real_time": 16, "cpu_time": 1,
     "errors": 0, "req_per_s": 9000, "label": "NaN inside a string stays"}]})");
  REQUIRE(results);
  REQUIRE(results->measurements.size() == 1);
  CHECK(results->measurements.front().counter("req_per_s") == 9000.0);
}

TEST_CASE("Input that is not Google Benchmark JSON is refused with a reason", "[unit]") {
  CHECK_FALSE(parse_results_json("[]"));
  CHECK_FALSE(parse_results_json("{\"context\": {}}"));
  CHECK_FALSE(parse_results_json("{\"benchmarks\": [{\"name\": \"x\", \"time_unit\": \"fortnights\","
                                 " \"real_time\": 1}]}"));
  CHECK_FALSE(load_results_json(testdata / "no-such-file.json"));
}

TEST_CASE("Numbers print with three significant figures and no exponent", "[unit]") {
  CHECK(format_number(34012.4) == "34012");
  CHECK(format_number(16.25) == "16.2");
  CHECK(format_number(1.163) == "1.16");
  CHECK(format_number(0.375) == "0.375");
  CHECK(format_number(0.0012345) == "0.00123");
  CHECK(format_number(0) == "0");
}

TEST_CASE("The Markdown report of the sample run matches the approved baseline", "[unit]") {
  const std::string received = render_markdown(sample(), {"jwt.svg"});
  const auto approved_file = testdata / "sample_report.approved.md";
  const std::string approved = read(approved_file);
  if (received != approved) {
    std::ofstream(testdata / "sample_report.received.md") << received;
    FAIL("report differs from " << approved_file.string() << "; see sample_report.received.md");
  }
  SUCCEED();
}

TEST_CASE("Charts are built only for the data a run has, each with its data inline", "[unit]") {
  const auto charts = build_charts(sample());
  std::vector<std::string> files;
  for (const auto& chart : charts) files.push_back(chart.file);
  CHECK(files == std::vector<std::string>{"hash.svg", "jwt.svg", "http_rate.svg", "http_latency.svg"});
  for (const auto& chart : charts) CHECK(chart.script.find("EOD\n") != std::string::npos);
  CHECK(build_charts(Results{}).empty());
}

TEST_CASE("A median is the middle value, the upper middle for an even count, 0 for none", "[unit]") {
  CHECK(median({3.0, 1.0, 2.0}) == 2.0);
  CHECK(median({4.0, 1.0, 3.0, 2.0}) == 3.0);
  CHECK(median({}) == 0.0);
}
