#pragma once
// GET /docs: the auth console, one self-contained page (inline script and style, no external
// asset) under a strict Content-Security-Policy that admits exactly its own script and style by
// hash. It logs in through the password grant, decodes the token, lists the operations of
// /openapi.json and calls them, showing the status, the headers auth is about and the body, and
// explains a 401 or 403 from its WWW-Authenticate challenge.
#include <string>

namespace authprobe::server::description {

struct DocsPage {
  std::string html;
  std::string content_security_policy;
};

// Built once (the hashes are computed from the page's own script and style).
[[nodiscard]] const DocsPage& docs_page();

}  // namespace authprobe::server::description
