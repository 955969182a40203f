// Every misbehaviour of the hostile target against the suite's probe and readers: each request
// ends within its bound (the guards below are hang guards, not speed claims) as a transport
// failure naming the limit, or as the response the target really sent for the check to judge.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "conformance/challenge.hpp"
#include "conformance/probe.hpp"
#include "conformance/testing/hostile_target.hpp"
#include "conformance/token_acquisition.hpp"
#include "conformance/verdict_rules.hpp"

namespace authprobe::conformance {
namespace {

using Clock = std::chrono::steady_clock;
using testing::HostileTarget;
using testing::Hostility;
constexpr std::chrono::milliseconds short_request{1500};
constexpr std::chrono::seconds guard{20};  // far above short_request: only a hang fails it

ProbeSettings settings_for(const std::string& base_url) {
  ProbeSettings settings;
  settings.base_url = base_url;
  settings.read_timeout = short_request;
  settings.insecure = true;
  return settings;
}

struct Timed {
  SendResult result;
  std::chrono::milliseconds took{};
};

Timed send_to(Probe& probe, const Request& request) {
  const auto start = Clock::now();
  auto result = probe.send(request);
  return {std::move(result), std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start)};
}

std::string path_of(Hostility h) {
  std::string path = "/";
  path += testing::name_of(h);
  path += "/x";
  return path;
}

}  // namespace

TEST_CASE("responses past a byte limit end as a limit failure naming it", "[hostile]") {
  HostileTarget target;
  Probe probe(settings_for(target.base_url()));
  const std::vector<std::pair<Hostility, std::string>> cases{
      {Hostility::endless_body, "limits::max_body_bytes"},
      {Hostility::huge_body, "limits::max_body_bytes"},
      {Hostility::giant_header_line, "limits::max_head_bytes"},
      {Hostility::many_header_fields, "limits::max_head_bytes"},
      {Hostility::endless_status_line, "limits::max_head_bytes"},
  };
  for (const auto& [hostility, limit] : cases) {
    INFO(testing::name_of(hostility));
    const auto sent = send_to(probe, req::get(path_of(hostility)).with_bearer("secret"));
    CHECK(sent.took < guard);
    REQUIRE_FALSE(sent.result);
    CHECK(sent.result.error().kind == TransportKind::limit);
    CHECK(sent.result.error().message.find(limit) != std::string::npos);
    CHECK(sent.result.error().exchange.transport_error == sent.result.error().message);
  }
}

TEST_CASE("a target that trickles, stays silent or holds a lying body ends at request_time", "[hostile]") {
  HostileTarget target;
  Probe probe(settings_for(target.base_url()));
  for (const auto hostility : {Hostility::trickle, Hostility::silent, Hostility::long_content_length}) {
    INFO(testing::name_of(hostility));
    const auto sent = send_to(probe, req::get(path_of(hostility)));
    CHECK(sent.took < guard);
    REQUIRE_FALSE(sent.result);
    CHECK(sent.result.error().kind == TransportKind::timeout);
    CHECK(sent.result.error().message.find("limits::request_time") != std::string::npos);
  }
}

TEST_CASE("bytes that are not HTTP and a bogus chunk size are ERROR material, not a closed connection", "[hostile]") {
  HostileTarget target;
  Probe probe(settings_for(target.base_url()));
  for (const auto hostility : {Hostility::garbage, Hostility::bogus_chunk_size}) {
    INFO(testing::name_of(hostility));
    const auto sent = send_to(probe, req::get(path_of(hostility)));
    CHECK(sent.took < guard);
    REQUIRE_FALSE(sent.result);
    CHECK(sent.result.error().kind == TransportKind::other);
  }
}

TEST_CASE("a short Content-Length is read as announced and the rest is not a second response", "[hostile]") {
  HostileTarget target;
  Probe probe(settings_for(target.base_url()));
  const auto sent = send_to(probe, req::post_form(path_of(Hostility::short_content_length), {{"a", "b"}}));
  REQUIRE(sent.result);
  CHECK(sent.result->body == "{\"");
  CHECK_FALSE(sent.result->json());
}

TEST_CASE("NUL and invalid UTF-8 in challenges and token JSON are read without harm", "[hostile]") {
  HostileTarget target;
  Probe probe(settings_for(target.base_url()));
  const auto challenged = send_to(probe, req::get(path_of(Hostility::bad_bytes)));
  REQUIRE(challenged.result);
  CHECK(challenged.result->status == 401);
  const auto found = parse_all_challenges(challenged.result->header_values("WWW-Authenticate"));
  REQUIRE_FALSE(found.empty());
  CHECK(found.front().is("Bearer"));
  const auto token = send_to(probe, req::post_form(path_of(Hostility::bad_bytes), {{"grant_type", "password"}}));
  REQUIRE(token.result);
  const auto fields = acquisition::parse_token_body(token.result->body, "access_token", std::nullopt);
  REQUIRE_FALSE(fields);
  CHECK(fields.error().code == acquisition::TokenBodyErrc::not_json);  // raw 0xff is not JSON text
}

TEST_CASE("a body of max_body_bytes is searched for leaks in bounded time and stack", "[hostile]") {
  // Found by the gzip-bomb run: std::regex over 64 KiB of compressed zeros took ten seconds a
  // response, and recursion deep enough to threaten the stack.
  std::string body(limits::max_body_bytes, 'a');
  body.replace(body.size() / 2, 6, "SELECT");
  const auto start = Clock::now();
  CHECK_FALSE(leak_in(body));
  CHECK(Clock::now() - start < guard);
  CHECK(leak_in("Traceback (most recent call last):\n" + body));
}

TEST_CASE("a gzip bomb is never inflated: the body is the compressed bytes", "[hostile]") {
  HostileTarget target;
  Probe probe(settings_for(target.base_url()));
  const auto sent = send_to(probe, req::get(path_of(Hostility::gzip_bomb)));
  REQUIRE(sent.result);
  CHECK(sent.result->header("Content-Encoding") == "gzip");
  CHECK(sent.result->body.size() < limits::max_body_bytes);
  CHECK_FALSE(sent.result->json());
}

TEST_CASE("redirects are never followed: a loop is one request and another origin gets nothing", "[hostile]") {
  HostileTarget other;
  HostileTarget target;
  target.set_redirect_origin(other.base_url());
  Probe probe(settings_for(target.base_url()));
  const auto loop = send_to(probe, req::get(path_of(Hostility::redirect_loop)).with_bearer("secret"));
  REQUIRE(loop.result);
  CHECK(loop.result->status == 302);
  const auto away = send_to(probe, req::get(path_of(Hostility::redirect_elsewhere)).with_basic("alice", "secret"));
  REQUIRE(away.result);
  CHECK(away.result->status == 307);
  CHECK(target.requests().size() == 2);
  CHECK(other.requests().empty());
}

TEST_CASE("a TLS handshake that stalls or gets garbage ends as a connect failure", "[hostile]") {
  for (const auto hostility : {Hostility::silent, Hostility::garbage}) {
    INFO(testing::name_of(hostility));
    HostileTarget target(hostility);
    ProbeSettings settings = settings_for(target.tls_url());
    settings.read_timeout = limits::request_time;  // the handshake is bounded by connect_time alone
    Probe probe(settings);
    const auto sent = send_to(probe, req::get("/"));
    CHECK(sent.took < guard);
    REQUIRE_FALSE(sent.result);
    CHECK(sent.result.error().kind == TransportKind::connect);
    CHECK(sent.result.error().message.find("TLS") != std::string::npos);
  }
}

TEST_CASE("after run_stall_time of unanswered requests the probe sends nothing more", "[hostile]") {
  HostileTarget target(Hostility::silent);
  ProbeSettings settings = settings_for(target.base_url());
  settings.read_timeout = std::chrono::milliseconds(300);
  settings.run_stall_time = std::chrono::milliseconds(800);
  Probe probe(settings);
  int timeouts = 0;
  std::optional<TransportFailure> refused;
  for (int i = 0; i < 20 && !refused; ++i) {
    auto sent = probe.send(req::get("/"));
    REQUIRE_FALSE(sent);
    if (sent.error().kind == TransportKind::timeout) ++timeouts;
    if (sent.error().kind == TransportKind::limit) refused = sent.error();
  }
  REQUIRE(refused);
  CHECK(timeouts >= 2);
  CHECK(timeouts <= 4);
  CHECK(refused->message.find("limits::run_stall_time") != std::string::npos);
}

TEST_CASE("a check that passes check_time sends nothing more until the next check begins", "[hostile]") {
  HostileTarget target(Hostility::silent);
  ProbeSettings settings = settings_for(target.base_url());
  settings.read_timeout = std::chrono::milliseconds(400);
  settings.check_time = std::chrono::milliseconds(600);
  Probe probe(settings);
  probe.begin_check();
  (void)probe.send(req::get("/"));
  const auto second = probe.send(req::get("/"));  // cut to what is left of the check
  REQUIRE_FALSE(second);
  // Whatever the sends above took on a loaded machine, the check's time is over after this.
  std::this_thread::sleep_for(settings.check_time);
  const auto third = probe.send(req::get("/"));
  REQUIRE_FALSE(third);
  CHECK(third.error().kind == TransportKind::limit);
  CHECK(third.error().message.find("limits::check_time") != std::string::npos);
  probe.begin_check();
  const auto next = probe.send(req::get("/"));
  REQUIRE_FALSE(next);
  CHECK(next.error().kind == TransportKind::timeout);
}

}  // namespace authprobe::conformance
