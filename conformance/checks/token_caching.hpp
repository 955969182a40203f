#pragma once
// TOKEN-02 and TOKEN-03 (RFC 6749 §5.1): nothing the token endpoint answers may be cached.
// Listed by token_grant.cpp in catalog order.
#include "conformance/check.hpp"

namespace authprobe::conformance::token {

[[nodiscard]] Check forbids_caching_of_token_response();  // TOKEN-02
[[nodiscard]] Check forbids_caching_of_token_errors();    // TOKEN-03 (run-wide)

}  // namespace authprobe::conformance::token
