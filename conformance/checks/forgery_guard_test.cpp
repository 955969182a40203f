// A forged or tampered token is judged only when it differs from its genuine original; a check
// that cannot build one SKIPs with the reason instead of blaming the server for a valid token.
#include <catch2/catch.hpp>

#include "conformance/checks/forgery_guard.hpp"
#include "conformance/checks/jwt_support.hpp"
#include "conformance/testing/mock_target/mock_target.hpp"

namespace authprobe::conformance::jwt {

TEST_CASE("tampering changes a JWS payload character or, for an opaque token, its middle", "[unit]") {
  const std::string jws = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln";
  const auto changed = tampered(jws);
  REQUIRE(changed);
  CHECK(*changed != jws);
  CHECK(changed->substr(0, 21) == jws.substr(0, 21));  // the header is untouched
  CHECK(changed->substr(changed->rfind('.')) == ".c2ln");  // and so is the signature
  for (const std::string opaque : {"2YotnFZFEjr1zCsicMWpAA", "A", "AAAA", "a.b"}) {
    INFO(opaque);
    const auto other = tampered(opaque);
    REQUIRE(other);
    CHECK(*other != opaque);
    CHECK(other->size() == opaque.size());
  }
  CHECK_FALSE(tampered(""));
}

TEST_CASE("a forgery equal to its original is named as such, a different one is not", "[unit]") {
  CHECK(same_as_original("abc", "abc", "T0"));
  CHECK(same_as_original("abc", "abc", "T0")->find("T0") != std::string::npos);
  CHECK_FALSE(same_as_original("abd", "abc", "T0"));
  CHECK_FALSE(same_as_original("abc", "", "T0"));  // no original known: nothing to compare
}

// The general mechanism, as every JWT and BEARER forgery goes through it: a "forgery" that is T0
// itself is never sent (a correct server accepts it, and the check would FAIL it); alone it makes
// the finding SKIP with the reason; next to a real forgery, that one is judged.
TEST_CASE("judge_forgeries SKIPs a forgery that is T0 itself and judges the others", "[http]") {
  auto target = mock_target::MockTarget::start({});
  const auto profile = target->profile();
  ProbeSettings settings;
  settings.base_url = profile.base_url;
  Probe probe(settings);
  Context ctx(profile, Judgement::strict, probe, false);
  ctx.begin_check("JWT-05");
  auto t0 = ctx.session().token(base_user);
  REQUIRE(t0);

  const auto alone = judge_forgeries(ctx, {{"T0 unchanged", t0->access_token}});
  CHECK(alone.verdict == Verdict::skip);
  CHECK(alone.detail.find("byte for byte") != std::string::npos);

  const auto mixed = judge_forgeries(ctx, {{"T0 unchanged", t0->access_token}, {"T0 tampered", *tampered(t0->access_token)}});
  CHECK(mixed.verdict == Verdict::pass);

  // An explicit original (here bob's token) is compared instead of T0.
  auto bob = ctx.session().token(admin_user);
  REQUIRE(bob);
  const auto bobs = judge_forgeries(ctx, {{"bob's token unchanged", bob->access_token, false, bob->access_token}});
  CHECK(bobs.verdict == Verdict::skip);
}

}  // namespace authprobe::conformance::jwt
