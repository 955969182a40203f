// JWT issuance mutants for D9 as V10 reads it: lenient is the plain RFC 7519 profile for JWT-01/02,
// which drops `typ` and the RFC 9068-only claims but never `exp` or `sub`. The proxy re-mints the
// reference's access tokens with the reference's own key (the harness holds it), so only the
// claims under test change.
#include <catch2/catch.hpp>

#include <set>

#include "conformance/forge/base64url.hpp"
#include "conformance/forge/compact.hpp"
#include "conformance/forge/sign.hpp"
#include "conformance/http_constants.hpp"
#include "conformance/mutants/expect_verdict.hpp"

namespace authprobe::conformance::mutants {
namespace {


const std::vector<Judgement> strict_and_lenient{Judgement::strict, Judgement::lenient};

// Every access token the token endpoint issues, re-minted (HS256, the reference's key) with the
// header's typ set to `typ` (removed when empty) and the named claims removed.
Flaw reminted(const TargetProfile& p, std::string name, std::string typ, std::set<std::string> dropped) {
  const auto key = forge::b64url_decode(p.token.key.hs_secret_b64u.value_or(""));
  REQUIRE(key);
  return {std::move(name), [p, secret = *key, typ, dropped](ProxyRequest request, const Upstream& upstream) {
            auto response = upstream(request);
            if (!at_token_endpoint(p, request) || !http::status::is_success(response.status)) return response;
            edit_json(response, [&](nlohmann::json& body) {
              if (!body.contains("access_token") || !body["access_token"].is_string()) return;
              auto parts = forge::decode_compact(body["access_token"].get<std::string>());
              if (!parts) return;
              auto header = nlohmann::json::parse(parts->header_json);
              auto claims = nlohmann::json::parse(parts->payload_json);
              if (typ.empty()) {
                header.erase("typ");
              } else {
                header["typ"] = typ;
              }
              for (const auto& claim : dropped) claims.erase(claim);
              const auto input = forge::signing_input(header.dump(), claims.dump());
              auto mac = forge::hmac_sign(forge::Alg::HS256, secret, input);
              if (mac) body["access_token"] = forge::append_signature(input, *mac);
            });
            return response;
          }};
}

// A plain RFC 7519 token: typ JWT, none of the RFC 9068-only claims.
Flaw plain_rfc7519_tokens(const TargetProfile& p) {
  return reminted(p, "plain RFC 7519 tokens", "JWT", {"client_id", "jti", "iat", "aud", "iss"});
}

Flaw tokens_without_exp(const TargetProfile& p) { return reminted(p, "tokens without exp", "JWT", {"exp", "client_id", "jti"}); }

Flaw tokens_without_sub(const TargetProfile& p) { return reminted(p, "tokens without sub", "at+jwt", {"sub"}); }

}  // namespace

TEST_CASE("JWT-01/02: a plain RFC 7519 token fails strict and passes lenient (D9, V10)", "[http][mutant]") {
  auto v = run_through(plain_rfc7519_tokens, selecting({"JWT-01", "JWT-02"}, strict_and_lenient));
  for (const auto* id : {"JWT-01", "JWT-02"}) {
    INFO(id << "\n" << describe(v[Judgement::strict][id]) << "\n" << describe(v[Judgement::lenient][id]));
    CHECK(v[Judgement::strict][id].verdict == Verdict::fail);
    CHECK(v[Judgement::lenient][id].verdict == Verdict::pass);
  }
  auto clean = run_through([](const TargetProfile&) { return testing::no_flaw(); }, selecting({"JWT-01", "JWT-02"}, strict_and_lenient));
  for (const auto judgement : strict_and_lenient) {
    CHECK(clean[judgement]["JWT-01"].verdict == Verdict::pass);
    CHECK(clean[judgement]["JWT-02"].verdict == Verdict::pass);
  }
}

TEST_CASE("JWT-02: D9 never relaxes a missing exp or sub (V10)", "[http][mutant]") {
  for (const auto& flaw : std::vector<FlawFactory>{tokens_without_exp, tokens_without_sub}) {
    auto v = run_through(flaw, selecting({"JWT-02"}, strict_and_lenient));
    for (const auto judgement : strict_and_lenient) {
      INFO(to_string(judgement) << " " << describe(v[judgement]["JWT-02"]));
      CHECK(v[judgement]["JWT-02"].verdict == Verdict::fail);
      CHECK(v[judgement]["JWT-02"].actual.find("required in every profile") != std::string::npos);
    }
  }
}

}  // namespace authprobe::conformance::mutants
