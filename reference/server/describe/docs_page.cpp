#include "reference/server/describe/docs_page.hpp"

#include <sodium.h>

#include "reference/server/describe/console_assets.hpp"

namespace authprobe::server::description {
namespace {

std::string base64_sha256(std::string_view text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char out[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(out, sizeof out, digest, sizeof digest, sodium_base64_VARIANT_ORIGINAL);
  return out;
}

// The paths are this file's constants (no character that needs escaping in an attribute); the
// script reads them from <body data-…>, so the script itself stays the same bytes and hash.
DocsPage build() {
  DocsPage page;
  page.html = R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>authprobe auth console</title><style>)";
  page.html += console_css;
  page.html += "</style></head>\n<body data-openapi=\"";
  page.html += openapi_path;
  page.html += "\" data-accounts=\"";
  page.html += console_accounts_path;
  page.html += "\" data-expired-token=\"";
  page.html += expired_token_path;
  page.html += "\">\n";
  page.html += console_html;
  page.html += "<script>";
  page.html += console_js;
  page.html += "</script></body></html>\n";
  page.content_security_policy = "default-src 'none'; script-src 'sha256-" + base64_sha256(console_js) +
                                 "'; style-src 'sha256-" + base64_sha256(console_css) +
                                 "'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  return page;
}

}  // namespace

const DocsPage& docs_page() {
  static const DocsPage page = build();
  return page;
}

}  // namespace authprobe::server::description
