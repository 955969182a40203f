#pragma once
// `authprobe replay`: the request that decided a finding, read back from a JSON report and sent
// again byte for byte over a raw socket, beside what the report recorded.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "conformance/finding.hpp"
#include "conformance/raw_sender.hpp"

namespace authprobe::conformance {

// What one side of a replay saw: a response, or why there was none.
struct Outcome {
  std::optional<int> status;
  std::vector<std::string> challenges;  // WWW-Authenticate values, in order
  std::string body;                     // excerpt
  std::string transport_error;
};

struct Reproduction {
  std::string check_id;
  std::string verdict;
  std::string target;        // the report's base URL
  std::string method;
  std::string url;
  std::string wire;          // the exact request bytes
  bool complete = true;      // false when the report kept only the first wire_limit bytes
  // The requests sent before it on the same connection (RequestRecord::sent_before), re-sent first.
  std::vector<std::string> sent_before;
  bool pipelined = false;
  std::string state_dependence;  // why a replay may get another answer (Exchange::state_dependence)
  Outcome recorded;
};

// The deciding exchange (marked `decisive`, else the first) of finding `id` in a JSON report
// (report/json.cpp); an error names what is missing.
[[nodiscard]] tl::expected<Reproduction, std::string> reproduction_of(const nlohmann::json& report, std::string_view id);

// Sends `reproduction.wire` to `target` (the report's own target when empty) over a raw socket,
// after `sent_before` on the same connection; the outcome is the answer to `wire`.
[[nodiscard]] tl::expected<Outcome, std::string> replay(const Reproduction& reproduction, std::string_view target,
                                                        const RawSettings& settings);

// Same status and the same challenges, or the same absence of a response.
[[nodiscard]] bool same_outcome(const Outcome& recorded, const Outcome& replayed);

// "400 [WWW-Authenticate: Basic realm=\"x\"] {...}" or "no response (...)".
[[nodiscard]] std::string describe(const Outcome& outcome);

}  // namespace authprobe::conformance
