#pragma once
#include "reference/core/error_category.hpp"
#include "reference/core/result.hpp"

namespace authprobe::parse {

enum class ParseErrc {
  empty_credentials = 1,   // "Basic" or "Bearer" with nothing after it
  bad_base64,              // Basic token68 that is not base64
  missing_colon,           // decoded Basic credentials without ':'
  control_character,       // NUL, CR, LF or another control character in a field
  bad_utf8,
  bad_token_syntax,        // a Bearer value outside the b64token grammar (RFC 6750 §2.1)
  malformed_header,        // anything else the credentials grammar does not allow (e.g. TAB)
  bad_percent_escape,      // %ZZ, a lone %, a truncated escape
  duplicate_parameter,     // a form parameter given twice (RFC 6749 §3.1)
};
const char* describe(ParseErrc e);

}  // namespace authprobe::parse

AUTHPROBE_ERROR_ENUM(authprobe::parse, ParseErrc, "parse")
