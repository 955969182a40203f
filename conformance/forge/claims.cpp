#include "conformance/forge/claims.hpp"

#include <nlohmann/json.hpp>

#include "conformance/forge/json_text.hpp"

namespace authprobe::conformance::forge {

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Escalation escalation_for(std::vector<std::string> scope_names, std::int64_t now) {
  Escalation out;
  out.scopes = std::move(scope_names);
  out.expires_at = now + forged_lifetime_seconds;
  return out;
}

Result<std::string> escalate(std::string_view payload_json, const Escalation& escalation) {
  auto payload = parse_object(payload_json);
  if (!payload) return fail(payload.error());
  std::string scope;
  for (const auto& name : escalation.scopes) {
    if (!scope.empty()) scope.push_back(' ');
    scope += name;
  }
  (*payload)["scope"] = scope;
  if (payload->contains("scp")) (*payload)["scp"] = escalation.scopes;
  (*payload)["role"] = escalation.role;
  (*payload)["roles"] = nlohmann::json::array({escalation.role});
  (*payload)["exp"] = escalation.expires_at;
  return payload->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string scope_of(std::string_view payload_json) {
  auto payload = parse_object(payload_json);
  if (!payload) return {};
  if (const auto it = payload->find("scope"); it != payload->end() && it->is_string()) {
    return it->get<std::string>();
  }
  if (const auto it = payload->find("scp"); it != payload->end() && it->is_array()) {
    std::string out;
    for (const auto& item : *it) {
      if (!item.is_string()) continue;
      if (!out.empty()) out.push_back(' ');
      out += item.get<std::string>();
    }
    return out;
  }
  return {};
}

}  // namespace authprobe::conformance::forge
