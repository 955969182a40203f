// Test-only target for the browser tests of the HTML report: the reference server behind a
// FlawProxy that answers every refusal (401) with markup meant to run in whoever displays it —
// a <script>, an <img onerror>, NUL and invalid UTF-8 — in the Basic challenge, in an extra
// header and in the body. The challenge loses its realm on the way, so the BASIC checks FAIL and
// the report shows those bytes in the evidence of a FAIL row.
//
// Prints its base URL on stdout, then serves until stdin closes (the test ends) or a bound
// passes, so a test that dies never leaves it running for long. Loopback, ephemeral port only.
#include <unistd.h>

#include <poll.h>

#include <chrono>
#include <iostream>
#include <string>

#include "conformance/http_constants.hpp"
#include "conformance/testing/flaw_proxy.hpp"
#include "tools/commands/embedded_reference.hpp"

namespace {

using namespace authprobe;
using conformance::testing::Flaw;
using conformance::testing::ProxyRequest;
using conformance::testing::ProxyResponse;
using conformance::testing::Upstream;

// Longer than any run the tests make of it (a BASIC selection takes seconds).
constexpr auto max_lifetime = std::chrono::minutes(5);
constexpr int poll_interval_ms = 500;

// What a page would run if the report pasted it as markup: each sets the page title.
constexpr std::string_view script_payload = "<script>document.title='pwned'</script>";
constexpr std::string_view image_payload = "<img src=x onerror=\"document.title='pwned'\">";

std::string hostile_bytes() {
  std::string out(script_payload);
  out += image_payload;
  out.push_back('\0');
  out += "\xff\xfe\xc0\xaf";  // never valid UTF-8
  return out;
}

Flaw hostile_refusals() {
  return {"markup, NUL and invalid UTF-8 in every 401", [](ProxyRequest request, const Upstream& upstream) {
            auto response = upstream(request);
            constexpr int unauthorized = conformance::http::status::unauthorized;
            if (response.status != unauthorized) return response;
            const auto challenge = response.header(conformance::http::header::www_authenticate).value_or("");
            if (challenge.rfind("Basic", 0) == 0) {
              std::string malformed = "Basic ";  // no realm, and a token68 that is not one
              malformed += script_payload;
              response.set_header(conformance::http::header::www_authenticate, malformed);
            }
            response.set_header("X-Hostile", std::string(image_payload) + std::string(1, '\0') + "\xff\xfe");
            response.body = hostile_bytes();
            return response;
          }};
}

bool stdin_closed() {
  pollfd input{STDIN_FILENO, POLLIN, 0};
  if (::poll(&input, 1, poll_interval_ms) <= 0) return false;
  char byte = 0;
  return ::read(STDIN_FILENO, &byte, 1) <= 0;
}

}  // namespace

int main() {
  auto target = tools::start_reference_target(config::CompatMode::strict);
  if (!target) {
    std::cerr << "markup_target: " << target.error() << '\n';
    return 1;
  }
  conformance::testing::FlawProxy proxy(target->profile.base_url, hostile_refusals());
  std::cout << proxy.base_url() << std::endl;
  const auto deadline = std::chrono::steady_clock::now() + max_lifetime;
  while (std::chrono::steady_clock::now() < deadline && !stdin_closed()) {
  }
  target->server->stop();
  return 0;
}
