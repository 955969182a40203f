#include "conformance/checks/token_owner.hpp"

#include "conformance/checks/support.hpp"

namespace authprobe::conformance::support {
namespace {

// A `sub` is untrusted text from the target: shown as JSON (quoted, escaped) and cut short.
constexpr std::size_t max_shown = 80;

std::string shown(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
  if (text.size() > max_shown) text = text.substr(0, max_shown) + "...";
  return text;
}

std::string roles_of(const TestUser& user) {
  std::string roles;
  for (const auto& role : user.roles) roles += (roles.empty() ? "" : ", ") + role;
  return roles.empty() ? std::string("no roles") : "roles " + roles;
}

}  // namespace

std::string token_owner(const TargetProfile& target, std::string_view access_token) {
  const auto payload = jwt_payload(access_token);
  if (!payload) return "opaque token: its owner is not readable";
  const auto sub = payload->find("sub");
  if (sub == payload->end()) return "token without sub: its owner is not readable";
  std::string text = "token for sub " + shown(*sub);
  if (sub->is_string()) {
    for (const auto& [logical, user] : target.users) {
      if (user.username == sub->get<std::string>()) return text + " (fixture user " + logical + "; " + roles_of(user) + ")";
    }
  }
  return text + " (not a fixture user's name)";
}

std::string token_owner(const TargetProfile& target, const Response& response) {
  if (!issued_token(response)) return {};
  const auto body = response.json();
  const auto& token = (*body)["access_token"];
  if (!token.is_string()) return "access_token is not a string: its owner is not readable";
  return token_owner(target, token.get<std::string>());
}

std::string with_owner(const TargetProfile& target, std::string note, const Response& response) {
  const auto owner = token_owner(target, response);
  if (!owner.empty()) note += " [" + owner + "]";
  return note;
}

}  // namespace authprobe::conformance::support
