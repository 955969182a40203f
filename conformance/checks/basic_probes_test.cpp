// The altered token68 values and the refusal rule of the BASIC negatives (basic_probes.hpp).
#include <catch2/catch.hpp>

#include "conformance/checks/basic_probes.hpp"
#include "conformance/http_constants.hpp"

namespace authprobe::conformance {

TEST_CASE("altered token68: a '!' at a quantum boundary inside, junk after the padding", "[unit]") {
  const auto padded = basic_probes::altered_token68("YWxpY2U6cHc=");  // alice:pw
  REQUIRE(padded.size() == 2);
  CHECK(padded[0].token68 == "YWxp!Y2U6cHc=");
  CHECK(padded[1].token68 == "YWxpY2U6cHc=!!");
  CHECK(padded[1].what == "junk after the padding");
  const auto unpadded = basic_probes::altered_token68("YWxpY2U6d29uZGVybGFuZC00Mg");
  CHECK(unpadded[1].token68.ends_with("Mg!!"));
  CHECK(unpadded[1].what.find("no padding") != std::string::npos);
}

TEST_CASE("the colon-tail probe appends :x to alice's real password", "[unit]") {
  CHECK(basic_probes::with_colon_tail("alice", "wonderland-42") == "alice:wonderland-42:x");
}

TEST_CASE("a BASIC negative: 2xx and 5xx fail, listed refusals pass, other refusals warn", "[unit]") {
  namespace status = http::status;
  constexpr int found = 302;  // a redirect to a login page
  Response r;
  const auto verdict = [&](int code) {
    r.status = code;
    return basic_probes::judge_refusal(r, {status::unauthorized, status::bad_request});
  };
  CHECK(verdict(status::ok) == Verdict::fail);
  CHECK(verdict(status::internal_server_error) == Verdict::fail);
  CHECK(verdict(status::unauthorized) == Verdict::pass);
  CHECK(verdict(status::bad_request) == Verdict::pass);
  CHECK(verdict(status::forbidden) == Verdict::warn);
  CHECK(verdict(found) == Verdict::warn);
}

}  // namespace authprobe::conformance
