// The JSON report is a stable contract: tools parse it. Top level:
//   target      base URL of the target
//   profile     judgement profile: strict | lenient | bcp
//   target_profile  name of the target profile
//   started_at  ISO 8601 UTC; wall_ms; unreachable (bool)
//   results     [{id, level, cites, mode, summary, verdict, expected, actual, detail, curl,
//                 deviations: ["D1".."D16"] (catalog rows that explain the verdict, V5),
//                 elapsed_ms, evidence: [{request{method,url,headers,body,wire_base64,wire_bytes,
//                 wire_deflate_base64?, sent_before_base64?, pipelined?},
//                 response{status, headers, body} | transport_error, curl, decisive,
//                 state_dependence?}],
//                 reproduction}]  in catalog order. `decisive` marks the exchange that decided
//                 the verdict; `wire_base64` is the request's exact bytes (cut at 64 KiB, then
//                 wire_bytes is larger; then `wire_deflate_base64`, when present, is all of them
//                 zlib-compressed) that `authprobe replay` re-sends, after the requests of
//                 `sent_before_base64` when they shared its connection (written at once when
//                 `pipelined`, else each after its answer); `curl` is empty when
//                 curl cannot send exactly those bytes; `reproduction` is the deciding exchange's
//                 curl line, else the `authprobe replay` line (empty without evidence), followed
//                 by "  # state-dependent: WHY" when `state_dependence` is present: the run
//                 changed the state the recorded answer depended on, so a replay may differ.
//   summary     {PASS, FAIL, WARN, SKIP, INFO, ERROR: count}
//   options     {slow, judgement, mode: "B" | "K", token_acquisition, selection: [..]}
//   shortfalls  [{field, reason}]: what the suite could not obtain and the profile field to fix
// Fields are only ever added, never renamed or removed.
#include "conformance/report/report.hpp"

namespace authprobe::conformance {
namespace {

nlohmann::json headers_json(const HeaderLines& headers) {
  auto out = nlohmann::json::array();
  for (const auto& [name, value] : headers) out.push_back({name, value});
  return out;
}

nlohmann::json exchange_json(const Exchange& exchange) {
  nlohmann::json out;
  out["request"] = {{"method", exchange.request.method},
                    {"url", exchange.request.url},
                    {"headers", headers_json(exchange.request.headers)},
                    {"raw_lines", exchange.request.raw_lines},
                    {"body", exchange.request.body_excerpt},
                    {"body_bytes", exchange.request.body_bytes},
                    {"wire_base64", base64(exchange.request.wire)},
                    {"wire_bytes", exchange.request.wire_bytes}};
  if (!exchange.request.wire_deflated.empty()) out["request"]["wire_deflate_base64"] = base64(exchange.request.wire_deflated);
  if (!exchange.request.sent_before.empty()) {
    auto before = nlohmann::json::array();
    for (const auto& wire : exchange.request.sent_before) before.push_back(base64(wire));
    out["request"]["sent_before_base64"] = std::move(before);
    out["request"]["pipelined"] = exchange.request.pipelined;
  }
  if (exchange.response) {
    out["response"] = {{"status", exchange.response->status},
                       {"headers", headers_json(exchange.response->headers)},
                       {"body", exchange.response->body_excerpt},
                       {"body_bytes", exchange.response->body_bytes}};
  } else {
    out["transport_error"] = exchange.transport_error;
  }
  out["curl"] = exchange.curl;
  out["decisive"] = exchange.decisive;
  if (!exchange.state_dependence.empty()) out["state_dependence"] = exchange.state_dependence;
  return out;
}

}  // namespace

nlohmann::json to_json(const RunReport& report) {
  nlohmann::json out;
  out["target"] = report.target;
  out["profile"] = std::string(to_string(report.judgement));
  out["target_profile"] = report.target_profile;
  out["started_at"] = report.started_at;
  out["wall_ms"] = report.wall_ms;
  out["unreachable"] = report.unreachable;
  auto results = nlohmann::json::array();
  for (const auto& r : report.results) {
    auto evidence = nlohmann::json::array();
    for (const auto& exchange : r.finding.evidence) evidence.push_back(exchange_json(exchange));
    const auto* deciding = deciding_exchange(r.finding);
    // Invalid UTF-8 from a target is replaced, never allowed to abort the report.
    results.push_back({{"id", r.id},
                       {"level", std::string(to_string(r.level))},
                       {"cites", r.cites},
                       {"mode", std::string(to_string(r.mode))},
                       {"summary", r.summary},
                       {"verdict", std::string(to_string(r.finding.verdict))},
                       {"expected", r.finding.expected},
                       {"actual", r.finding.actual},
                       {"detail", r.finding.detail},
                       {"curl", deciding == nullptr ? std::string() : deciding->curl},
                       {"deviations", r.finding.deviations},
                       {"elapsed_ms", r.elapsed_ms},
                       {"evidence", evidence},
                       {"reproduction", reproduction_command(r)}});
  }
  out["results"] = results;
  out["options"] = {{"slow", report.slow},
                    {"judgement", std::string(to_string(report.judgement))},
                    {"mode", report.key_known ? "K" : "B"},
                    {"token_acquisition", report.token_acquisition},
                    {"selection", report.selection}};
  auto shortfalls = nlohmann::json::array();
  for (const auto& unmet : report.shortfalls) shortfalls.push_back({{"field", unmet.field}, {"reason", unmet.reason}});
  out["shortfalls"] = shortfalls;
  auto summary = nlohmann::json::object();
  for (const auto& [verdict, count] : report.summary()) summary[std::string(to_string(verdict))] = count;
  out["summary"] = summary;
  return out;
}

std::string render_json(const RunReport& report) {
  constexpr int indent = 2;
  return to_json(report).dump(indent, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace authprobe::conformance
