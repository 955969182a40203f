// How a report shows the request that decided a finding and the command that re-sends it.
#include "conformance/curl_line.hpp"
#include "conformance/report/report.hpp"

namespace authprobe::conformance {
namespace {
constexpr char first_printable = 0x20;
constexpr char del = 0x7F;
constexpr std::string_view hex = "0123456789abcdef";
constexpr std::string_view end_of_headers = "\r\n\r\n";

void append_visible(std::string& out, std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') {
      out.push_back('\n');
      ++i;
    } else if ((c < first_printable && c != '\t') || c == del) {
      const auto u = static_cast<unsigned char>(c);
      out += "\\x";
      out.push_back(hex[u >> 4U]);
      out.push_back(hex[u & 0x0FU]);
    } else {
      out.push_back(c);
    }
  }
}
}  // namespace

std::string wire_text(const RequestRecord& request, std::size_t body_limit) {
  const std::string_view wire = request.wire;
  const auto head_end = wire.find(end_of_headers);
  const auto body_at = head_end == std::string_view::npos ? wire.size() : head_end + end_of_headers.size();
  std::string out;
  append_visible(out, wire.substr(0, body_at));
  const auto body = wire.substr(body_at);
  append_visible(out, body.substr(0, body_limit));
  const auto total_body = request.wire_bytes - body_at;
  if (total_body > body_limit || request.wire_bytes > wire.size()) {
    out += "... (" + std::to_string(total_body) + " body bytes in all)";
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string reproduction_command(const CheckResult& result) {
  const auto* deciding = deciding_exchange(result.finding);
  if (deciding == nullptr || deciding->request.wire.empty()) return {};
  std::string command = deciding->curl.empty() ? replay_line(result.id) : deciding->curl;
  // A shell comment: the line still runs as copied, and says why its answer may differ.
  if (!deciding->state_dependence.empty()) command += "  # state-dependent: " + deciding->state_dependence;
  return command;
}

}  // namespace authprobe::conformance
