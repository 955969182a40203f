// authprobe demo: the seed flows against an in-process reference server on an ephemeral
// loopback port, printing each request and the status and key headers of each response.
#include <memory>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "reference/jose/key.hpp"
#include "tools/commands/command.hpp"
#include "tools/commands/compat_option.hpp"
#include "tools/commands/embedded_reference.hpp"

namespace authprobe::tools {
namespace {

// The published test credentials of fixtures/README.md (loopback demo only).
constexpr std::string_view alice_password = "wonderland-42";
constexpr std::string_view bob_password = "bob-the-builder-can-we-fix-it-yes-we-can-0123456789-abcdefghijkl";
constexpr std::string_view demo_client = "cli";  // no reserved characters: no form-encoding needed
constexpr std::string_view demo_client_secret = "cli-secret-for-loopback-tests-only";
constexpr std::string_view form_type = "application/x-www-form-urlencoded";
constexpr std::string_view json_type = "application/json";
constexpr std::string_view ellipsis = "\xE2\x80\xA6";  // "…"

struct Step {
  std::string title;
  std::string method;
  std::string path;
  std::string authorization;  // full header value, empty for none
  std::string body;
  std::string content_type;
  int expected_status = 0;
};

std::string redact(const std::string& authorization) {
  const auto space = authorization.find(' ');
  return authorization.substr(0, space) + " " + std::string(ellipsis);
}

std::string basic(std::string_view user, std::string_view password) {
  return httplib::make_basic_authentication_header(std::string(user), std::string(password)).second;
}

std::string password_form(std::string_view user, std::string_view password) {
  return "grant_type=password&username=" + httplib::detail::encode_query_param(std::string(user)) +
         "&password=" + httplib::detail::encode_query_param(std::string(password));
}

httplib::Result send(httplib::Client& client, const Step& step) {
  httplib::Headers headers;
  if (!step.authorization.empty()) headers.emplace("Authorization", step.authorization);
  if (step.method == "POST") return client.Post(step.path, headers, step.body, step.content_type);
  return client.Get(step.path, headers);
}

// Prints the exchange; returns the response body when the status was the expected one.
std::optional<std::string> run_step(httplib::Client& client, const Step& step) {
  std::cout << "\n== " << step.title << "\n-> " << step.method << ' ' << step.path << '\n';
  if (!step.authorization.empty()) std::cout << "   Authorization: " << redact(step.authorization) << '\n';
  if (!step.content_type.empty()) std::cout << "   Content-Type: " << step.content_type << '\n';
  const auto result = send(client, step);
  if (!result) {
    std::cout << "<- no response (" << httplib::to_string(result.error()) << ")\n";
    return std::nullopt;
  }
  std::cout << "<- " << result->status << '\n';
  for (const char* name : {"WWW-Authenticate", "Cache-Control", "Content-Type"}) {
    const auto range = result->headers.equal_range(name);
    for (auto it = range.first; it != range.second; ++it) std::cout << "   " << name << ": " << it->second << '\n';
  }
  const bool as_expected = result->status == step.expected_status;
  std::cout << "   " << (as_expected ? "as expected" : "UNEXPECTED, wanted " + std::to_string(step.expected_status))
            << '\n';
  if (!as_expected) return std::nullopt;
  return result->body;
}

std::string access_token_of(const std::optional<std::string>& body) {
  if (!body) return {};
  const auto json = nlohmann::json::parse(*body, nullptr, false);
  if (!json.is_object() || !json.contains("access_token") || !json["access_token"].is_string()) return {};
  return json["access_token"].get<std::string>();
}

int demo(const std::optional<std::string>& users_file, config::CompatMode compat) {
  auto key = jose::Key::generate(jose::Algorithm::HS256);
  if (!key) {
    std::cerr << "authprobe demo: " << key.error().message() << '\n';
    return exit_code::failed;
  }
  auto server = start_embedded_reference({.users_file = users_file, .compat = compat}, std::move(*key));
  if (!server) {
    std::cerr << "authprobe demo: " << server.error().message() << '\n';
    return exit_code::usage;
  }
  std::cout << "authprobe demo: reference server on " << (*server)->base_url() << '\n';

  httplib::Client client("127.0.0.1", (*server)->port());
  const std::string client_auth = basic(demo_client, demo_client_secret);
  const std::string form(form_type);
  const std::string json(json_type);
  const std::string todo = R"({"title":"fix the roof"})";
  bool all_ok = true;
  auto step = [&](const Step& s) {
    auto body = run_step(client, s);
    all_ok = all_ok && body.has_value();
    return body;
  };

  step({"Basic: no credentials, the server challenges", "GET", "/profile", "", "", "", 401});
  step({"Basic login as alice", "GET", "/profile", basic("alice", alice_password), "", "", 200});
  const auto alice = access_token_of(step({"Password grant for alice (client cli)", "POST", "/token", client_auth,
                                           password_form("alice", alice_password), form, 200}));
  step({"Bearer call as alice", "GET", "/users/me", "Bearer " + alice, "", "", 200});
  step({"Role refused: alice is not admin", "GET", "/admin", "Bearer " + alice, "", "", 403});
  step({"Scope refused: alice lacks todos:write", "POST", "/api/todos", "Bearer " + alice, todo, json, 403});
  const auto bob = access_token_of(step({"Password grant for bob (client cli)", "POST", "/token", client_auth,
                                         password_form("bob", bob_password), form, 200}));
  step({"Role granted: bob is admin", "GET", "/admin", "Bearer " + bob, "", "", 200});
  step({"Scope granted: bob adds a todo", "POST", "/api/todos", "Bearer " + bob, todo, json, 201});

  (*server)->stop();
  std::cout << "\nauthprobe demo: " << (all_ok ? "every step answered as expected" : "some steps did not") << '\n';
  return all_ok ? exit_code::ok : exit_code::failed;
}

}  // namespace

Command add_demo_command(CLI::App& parent) {
  auto users_file = std::make_shared<std::optional<std::string>>();
  auto compat = std::make_shared<std::optional<std::string>>();
  Command command;
  command.app = parent.add_subcommand(
      "demo", "Start the reference server on a free loopback port and walk through the seed flows");
  command.app->add_option("--users", *users_file, "Users file with the fixture users (default: the --compat mode's fixture)")
      ->check(CLI::ExistingFile);
  add_compat_option(*command.app, *compat, "demo");
  command.run = [users_file, compat] { return demo(*users_file, compat_mode(*compat)); };
  return command;
}

}  // namespace authprobe::tools
