#include "reference/server/tokens/refresh_token_state.hpp"

#include <fstream>
#include <optional>

#include <catch2/catch.hpp>
#include <sys/stat.h>

#include "reference/server/testing/fixture_users.hpp"
#include "reference/server/testing/test_server.hpp"
#include "reference/server/tokens/random_token.hpp"

using namespace authprobe::server;
using namespace authprobe::server::testing;

namespace {

constexpr std::int64_t t0 = 1'700'000'000;

struct TempDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("authprobe-refresh-state-" + random_base64url(unique_name_bytes));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

std::optional<std::string> refresh_token_of(httplib::Client& client) {
  const auto grant = login(client, "alice", password_of::alice);
  if (!grant.contains("refresh_token")) return std::nullopt;
  return grant.at("refresh_token").get<std::string>();
}

httplib::Result refresh(httplib::Client& client, const std::string& token) {
  return post_token(client, "grant_type=refresh_token&refresh_token=" + form_encode(token));
}

}  // namespace

TEST_CASE("The refresh-token state round-trips through its file format, digests only", "[unit]") {
  RefreshTokenStore store(std::chrono::seconds(3600), 100);
  const std::string first = store.issue({"alice", "cli", "todos:read"}, t0);
  const auto second = store.rotate(first, "cli", t0);
  REQUIRE(second.has_value());
  const std::string text = serialize_refresh_state(store.export_state());
  CHECK(text.find(first) == std::string::npos);  // never the token itself
  CHECK(text.find(*second) == std::string::npos);

  auto parsed = parse_refresh_state(text, "state.json");
  REQUIRE(parsed.has_value());
  RefreshTokenStore restored(std::chrono::seconds(3600), 100);
  restored.import_state(std::move(*parsed));
  CHECK(restored.size() == 2);
  CHECK(restored.inspect(*second, "cli", t0).has_value());
  CHECK(restored.inspect(first, "cli", t0).error() == RefreshError::reused);  // rotation survives too
}

TEST_CASE("A corrupt or half-written refresh-token state file is an error naming the file", "[unit]") {
  RefreshTokenStore store(std::chrono::seconds(3600), 100);
  (void)store.issue({"alice", "cli", "todos:read"}, t0);
  const std::string text = serialize_refresh_state(store.export_state());
  const auto half = parse_refresh_state(text.substr(0, text.size() / 2), "/var/lib/authprobe/state.json");
  REQUIRE_FALSE(half.has_value());
  CHECK(half.error().message().find("/var/lib/authprobe/state.json") != std::string::npos);
  const auto wrong = parse_refresh_state(R"({"format":"authprobe-refresh-tokens/1","tokens":[{"digest":"zz"}],"revoked_families":[]})", "s.json");
  REQUIRE_FALSE(wrong.has_value());
  CHECK(wrong.error().message().find("/tokens/0") != std::string::npos);
  CHECK_FALSE(parse_refresh_state(R"({"format":"other","tokens":[],"revoked_families":[]})", "s.json").has_value());
}

TEST_CASE("With a state file, refresh tokens survive a server restart; the file is 0600", "[http]") {
  TempDir dir;
  const auto state_file = dir.path / "refresh.json";
  TestServerSettings settings;
  settings.refresh_token_state_file = state_file;
  std::string token;
  {
    TestServer before(settings);
    auto client = before.client();
    auto issued = refresh_token_of(client);
    REQUIRE(issued.has_value());
    token = *issued;
  }
  struct stat info {};
  REQUIRE(::stat(state_file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);

  TestServer after(settings);
  auto client = after.client();
  const auto r = refresh(client, token);
  REQUIRE(r);
  CHECK(r->status == 200);
}

TEST_CASE("Without a state file, refresh tokens die with the server (documented in-memory)", "[http]") {
  std::string token;
  {
    TestServer before;
    auto client = before.client();
    auto issued = refresh_token_of(client);
    REQUIRE(issued.has_value());
    token = *issued;
  }
  TestServer after;
  auto client = after.client();
  const auto r = refresh(client, token);
  REQUIRE(r);
  CHECK(r->status == 400);
}

TEST_CASE("A corrupt state file stops the server at start, naming the file", "[http]") {
  TempDir dir;
  const auto state_file = dir.path / "refresh.json";
  std::ofstream(state_file) << R"({"format": "authprobe-refresh-tokens/1", "tokens": [)";
  TestServerSettings settings;
  settings.refresh_token_state_file = state_file;
  try {
    TestServer ts(settings);
    FAIL("the server started with a corrupt state file");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find(state_file.string()) != std::string::npos);
  }
}
