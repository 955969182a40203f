// --compat fastapi is the FastAPI security tutorials, point by point: every exchange of
// tutorial_exchanges.json (request -> status, body, the headers that matter) against the real
// server in --compat fastapi. replay_exchanges.py holds a real FastAPI 0.92 app to the same table,
// so the expectations here are what FastAPI answers, not what this server happens to say; the few
// rows where this server keeps an RFC requirement say so, and why (`compat_keeps_the_rfc`).
#include <fstream>
#include <map>
#include <regex>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "reference/server/testing/test_server.hpp"

namespace {

using namespace authprobe::server::testing;
using nlohmann::json;

json load_table() {
  std::ifstream in(std::string(AUTHPROBE_SOURCE_DIR) + "/reference/server/compat/tutorial_exchanges.json");
  REQUIRE(in);
  return json::parse(in);
}

std::string replace_base(std::string text, const std::string& base) {
  const std::string placeholder = "{base}";
  if (const auto at = text.find(placeholder); at != std::string::npos) text.replace(at, placeholder.size(), base);
  return text;
}

// The table's header expectation: a value (exact), null (absent) or {"matches": regex}.
void check_headers(const json& expected, const httplib::Response& response, const std::string& base) {
  for (const auto& [name, want] : expected.items()) {
    INFO("header " << name);
    const auto count = response.get_header_value_count(name.c_str());
    if (want.is_null()) {
      CHECK(count == 0);
    } else if (want.is_object()) {
      REQUIRE(count == 1);
      CHECK(std::regex_match(response.get_header_value(name.c_str()), std::regex(want.at("matches").get<std::string>())));
    } else {
      REQUIRE(count == 1);
      CHECK(response.get_header_value(name.c_str()) == replace_base(want.get<std::string>(), base));
    }
  }
}

void check_body(const json& expect, const httplib::Response& response) {
  const auto body = json::parse(response.body, nullptr, false);
  if (expect.contains("body")) CHECK(body == expect.at("body"));
  if (expect.value("body_empty", false)) CHECK(response.body.empty());
  if (expect.contains("body_members")) {
    REQUIRE(body.is_object());
    for (const auto& [name, value] : expect.at("body_members").items()) CHECK(body.value(name, json()) == value);
  }
  for (const auto& name : expect.value("body_has", json::array())) CHECK(body.contains(name.get<std::string>()));
}

httplib::Result send(httplib::Client& client, const json& request, const std::map<std::string, std::string>& tokens) {
  httplib::Headers headers;
  if (request.contains("bearer")) headers.emplace("Authorization", "Bearer " + tokens.at(request.at("bearer").get<std::string>()));
  if (request.contains("bearer_token"))
    headers.emplace("Authorization", "Bearer " + request.at("bearer_token").get<std::string>());
  if (request.contains("basic"))
    headers.emplace("Authorization", basic_auth(request.at("basic").at(0).get<std::string>(), request.at("basic").at(1).get<std::string>()));
  const std::string path = request.at("path");
  if (request.at("method") == "GET") return client.Get(path, headers);
  REQUIRE(request.at("method") == "POST");
  if (request.contains("json")) return client.Post(path, headers, request.at("json").get<std::string>(), "application/json");
  return client.Post(path, headers, request.value("form", std::string()), std::string(form_type));
}

}  // namespace

TEST_CASE("In --compat fastapi every exchange of the tutorials is answered as FastAPI answers it", "[http][compat]") {
  const json table = load_table();
  TestServerSettings settings;
  settings.compat = authprobe::config::CompatMode::fastapi;
  TestServer ts(settings);
  auto client = ts.client();
  const std::string base = "http://127.0.0.1:" + std::to_string(ts.port());

  // The tutorials' form takes no client authentication: no Authorization at /token.
  std::map<std::string, std::string> tokens;
  for (const auto& [name, login] : table.at("logins").items()) {
    const auto r = post_token(client, "username=" + form_encode(login.at("username").get<std::string>()) + "&password=" +
                                          form_encode(login.at("password").get<std::string>()) + "&scope=" +
                                          form_encode(login.at("scope").get<std::string>()),
                              {});
    REQUIRE(r);
    REQUIRE(r->status == 200);
    tokens[name] = json::parse(r->body).at("access_token");
  }

  REQUIRE(table.at("exchanges").size() >= 12);
  for (const auto& exchange : table.at("exchanges")) {
    INFO(exchange.at("name").get<std::string>() << " (" << exchange.at("tutorial").get<std::string>() << ")");
    const auto response = send(client, exchange.at("request"), tokens);
    REQUIRE(response);
    const auto& expect = exchange.at("expect");
    CHECK(response->status == expect.at("status").get<int>());
    check_body(expect, *response);
    // FastAPI's headers, but where the row records that this server keeps an RFC requirement.
    json headers = expect.value("headers", json::object());
    if (exchange.contains("compat_keeps_the_rfc")) {
      CHECK_FALSE(exchange.at("compat_keeps_the_rfc").at("why").get<std::string>().empty());
      headers.update(exchange.at("compat_keeps_the_rfc").at("headers"));
    }
    check_headers(headers, *response, base);
    check_headers(table.at("every_response").at("headers"), *response, base);
    // Beside the tutorial's header, the standard one stays.
    CHECK(response->has_header("Server-Timing"));
  }
}
