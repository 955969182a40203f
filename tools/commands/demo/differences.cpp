#include "tools/commands/demo/differences.hpp"

#include <algorithm>
#include <set>

#include "reference/core/http_constants.hpp"
#include "tools/commands/demo/demo_headers.hpp"
#include "tools/commands/demo/exchange_text.hpp"

namespace authprobe::tools::demo {
namespace {

namespace header = http::header;

std::optional<std::string> challenge(const Exchange& exchange) {
  return exchange.response ? exchange.response->all_values(header::www_authenticate) : std::nullopt;
}

std::string masked_body(const Exchange& exchange) {
  return exchange.response ? mask_volatile(exchange.response->body) : std::string();
}

// The headers that matter on one answer and not on the other (the challenge is its own aspect;
// timing headers count only where the step judges them).
std::set<std::string> one_sided_headers(const Step& step, const Exchange& left, const Exchange& right) {
  std::set<std::string> names;
  for (const auto name : headers_that_matter()) {
    if (name == header::www_authenticate) continue;
    if (is_timing_header(name) && step.judge != Judge::timing_headers) continue;
    const bool on_left = left.response && left.response->header(name);
    const bool on_right = right.response && right.response->header(name);
    if (on_left != on_right) names.emplace(name);
  }
  return names;
}

template <typename Part>
bool any_pair_differs(const StepRun& left, const StepRun& right, Part part) {
  const auto n = std::min(left.exchanges.size(), right.exchanges.size());
  for (std::size_t i = 0; i < n; ++i)
    if (part(left.exchanges[i]) != part(right.exchanges[i])) return true;
  return false;
}

bool explains(const Difference& difference, const FoundDifference& found) {
  if (difference.aspect != found.aspect) return false;
  if (difference.header.empty()) return true;
  if (difference.header.ends_with('*')) {
    const auto prefix = difference.header.substr(0, difference.header.size() - 1);
    return found.header.size() >= prefix.size() && same_field_name(found.header.substr(0, prefix.size()), prefix);
  }
  return same_field_name(found.header, difference.header);
}

std::string line_for(const std::string& what, const Difference& difference) {
  std::string text = what + ": ";
  text += difference.check.empty() ? std::string("no catalog check") : std::string(difference.check);
  text += difference.d_row.empty() ? std::string(" (no D-row)") : " / " + std::string(difference.d_row);
  return text + ": " + std::string(difference.note);
}

int status_of(const Exchange& exchange) { return exchange.response ? exchange.response->status : 0; }

}  // namespace

std::vector<FoundDifference> differing_aspects(const Step& step, const StepRun& left, const StepRun& right) {
  if (left.skipped.has_value() != right.skipped.has_value()) return {{Aspect::presence}};
  if (left.skipped) return {};
  std::vector<FoundDifference> found;
  if (left.exchanges.size() != right.exchanges.size() || any_pair_differs(left, right, status_of))
    found.push_back({Aspect::status});
  if (any_pair_differs(left, right, challenge)) found.push_back({Aspect::challenge});
  if (any_pair_differs(left, right, masked_body)) found.push_back({Aspect::body});
  std::set<std::string> headers;
  for (std::size_t i = 0; i < std::min(left.exchanges.size(), right.exchanges.size()); ++i)
    headers.merge(one_sided_headers(step, left.exchanges[i], right.exchanges[i]));
  for (const auto& name : headers) found.push_back({Aspect::headers, name});
  return found;
}

std::vector<DifferenceLine> explain_differences(const Step& step, const StepRun& left, const StepRun& right) {
  std::vector<DifferenceLine> lines;
  for (const auto& found : differing_aspects(step, left, right)) {
    std::string what = std::string(aspect_name(found.aspect)) + " differs";
    if (!found.header.empty()) what = found.header + " on one side only";
    bool explained = false;
    // The step's own explanations first; for a header, the walk-wide ones when the step has none.
    for (const auto* source : {&step.differences, &header_differences()}) {
      for (const auto& difference : *source) {
        if (!explains(difference, found)) continue;
        explained = true;
        lines.push_back({found.aspect, line_for(what, difference), true});
      }
      if (explained) break;
    }
    if (!explained) lines.push_back({found.aspect, what + ": no catalog check or D-row in the walk explains it", false});
  }
  return lines;
}

}  // namespace authprobe::tools::demo
