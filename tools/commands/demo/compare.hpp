#pragma once
// Whether two answers are the same answer, as an attacker comparing them would see it:
// status, the headers that carry meaning (challenge, content type, caching) and the body.
// Timing headers are left out (they differ on every request; HASH-06 judges time).
#include <string>
#include <vector>

#include "tools/commands/demo/exchange.hpp"

namespace authprobe::tools::demo {

// The parts that differ ("status", "WWW-Authenticate", "body", ...); empty: the same answer.
[[nodiscard]] std::vector<std::string> differing_parts(const Received& a, const Received& b);

[[nodiscard]] std::string join(const std::vector<std::string>& items, std::string_view separator);

}  // namespace authprobe::tools::demo
