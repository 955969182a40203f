#include <catch2/catch.hpp>

#include "conformance/checks/hash_stats.hpp"
#include "conformance/verdict_rules.hpp"

namespace authprobe::conformance {

TEST_CASE("lenient relaxes only the representation rows of the D table", "[unit]") {
  CHECK(judge_deviation(Deviation::d1, Judgement::strict) == Verdict::fail);
  CHECK(judge_deviation(Deviation::d1, Judgement::lenient) == Verdict::warn);
  CHECK(judge_deviation(Deviation::d5, Judgement::lenient) == Verdict::fail);   // cache MUST
  CHECK(judge_deviation(Deviation::d7, Judgement::lenient) == Verdict::fail);   // 403 without credentials
  CHECK(judge_deviation(Deviation::d12, Judgement::lenient) == Verdict::fail);  // enumeration
  CHECK(judge_deviation(Deviation::d8, Judgement::lenient) == Verdict::pass);
  CHECK(judge_deviation(Deviation::d13, Judgement::strict) == Verdict::warn);
  CHECK(judge_deviation(Deviation::d13, Judgement::bcp) == Verdict::fail);
  CHECK(judge_deviation(Deviation::d16, Judgement::bcp) == Verdict::info);
  CHECK(deviation_table().size() == 16);
  for (std::size_t i = 0; i < deviation_table().size(); ++i) {
    std::string expected = "D";
    expected += std::to_string(i + 1);
    CHECK(deviation_table()[i].name == expected);
  }
}

TEST_CASE("V3 gives a miss the verdict of the broken requirement's level", "[unit]") {
  CHECK(judge_miss(Level::must) == Verdict::fail);
  CHECK(judge_miss(Level::bcp) == Verdict::fail);
  CHECK(judge_miss(Level::owasp) == Verdict::fail);
  CHECK(judge_miss(Level::should) == Verdict::warn);
  CHECK(judge_miss(Level::info) == Verdict::info);
}

TEST_CASE("V2 judges a forged token by the status it got", "[unit]") {
  CHECK(judge_token_refusal(200) == Verdict::fail);
  CHECK(judge_token_refusal(500) == Verdict::fail);
  CHECK(judge_token_refusal(401) == Verdict::pass);
  CHECK(judge_token_refusal(403) == Verdict::warn);
  CHECK(judge_token_refusal(400) == Verdict::warn);
}

TEST_CASE("combining parts: FAIL beats ERROR beats WARN beats PASS beats SKIP", "[unit]") {
  CHECK(combine(Verdict::pass, Verdict::fail) == Verdict::fail);
  CHECK(combine(Verdict::error, Verdict::fail) == Verdict::fail);
  CHECK(combine(Verdict::warn, Verdict::error) == Verdict::error);
  CHECK(combine(Verdict::skip, Verdict::pass) == Verdict::pass);
  CHECK(combine(Verdict::skip, Verdict::skip) == Verdict::skip);
}

TEST_CASE("V1 screens bodies for stack traces, exception names, SQL and paths", "[unit]") {
  CHECK(leak_in("Traceback (most recent call last):\n  File x"));
  CHECK(leak_in("{\"detail\":\"InvalidSignatureError\"}"));
  CHECK(leak_in("terminate called after throwing std::bad_cast"));
  CHECK(leak_in("at /usr/lib/python3/site-packages/jose/jwt.py"));
  CHECK(leak_in("SELECT * FROM users WHERE name = 'x'"));
  CHECK_FALSE(leak_in("{\"error\":\"invalid_grant\",\"error_description\":\"bad credentials\"}"));
  CHECK_FALSE(leak_in("{\"detail\":\"Not authenticated\"}"));
  CHECK_FALSE(leak_in("Internal Server Error"));
  Exchange crash;
  crash.response = ResponseRecord{500, {}, "", 0, 0.0};
  CHECK(server_error_in(crash));
  crash.response->status = 501;  // a deliberate refusal (HTTP-07, HTTP-09)
  CHECK_FALSE(server_error_in(crash));
}

TEST_CASE("V9 timing: medians within max(10 %, 0.5 ms) pass", "[unit]") {
  CHECK(timing_indistinguishable(100.0, 95.0));
  CHECK_FALSE(timing_indistinguishable(50.0, 100.0));
  CHECK(timing_indistinguishable(0.3, 0.6));
  CHECK_FALSE(timing_indistinguishable(0.1, 1.0));
}

TEST_CASE("Mann-Whitney separates shifted samples and not identical ones", "[unit]") {
  std::vector<double> a;
  std::vector<double> b;
  std::vector<double> c;
  for (int i = 0; i < 50; ++i) {
    a.push_back(10.0 + (i % 7));
    b.push_back(30.0 + (i % 5));
    c.push_back(10.0 + ((i + 3) % 7));
  }
  CHECK(mann_whitney_p(a, b) < 0.001);
  CHECK(mann_whitney_p(a, c) > 0.5);
  CHECK(median({3.0, 1.0, 2.0}) == 2.0);
  CHECK(median({4.0, 1.0, 2.0, 3.0}) == 2.5);
}

}  // namespace authprobe::conformance
