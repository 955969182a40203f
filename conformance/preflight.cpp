#include "conformance/preflight.hpp"

#include <utility>
#include <vector>

#include "conformance/checks/jwt_support.hpp"
#include "conformance/checks/support.hpp"
#include "conformance/forge/compact.hpp"
#include "conformance/forge/sign.hpp"
#include "conformance/http_constants.hpp"
#include "conformance/session.hpp"
#include "conformance/token_acquisition.hpp"

namespace authprobe::conformance {
namespace {

namespace status = http::status;
constexpr std::string_view baseline_user = "alice";  // every token and Basic check starts from alice

// What a target said may be long and may hold any byte; a message is one short line.
constexpr std::size_t max_said_bytes = 400;

std::string one_safe_line(std::string_view text) {
  constexpr std::string_view hex = "0123456789abcdef";
  constexpr unsigned char first_printable = 0x20;
  constexpr unsigned char delete_byte = 0x7F;
  std::string out;
  for (std::size_t i = 0; i < text.size() && i < max_said_bytes; ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    if (u < first_printable || u == delete_byte) {
      out += "\\x";
      out.push_back(hex[u >> 4U]);
      out.push_back(hex[u & 0x0FU]);
    } else {
      out.push_back(static_cast<char>(u));
    }
  }
  if (text.size() > max_said_bytes) out += "...";
  return out;
}

std::string answered(const Request& request, const SendResult& result) {
  std::string out = request.method + " " + request.target;
  if (!result) return out + ": no response (" + result.error().message + ")";
  return out + " answered " + support::describe(*result);
}

// A declared endpoint answers when it exists: anything but 404 (wrong path) or 405 (wrong method).
std::optional<PreflightProblem> endpoint_answers(Probe& probe, const std::string& field, const Endpoint& endpoint) {
  const auto request = support::request_for(endpoint, baseline_user);
  const auto result = probe.send(request);
  if (result && result->status != status::not_found && result->status != status::method_not_allowed) return std::nullopt;
  return PreflightProblem{field, answered(request, result)};
}

std::optional<PreflightProblem> endpoints_answer(const TargetProfile& target, Probe& probe) {
  const std::vector<std::pair<std::string, const std::optional<Endpoint>*>> declared{
      {"token", &target.endpoints.token},           {"basic_user", &target.endpoints.basic_user},
      {"basic_admin", &target.endpoints.basic_admin}, {"bearer_read", &target.endpoints.bearer_read},
      {"bearer_write", &target.endpoints.bearer_write}, {"bearer_admin", &target.endpoints.bearer_admin},
      {"own_record", &target.endpoints.own_record}, {"bearer_any", &target.endpoints.bearer_any},
      {"revocation", &target.endpoints.revocation}, {"introspection", &target.endpoints.introspection},
      {"metadata", &target.endpoints.metadata},     {"jwks", &target.endpoints.jwks}};
  for (const auto& [name, endpoint] : declared) {
    if (!*endpoint) continue;
    if (auto problem = endpoint_answers(probe, "endpoints." + name, **endpoint)) return problem;
  }
  return std::nullopt;
}

// The Unmet of a failed login as the field and what the server said ("token request for alice: "
// dropped: the field already names the user).
PreflightProblem login_problem(const Unmet& unmet, std::string_view user) {
  std::string said = unmet.reason;
  const std::string prefix = "token request for " + std::string(user) + ": ";
  if (said.starts_with(prefix)) said.erase(0, prefix.size());
  const std::string suffix = " (baseline TOKEN-01)";
  if (said.ends_with(suffix)) said.erase(said.size() - suffix.size());
  return {unmet.field.empty() ? "users." + std::string(user) : unmet.field, said};
}

// Every enabled user logs in through the token flow and, when declared, Basic. The first token
// alice got is kept for the key check.
std::optional<PreflightProblem> users_log_in(const TargetProfile& target, Probe& probe, std::optional<TokenGrant>& alice) {
  const auto kind = target.acquisition_kind();
  const bool basic = target.flows.basic && target.endpoints.basic_user;
  if ((kind != AcquisitionKind::none || basic) && target.user(baseline_user) == nullptr) {
    return PreflightProblem{"users.alice", "not declared (the baseline user every login check starts from)"};
  }
  Session session(target, probe);
  for (const auto& [logical, user] : target.users) {
    if (user.disabled) continue;  // the disabled fixture user must not log in
    const bool has_token = kind != AcquisitionKind::none && (kind != AcquisitionKind::supplied || user.token);
    if (has_token) {
      auto grant = session.fresh_token(logical);
      if (!grant) return login_problem(grant.error(), logical);
      if (logical == baseline_user) alice = std::move(*grant);
    }
    if (basic) {
      const auto identity = target.basic_user(logical);
      if (!identity) continue;
      const auto request = support::request_for(*target.endpoints.basic_user).with_basic(identity->username, identity->password);
      const auto result = probe.send(request);
      if (!result || !status::is_success(result->status)) {
        const std::string field = user.basic ? "users." + logical + ".basic.password" : "users." + logical + ".password";
        return PreflightProblem{field, answered(request, result) + " to " + identity->username + "'s Basic credentials"};
      }
    }
  }
  return std::nullopt;
}

// Each declared confidential client other than the default one gets alice a token.
std::optional<PreflightProblem> clients_log_in(const TargetProfile& target, Probe& probe) {
  if (target.acquisition_kind() != AcquisitionKind::oauth_password || !target.endpoints.token) return std::nullopt;
  const auto* alice = target.user(baseline_user);
  if (alice == nullptr) return std::nullopt;
  const std::vector<std::pair<std::string, const std::optional<TestClient>*>> clients{
      {"clients.second_confidential", &target.clients.second_confidential},
      {"clients.reserved_chars", &target.clients.reserved_chars}};
  for (const auto& [field, client] : clients) {
    if (!*client || !(*client)->secret) continue;
    FormParams params{{"grant_type", "password"}, {"username", alice->username}, {"password", alice->password}};
    const auto scopes = target.requested_scopes(*alice);
    std::string scope;
    for (const auto& name : scopes) scope += (scope.empty() ? "" : " ") + name;
    if (!scope.empty()) params.emplace_back("scope", scope);
    const auto request = acquisition::with_client_auth(
        target, req::method(target.endpoints.token->method, target.endpoints.token->path), std::move(params), **client);
    const auto result = probe.send(request);
    if (!result || !support::issued_token(*result)) return PreflightProblem{field + ".secret", answered(request, result)};
  }
  return std::nullopt;
}

// The profile's key verifies the signature of the token the server issued to alice.
std::optional<PreflightProblem> key_verifies(const TargetProfile& target, const TokenGrant& alice) {
  if (!target.key_known() || target.token.type != TokenType::jwt) return std::nullopt;
  const auto token = forge::decode_compact(alice.access_token);
  if (!token) return PreflightProblem{"token.type", "the server issued alice a token that is not a JWS (" + token.error() + ")"};
  const auto key = jwt::server_key(target);
  if (!key) return PreflightProblem{"token.key", key.error().reason};
  const auto input = token->header_b64 + "." + token->payload_b64;
  bool verified = false;
  if (forge::is_hmac(key->alg)) {
    const auto mac = forge::hmac_sign(key->alg, key->hmac_secret, input);
    verified = mac && *mac == token->signature;
  } else {
    verified = forge::verify(key->alg, key->private_key, input, token->signature);
  }
  if (verified) return std::nullopt;
  return PreflightProblem{"token.key", "the token the server issued to alice (header " + token->header_json +
                                           ") does not verify with the profile's key under " + target.token.alg};
}

// Each declared origin gets a CORS preflight answer naming it (or *).
std::optional<PreflightProblem> origins_answered(const TargetProfile& target, Probe& probe) {
  const auto& resource = target.endpoints.bearer_read ? target.endpoints.bearer_read : target.endpoints.token;
  if (!resource) return std::nullopt;
  for (std::size_t i = 0; i < target.flows.cors_origins.size(); ++i) {
    const auto& origin = target.flows.cors_origins[i];
    const auto request = req::options(resource->path)
                             .with_header(std::string(http::header::origin), origin)
                             .with_header(std::string(http::header::access_control_request_method), resource->method);
    const auto result = probe.send(request);
    const auto allowed = result ? result->header(http::header::access_control_allow_origin) : std::nullopt;
    if (!allowed || (*allowed != origin && *allowed != "*")) {
      return PreflightProblem{"flows.cors_origins[" + std::to_string(i) + "]",
                              answered(request, result) + " without Access-Control-Allow-Origin: " + origin};
    }
  }
  return std::nullopt;
}

}  // namespace

std::string PreflightProblem::message() const { return field + ": " + one_safe_line(said); }

Finding unjudged_if_refused(Finding finding, const std::string& profile_problem) {
  if (finding.verdict != Verdict::fail) return finding;
  const auto* deciding = deciding_exchange(finding);
  if (deciding == nullptr || !deciding->response) return finding;
  const auto& response = *deciding->response;
  // 429: the throttling the profile's own failed logins tripped.
  const bool refused = response.status == status::unauthorized || response.status == status::too_many_requests ||
                       (response.status == status::bad_request &&
                        response.body_excerpt.find(http::oauth_error::invalid_grant) != std::string::npos);
  if (!refused) return finding;
  finding.verdict = Verdict::error;
  finding.detail += (finding.detail.empty() ? "" : "; ") +
                    std::string("not judged: the preflight found the profile wrong (") + profile_problem +
                    "), and this verdict rests on a refused login";
  return finding;
}

std::optional<PreflightProblem> preflight(const TargetProfile& target, Probe& probe) {
  const auto reach = probe.send(req::get(target.endpoints.not_found));
  if (!reach && reach.error().kind == TransportKind::connect) return std::nullopt;
  if (auto problem = endpoints_answer(target, probe)) return problem;
  std::optional<TokenGrant> alice;
  if (auto problem = users_log_in(target, probe, alice)) return problem;
  if (auto problem = clients_log_in(target, probe)) return problem;
  if (alice) {
    if (auto problem = key_verifies(target, *alice)) return problem;
  }
  return origins_answered(target, probe);
}

}  // namespace authprobe::conformance
