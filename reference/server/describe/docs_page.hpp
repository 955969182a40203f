#pragma once
// GET /docs: the auth console, one self-contained page (inline script and style, no external
// asset) under a strict Content-Security-Policy that admits exactly its own script and style by
// hash. It logs in through the password grant, decodes the token, lists the operations of
// /openapi.json and calls them, showing the status, the headers auth is about and the body, and
// explains a 401 or 403 from its WWW-Authenticate challenge.
#include <string>

#include "reference/config/server_config.hpp"

namespace authprobe::server::description {

struct DocsPage {
  std::string html;
  std::string content_security_policy;
};

// Built once per mode (the hashes are computed from the page's own script and style); the login
// form starts with the mode's first demo user and, in strict, the demo client (the FastAPI
// tutorials' /token takes none).
[[nodiscard]] const DocsPage& docs_page(config::CompatMode mode);

}  // namespace authprobe::server::description
