// Fault tests (label "load"): truncated bodies, abrupt disconnects mid-request and
// invalid UTF-8 in every field. Never a crash, a hang or a 5xx; the server keeps answering.
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "reference/server/testing/fixture_users.hpp"
#include "reference/server/testing/loopback_socket.hpp"
#include "reference/server/testing/raw_http.hpp"
#include "reference/server/testing/test_server.hpp"

using namespace authprobe::server::testing;

namespace {

constexpr int ok = 200;
constexpr int first_server_error = 500;
constexpr auto answer_wait = std::chrono::milliseconds(6000);  // past the server's 5 s read timeout

// Malformed UTF-8 (RFC 3629 §3, §10): a lone continuation byte, a truncated sequence, an
// overlong '/', an encoded surrogate, bytes that never occur.
const std::vector<std::string> bad_utf8 = {"\x80", "\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xFF\xFE", "a\xF4\x90\x80\x80z"};

std::string with_length(const std::string& head, const std::string& body) {
  return head + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string token_request(const std::string& body, const std::string& extra_fields = {}) {
  return with_length("POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                     "Content-Type: application/x-www-form-urlencoded\r\nAuthorization: " +
                         client_basic("cli", secret_of::cli) + "\r\n" + extra_fields,
                     body);
}

std::string get_request(const std::string& target, const std::string& fields = {}) {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + fields + "\r\n";
}

bool server_healthy(TestServer& ts) {
  auto client = ts.client();
  const auto r = client.Get("/health");
  return r && r->status == ok;
}

// Every answer is a non-5xx response whose body, if any, is valid JSON (and so valid UTF-8:
// the JSON parser refuses anything else).
void check_answer(const RawResponse& r, const std::string& what) {
  INFO(what);
  CHECK(r.status != 0);
  CHECK(r.status < first_server_error);
  if (!r.body.empty()) CHECK_FALSE(nlohmann::json::parse(r.body, nullptr, false).is_discarded());
}

}  // namespace

TEST_CASE("Bodies shorter than their Content-Length get a 4xx or a close, never a crash or a hang", "[load]") {
  TestServer ts;
  const std::string full = token_request(password_form("alice", "wonderland-42"));
  const std::vector<std::string> requests = {
      full.substr(0, full.size() - 5),
      with_length("POST /api/todos HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n", "{\"title\":\"x\"}")
          .substr(0, 90),
      "POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\ngrant_type=password",
  };
  int answered = 0;
  int closed = 0;
  for (const auto& request : requests) {
    LoopbackSocket socket(ts.port());
    REQUIRE(socket.connected());
    REQUIRE(socket.send(request));
    socket.shutdown_write();  // the rest never comes
    const std::string reply = socket.receive(answer_wait);
    if (reply.empty()) {
      ++closed;
      continue;
    }
    ++answered;
    CHECK(reply.rfind("HTTP/1.1 4", 0) == 0);
  }
  std::printf("FAULT truncated bodies: %d answered 4xx, %d closed\n", answered, closed);
  CHECK(server_healthy(ts));
  CHECK(ts.server().exceptions_caught() == 0);
}

TEST_CASE("Clients vanishing mid-request, at every stage, leave the server serving", "[load]") {
  TestServer ts;
  const std::string request = token_request(password_form("alice", "wrong-password"));
  const std::size_t step = 7;
  int cuts = 0;
  for (std::size_t cut = 1; cut <= request.size(); cut += step) {
    LoopbackSocket socket(ts.port());
    REQUIRE(socket.connected());
    (void)socket.send(std::string_view(request).substr(0, cut));
    socket.reset();  // RST, not an orderly close
    ++cuts;
  }
  // Whole requests whose client is gone before the answer: the server writes into a reset
  // connection (a password hash later), which must not raise SIGPIPE or leak the worker.
  constexpr int gone_before_answer = 20;
  for (int i = 0; i < gone_before_answer; ++i) {
    LoopbackSocket socket(ts.port());
    REQUIRE(socket.send(i % 2 == 0 ? request : get_request("/profile", "Authorization: " + basic_auth("bob", "nope") + "\r\n")));
    socket.reset();
  }
  std::printf("FAULT abrupt disconnects: %d cut requests, %d abandoned before the answer\n", cuts, gone_before_answer);
  CHECK(server_healthy(ts));
  CHECK(ts.server().exceptions_caught() == 0);
}

TEST_CASE("Invalid UTF-8 in every field gets a 4xx (or 2xx where harmless) with a valid JSON body, never a 5xx", "[load]") {
  TestServer ts;
  auto client = ts.client();
  const std::string token = login(client, "alice", password_of::alice).at("access_token");
  int exchanges = 0;
  for (const auto& bad : bad_utf8) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"path", get_request("/api/users/" + bad, "Authorization: Bearer " + token + "\r\n")},
        {"query", get_request("/api/todos?q=" + bad, "Authorization: Bearer " + token + "\r\n")},
        {"field name", get_request("/health", "X-" + bad + ": v\r\n")},
        {"field value", get_request("/health", "X-Test: " + bad + "\r\n")},
        {"Origin", get_request("/health", "Origin: http://" + bad + ".example\r\n")},
        {"Basic user-id", get_request("/profile", "Authorization: " + basic_auth(bad, "x") + "\r\n")},
        {"Basic password", get_request("/profile", "Authorization: " + basic_auth("alice", bad) + "\r\n")},
        {"Bearer token", get_request("/users/me", "Authorization: Bearer " + bad + "\r\n")},
        {"Bearer token (raw)", get_request("/users/me", "Authorization: Bearer a" + bad + "b.c.d\r\n")},
        {"form username", token_request("grant_type=password&username=" + bad + "&password=x")},
        {"form password", token_request("grant_type=password&username=alice&password=" + bad)},
        {"form scope", token_request(password_form("alice", password_of::alice) + "&scope=" + bad)},
        {"form grant_type", token_request("grant_type=" + bad + "&username=alice&password=x")},
        {"form refresh_token", token_request("grant_type=refresh_token&refresh_token=" + bad)},
        {"form client_id", with_length("POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                       "Content-Type: application/x-www-form-urlencoded\r\n",
                                       "grant_type=password&username=alice&password=x&client_id=" + bad)},
        {"JSON body", with_length("POST /api/todos HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                  "Content-Type: application/json\r\nAuthorization: Bearer " + token + "\r\n",
                                  "{\"title\":\"" + bad + "\"}")},
        {"form username (percent-encoded)", token_request("grant_type=password&username=" + form_encode(bad) + "&password=x")},
        {"form password (percent-encoded)", token_request("grant_type=password&username=alice&password=" + form_encode(bad))},
        {"Content-Type", with_length("POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                     "Content-Type: application/" + bad + "\r\n",
                                     "grant_type=password&username=alice&password=x")},
    };
    for (const auto& [field, request] : cases) {
      check_answer(raw_exchange(ts.port(), request), field + " with bytes of length " + std::to_string(bad.size()));
      ++exchanges;
    }
  }
  std::printf("FAULT invalid UTF-8: %d exchanges\n", exchanges);
  CHECK(server_healthy(ts));
  CHECK(ts.server().exceptions_caught() == 0);
}
