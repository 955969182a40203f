// BEARER-09 … BEARER-11, BEARER-16, BEARER-17: what Bearer challenges say (RFC 6750 §3, §3.1;
// RFC 9728). BEARER-09 and BEARER-16 read every exchange of the run.
#include "conformance/checks/bearer_support.hpp"
#include "conformance/checks/jwt_factories.hpp"
#include "conformance/checks/protection.hpp"
#include "conformance/forge/attacks.hpp"
#include "conformance/forge/claims.hpp"
#include "conformance/forge/compact.hpp"
#include "conformance/forge/sign.hpp"
#include "conformance/http_constants.hpp"
#include "conformance/verdict_rules.hpp"

namespace authprobe::conformance::jwt {
namespace {

constexpr std::array<std::string_view, 5> single_params{"realm", "scope", "error", "error_description", "error_uri"};
constexpr std::string_view injected_header = "X-Authprobe-Injected";
constexpr std::string_view metadata_path = "/.well-known/oauth-protected-resource";  // RFC 9728 §3
// A key nobody uses: BEARER-10's tokens must fail verification.
constexpr std::string_view wrong_key = "authprobe-bearer-10-not-the-key";
constexpr std::size_t max_offenders = 5;

// RFC 6750 §3: error and error_description are %x20-21 / %x23-5B / %x5D-7E.
bool error_charset(std::string_view value) {
  return std::all_of(value.begin(), value.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x20 && c <= 0x7E && c != '"' && c != '\\';
  });
}

// RFC 6750 §3: scope = scope-token *( SP scope-token ), scope-token = 1*NQCHAR.
bool scope_syntax(std::string_view value) {
  if (value.empty() || value.front() == ' ' || value.back() == ' ' || value.find("  ") != std::string_view::npos) return false;
  return std::all_of(value.begin(), value.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c == ' ' || (c >= 0x21 && c <= 0x7E && c != '"' && c != '\\');
  });
}

struct SeenChallenge {
  FoundChallenge challenge;
  const Exchange* exchange;
};

std::vector<SeenChallenge> bearer_challenges_in(const ObservationLog& log, std::string_view check_prefix = {}) {
  std::vector<SeenChallenge> out;
  for (const auto& obs : log.all()) {
    if (!obs.exchange.response || obs.check_id.rfind(check_prefix, 0) != 0) continue;
    for (auto& c : parse_all_challenges(www_authenticate_values(obs.exchange.response->headers))) {
      if (c.is(http::scheme::bearer)) out.push_back({std::move(c), &obs.exchange});
    }
  }
  return out;
}

// V10: judged on role- and scope-protected admin resources alike (V7 says how); SKIP only without one.
std::optional<std::string> needs_admin_resource(const TargetProfile& target) {
  if (auto missing = needs_bearer(target)) return missing;
  if (!target.endpoints.bearer_admin) return "the profile declares no bearer admin resource";
  return std::nullopt;
}

// The RFC 6750 §3.1 codes: only these in a 400's JSON body are read as the refusal's error code
// (a body's "error": "Bad Request" is a framework's label, not a code).
bool rfc6750_code(std::string_view code) {
  return code == http::oauth_error::invalid_request || code == http::oauth_error::invalid_token ||
         code == http::oauth_error::insufficient_scope;
}

}  // namespace

// RFC 6750 §3: a Bearer challenge has at least one auth-param, each named one at most once, in
// the restricted character set (D8 for the bare form).
Check sends_well_formed_bearer_challenges() {
  return {.id = "BEARER-09", .level = Level::must, .cites = "RFC 6750 §3", .mode = Mode::black_box,
          .summary = "every Bearer challenge of the run has auth-params, no repeats and the RFC 6750 character set",
          .applies = needs_bearer_resource,
          .run = [](Context& ctx) {
            const auto seen = bearer_challenges_in(ctx.log());
            if (seen.empty()) return skipped("no Bearer challenge was sent during the run (V6)");
            std::vector<Part> parts;
            std::size_t bare = 0;
            std::size_t malformed = 0;
            for (const auto& [c, exchange] : seen) {
              std::string problem;
              Verdict verdict = Verdict::fail;
              if (!c.well_formed()) {
                ++malformed;
                problem = "the field value does not parse: \"" + c.malformed->raw + "\" (" + c.malformed->error + ")";
              } else if (c.params.empty()) {
                ++bare;
                verdict = ctx.deviation(Deviation::d8);
                problem = c.token68 ? "a token68 instead of auth-params" : "a bare Bearer challenge (D8)";
              }
              for (const auto name : single_params) {
                if (c.count(name) > 1) append_listed(problem, "; ", std::string(name) + " repeated");
              }
              for (const auto* name : {"error", "error_description"}) {
                if (auto v = c.param(name); v && !error_charset(*v)) append_listed(problem, "; ", std::string(name) + " outside %x20-7E minus '\"' '\\'");
              }
              if (auto v = c.param("scope"); v && !scope_syntax(*v)) append_listed(problem, "; ", "scope is not space-separated scope-tokens");
              if (!problem.empty() && problem.find("(D8)") == std::string::npos) verdict = Verdict::fail;
              if (!problem.empty() && parts.size() < max_offenders) {
                parts.push_back({verdict, exchange->request.method + " " + exchange->request.target + ": " + problem, *exchange});
              }
            }
            if (parts.empty()) parts.push_back({Verdict::pass, std::to_string(seen.size()) + " Bearer challenges, all well formed", *seen.front().exchange});
            Finding finding = combine_parts(parts, "Bearer + at least one auth-param; realm/scope/error/error_description/error_uri at most once; RFC 6750 charset");
            finding.detail += "\n" + std::to_string(seen.size()) + " Bearer challenges seen, " + std::to_string(bare) + " bare, " +
                              std::to_string(malformed) + " malformed";
            return finding;
          },
          .run_wide = true};
}

// RFC 6750 §3, RFC 9110 §5.5: attacker bytes are never echoed raw into a header.
Check never_echoes_token_bytes_unescaped() {
  return {.id = "BEARER-10", .level = Level::must, .cites = "RFC 6750 §3; RFC 9110 §5.5", .mode = Mode::black_box,
          .summary = "kid and claims with quote, backslash, CR and LF never reach a header unescaped", .applies = needs_bearer_resource,
          .run = [](Context& ctx) {
            const std::string nasty = "x\"\\\r\n" + std::string(injected_header) + ": 1";
            const std::vector<std::pair<std::string, std::pair<nlohmann::json, nlohmann::json>>> shapes{
                {"kid with \" \\ CR LF", {{{"alg", "HS256"}, {"typ", "at+jwt"}, {"kid", nasty}}, {{"sub", "alice"}}}},
                {"sub and scope with \" \\ CR LF",
                 {{{"alg", "HS256"}, {"typ", "at+jwt"}}, {{"sub", nasty}, {"scope", nasty}, {"exp", now() + forge::forged_lifetime_seconds}}}}};
            std::vector<Part> parts;
            for (const auto& [name, shape] : shapes) {
              const auto input = forge::signing_input(shape.first.dump(), shape.second.dump());
              auto mac = forge::hmac_sign(forge::Alg::HS256, wrong_key, input);
              if (!mac) return errored(mac.error());
              const auto result = ctx.send(resource_request(*ctx.target().endpoints.bearer_read).with_bearer(forge::append_signature(input, *mac)));
              Part part{Verdict::pass, name + ": " + describe(result), std::nullopt};
              if (!result) {
                part.verdict = Verdict::error;
                part.exchange = result.error().exchange;
                parts.push_back(std::move(part));
                continue;
              }
              part.exchange = result->exchange;
              if (http::status::is_success(result->status) || http::status::is_server_error(result->status)) {
                part.verdict = Verdict::fail;
              }
              if (result->has_header(injected_header)) {
                part.verdict = Verdict::fail;
                part.note += " (header splitting: the injected header arrived)";
              }
              for (const auto& [field, value] : result->headers) {
                if (value.find_first_of("\r\n") != std::string::npos) {
                  part.verdict = Verdict::fail;
                  part.note += " (CR/LF in " + field + ")";
                }
              }
              for (const auto& value : result->header_values(http::header::www_authenticate)) {
                auto parsed = parse_challenges(value);
                if (!parsed) {
                  part.verdict = Verdict::fail;
                  part.note += " (WWW-Authenticate no longer parses: " + parsed.error() + ")";
                  continue;
                }
                for (const auto& c : *parsed) {
                  if (auto d = c.param("error_description"); d && !error_charset(*d)) {
                    part.verdict = Verdict::fail;
                    part.note += " (error_description carries bytes outside RFC 6750's set)";
                  }
                }
              }
              parts.push_back(std::move(part));
            }
            return combine_parts(parts, "refused; no injected header; every challenge parses; error_description in RFC 6750's set");
          }};
}

// RFC 6750 §3.1: a valid token without the needed scope -> 403 insufficient_scope (D6); on a
// role-protected resource any 403 (V7). How the resource is protected comes from the profile.
Check refuses_insufficient_scope_with_403() {
  return {.id = "BEARER-11", .level = Level::should, .cites = "RFC 6750 §3, §3.1", .mode = Mode::black_box,
          .summary = "alice's token at the admin resource: 403 with error=\"insufficient_scope\" (role-protected: any 403)",
          .applies = needs_admin_resource,
          .run = [](Context& ctx) {
            auto grant = ctx.session().token(base_user);
            if (!grant) return errored(grant.error().reason);
            const auto& admin = *ctx.target().endpoints.bearer_admin;
            const auto protection = protection_of(ctx.target(), admin, "admin");
            const auto result = ctx.send(resource_request(admin).with_bearer(grant->access_token));
            return combine_parts({judge_underprivileged(ctx, "alice's T at the admin resource", result, protection, Level::should)},
                                 protection.kind == Protection::Kind::scope
                                     ? "403; WWW-Authenticate: Bearer error=\"insufficient_scope\""
                                     : "403 (role-protected, V7: with or without a challenge)");
          }};
}

// RFC 6750 §3.1: 400 <-> invalid_request, 401 <-> invalid_token (or none), 403 <-> insufficient_scope.
Check pairs_status_with_error_code() {
  return {.id = "BEARER-16", .level = Level::baseline, .cites = "RFC 6750 §3.1; RFC 9110 §15.5.2", .mode = Mode::black_box,
          .summary = "every BEARER refusal pairs its status with the matching error code", .applies = needs_bearer_resource,
          .run = [](Context& ctx) {
            std::vector<Part> parts;
            std::size_t judged = 0;
            std::vector<std::pair<std::string, const Exchange*>> coded;
            for (const auto& [c, exchange] : bearer_challenges_in(ctx.log(), "BEARER-")) {
              if (auto error = c.param("error")) coded.emplace_back(*error, exchange);
            }
            // V10: a 400's code may stand in a JSON error member instead of a challenge.
            for (const auto& obs : ctx.log().all()) {
              const auto& response = obs.exchange.response;
              if (!response || response->status != http::status::bad_request || obs.check_id.rfind("BEARER-", 0) != 0) continue;
              if (!parse_all_challenges(www_authenticate_values(response->headers)).empty()) continue;
              const auto body = nlohmann::json::parse(response->body_excerpt, nullptr, false);
              if (!body.is_object() || !body.contains("error") || !body["error"].is_string()) continue;
              const auto code = body["error"].get<std::string>();
              if (rfc6750_code(code)) coded.emplace_back(code, &obs.exchange);
            }
            for (const auto& [error, exchange] : coded) {
              ++judged;
              const int status = exchange->response->status;
              const std::string_view expected = status == http::status::bad_request    ? http::oauth_error::invalid_request
                                                : status == http::status::unauthorized ? http::oauth_error::invalid_token
                                                : status == http::status::forbidden    ? http::oauth_error::insufficient_scope
                                                                                       : std::string_view{};
              if (!expected.empty() && error != expected && parts.size() < max_offenders) {
                parts.push_back({Verdict::fail, exchange->request.method + " " + exchange->request.target + ": " +
                                                    std::to_string(status) + " with error=\"" + error + "\"", *exchange});
              }
            }
            if (judged == 0) return skipped("no BEARER refusal carried an error code (V6)");
            if (parts.empty()) parts.push_back({Verdict::pass, std::to_string(judged) + " refusals, all paired", std::nullopt});
            return combine_parts(parts, "400 invalid_request; 401 invalid_token or none; 403 insufficient_scope");
          },
          .run_wide = true};
}

// RFC 9728 §5.1, §3: protected-resource metadata, if implemented.
Check advertises_resource_metadata() {
  return {.id = "BEARER-17", .level = Level::may, .cites = "RFC 9728 §5.1, §3", .mode = Mode::black_box,
          .summary = "if implemented: resource_metadata in challenges and a metadata document naming the AS",
          .applies = needs_bearer_resource,
          .run = [](Context& ctx) {
            bool advertised = false;
            for (const auto& seen : bearer_challenges_in(ctx.log())) advertised = advertised || seen.challenge.param("resource_metadata");
            const auto result = ctx.send(req::get(std::string(metadata_path)));
            const auto body = result && http::status::is_success(result->status) ? result->json() : std::nullopt;
            const bool document = body && body->is_object() && body->contains("resource") &&
                                  body->contains("authorization_servers") && (*body)["authorization_servers"].is_array();
            Part part{Verdict::pass, std::string(metadata_path) + ": " + describe(result), std::nullopt};
            part.exchange = result ? result->exchange : result.error().exchange;
            if (!advertised && !document) {
              part.verdict = Verdict::info;
              part.note += " (protected-resource metadata not implemented)";
            } else if (advertised && !document) {
              part.verdict = Verdict::warn;
              part.note += " (challenges name resource_metadata, but no valid document is served)";
            } else if (!advertised) {
              part.note += " (document served; challenges do not carry resource_metadata)";
              part.verdict = Verdict::info;
            }
            return combine_parts({part}, "resource_metadata in challenges and a document with resource and authorization_servers, or INFO");
          },
          .run_wide = true};
}

}  // namespace authprobe::conformance::jwt
