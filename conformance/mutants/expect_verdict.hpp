#pragma once
// What every mutant test file shares: the names of the proxy's parts, and one assertion that a
// check gives the catalog's verdict with a flaw in front, printing the finding when it does not.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "conformance/http_constants.hpp"
#include "conformance/mutants/mutant_run.hpp"

namespace authprobe::conformance::mutants {

using testing::Fields;
using testing::Flaw;
using testing::ProxyRequest;
using testing::ProxyResponse;
using testing::Upstream;
namespace status = http::status;
namespace header = http::header;

// Judges `id` through a proxy with `flaw` and checks the verdict is `expected`; returns the
// finding for tests that go on to read its deviations or evidence.
inline Finding expect_verdict(Verdict expected, const FlawFactory& flaw, const std::string& id,
                              Judgement judgement = Judgement::strict, std::vector<std::string> also = {}) {
  Finding finding = judge_through(flaw, id, judgement, std::move(also));
  INFO(id << " (" << to_string(judgement) << "): " << describe(finding));
  CHECK(finding.verdict == expected);
  return finding;
}

// The same assertion on a finding a test obtained another way (several judgements, a profile
// edited first).
inline void check_verdict(Verdict expected, const Finding& finding) {
  INFO(describe(finding));
  CHECK(finding.verdict == expected);
}

}  // namespace authprobe::conformance::mutants
