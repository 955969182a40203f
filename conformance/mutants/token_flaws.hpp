#pragma once
// Building blocks for TOKEN mutant tests: flaws at the token endpoint, composition of two flaws,
// and runs of a selection in strict and lenient. Test-only, header-only (each test file is its
// own translation unit and uses a subset, so everything is inline).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "conformance/mutants/expect_verdict.hpp"

namespace authprobe::conformance::mutants::token_flaws {


inline const std::vector<Judgement> strict_and_lenient{Judgement::strict, Judgement::lenient};

// `outer` sees the request first; its upstream is `inner` in front of the reference.
inline FlawFactory both(FlawFactory outer, FlawFactory inner) {
  return [outer, inner](const TargetProfile& p) {
    const Flaw o = outer(p);
    const Flaw i = inner(p);
    return Flaw{o.name + " + " + i.name, [o, i](ProxyRequest request, const Upstream& upstream) {
                  const Upstream through_inner = [&](const ProxyRequest& r) { return i.apply(r, upstream); };
                  return o.apply(std::move(request), through_inner);
                }};
  };
}

// Token-endpoint requests only: `answer` replaces the exchange when it returns a response.
inline Flaw at_token(const TargetProfile& p, std::string name,
                     std::function<std::optional<ProxyResponse>(ProxyRequest&, const Upstream&)> answer) {
  return {std::move(name), [p, answer](ProxyRequest request, const Upstream& upstream) {
            if (at_token_endpoint(p, request)) {
              if (auto own = answer(request, upstream)) return *own;
            }
            return upstream(request);
          }};
}

inline ProxyResponse json_answer(int code, const std::string& body) {
  ProxyResponse r;
  r.set_json(code, body);
  return r;
}

inline Verdicts judged(const FlawFactory& flaw, std::vector<std::string> ids,
                       std::vector<Judgement> judgements = strict_and_lenient,
                       std::function<void(TargetProfile&)> adjust = {}) {
  return run_through(flaw, selecting(std::move(ids), std::move(judgements), std::move(adjust)));
}

inline FlawFactory control() {
  return [](const TargetProfile&) { return testing::no_flaw(); };
}

}  // namespace authprobe::conformance::mutants::token_flaws
