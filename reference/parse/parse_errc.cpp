#include "reference/parse/parse_errc.hpp"

namespace authprobe::parse {

const char* describe(ParseErrc e) {
  switch (e) {
    case ParseErrc::empty_credentials: return "empty credentials";
    case ParseErrc::bad_base64: return "credentials are not valid base64";
    case ParseErrc::missing_colon: return "Basic credentials without ':'";
    case ParseErrc::control_character: return "control character in credentials";
    case ParseErrc::bad_utf8: return "not valid UTF-8";
    case ParseErrc::bad_token_syntax: return "bearer token outside the b64token grammar";
    case ParseErrc::malformed_header: return "malformed Authorization header";
    case ParseErrc::bad_percent_escape: return "malformed %-escape";
    case ParseErrc::duplicate_parameter: return "parameter given more than once";
  }
  return "unknown parse error";
}

}  // namespace authprobe::parse
