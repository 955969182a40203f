#include "conformance/replay.hpp"

#include "conformance/base_url.hpp"
#include "conformance/challenge.hpp"
#include "conformance/curl_line.hpp"
#include "conformance/forge/base64url.hpp"
#include "conformance/http_constants.hpp"
#include "conformance/wire_deflate.hpp"

namespace authprobe::conformance {
namespace {

constexpr std::size_t shown_body_bytes = 160;

std::optional<std::string> from_base64(const std::string& text) {
  auto bytes = forge::b64_decode(text);
  if (!bytes) return std::nullopt;
  return std::move(*bytes);
}

std::string string_at(const nlohmann::json& value, const char* name) {
  const auto found = value.find(name);
  return found != value.end() && found->is_string() ? found->get<std::string>() : std::string();
}

Outcome recorded_outcome(const nlohmann::json& exchange) {
  Outcome out;
  const auto response = exchange.find("response");
  if (response == exchange.end() || !response->is_object()) {
    out.transport_error = string_at(exchange, "transport_error");
    return out;
  }
  if (const auto status = response->find("status"); status != response->end() && status->is_number_integer()) {
    out.status = status->get<int>();
  }
  if (const auto headers = response->find("headers"); headers != response->end() && headers->is_array()) {
    for (const auto& field : *headers) {
      if (field.is_array() && field.size() == 2 && field[0].is_string() && field[1].is_string() &&
          iequals(field[0].get<std::string>(), http::header::www_authenticate)) {
        out.challenges.push_back(field[1].get<std::string>());
      }
    }
  }
  out.body = string_at(*response, "body");
  return out;
}

}  // namespace

tl::expected<Reproduction, std::string> reproduction_of(const nlohmann::json& report, std::string_view id) {
  const auto results = report.find("results");
  if (!report.is_object() || results == report.end() || !results->is_array()) return tl::unexpected(std::string("not an authprobe JSON report (no results)"));
  for (const auto& result : *results) {
    if (!result.is_object() || string_at(result, "id") != id) continue;
    const auto evidence = result.find("evidence");
    if (evidence == result.end() || !evidence->is_array() || evidence->empty()) {
      return tl::unexpected(std::string(id) + " has no recorded exchange to replay");
    }
    const nlohmann::json* chosen = &evidence->front();
    for (const auto& exchange : *evidence) {
      if (exchange.is_object() && exchange.value("decisive", false)) {
        chosen = &exchange;
        break;
      }
    }
    if (!chosen->is_object() || !chosen->contains("request") || !(*chosen)["request"].is_object()) {
      return tl::unexpected(std::string(id) + ": the recorded exchange has no request");
    }
    const auto& request = (*chosen)["request"];
    auto wire = from_base64(string_at(request, "wire_base64"));
    if (!wire || wire->empty()) {
      return tl::unexpected(std::string(id) + ": the report does not carry the request bytes (made by an older authprobe?)");
    }
    Reproduction out;
    out.check_id = std::string(id);
    out.verdict = string_at(result, "verdict");
    out.target = string_at(report, "target");
    out.method = string_at(request, "method");
    out.url = string_at(request, "url");
    const auto bytes = request.find("wire_bytes");
    out.complete = bytes == request.end() || !bytes->is_number_unsigned() || bytes->get<std::size_t>() <= wire->size();
    if (!out.complete) {
      // Too long for wire_base64; the whole request may be there compressed (wire_deflate.hpp).
      if (const auto deflated = from_base64(string_at(request, "wire_deflate_base64")); deflated && !deflated->empty()) {
        auto whole = inflate_wire(*deflated, bytes->get<std::size_t>());
        if (!whole) return tl::unexpected(std::string(id) + ": " + whole.error());
        wire = std::move(*whole);
        out.complete = true;
      }
    }
    if (const auto before = request.find("sent_before_base64"); before != request.end() && before->is_array()) {
      for (const auto& encoded : *before) {
        auto earlier = encoded.is_string() ? from_base64(encoded.get<std::string>()) : std::nullopt;
        if (!earlier) return tl::unexpected(std::string(id) + ": a request sent before it on its connection is not base64");
        out.sent_before.push_back(std::move(*earlier));
      }
      out.pipelined = request.value("pipelined", false);
    }
    out.wire = std::move(*wire);
    out.state_dependence = string_at(*chosen, "state_dependence");
    out.recorded = recorded_outcome(*chosen);
    return out;
  }
  return tl::unexpected("the report has no check " + std::string(id));
}

tl::expected<Outcome, std::string> replay(const Reproduction& reproduction, std::string_view target,
                                          const RawSettings& settings) {
  const std::string where = target.empty() ? reproduction.target : std::string(target);
  const auto url = parse_base_url(where);
  if (!url) return tl::unexpected("not a base URL: " + where);
  std::vector<std::string> requests = reproduction.sent_before;
  requests.push_back(reproduction.wire);
  std::vector<bool> heads;  // a HEAD answer has no body: the reader must know which requests were HEAD
  for (const auto& earlier : reproduction.sent_before) {
    const auto parts = split_wire(earlier);
    heads.push_back(parts && parts->method == "HEAD");
  }
  heads.push_back(reproduction.method == "HEAD");
  const std::size_t answer = reproduction.sent_before.size();
  const Framing framing = answer == 0 || reproduction.pipelined ? Framing::pipelined : Framing::sequential;
  Outcome out;
  auto responses = raw_exchange(*url, requests, heads, settings, framing);
  if (!responses) {
    if (responses.error().kind == TransportKind::connect) return tl::unexpected(where + " unreachable: " + responses.error().message);
    out.transport_error = responses.error().message;
    return out;
  }
  if (responses->size() <= answer) {
    out.transport_error = "connection closed before a response";
    return out;
  }
  const auto& response = (*responses)[answer];
  out.status = response.status;
  for (const auto& [name, value] : response.headers) {
    if (iequals(name, http::header::www_authenticate)) out.challenges.push_back(value);
  }
  out.body = response.body.substr(0, shown_body_bytes);
  return out;
}

bool same_outcome(const Outcome& recorded, const Outcome& replayed) {
  if (!recorded.status || !replayed.status) return !recorded.status && !replayed.status;
  return *recorded.status == *replayed.status && recorded.challenges == replayed.challenges;
}

std::string describe(const Outcome& outcome) {
  if (!outcome.status) return "no response (" + outcome.transport_error + ")";
  std::string out = std::to_string(*outcome.status);
  for (const auto& challenge : outcome.challenges) out += " [WWW-Authenticate: " + challenge + "]";
  if (!outcome.body.empty()) {
    out += ' ';
    out += outcome.body.substr(0, shown_body_bytes);
  }
  return out;
}

}  // namespace authprobe::conformance
