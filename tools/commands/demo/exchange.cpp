#include "tools/commands/demo/exchange.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

namespace authprobe::tools::demo {

bool same_field_name(std::string_view a, std::string_view b) {
  // RFC 9110 §5.1: field names are case-insensitive.
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
    return std::tolower(x) == std::tolower(y);
  });
}

std::optional<std::string> Received::header(std::string_view name) const {
  for (const auto& h : headers)
    if (same_field_name(h.name, name)) return h.value;
  return std::nullopt;
}

std::optional<std::string> Received::all_values(std::string_view name) const {
  std::optional<std::string> values;
  for (const auto& h : headers)
    if (same_field_name(h.name, name)) values = values ? *values + "\n" + h.value : h.value;
  return values;
}

Exchange send_request(httplib::Client& client, SentRequest request, std::string note) {
  httplib::Request raw;
  raw.method = request.method;
  raw.path = request.target;
  raw.body = request.body;
  for (const auto& h : request.headers) raw.headers.emplace(h.name, h.value);
  Exchange exchange{std::move(note), std::move(request), std::nullopt, {}};
  const auto result = client.send(raw);
  if (!result) {
    exchange.failure = httplib::to_string(result.error());
    return exchange;
  }
  Received received{result->status, result->reason, {}, result->body};
  for (const auto& [name, value] : result->headers) received.headers.push_back({name, value});
  exchange.response = std::move(received);
  return exchange;
}

std::string json_string_member(const Received& response, std::string_view member) {
  const auto json = nlohmann::json::parse(response.body, nullptr, false);
  if (!json.is_object()) return {};
  const auto found = json.find(std::string(member));
  if (found == json.end() || !found->is_string()) return {};
  return found->get<std::string>();
}

}  // namespace authprobe::tools::demo
