#include "conformance/verdict_rules.hpp"

#include "conformance/limits.hpp"

#include <algorithm>
#include <array>
#include <regex>
#include <utility>

#include "conformance/http_constants.hpp"

namespace authprobe::conformance {
namespace {

using enum Verdict;

// checks.md, "Where standards and tutorials disagree — how to classify". bcp = strict except
// where the row says otherwise (D13).
constexpr std::array<DeviationRow, 16> table{{
    {Deviation::d1, "D1", "bad password at /token answered 401/400 with a non-RFC body", fail, warn, fail},
    {Deviation::d2, "D2", "error body is not {\"error\": <code>}", fail, warn, fail},
    {Deviation::d3, "D3", "grant_type omitted is accepted or answered 422", fail, warn, fail},
    {Deviation::d4, "D4", "missing/JSON parameters answered 422 (or 415)", fail, warn, fail},
    {Deviation::d5, "D5", "no Cache-Control: no-store at /token", fail, fail, fail},
    {Deviation::d6, "D6", "insufficient scope answered 401 with a scope challenge", fail, warn, fail},
    {Deviation::d7, "D7", "no credentials answered 403", fail, fail, fail},
    {Deviation::d8, "D8", "bare WWW-Authenticate: Bearer", fail, pass, fail},
    {Deviation::d9, "D9", "access-token typ is not at+jwt", fail, pass, fail},
    {Deviation::d10, "D10", "token accepted at exp == now (declared leeway <= 300 s)", fail, pass, fail},
    {Deviation::d11, "D11", "bad-token response without error=\"invalid_token\"", warn, pass, warn},
    {Deviation::d12, "D12", "disabled account distinguishable", fail, fail, fail},
    {Deviation::d13, "D13", "token accepted from the query string", warn, warn, fail},
    {Deviation::d14, "D14", "future iat", info, info, info},
    {Deviation::d15, "D15", "numeric sub", fail, warn, fail},
    {Deviation::d16, "D16", "password grant enabled", info, info, info},
}};

// HTTP-13 / ASVS V7.4.1: stack traces, exception class names, SQL and file paths.
const std::regex& leak_pattern() {
  static const std::regex pattern(
      R"(Traceback \(most recent call last\)|std::[a-z_]+|terminate called|what\(\):)"
      R"(|\b[A-Z][A-Za-z0-9]*(Exception|Error)\b|\bat [a-z]+(\.[A-Za-z0-9_$]+)+\()"
      R"(|\bSELECT\b.+\bFROM\b|SQLSTATE|syntax error at or near)"
      R"(|(/usr|/home|/var|/opt|/srv)/[A-Za-z0-9_./-]+|[A-Za-z0-9_]+\.(py|cpp|java|go|rb|js)(:| line )[0-9]+)"
      // A Node.js frame, `at readStream (/app/x.js:156:17)` (the `:line:col)` tail keeps prose
      // such as "at resource (/api/x)" out), and the package folders of Node and Python, which
      // appear only in paths of installed code.
      R"(|\bat [A-Za-z_$][A-Za-z0-9_$.<>]* (\[as [A-Za-z0-9_$]+\] )?\((/|[A-Za-z]:\\|node:|file:)[^()\s]*:[0-9]+:[0-9]+\))"
      R"(|\bnode_modules/|\b(site|dist)-packages/)");
  return pattern;
}

constexpr double timing_relative_tolerance = 0.10;  // V9: 10 % of the wrong-password median
constexpr double timing_absolute_floor_ms = 0.5;    // V9: 0.5 ms

}  // namespace

std::span<const DeviationRow> deviation_table() { return table; }

const DeviationRow& deviation_row(Deviation id) {
  return table.at(static_cast<std::size_t>(id));
}

Verdict judge_deviation(Deviation id, Judgement judgement) {
  const auto& row = deviation_row(id);
  switch (judgement) {
    case Judgement::strict: return row.strict;
    case Judgement::lenient: return row.lenient;
    case Judgement::bcp: return row.bcp;
  }
  return row.strict;
}

Verdict judge_miss(Level broken) {
  switch (broken) {
    case Level::must:
    case Level::bcp:
    case Level::owasp:
    case Level::baseline: return fail;
    case Level::should:
    case Level::may: return warn;
    case Level::info: return info;
  }
  return fail;
}

Verdict judge_token_refusal(int status) {
  if (http::status::is_success(status)) return fail;
  if (http::status::is_server_error(status)) return fail;
  if (status == http::status::unauthorized) return pass;
  return warn;
}

std::optional<std::string> server_error_in(const Exchange& exchange) {
  if (!exchange.response) return std::nullopt;
  const int status = exchange.response->status;
  // 501 is a deliberate refusal of an unknown method or transfer coding (RFC 9110 §15.6.2),
  // which HTTP-07/HTTP-09 list as acceptable, not a crash.
  if (http::status::is_server_error(status) && status != http::status::not_implemented) {
    return "server error " + std::to_string(status) + " for " + exchange.request.method + " " +
           exchange.request.target;
  }
  return std::nullopt;
}

std::optional<std::string> leak_in(std::string_view body) {
  // libstdc++'s std::regex backtracks by recursion, a few frames per character: on a hostile
  // target's megabyte body it ran for minutes and could exhaust the stack. A framework's stack
  // trace starts its error page, and V1 reads the same first bytes (the evidence excerpt).
  body = body.substr(0, limits::leak_scan_bytes);
  std::match_results<std::string_view::const_iterator> match;
  if (std::regex_search(body.begin(), body.end(), match, leak_pattern())) {
    return "response body contains \"" + match.str() + "\"";
  }
  return std::nullopt;
}

bool timing_indistinguishable(double unknown_user_median_ms, double wrong_password_median_ms) {
  const double tolerance = std::max(timing_relative_tolerance * wrong_password_median_ms,
                                    timing_absolute_floor_ms);
  const double difference = unknown_user_median_ms - wrong_password_median_ms;
  return (difference < 0 ? -difference : difference) < tolerance;
}

Finding make_finding(Verdict verdict, std::string expected, std::string actual, std::string detail) {
  Finding finding;
  finding.verdict = verdict;
  finding.expected = std::move(expected);
  finding.actual = std::move(actual);
  finding.detail = std::move(detail);
  return finding;
}

Finding skipped(std::string reason) { return make_finding(skip, {}, {}, std::move(reason)); }

Finding errored(std::string reason) { return make_finding(error, {}, {}, std::move(reason)); }

}  // namespace authprobe::conformance
