#include "reference/server/compat/tutorial_handlers.hpp"

#include <nlohmann/json.hpp>

#include "reference/core/http_constants.hpp"

namespace authprobe::server::handlers {
namespace {

namespace status = http::status;

// The tutorials send no Cache-Control; this server keeps RFC 6750 §5.3's no-store on answers to
// authenticated requests (catalog HTTP-10), which no tutorial row excuses.
void protected_json(httplib::Response& response, const nlohmann::json& body) {
  set_no_store(response);
  write_json(response, status::ok, body);
}

nlohmann::json optional_text(const std::optional<std::string>& text) {
  return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

}  // namespace

void tutorial_user(ServerState&, const httplib::Request&, httplib::Response& response, const Principal* caller) {
  const Account& account = caller->account;
  protected_json(response, {{"username", account.username},
                            {"email", optional_text(account.email)},
                            {"full_name", optional_text(account.full_name)},
                            {"disabled", account.disabled}});
}

void tutorial_items(ServerState&, const httplib::Request&, httplib::Response& response, const Principal* caller) {
  protected_json(response, nlohmann::json::array({{{"item_id", "Foo"}, {"owner", caller->account.username}}}));
}

void tutorial_admin(ServerState&, const httplib::Request&, httplib::Response& response, const Principal*) {
  protected_json(response, {{"msg", "Welcome Admin"}});
}

void tutorial_profile(ServerState&, const httplib::Request&, httplib::Response& response, const Principal* caller) {
  protected_json(response, {{"message", "Hello, " + caller->account.username + "!"}});
}

}  // namespace authprobe::server::handlers
