#include "reference/server/http/challenge.hpp"

#include <catch2/catch.hpp>

using namespace authprobe::server;

TEST_CASE("A Basic challenge names the realm and charset UTF-8 once each", "[unit]") {
  CHECK(basic_challenge("authprobe") == R"(Basic realm="authprobe", charset="UTF-8")");
}

TEST_CASE("Quoted strings escape quotes and backslashes and never carry control characters", "[unit]") {
  CHECK(quoted_string(R"(a"b\c)") == R"("a\"b\\c")");
  CHECK(quoted_string("x\r\ny") == "\"x  y\"");
  CHECK(quoted_string(std::string("nul\0end", 7)) == "\"nul end\"");
}

TEST_CASE("A Bearer challenge without an error carries only the realm", "[unit]") {
  CHECK(bearer_challenge({"authprobe", {}, {}, {}}) == R"(Bearer realm="authprobe")");
}

TEST_CASE("A Bearer challenge lists error, description and scope in order", "[unit]") {
  CHECK(bearer_challenge({"r", "insufficient_scope", "needs admin", "admin"}) ==
        R"(Bearer realm="r", error="insufficient_scope", error_description="needs admin", scope="admin")");
}
