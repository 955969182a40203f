#include "reference/server/tokens/scope.hpp"

#include <catch2/catch.hpp>

using namespace authprobe::server;

TEST_CASE("Scopes split on single spaces and drop repeated tokens", "[unit]") {
  const auto tokens = parse_scope("todos:read admin todos:read");
  REQUIRE(tokens);
  CHECK(*tokens == std::vector<std::string>{"todos:read", "admin"});
}

TEST_CASE("Scopes outside the RFC 6749 section 3.3 grammar are refused", "[unit]") {
  CHECK_FALSE(parse_scope(""));
  CHECK_FALSE(parse_scope("read\"x"));
  CHECK_FALSE(parse_scope("read\\x"));
  CHECK_FALSE(parse_scope("read  write"));
  CHECK_FALSE(parse_scope(" read"));
  CHECK_FALSE(parse_scope("read\twrite"));
  CHECK_FALSE(parse_scope("r\xC3\xA4"));
}

TEST_CASE("Scope intersection keeps the requested order and is case-sensitive", "[unit]") {
  CHECK(intersect_scope({"admin", "todos:read", "Todos:read"}, {"todos:read"}) == std::vector<std::string>{"todos:read"});
  CHECK(join_scope({"a", "b"}) == "a b");
}
