#pragma once
// What a check hands back: a verdict, the acceptable outcomes, what was seen, and the evidence
// (each request sent, the response, and a curl command that reproduces it).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "conformance/verdict.hpp"

namespace authprobe::conformance {

using HeaderLines = std::vector<std::pair<std::string, std::string>>;

struct RequestRecord {
  std::string method;
  std::string url;           // absolute URL (base + target)
  std::string target;        // path and query as sent
  HeaderLines headers;       // in the order sent, duplicates kept
  std::vector<std::string> raw_lines;  // header lines sent byte for byte (raw sender)
  std::string body_excerpt;  // first bytes of the body, printable
  std::size_t body_bytes = 0;
  bool raw = false;          // sent by the raw-socket sender (malformed on purpose)
  // The request bytes on the wire (Connection: close): exactly what the raw sender wrote, or the
  // same fields and body as httplib sent them. What `authprobe replay` re-sends; cut at
  // wire_limit (wire_bytes says how many there were).
  std::string wire{};
  std::size_t wire_bytes = 0;
  // The whole wire, zlib-compressed, when it is longer than wire_limit and compresses to at most
  // wire_limit (wire_deflate.hpp): what makes a 2 MiB request reproducible from the report.
  std::string wire_deflated{};
  // The requests written before this one on the same connection, byte for byte, and whether they
  // were pipelined (else each waited for its answer): this request's answer may depend on them
  // (HTTP-14: a connection that remembers the token), so `authprobe replay` re-sends them first,
  // on one connection, and compares this request's answer. Empty when it had the connection alone.
  std::vector<std::string> sent_before{};
  bool pipelined = false;
};

inline constexpr std::size_t wire_limit = 64U * 1024U;

struct ResponseRecord {
  int status = 0;
  HeaderLines headers;
  std::string body_excerpt;
  std::size_t body_bytes = 0;
  double elapsed_ms = 0.0;
};

struct Exchange {
  RequestRecord request;
  std::optional<ResponseRecord> response;  // empty when the transport failed
  std::string transport_error;             // set when response is empty
  std::string curl;                        // curl line sending exactly request.wire; empty when curl cannot
  bool decisive = false;                   // this exchange decided the finding's verdict
  // Why re-sending this request may get another answer although the finding is right: the run
  // changed the state the answer depended on (a refresh token it rotated, a throttle window it
  // opened, a claim relative to the clock). Empty: the request reproduces its answer. The
  // report's reproduction line carries it; `authprobe replay` prints it.
  std::string state_dependence{};
};

struct Finding {
  Verdict verdict = Verdict::error;
  std::string expected;  // the acceptable outcomes, as text
  std::string actual;    // what the target did
  std::string detail;    // parts run, parts skipped, notes
  std::vector<Exchange> evidence;
  // The catalog rows of "Where standards and tutorials disagree" this check saw ("D4"), applied
  // by topic (V5). A verdict other than PASS with rows here is a known tutorial deviation.
  std::vector<std::string> deviations;
};

// The exchange that decided the finding's verdict: the first marked decisive, else the first
// evidence; nullptr when there is none.
[[nodiscard]] const Exchange* deciding_exchange(const Finding& finding);

// Marks the deciding exchange (if any) as depending on state the run changed, with the reason.
void mark_state_dependent(Finding& finding, std::string reason);

// The stronger of two verdicts when a check judges several parts: FAIL beats ERROR beats WARN
// beats INFO beats PASS beats SKIP (a part that could not be judged never hides one that was).
[[nodiscard]] Verdict combine(Verdict a, Verdict b);

}  // namespace authprobe::conformance
