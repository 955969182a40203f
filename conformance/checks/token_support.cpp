#include "conformance/checks/token_support.hpp"

namespace authprobe::conformance::token {

Finding missing_alice() { return errored("profile declares no fixture user 'alice'"); }

FormParams with(FormParams params, const FormParams& extra) {
  params.insert(params.end(), extra.begin(), extra.end());
  return params;
}

FormParams without(FormParams params, std::string_view name) {
  std::erase_if(params, [&](const auto& p) { return p.first == name; });
  return params;
}

FormParams replaced(FormParams params, std::string_view name, std::string value) {
  for (auto& p : params) {
    if (p.first == name) p.second = value;
  }
  return params;
}

std::optional<FormParams> password_params(const Context& ctx, std::string_view user) {
  const auto* found = ctx.target().user(user);
  if (found == nullptr) return std::nullopt;
  return FormParams{{"grant_type", "password"}, {"username", found->username}, {"password", found->password}};
}

Request token_post(const Context& ctx, const FormParams& params) {
  const auto& endpoint = *ctx.target().endpoints.token;
  return ctx.session().with_client_auth(req::method(endpoint.method, endpoint.path), params);
}

Request token_post_unauthenticated(const Context& ctx, const FormParams& params) {
  const auto& endpoint = *ctx.target().endpoints.token;
  return req::method(endpoint.method, endpoint.path).with_form(params);
}

Request token_post_raw_body(const Context& ctx, std::string content_type, std::string body) {
  const auto& endpoint = *ctx.target().endpoints.token;
  Request request = req::method(endpoint.method, endpoint.path).with_body(std::move(content_type), std::move(body));
  const auto& clients = ctx.target().clients;
  if (clients.auth == ClientAuth::basic && clients.confidential && clients.confidential->secret) {
    request = request.with_basic(form_urlencode(clients.confidential->id), form_urlencode(*clients.confidential->secret));
  }
  return request;
}

Verdict judge_error(const Context& ctx, const Response& r, std::string_view code, std::optional<Deviation> representation,
                    Verdict miss) {
  namespace status = http::status;
  if (support::issued_token(r) || status::is_success(r.status)) return Verdict::fail;
  if (status::is_server_error(r.status)) return Verdict::fail;
  const auto error = support::oauth_error(r);
  if (r.status == status::bad_request && error && *error == code) return Verdict::pass;
  if ((r.status == status::unprocessable_content || r.status == status::unsupported_media_type) && representation) {
    return ctx.deviation(*representation);
  }
  if (r.status == status::bad_request && !error) return ctx.deviation(Deviation::d2);
  return miss;
}

Verdict expect_token(Context& ctx, const Response& r) {
  if (support::issued_token(r)) return Verdict::pass;
  const auto alice = password_params(ctx);
  if (!alice) return Verdict::error;
  auto plain = ctx.send(token_post(ctx, *alice));
  return plain && support::issued_token(*plain) ? Verdict::fail : Verdict::error;
}

LoginFailure LoginFailure::observe(Context& ctx, const FormParams& alice) {
  LoginFailure seen;
  FormParams wrong = alice;
  FormParams missing;
  for (auto& [name, value] : wrong) {
    if (name == "password") value = "wrong-password-Zz9";
    if (name != "password") missing.emplace_back(name, value);
  }
  auto w = ctx.send(token_post(ctx, wrong));
  auto m = ctx.send(token_post(ctx, missing));
  if (w && !support::issued_token(*w)) seen.wrong_password_ = *w;
  seen.distinguishable_ = seen.wrong_password_ && m && (m->status != w->status || m->body != w->body);
  return seen;
}

std::optional<std::string> LoginFailure::tried_as_login(const Response& r) const {
  if (support::issued_token(r)) return std::nullopt;  // judged as a token, not as a refusal
  if (support::has_oauth_error(r, http::oauth_error::invalid_grant)) return "answered invalid_grant (credentials checked)";
  if (distinguishable_ && r.status == wrong_password_->status && r.body == wrong_password_->body) {
    return "the same answer as a wrong password (" + std::to_string(r.status) + ")";
  }
  return std::nullopt;
}

void part(support::Judged& j, const Context& ctx, Verdict verdict, std::string note, const SendResult& r) {
  if (r) note = support::with_owner(ctx.target(), std::move(note), *r);
  j.part(verdict, std::move(note), r);
}

}  // namespace authprobe::conformance::token
