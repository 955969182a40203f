#include "conformance/checks/protection.hpp"

#include "conformance/checks/bearer_support.hpp"
#include "conformance/http_constants.hpp"

namespace authprobe::conformance {

std::string ResourceProtection::reading() const {
  const std::string kind_text = kind == Protection::Kind::role ? "role" : "scope";
  if (declared) return kind_text + "-protected (profile: protected_by." + kind_text + " \"" + name + "\")";
  return kind_text + "-protected (assumed: the profile gives no protected_by, flows.scopes is " +
         (kind == Protection::Kind::scope ? "true" : "false") + ")";
}

ResourceProtection protection_of(const TargetProfile& target, const Endpoint& endpoint, std::string_view logical) {
  ResourceProtection out;
  if (endpoint.protected_by) {
    out.kind = endpoint.protected_by->kind;
    out.name = endpoint.protected_by->name;
    out.declared = true;
    return out;
  }
  out.kind = target.flows.scopes ? Protection::Kind::scope : Protection::Kind::role;
  out.name = out.kind == Protection::Kind::scope ? target.scope(logical) : std::string(logical);
  return out;
}

jwt::Part judge_underprivileged(const Context& ctx, const std::string& name, const SendResult& result,
                                const ResourceProtection& protection, Level level) {
  jwt::Part part;
  part.note = name + ": " + jwt::describe(result);
  if (!result) {
    part.verdict = Verdict::error;
    part.exchange = result.error().exchange;
    return part;
  }
  part.exchange = result->exchange;
  const int status = result->status;
  const bool by_scope = protection.kind == Protection::Kind::scope;
  const auto challenge = jwt::bearer_challenge(*result);
  const auto error = challenge ? challenge->param("error") : std::nullopt;
  if (challenge) part.note += challenge->malformation_note();
  if (http::status::is_success(status) || http::status::is_server_error(status)) {
    part.verdict = Verdict::fail;
    part.note += http::status::is_success(status) ? " (granted)" : " (server error)";
  } else if (status == http::status::forbidden && !by_scope) {
    part.verdict = Verdict::pass;  // V7: a role decision is a 403, challenge or not
  } else if (status == http::status::unauthorized) {
    const bool names_scope = challenge && (error == http::oauth_error::insufficient_scope || challenge->param("scope"));
    if (by_scope && names_scope) {
      part.verdict = ctx.deviation(Deviation::d6);
      part.note += " (D6: 401 with a challenge naming the missing scope)";
    } else {
      part.verdict = Verdict::fail;
      part.note += " (V7: 401 for a valid but under-privileged token tells the client to re-authenticate)";
    }
  } else if (by_scope && !challenge) {
    part.verdict = Verdict::fail;
    part.note += " without a Bearer challenge (RFC 6750 §3 MUST)";
  } else if (status == http::status::forbidden && error != http::oauth_error::insufficient_scope) {
    part.verdict = judge_miss(level);
    part.note += " without error=\"insufficient_scope\" (RFC 6750 §3.1)";
  } else if (status == http::status::forbidden) {
    part.verdict = Verdict::pass;
  } else {
    part.verdict = judge_miss(level);  // V3: refused, but not with the 403 the entry asks for
    part.note += " (expected 403)";
  }
  part.note += "; resource " + protection.reading();
  return part;
}

}  // namespace authprobe::conformance
