#include "tools/commands/demo/differences.hpp"

#include <algorithm>
#include <set>

#include "reference/core/http_constants.hpp"
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

// The names of the headers that matter, but the challenge (its own aspect).
std::set<std::string> other_header_names(const Exchange& exchange) {
  std::set<std::string> names;
  if (!exchange.response) return names;
  for (const auto name : headers_that_matter())
    if (name != header::www_authenticate && exchange.response->header(name)) names.emplace(name);
  return names;
}

template <typename Part>
bool any_pair_differs(const StepRun& left, const StepRun& right, Part part) {
  const auto n = std::min(left.exchanges.size(), right.exchanges.size());
  for (std::size_t i = 0; i < n; ++i)
    if (part(left.exchanges[i]) != part(right.exchanges[i])) return true;
  return false;
}

int status_of(const Exchange& exchange) { return exchange.response ? exchange.response->status : 0; }

}  // namespace

std::vector<Aspect> differing_aspects(const StepRun& left, const StepRun& right) {
  if (left.skipped.has_value() != right.skipped.has_value()) return {Aspect::presence};
  if (left.skipped) return {};
  std::vector<Aspect> aspects;
  if (left.exchanges.size() != right.exchanges.size() || any_pair_differs(left, right, status_of))
    aspects.push_back(Aspect::status);
  if (any_pair_differs(left, right, challenge)) aspects.push_back(Aspect::challenge);
  if (any_pair_differs(left, right, masked_body)) aspects.push_back(Aspect::body);
  if (any_pair_differs(left, right, other_header_names)) aspects.push_back(Aspect::headers);
  return aspects;
}

std::vector<DifferenceLine> explain_differences(const Step& step, const StepRun& left, const StepRun& right) {
  std::vector<DifferenceLine> lines;
  for (const auto aspect : differing_aspects(left, right)) {
    const std::string what = std::string(aspect_name(aspect)) + " differs";
    bool explained = false;
    for (const auto& difference : step.differences) {
      if (difference.aspect != aspect) continue;
      explained = true;
      std::string text = what + ": ";
      text += difference.check.empty() ? std::string("no catalog check") : std::string(difference.check);
      text += difference.d_row.empty() ? std::string(" (no D-row)") : " / " + std::string(difference.d_row);
      text += ": " + std::string(difference.note);
      lines.push_back({aspect, std::move(text), true});
    }
    if (!explained) lines.push_back({aspect, what + ": no catalog check or D-row in the walk explains it", false});
  }
  return lines;
}

}  // namespace authprobe::tools::demo
