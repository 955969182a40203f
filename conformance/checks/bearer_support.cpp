#include "conformance/checks/bearer_support.hpp"

#include "conformance/http_constants.hpp"
#include "conformance/verdict_rules.hpp"

namespace authprobe::conformance::jwt {

std::vector<std::string> www_authenticate_values(const HeaderLines& headers) {
  std::vector<std::string> out;
  for (const auto& [name, value] : headers) {
    if (iequals(name, http::header::www_authenticate)) out.push_back(value);
  }
  return out;
}

std::optional<FoundChallenge> bearer_challenge(const Response& response) {
  return find_challenge(response.header_values(http::header::www_authenticate), http::scheme::bearer);
}

std::optional<std::string> refusal_error(const Response& response) {
  if (const auto challenge = bearer_challenge(response)) {
    if (auto error = challenge->param("error")) return error;
  }
  if (response.status != http::status::bad_request) return std::nullopt;
  const auto body = response.json();
  if (!body || !body->is_object()) return std::nullopt;
  const auto found = body->find("error");
  if (found == body->end() || !found->is_string()) return std::nullopt;
  return found->get<std::string>();
}

std::string status_text(const SendResult& result) { return describe(result); }

namespace {

Part start(const std::string& name, const SendResult& result) {
  Part part;
  part.note = name + ": " + describe(result);
  part.exchange = result ? result->exchange : result.error().exchange;
  return part;
}

}  // namespace

Part judge_invalid_token(const Context& ctx, const std::string& name, const SendResult& result, const RefusalRule& rule) {
  Part part = start(name, result);
  if (!result) {
    part.verdict = Verdict::error;
    return part;
  }
  const int status = result->status;
  if (http::status::is_success(status) || http::status::is_server_error(status)) {
    part.verdict = Verdict::fail;
    part.note += http::status::is_success(status) ? " (accepted)" : " (server error)";
    return part;
  }
  const auto challenge = bearer_challenge(*result);
  if (challenge) part.note += challenge->malformation_note();
  if (!challenge && rule.challenge_is_subject) {
    part.verdict = Verdict::fail;
    part.note += " without a Bearer challenge (RFC 6750 §3: a refusal MUST carry WWW-Authenticate)";
    return part;
  }
  const auto error = refusal_error(*result);
  if (status == http::status::unauthorized) {
    if (!challenge) {
      part.verdict = ctx.deviation(Deviation::d11);
      part.note += " without a challenge, so without error=\"invalid_token\" (D11; AUTHZ-04 counts the missing challenge)";
    } else if (error == http::oauth_error::invalid_token) {
      part.verdict = Verdict::pass;
    } else if (!error) {
      part.verdict = ctx.deviation(Deviation::d11);
      part.note += " without error=\"invalid_token\" (D11)";
    } else {
      part.verdict = judge_miss(rule.level);
      part.note += " with error=\"" + *error + "\"";
    }
    return part;
  }
  if (status == http::status::bad_request && rule.bad_request_ok) {
    if (error == http::oauth_error::invalid_request) {
      part.verdict = Verdict::pass;
      part.note += " invalid_request";
    } else {
      part.verdict = judge_miss(rule.level);
      part.note += error ? " with error=\"" + *error + "\" (RFC 6750 §3.1: invalid_request)"
                         : std::string(" without an error code in a challenge or a JSON body (RFC 6750 §3.1: invalid_request)");
    }
    return part;
  }
  part.verdict = judge_miss(rule.level);  // V3: refused, but not as the entry asks
  part.note += " (RFC 6750 §3.1 asks for 401)";
  return part;
}

Part judge_no_credentials(const std::string& name, const SendResult& result) {
  Part part = start(name, result);
  if (!result) {
    part.verdict = Verdict::error;
    return part;
  }
  if (result->status != http::status::unauthorized) {
    part.verdict = Verdict::fail;
    part.note += " (RFC 6750 §3 / RFC 9110 §11.6.1: 401 with a challenge)";
    return part;
  }
  const auto challenge = bearer_challenge(*result);
  if (!challenge) {
    part.verdict = Verdict::fail;
    part.note += " without a Bearer challenge";
    return part;
  }
  // A challenge that does not parse is present all the same; BEARER-09 judges its syntax.
  part.note += challenge->malformation_note();
  if (auto error = challenge->param("error")) {
    part.verdict = Verdict::warn;
    part.note += " with error=\"" + *error + "\" although no token was presented (RFC 6750 §3.1 SHOULD NOT)";
  } else {
    part.verdict = Verdict::pass;
  }
  return part;
}

}  // namespace authprobe::conformance::jwt
