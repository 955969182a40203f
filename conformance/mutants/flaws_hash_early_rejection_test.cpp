// HASH-07 times a correct login against a request refused before hashing. V10: the suite must
// first prove that request is refused. A server that ignores grant_type logs the "bad grant_type"
// request in, and timing a login against a login would call any hash fast.
#include <catch2/catch.hpp>

#include "conformance/mutants/expect_verdict.hpp"

namespace authprobe::conformance::mutants {
namespace {


// grant_type is never read: every request at the token endpoint is a password grant.
Flaw grant_type_ignored(const TargetProfile& p) {
  return {"grant_type ignored", [p](ProxyRequest request, const Upstream& upstream) {
            if (at_token_endpoint(p, request) && request.form_value("username")) {
              Fields fields = request.form();
              for (auto& [k, v] : fields) {
                if (k == "grant_type") v = "password";
              }
              request.set_form(fields);
            }
            return upstream(request);
          }};
}

// Every request at the token endpoint logs alice in, whatever it carries.
Flaw everything_logs_in(const TargetProfile& p) {
  const auto* alice = p.user("alice");
  REQUIRE(alice != nullptr);
  return {"every token request logs alice in", [p, user = *alice](ProxyRequest request, const Upstream& upstream) {
            if (at_token_endpoint(p, request)) {
              request.set_form({{"grant_type", "password"}, {"username", user.username}, {"password", user.password}});
            }
            return upstream(request);
          }};
}

Finding hash_07(const FlawFactory& flaw) {
  auto v = run_through(flaw, selecting({"HASH-07"}, {Judgement::strict}, {}, true));
  return v[Judgement::strict]["HASH-07"];
}

}  // namespace

TEST_CASE("HASH-07 proves its early rejection is refused before timing it (V10)", "[http][mutant]") {
  const auto clean = hash_07([](const TargetProfile&) { return testing::no_flaw(); });
  INFO(describe(clean));
  CHECK(clean.verdict == Verdict::pass);
  CHECK(clean.actual.find("grant_type=not-a-grant") != std::string::npos);

  // The bad grant_type logs in: the suite falls back to a request that is refused, and says so.
  const auto ignored = hash_07(grant_type_ignored);
  INFO(describe(ignored));
  CHECK(ignored.verdict == Verdict::pass);
  CHECK(ignored.actual.find("without username and password") != std::string::npos);
  CHECK(ignored.actual.find("not used, as not refused: grant_type=not-a-grant") != std::string::npos);

  // Nothing is refused: nothing to time a login against.
  const auto everything = hash_07(everything_logs_in);
  check_verdict(Verdict::skip, everything);
}

}  // namespace authprobe::conformance::mutants
