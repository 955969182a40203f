#include "tools/commands/demo/session.hpp"

#include <algorithm>

#include "reference/core/http_constants.hpp"
#include "reference/jose/key.hpp"
#include "tools/commands/demo/compare.hpp"
#include "tools/commands/demo/demo_headers.hpp"
#include "tools/commands/demo/token_tamper.hpp"
#include "tools/commands/embedded_reference.hpp"

namespace authprobe::tools::demo {
namespace {

namespace header = http::header;

constexpr std::string_view access_token_member = "access_token";
constexpr std::string_view refresh_token_member = "refresh_token";
constexpr std::string_view preflight_method = "POST";
constexpr std::string_view preflight_headers = "authorization, content-type";

std::string form_encode(const std::string& value) { return httplib::detail::encode_query_param(value); }

std::string basic_credentials(const std::string& user, const std::string& password) {
  return httplib::make_basic_authentication_header(user, password).second;
}

tl::expected<std::unique_ptr<server::ReferenceServer>, std::string> start_server(EmbeddedReferenceOptions options) {
  auto key = jose::Key::generate(jose::Algorithm::HS256);
  if (!key) return tl::unexpected(key.error().message());
  auto server = start_embedded_reference(options, std::move(*key));
  if (!server) return tl::unexpected(server.error().message());
  return std::move(*server);
}

std::string statuses_text(const std::vector<int>& statuses) {
  std::vector<std::string> texts;
  for (int s : statuses) texts.push_back(s == 0 ? std::string("no answer") : std::to_string(s));
  return texts.empty() ? std::string("nothing") : join(texts, ", then ");
}

}  // namespace

std::size_t step_number(StepId id) {
  const auto& steps = walk();
  const auto found = std::find_if(steps.begin(), steps.end(), [id](const Step& s) { return s.id == id; });
  return static_cast<std::size_t>(found - steps.begin()) + 1;
}

tl::expected<std::unique_ptr<Session>, std::string> Session::start(Cast cast,
                                                                   const std::optional<std::string>& users_file) {
  EmbeddedReferenceOptions options{.users_file = users_file, .compat = cast.mode};
  options.cors_origins = std::vector<std::string>{cast.cors_origin};
  auto main = start_server(options);
  if (!main) return tl::unexpected(main.error());

  auto offset = std::make_shared<std::atomic<std::int64_t>>(0);
  options.access_token_ttl = short_token_ttl;
  options.clock = [offset, now = server::system_clock_seconds()] { return now() + offset->load(); };
  auto short_ttl = start_server(options);
  if (!short_ttl) return tl::unexpected(short_ttl.error());
  return std::unique_ptr<Session>(new Session(std::move(cast), std::move(*main), std::move(*short_ttl), std::move(offset)));
}

Session::Session(Cast cast, std::unique_ptr<server::ReferenceServer> main,
                 std::unique_ptr<server::ReferenceServer> short_ttl, std::shared_ptr<std::atomic<std::int64_t>> clock_offset)
    : cast_(std::move(cast)),
      main_(std::move(main)),
      short_ttl_(std::move(short_ttl)),
      clock_offset_(std::move(clock_offset)),
      main_client_("127.0.0.1", main_->port()),
      short_ttl_client_("127.0.0.1", short_ttl_->port()) {}

Session::~Session() {
  main_->stop();
  short_ttl_->stop();
}

Session::Built Session::build(const RequestSpec& spec) const {
  const auto endpoint = endpoint_of(cast_, spec.route);
  const auto& account = account_of(cast_, spec.who);
  const auto& server = spec.server == Server::main ? *main_ : *short_ttl_;
  Built built;
  auto& request = built.request;
  request.method = endpoint.method;
  request.target = endpoint.path;
  request.host = "127.0.0.1:" + std::to_string(server.port());
  request.body = endpoint.body;
  auto add = [&](std::string_view name, std::string value) { request.headers.push_back({std::string(name), std::move(value)}); };

  // RFC 6749 §2.3.1: the client's id and secret are form-encoded, then sent by HTTP Basic.
  if (spec.route == Route::token && cast_.client)
    add(header::authorization, basic_credentials(form_encode(cast_.client->id), form_encode(cast_.client->secret)));

  const auto token = access_tokens_.find({spec.server, spec.who});
  switch (spec.credential) {
    case Credential::none: break;
    case Credential::basic: add(header::authorization, basic_credentials(account.username, account.password)); break;
    case Credential::basic_wrong: add(header::authorization, basic_credentials(account.username, cast_.wrong_password)); break;
    case Credential::bearer:
    case Credential::bearer_tampered: {
      if (token == access_tokens_.end()) {
        built.problem = "no access token: no earlier step issued one to " + account.username;
        break;
      }
      if (spec.credential == Credential::bearer) {
        add(header::authorization, "Bearer " + token->second);
        break;
      }
      auto tampered = with_admin_role(token->second);
      if (!tampered) {
        built.problem = "cannot tamper with the token: " + tampered.error();
        break;
      }
      add(header::authorization, "Bearer " + tampered->token);
      built.note = "the token's payload rewritten to " + tampered->payload + "; its header and signature are the ones " +
                   account.username + "'s token was issued with";
      break;
    }
  }

  switch (spec.grant) {
    case Grant::none: break;
    case Grant::password:
    case Grant::wrong_password: {
      const auto& password = spec.grant == Grant::password ? account.password : cast_.wrong_password;
      request.body = "grant_type=password&username=" + form_encode(account.username) + "&password=" + form_encode(password);
      if (!cast_.login_scope.empty()) request.body += "&scope=" + form_encode(cast_.login_scope);
      break;
    }
    case Grant::refresh:
      if (refresh_token_.empty()) built.problem = "no refresh token: the password grant issued none";
      request.body = "grant_type=refresh_token&refresh_token=" + form_encode(refresh_token_);
      break;
  }
  if (!request.body.empty()) add(header::content_type, endpoint.content_type);

  if (spec.route == Route::token_preflight) {
    add(header::origin, cast_.cors_origin);
    add(header::access_control_request_method, std::string(preflight_method));
    add(access_control_request_headers, std::string(preflight_headers));
  }
  return built;
}

void Session::remember_tokens(const RequestSpec& spec, const Received& response) {
  if (auto access = json_string_member(response, access_token_member); !access.empty())
    access_tokens_[{spec.server, spec.who}] = std::move(access);
  // The refresh steps send the token of the walk's first password grant, the second time a spent one.
  if (spec.grant == Grant::password && spec.server == Server::main && refresh_token_.empty())
    refresh_token_ = json_string_member(response, refresh_token_member);
}

StepRun Session::run(const Step& step) {
  StepRun run;
  run.id = step.id;
  run.mode = cast_.label;
  if (step.needs_refresh_tokens && !cast_.refresh_tokens) {
    run.skipped = "not in " + cast_.label + " mode: it issues no refresh tokens";
    return run;
  }
  if (!cast_.answers.contains(step.id)) {
    run.skipped = "not in the " + cast_.label + " walk";
    return run;
  }
  for (const auto& spec : step.requests) {
    if (spec.only_if_token_issued) {
      const bool issued = !run.exchanges.empty() && run.exchanges.back().response &&
                          !json_string_member(*run.exchanges.back().response, access_token_member).empty();
      if (!issued) break;
    }
    std::string note;
    if (spec.expire_tokens_first) {
      const auto forward = short_token_ttl.count() + 1;
      clock_offset_->fetch_add(forward);
      note = "the short-TTL server's clock moves " + std::to_string(forward) + " s forward: the token's exp has passed";
    }
    auto built = build(spec);
    if (!built.note.empty()) note += (note.empty() ? "" : "; ") + built.note;
    if (!built.problem.empty()) {
      run.exchanges.push_back({std::move(note), std::move(built.request), std::nullopt, "not sent: " + built.problem});
      break;
    }
    auto& client = spec.server == Server::main ? main_client_ : short_ttl_client_;
    run.exchanges.push_back(send_request(client, std::move(built.request), std::move(note)));
    if (run.exchanges.back().response) remember_tokens(spec, *run.exchanges.back().response);
  }
  if (!run.exchanges.empty() && run.exchanges.front().response)
    first_answers_.insert_or_assign(step.id, *run.exchanges.front().response);
  judge(step, run);
  return run;
}

void Session::judge(const Step& step, StepRun& run) const {
  const auto& expected = cast_.answers.at(step.id);
  std::vector<int> got;
  for (const auto& exchange : run.exchanges) got.push_back(exchange.response ? exchange.response->status : 0);
  if (got == expected.statuses) {
    run.findings.push_back("as expected: " + statuses_text(got));
  } else {
    run.as_expected = false;
    run.findings.push_back("UNEXPECTED: " + statuses_text(got) + ", where the " + cast_.label + " walk expects " +
                           statuses_text(expected.statuses));
  }
  const Received* last = run.exchanges.empty() || !run.exchanges.back().response ? nullptr : &*run.exchanges.back().response;

  if (step.compare_with) {
    const auto other = first_answers_.find(*step.compare_with);
    const auto here = first_answers_.find(step.id);
    const std::string which = "step " + std::to_string(step_number(*step.compare_with)) + " (" +
                              std::string(step_of(*step.compare_with).title) + ")";
    if (other == first_answers_.end() || here == first_answers_.end()) {
      run.as_expected = false;
      run.findings.push_back("UNEXPECTED: no answer to compare with " + which);
    } else {
      const auto parts = differing_parts(here->second, other->second);
      const bool same = parts.empty();
      std::string line = same ? "the same answer as " + which + ": status, challenge, content type, caching and body"
                              : "not the same answer as " + which + ": " + join(parts, ", ") + " differ";
      if (same != expected.same_as_compared) {
        run.as_expected = false;
        line = "UNEXPECTED: " + line;
      }
      run.findings.push_back(line);
    }
  }

  if (step.judge == Judge::timing_headers) {
    for (const auto& name : cast_.timing_headers) {
      const auto value = last ? last->header(name) : std::nullopt;
      if (value) {
        run.findings.push_back("timing header " + name + ": " + *value);
      } else {
        run.as_expected = false;
        run.findings.push_back("UNEXPECTED: no " + name + " header");
      }
    }
  }
  if (step.judge == Judge::cors_origin_echoed) {
    const auto origin = last ? last->header(header::access_control_allow_origin) : std::nullopt;
    if (origin == cast_.cors_origin) {
      run.findings.push_back("the allowed origin is echoed: " + *origin);
    } else {
      run.as_expected = false;
      run.findings.push_back("UNEXPECTED: Access-Control-Allow-Origin is " + origin.value_or("absent") + ", not " +
                             cast_.cors_origin);
    }
  }
}

}  // namespace authprobe::tools::demo
