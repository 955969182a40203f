// TOKEN-28..30 (revocation, introspection, metadata "if offered"): the reference server offers
// none of them, so the proxy offers each one itself in front of it, once correct (the control)
// and once with one flaw, and the profile declares the endpoint.
#include <catch2/catch.hpp>

#include <memory>
#include <mutex>
#include <set>

#include "conformance/http_constants.hpp"
#include "conformance/mutants/expect_verdict.hpp"

namespace authprobe::conformance::mutants {
namespace {


constexpr std::string_view revoke_path = "/revoke";
constexpr std::string_view introspect_path = "/introspect";
constexpr std::string_view metadata_path = "/.well-known/oauth-authorization-server";
constexpr std::string_view bearer_prefix = "Bearer ";

// RFC 6749 §2.3.1 client authentication of the baseline client, or a 401 invalid_client.
std::optional<ProxyResponse> refuse_unless_client(const TargetProfile& p, const ProxyRequest& request) {
  if (request.basic_user_pass() == client_user_pass(*p.clients.confidential)) return std::nullopt;
  ProxyResponse r;
  r.set_json(status::unauthorized, R"({"error":"invalid_client"})");
  r.set_header(header::www_authenticate, "Basic realm=\"authprobe\"");
  return r;
}

ProxyResponse empty(int code) {
  ProxyResponse r;
  r.status = code;
  return r;
}

enum class RevocationFlaw { none, not_enforced, open_endpoint };

// RFC 7009: revoked access tokens go on a deny-list the proxy enforces in front of the resources.
Flaw offered_revocation(const TargetProfile& p, RevocationFlaw flaw) {
  struct DenyList {
    std::mutex mutex;
    std::set<std::string> tokens;
  };
  auto denied = std::make_shared<DenyList>();
  return {"revocation endpoint", [p, flaw, denied](ProxyRequest request, const Upstream& upstream) {
            if (request.path() == revoke_path && request.method == "POST") {
              if (flaw != RevocationFlaw::open_endpoint) {
                if (auto refused = refuse_unless_client(p, request)) return *refused;
              }
              // RFC 7009 §2.2: unknown tokens and unknown hints are not errors.
              const auto token = request.form_value("token");
              if (token && flaw != RevocationFlaw::not_enforced) {
                std::lock_guard lock(denied->mutex);
                denied->tokens.insert(*token);
              }
              return empty(status::ok);
            }
            const auto authorization = request.header(header::authorization).value_or("");
            if (authorization.starts_with(bearer_prefix)) {
              std::lock_guard lock(denied->mutex);
              if (denied->tokens.count(authorization.substr(bearer_prefix.size())) > 0) {
                ProxyResponse r;
                r.set_json(status::unauthorized, R"({"error":"invalid_token"})");
                r.set_header(header::www_authenticate, "Bearer realm=\"authprobe\", error=\"invalid_token\"");
                return r;
              }
            }
            return upstream(request);
          }};
}

enum class IntrospectionFlaw { none, reason_leaked, open_endpoint };

// RFC 7662: a token is active when the upstream's any-token resource accepts it.
Flaw offered_introspection(const TargetProfile& p, IntrospectionFlaw flaw) {
  return {"introspection endpoint", [p, flaw](ProxyRequest request, const Upstream& upstream) {
            if (request.path() != introspect_path || request.method != "POST") return upstream(request);
            if (flaw != IntrospectionFlaw::open_endpoint) {
              if (auto refused = refuse_unless_client(p, request)) return *refused;
            }
            ProxyRequest probe;
            probe.method = "GET";
            probe.target = p.endpoints.bearer_any->path;
            probe.set_header(header::authorization, std::string(bearer_prefix) + request.form_value("token").value_or(""));
            const bool active = status::is_success(upstream(probe).status);
            ProxyResponse r;
            if (active) {
              r.set_json(status::ok, R"({"active":true,"token_type":"Bearer"})");
            } else {
              r.set_json(status::ok, flaw == IntrospectionFlaw::reason_leaked ? R"({"active":false,"reason":"signature invalid"})"
                                                                              : R"({"active":false})");
            }
            return r;
          }};
}

// RFC 8414 §3: the metadata document; the flawed one names a different issuer.
Flaw offered_metadata(const TargetProfile& p, bool wrong_issuer) {
  nlohmann::json doc{{"issuer", p.token.issuer + (wrong_issuer ? "/" : "")},
                     {"token_endpoint", p.token.issuer + p.endpoints.token->path},
                     {"response_types_supported", nlohmann::json::array()},
                     {"grant_types_supported", {"password", "refresh_token"}},
                     {"token_endpoint_auth_methods_supported", {"client_secret_basic"}}};
  return {"metadata document", [doc = doc.dump()](ProxyRequest request, const Upstream& upstream) {
            if (request.path() != metadata_path) return upstream(request);
            ProxyResponse r;
            r.set_json(status::ok, doc);
            return r;
          }};
}

void declare_offered(TargetProfile& p) {
  p.flows.revocation = p.flows.introspection = p.flows.metadata = true;
  p.endpoints.revocation = Endpoint{"POST", std::string(revoke_path), "", ""};
  p.endpoints.introspection = Endpoint{"POST", std::string(introspect_path), "", ""};
  p.endpoints.metadata = Endpoint{"GET", std::string(metadata_path), "", ""};
}

Finding judge_offered(const FlawFactory& flaw, const std::string& id) {
  auto verdicts = run_through(flaw, selecting({id}, {Judgement::strict}, declare_offered));
  return verdicts[Judgement::strict][id];
}

}  // namespace

TEST_CASE("TOKEN-28..30 pass when the proxy offers correct revocation, introspection and metadata", "[http][mutant]") {
  const std::pair<std::string, FlawFactory> controls[] = {
      {"TOKEN-28", [](const TargetProfile& p) { return offered_revocation(p, RevocationFlaw::none); }},
      {"TOKEN-29", [](const TargetProfile& p) { return offered_introspection(p, IntrospectionFlaw::none); }},
      {"TOKEN-30", [](const TargetProfile& p) { return offered_metadata(p, false); }},
  };
  for (const auto& [id, flaw] : controls) {
    const auto f = judge_offered(flaw, id);
    INFO(id << " " << describe(f));
    CHECK(f.verdict == Verdict::pass);
  }
}

TEST_CASE("TOKEN-28 fails when a revoked token still works", "[http][mutant]") {
  const auto f = judge_offered([](const TargetProfile& p) { return offered_revocation(p, RevocationFlaw::not_enforced); }, "TOKEN-28");
  check_verdict(Verdict::fail, f);
}

TEST_CASE("TOKEN-28 fails when revocation needs no client authentication", "[http][mutant]") {
  const auto f = judge_offered([](const TargetProfile& p) { return offered_revocation(p, RevocationFlaw::open_endpoint); }, "TOKEN-28");
  check_verdict(Verdict::fail, f);
}

TEST_CASE("TOKEN-29 fails when introspection says why a token is inactive", "[http][mutant]") {
  const auto f = judge_offered([](const TargetProfile& p) { return offered_introspection(p, IntrospectionFlaw::reason_leaked); }, "TOKEN-29");
  check_verdict(Verdict::fail, f);
}

TEST_CASE("TOKEN-29 fails when introspection is open to anyone", "[http][mutant]") {
  const auto f = judge_offered([](const TargetProfile& p) { return offered_introspection(p, IntrospectionFlaw::open_endpoint); }, "TOKEN-29");
  check_verdict(Verdict::fail, f);
}

TEST_CASE("TOKEN-30 fails when the metadata names another issuer", "[http][mutant]") {
  const auto f = judge_offered([](const TargetProfile& p) { return offered_metadata(p, true); }, "TOKEN-30");
  check_verdict(Verdict::fail, f);
}

}  // namespace authprobe::conformance::mutants
