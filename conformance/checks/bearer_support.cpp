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

std::optional<Challenge> bearer_challenge(const Response& response) {
  return find_challenge(response.header_values(http::header::www_authenticate), http::scheme::bearer);
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

Part judge_invalid_token(const Context& ctx, const std::string& name, const SendResult& result) {
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
  if (status != http::status::unauthorized) {
    part.verdict = Verdict::warn;
    part.note += " (RFC 6750 §3.1 asks for 401)";
    return part;
  }
  const auto challenge = bearer_challenge(*result);
  if (!challenge) {
    part.verdict = Verdict::fail;
    part.note += " without a Bearer challenge (RFC 9110 §15.5.2)";
    return part;
  }
  const auto error = challenge->param("error");
  if (error == http::oauth_error::invalid_token) {
    part.verdict = Verdict::pass;
  } else if (!error) {
    part.verdict = ctx.deviation(Deviation::d11);
    part.note += " without error=\"invalid_token\" (D11)";
  } else {
    part.verdict = Verdict::warn;
    part.note += " with error=\"" + *error + "\"";
  }
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
  } else if (auto error = challenge->param("error")) {
    part.verdict = Verdict::warn;
    part.note += " with error=\"" + *error + "\" although no token was presented (RFC 6750 §3.1 SHOULD NOT)";
  } else {
    part.verdict = Verdict::pass;
  }
  return part;
}

}  // namespace authprobe::conformance::jwt
