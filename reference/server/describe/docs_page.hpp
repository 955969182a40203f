#pragma once
// GET /docs: the auth console, one self-contained page (inline script and style, no external
// asset) under a strict Content-Security-Policy that admits exactly its own script and style by
// hash. Its markup, style and script are the files of describe/console/, embedded at build time.
// It reads the OpenAPI document and the accounts document (console_accounts.hpp), logs in through
// the password grant, decodes the token, calls every operation showing the raw exchange, and
// explains 401 and 403 from the WWW-Authenticate challenge with links to the RFC sections.
#include <string>
#include <string_view>

namespace authprobe::server::description {

// The paths the console fetches besides the operations it lists (routes.cpp declares them).
inline constexpr std::string_view docs_path = "/docs";
inline constexpr std::string_view openapi_path = "/openapi.json";
inline constexpr std::string_view console_accounts_path = "/docs/accounts.json";
inline constexpr std::string_view expired_token_path = "/docs/expired-token";

struct DocsPage {
  std::string html;
  std::string content_security_policy;
};

// Built once (the hashes are computed from the page's own script and style).
[[nodiscard]] const DocsPage& docs_page();

}  // namespace authprobe::server::description
