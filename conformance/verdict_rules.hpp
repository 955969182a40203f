#pragma once
// The catalog's verdict rules V1-V9 and the "Where standards and tutorials disagree" table
// (D1-D16), in one place. Checks describe what they saw; these functions turn it into a verdict
// for the run's judgement profile.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "conformance/finding.hpp"
#include "conformance/verdict.hpp"

namespace authprobe::conformance {

enum class Deviation { d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11, d12, d13, d14, d15, d16 };

struct DeviationRow {
  Deviation id;
  std::string_view name;   // "D1"
  std::string_view topic;
  Verdict strict;
  Verdict lenient;
  Verdict bcp;
};

[[nodiscard]] std::span<const DeviationRow> deviation_table();
[[nodiscard]] const DeviationRow& deviation_row(Deviation id);

// V5: the verdict of an observed D-row deviation under a judgement profile.
[[nodiscard]] Verdict judge_deviation(Deviation id, Judgement judgement);

// V3: an outcome outside the acceptable set takes the verdict of the strongest requirement it
// breaks: MUST/BCP/OWASP and baselines -> FAIL, SHOULD -> WARN, MAY -> WARN, INFO -> INFO.
[[nodiscard]] Verdict judge_miss(Level broken);

// V2: a forged or invalid token. 2xx (accepted) -> FAIL; 401 -> PASS; 400/403 -> WARN;
// 5xx -> FAIL (V1); anything else -> WARN (refused, but not as RFC 6750 asks).
[[nodiscard]] Verdict judge_token_refusal(int status);

// V1: problems every response is screened for. Each returns a description, or nullopt.
[[nodiscard]] std::optional<std::string> server_error_in(const Exchange& exchange);  // 5xx (501 excepted)
[[nodiscard]] std::optional<std::string> leak_in(std::string_view body);  // stack traces, exception names, paths, SQL

// V9 (HASH-06): PASS when medians differ by less than max(10 % of the wrong-password median,
// 0.5 ms).
[[nodiscard]] bool timing_indistinguishable(double unknown_user_median_ms,
                                            double wrong_password_median_ms);

// Convenience constructors for findings.
[[nodiscard]] Finding make_finding(Verdict verdict, std::string expected, std::string actual,
                                   std::string detail = {});
[[nodiscard]] Finding skipped(std::string reason);
[[nodiscard]] Finding errored(std::string reason);

}  // namespace authprobe::conformance
