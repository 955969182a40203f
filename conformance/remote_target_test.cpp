// The remote-target interlock, on the decision alone: no test connects anywhere but loopback.
#include <catch2/catch.hpp>

#include "conformance/remote_target.hpp"

using authprobe::conformance::is_loopback_host;
using authprobe::conformance::remote_refusal;
using authprobe::conformance::RemoteConsent;

TEST_CASE("loopback names and addresses are local, everything else is remote", "[unit]") {
  for (const char* host : {"localhost", "LOCALHOST", "127.0.0.1", "127.0.0.5", "127.255.255.254", "::1", "::ffff:127.0.0.1"}) {
    CAPTURE(host);
    CHECK(is_loopback_host(host));
  }
  for (const char* host : {"auth.example.test", "10.0.0.1", "192.168.1.10", "0.0.0.0", "128.0.0.1", "::", "::2",
                           "fe80::1", "127.0.0.1.nip.io", "localhost.example.test", "", "1.2.3.4"}) {
    CAPTURE(host);
    CHECK_FALSE(is_loopback_host(host));
  }
}

TEST_CASE("a remote target is refused without --allow-remote, and --slow needs --allow-remote-load", "[unit]") {
  const RemoteConsent none;
  const RemoteConsent remote{.allow_remote = true};
  const RemoteConsent load{.allow_remote = true, .allow_remote_load = true};
  for (const char* url : {"http://127.0.0.1:8080", "https://localhost", "http://[::1]:9000/api", "http://127.0.0.5:1"}) {
    CAPTURE(url);
    CHECK_FALSE(remote_refusal(url, true, none));
  }
  for (const char* url : {"https://auth.example.test", "http://10.0.0.1:8080", "http://[fe80::1]:80", "not a url"}) {
    CAPTURE(url);
    const auto refused = remote_refusal(url, false, none);
    REQUIRE(refused);
    CHECK_THAT(*refused, Catch::Contains("--allow-remote"));
    CHECK_FALSE(remote_refusal(url, false, remote));
    const auto slow = remote_refusal(url, true, remote);
    REQUIRE(slow);
    CHECK_THAT(*slow, Catch::Contains("--allow-remote-load"));
    CHECK_FALSE(remote_refusal(url, true, load));
  }
}
