#pragma once
// The JOSE header rules every token passes before its signature is checked.
#include <string>

#include "reference/jose/jwt.hpp"

namespace authprobe::jose {

struct HeaderRules {
  bool require_at_jwt_typ = false;
};

// Checks a decoded protected header (strict JSON object; "alg" names a known algorithm,
// never "none"; no "crit" at all, since we understand no extension; none of the key-source
// members; "typ" when required) and returns the configured key it selects.
[[nodiscard]] Result<const Key*> select_key_for_header(std::string& header_json, const KeySet& keys, HeaderRules rules);

// The typ values RFC 9068 §2.1 allows, compared case-insensitively (RFC 7515 §4.1.9).
[[nodiscard]] bool is_access_token_typ(std::string_view typ);

}  // namespace authprobe::jose
