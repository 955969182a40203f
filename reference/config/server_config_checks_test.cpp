#include "reference/config/server_config_checks.hpp"

#include <catch2/catch.hpp>

using authprobe::config::checks::host_problem;
using authprobe::config::checks::origin_problem;
using authprobe::config::checks::realm_problem;

TEST_CASE("Hosts are IP literals or DNS names", "[unit]") {
  for (const char* good : {"127.0.0.1", "0.0.0.0", "::1", "::", "localhost", "auth.example.com", "a-b.c1"}) {
    INFO(good);
    CHECK_FALSE(host_problem(good).has_value());
  }
  for (const char* bad : {"", "a b", "-a.com", "a-.com", "a..com", "a.com.", "[::1]", "1.2.3.4:80", "ex_ample.com"}) {
    INFO(bad);
    CHECK(host_problem(bad).has_value());
  }
}

TEST_CASE("Origins must be exact http(s) origins, never '*'", "[unit]") {
  for (const char* good : {"http://localhost:3000", "https://app.example", "https://app.example:8443",
                           "http://127.0.0.1:8080", "https://[::1]:8443", "http://[::1]"}) {
    INFO(good);
    CHECK_FALSE(origin_problem(good).has_value());
  }
  for (const char* bad : {"*", "null", "", "localhost:3000", "ftp://x.example", "https://app.example/",
                          "https://app.example/path", "https://app.example:0", "https://app.example:99999",
                          "https://app.example:", "https://", "https://App.Example", "https://[::1", "https://a b",
                          "https://x.example?q=1", "http://[::1]x"}) {
    INFO(bad);
    CHECK(origin_problem(bad).has_value());
  }
}

TEST_CASE("A realm fits in a quoted-string without escaping", "[unit]") {
  CHECK_FALSE(realm_problem("authprobe").has_value());
  CHECK_FALSE(realm_problem("my realm: ünicode").has_value());
  CHECK(realm_problem("").has_value());
  CHECK(realm_problem("a\"b").has_value());
  CHECK(realm_problem("a\\b").has_value());
  CHECK(realm_problem("a\nb").has_value());
}
