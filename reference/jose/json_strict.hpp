#pragma once
// The strict JSON object reader the verifier needs and simdjson does not give by itself:
// simdjson validates UTF-8, grammar and nesting depth, but keeps duplicate member names,
// which RFC 7515 §5.2 and RFC 7519 §7.2 tell a verifier to reject.
#include <string>

#include <simdjson.h>

#include "reference/core/result.hpp"

namespace authprobe::jose {

// Parses `buffer` as one JSON object with unique member names (compared after unescaping)
// into this thread's parser; the object lives until the thread's next parse. bad_json on
// anything else. `buffer` may gain capacity for simdjson's padding.
[[nodiscard]] Result<simdjson::dom::object> parse_strict_object(std::string& buffer);

}  // namespace authprobe::jose
