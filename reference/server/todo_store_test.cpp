#include "reference/server/todo_store.hpp"

#include <catch2/catch.hpp>

using namespace authprobe::server;

TEST_CASE("A todo title is a non-empty string of printable UTF-8", "[unit]") {
  CHECK(parse_todo_title(R"({"title":"buy milk"})").value() == "buy milk");
  CHECK_FALSE(parse_todo_title(R"({"title":""})"));
  CHECK_FALSE(parse_todo_title(R"({"title":42})"));
  CHECK_FALSE(parse_todo_title(R"(["title"])"));
  CHECK_FALSE(parse_todo_title(R"({"title":"a\u0000b"})"));
  CHECK_FALSE(parse_todo_title("{not json"));
  CHECK_FALSE(parse_todo_title(R"({"title":")" + std::string(201, 'x') + "\"}"));
}

TEST_CASE("Each user lists only their own todos", "[unit]") {
  TodoStore store;
  REQUIRE(store.add("alice", "a1"));
  REQUIRE(store.add("bob", "b1"));
  const auto mine = store.list("alice");
  REQUIRE(mine.size() == 1);
  CHECK(mine[0].title == "a1");
}
