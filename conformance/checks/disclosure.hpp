#pragma once
// What HTTP-13 (ASVS 4.0.3 V7.4.1) looks for in error responses beyond leak_in()'s stack traces,
// exception names, SQL and file paths (verdict_rules.hpp): the product and version that served
// the page, in its body (FAIL, V10) or in a header (INFO, V10).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/finding.hpp"

namespace authprobe::conformance::disclosure {

// A product token with a version (RFC 9110 §10.2.4 `product`: `nginx/1.22.1`, `Apache/2.4.57`,
// `Werkzeug/2.2.2`) standing as a word of the body. Not matched: `HTTP/1.1`, this suite's own
// User-Agent echoed back, and tokens inside URLs (`errors.pydantic.dev/2.5/...` follows a '/'),
// so ordinary JSON error bodies stay clean.
[[nodiscard]] std::optional<std::string> product_version_in(std::string_view body);

// The `Server` and `X-Powered-By` fields of a response, each as "Server: nginx/1.22.1".
[[nodiscard]] std::vector<std::string> product_headers_in(const ResponseRecord& response);

}  // namespace authprobe::conformance::disclosure
