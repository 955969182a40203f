// JWT-22 … JWT-31: claim validation, judged with tokens validly signed by the server's own key
// ([K] mode), so only the claim under test can make the target refuse (RFC 7519 §4.1, §7.2;
// RFC 9068 §4).
#include "conformance/checks/jwt_factories.hpp"
#include "conformance/checks/jwt_support.hpp"
#include "conformance/forge/json_text.hpp"
#include "conformance/http_constants.hpp"
#include "conformance/verdict_rules.hpp"

namespace authprobe::conformance::jwt {
namespace {

constexpr std::int64_t hour_seconds = 3600;
// RFC 7519 §4.1.4: leeway of "a few minutes" at most.
constexpr std::int64_t max_leeway_seconds = 300;
// JWT-23: a token this far inside the leeway window must still be accepted.
constexpr std::int64_t inside_leeway_seconds = 5;
constexpr std::string_view other_issuer = "https://other-issuer.authprobe.invalid";
constexpr std::string_view other_audience = "https://other-api.authprobe.invalid";

using Edit = std::function<forge::Result<std::string>(std::string_view)>;

Edit set_raw(std::string name, std::string raw) {
  return [name = std::move(name), raw = std::move(raw)](std::string_view json) {
    return forge::with_member_raw(json, name, raw);
  };
}
Edit remove(std::string name) {
  return [name = std::move(name)](std::string_view json) { return forge::without_member(json, name); };
}
Edit keep() {
  return [](std::string_view json) { return forge::Result<std::string>(std::string(json)); };
}
std::string json_string(std::string_view text) { return nlohmann::json(std::string(text)).dump(); }

// A token minted with the server key from H0 and the fresh P0, each edited.
forge::Result<std::string> mint(const KeyedBase& k, const Edit& payload_edit, const Edit& header_edit = keep()) {
  auto payload = payload_edit(k.fresh_payload);
  if (!payload) return payload;
  auto header = header_edit(k.base.parts.header_json);
  if (!header) return header;
  return k.key.mint(*header, *payload);
}

struct Case {
  std::string name;
  Edit payload;
  Edit header = keep();
};

// Runs cases against the keyed base; `judge` turns one case's token into a Part.
using Judge = std::function<Part(Context&, const std::string& name, const std::string& token)>;

Finding run_keyed(Context& ctx, const std::function<std::vector<std::pair<Case, Judge>>(const KeyedBase&)>& cases,
                  std::string expected) {
  auto keyed = keyed_base(ctx);
  if (!keyed) return errored(keyed.error().reason);
  std::vector<Part> parts;
  for (const auto& [c, judge] : cases(*keyed)) {
    auto token = mint(*keyed, c.payload, c.header);
    if (!token) return errored(c.name + ": " + token.error());
    parts.push_back(judge(ctx, c.name, *token));
  }
  return combine_parts(parts, std::move(expected));
}

Judge refused() {
  return [](Context& ctx, const std::string& name, const std::string& token) { return expect_refused(ctx, {name, token}); };
}
// A SHOULD-level refusal: acceptance is WARN, a 5xx still FAILs.
Judge refused_should() {
  return [](Context& ctx, const std::string& name, const std::string& token) {
    Part part = expect_refused(ctx, {name + " (SHOULD be refused)", token});
    if (part.verdict == Verdict::fail && part.exchange && part.exchange->response &&
        http::status::is_success(part.exchange->response->status)) {
      part.verdict = Verdict::warn;
    }
    return part;
  };
}
// A refusal whose acceptance is a catalog deviation row instead of a FAIL.
Judge refused_or_deviation(Deviation row) {
  return [row](Context& ctx, const std::string& name, const std::string& token) {
    Part part = expect_refused(ctx, {name, token});
    if (part.verdict == Verdict::fail && part.exchange && part.exchange->response &&
        http::status::is_success(part.exchange->response->status)) {
      part.verdict = ctx.deviation(row);
      part.note += " (" + std::string(deviation_row(row).name) + ")";
    }
    return part;
  };
}
Judge accepted(Verdict if_refused) {
  return [if_refused](Context& ctx, const std::string& name, const std::string& token) {
    return expect_accepted(ctx, name, token, if_refused);
  };
}
// Either outcome is legal; only a 5xx FAILs.
Judge either() { return accepted(Verdict::pass); }

std::optional<std::string> needs_issuer(const TargetProfile& target) {
  if (auto missing = needs_key(target)) return missing;
  if (target.token.issuer.empty()) return "the profile declares no issuer (V6)";
  return std::nullopt;
}

std::optional<std::string> needs_audience(const TargetProfile& target) {
  if (auto missing = needs_key(target)) return missing;
  if (target.token.audience.empty()) return "the profile declares no audience (V6)";
  return std::nullopt;
}

std::string exp_at(std::int64_t t) { return std::to_string(t); }

}  // namespace

// RFC 7519 §4.1.4: a token past its exp is refused.
Check rejects_expired_token() {
  return {.id = "JWT-22", .level = Level::must, .cites = "RFC 7519 §4.1.4; RFC 9068 §4", .mode = Mode::key_known,
          .summary = "a validly signed token that expired an hour ago is refused", .applies = needs_key,
          .run = [](Context& ctx) {
            return run_keyed(ctx, [](const KeyedBase&) {
              return std::vector<std::pair<Case, Judge>>{{{"exp = now - 3600", set_raw("exp", exp_at(now() - hour_seconds))}, refused()}};
            }, std::string(refusal_expected));
          }};
}

// RFC 7519 §4.1.4: the current time must be before exp, plus a small leeway (D10).
Check honours_exp_boundary_and_leeway() {
  return {.id = "JWT-23", .level = Level::must, .cites = "RFC 7519 §4.1.4", .mode = Mode::key_known,
          .summary = "exp = now (L = 0) and exp = now - L - 1 are refused; exp = now - L + 5 is accepted",
          .applies = needs_key,
          .run = [](Context& ctx) {
            const std::int64_t leeway = ctx.target().token.leeway.count();
            Finding finding = run_keyed(ctx, [leeway](const KeyedBase&) {
              const std::int64_t t = now();
              std::vector<std::pair<Case, Judge>> cases;
              if (leeway == 0) cases.push_back({{"exp = now, L = 0", set_raw("exp", exp_at(t))}, refused_or_deviation(Deviation::d10)});
              cases.push_back({{"exp = now - L - 1", set_raw("exp", exp_at(t - leeway - 1))}, refused()});
              cases.push_back({{"exp = now - L + 5", set_raw("exp", exp_at(t - leeway + inside_leeway_seconds))}, accepted(Verdict::warn)});
              return cases;
            }, "exp = now (L = 0) and now - L - 1 refused; now - L + 5 accepted; L <= 300 s");
            if (leeway > max_leeway_seconds && finding.verdict != Verdict::error) {
              finding.verdict = combine(finding.verdict, Verdict::warn);
              finding.actual += "; declared leeway " + std::to_string(leeway) + " s exceeds 300 s";
            }
            return finding;
          }};
}

// RFC 7519 §4.1.5: a token is not accepted before nbf.
Check rejects_token_before_nbf() {
  return {.id = "JWT-24", .level = Level::must, .cites = "RFC 7519 §4.1.5", .mode = Mode::key_known,
          .summary = "nbf an hour ahead, and nbf = now + L + 1, are refused", .applies = needs_key,
          .run = [](Context& ctx) {
            const std::int64_t leeway = ctx.target().token.leeway.count();
            return run_keyed(ctx, [leeway](const KeyedBase&) {
              // The catalog's now + L + 1, with now rounded up to the next whole second: nbf is
              // whole seconds, and rounding down would leave under a second before the token
              // became valid (a correct server on a loaded machine accepted it).
              const std::int64_t t = now() + 1;
              return std::vector<std::pair<Case, Judge>>{
                  {{"nbf = now + 3600", set_raw("nbf", exp_at(t + hour_seconds))}, refused()},
                  {{"nbf = now + L + 1", set_raw("nbf", exp_at(t + leeway + 1))}, refused()}};
            }, std::string(refusal_expected));
          },
          // Even so the margin is a second or two: the check runs alone, after the concurrent ones.
          .timing = true};
}

// RFC 7519 §4.1.6: iat is informational; either outcome is reported (D14).
Check reports_future_iat() {
  return {.id = "JWT-25", .level = Level::may, .cites = "RFC 7519 §4.1.6", .mode = Mode::key_known,
          .summary = "a token issued an hour in the future: either outcome, reported", .applies = needs_key,
          .run = [](Context& ctx) {
            Finding finding = run_keyed(ctx, [](const KeyedBase&) {
              return std::vector<std::pair<Case, Judge>>{{{"iat = now + 3600", set_raw("iat", exp_at(now() + hour_seconds))}, either()}};
            }, "either outcome (INFO); no 5xx");
            if (finding.verdict == Verdict::pass) finding.verdict = Verdict::info;
            return finding;
          }};
}

// RFC 9068 §4: exp, iss and aud are needed for validation; sub, jti, client_id are required claims.
Check rejects_missing_required_claims() {
  return {.id = "JWT-26", .level = Level::must, .cites = "RFC 9068 §2.2, §4", .mode = Mode::key_known,
          .summary = "tokens missing exp, iss or aud are refused; missing sub, jti, client_id should be",
          .applies = needs_key,
          .run = [](Context& ctx) {
            return run_keyed(ctx, [](const KeyedBase& k) {
              const auto claims = forge::parse_object(k.fresh_payload);
              std::vector<std::pair<Case, Judge>> cases;
              for (const auto* name : {"exp", "iss", "aud"}) {
                if (claims && claims->contains(name)) cases.push_back({{std::string("without ") + name, remove(name)}, refused()});
              }
              for (const auto* name : {"sub", "jti", "client_id"}) {
                if (claims && claims->contains(name)) cases.push_back({{std::string("without ") + name, remove(name)}, refused_should()});
              }
              return cases;
            }, "missing exp/iss/aud refused (MUST); missing sub/jti/client_id refused (SHOULD)");
          }};
}

// RFC 7519 §2: NumericDate is a JSON number; anything else is not a valid exp.
Check validates_exp_type() {
  return {.id = "JWT-27", .level = Level::must, .cites = "RFC 7519 §2, §4.1.4", .mode = Mode::key_known,
          .summary = "non-numeric and negative exp refused; huge exp does not crash; fractional exp accepted",
          .applies = needs_key,
          .run = [](Context& ctx) {
            return run_keyed(ctx, [](const KeyedBase&) {
              std::vector<std::pair<Case, Judge>> cases;
              for (const auto* raw : {"\"9999999999\"", "true", "null", "[]"}) {
                cases.push_back({{std::string("exp = ") + raw, set_raw("exp", raw)}, refused()});
              }
              cases.push_back({{"exp = -1", set_raw("exp", "-1")}, refused()});
              cases.push_back({{"exp = 1e300 (either; no crash)", set_raw("exp", "1e300")}, either()});
              cases.push_back({{"exp = 18446744073709551616 (either; no crash)", set_raw("exp", "18446744073709551616")}, either()});
              cases.push_back({{"exp = now + 600.5 (fractional, legal)", set_raw("exp", exp_at(now() + 600) + ".5")},
                               accepted(Verdict::warn)});
              return cases;
            }, "non-numbers and -1 refused; 1e300 and 2^64 either way without 5xx; now + 600.5 accepted");
          }};
}

// RFC 9068 §4, RFC 8725 §3.8: iss must match exactly.
Check rejects_wrong_issuer() {
  return {.id = "JWT-28", .level = Level::must, .cites = "RFC 9068 §4; RFC 8725 §3.8", .mode = Mode::key_known,
          .summary = "another issuer, a trailing slash, another case and no iss are refused", .applies = needs_issuer,
          .run = [](Context& ctx) {
            const std::string issuer = ctx.target().token.issuer;
            return run_keyed(ctx, [issuer](const KeyedBase&) {
              std::string slash = issuer.back() == '/' ? issuer.substr(0, issuer.size() - 1) : issuer + "/";
              std::string upper = issuer;
              std::transform(upper.begin(), upper.end(), upper.begin(),
                             [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
              std::vector<std::pair<Case, Judge>> cases{
                  {{"iss = another issuer", set_raw("iss", json_string(other_issuer))}, refused()},
                  {{"iss with the trailing slash toggled", set_raw("iss", json_string(slash))}, refused()},
                  {{"iss without iss", remove("iss")}, refused()}};
              if (upper != issuer) cases.push_back({{"iss in upper case", set_raw("iss", json_string(upper))}, refused()});
              return cases;
            }, std::string(refusal_expected) + " (exact issuer match)");
          }};
}

// RFC 7519 §4.1.3: our identifier as the string or one array element; nothing else.
Check rejects_wrong_audience() {
  return {.id = "JWT-29", .level = Level::must, .cites = "RFC 7519 §4.1.3; RFC 9068 §4; RFC 8725 §3.9; RFC 9700 §2.3",
          .mode = Mode::key_known, .summary = "another audience, [\"other\"], 123 and no aud are refused; [\"other\", ours] is accepted",
          .applies = needs_audience,
          .run = [](Context& ctx) {
            const std::string audience = ctx.target().token.audience;
            return run_keyed(ctx, [audience](const KeyedBase&) {
              const auto other = json_string(other_audience);
              return std::vector<std::pair<Case, Judge>>{
                  {{"aud = another API", set_raw("aud", other)}, refused()},
                  {{"aud = [\"other\"]", set_raw("aud", "[" + other + "]")}, refused()},
                  {{"aud = 123", set_raw("aud", "123")}, refused()},
                  {{"without aud", remove("aud")}, refused()},
                  {{"aud = [\"other\", ours]", set_raw("aud", "[" + other + "," + json_string(audience) + "]")}, accepted(Verdict::warn)}};
            }, "only our identifier (string or array element) accepted");
          }};
}

// RFC 9068 §4, RFC 8725 §3.11: access tokens are typed at+jwt (D9 in lenient).
Check requires_at_jwt_typ() {
  return {.id = "JWT-30", .level = Level::must, .cites = "RFC 9068 §4; RFC 8725 §3.11; RFC 7515 §4.1.9",
          .mode = Mode::key_known, .summary = "typ JWT, absent or id_token+jwt refused; at+jwt and application/at+jwt accepted",
          .applies = needs_key,
          .run = [](Context& ctx) {
            return run_keyed(ctx, [](const KeyedBase&) {
              const auto typ = [](const char* value) { return set_raw("typ", nlohmann::json(value).dump()); };
              return std::vector<std::pair<Case, Judge>>{
                  {{"typ JWT", keep(), typ("JWT")}, refused_or_deviation(Deviation::d9)},
                  {{"typ absent", keep(), remove("typ")}, refused_or_deviation(Deviation::d9)},
                  {{"typ id_token+jwt", keep(), typ("id_token+jwt")}, refused_or_deviation(Deviation::d9)},
                  {{"typ at+jwt", keep(), typ("at+jwt")}, accepted(Verdict::warn)},
                  {{"typ application/at+jwt", keep(), typ("application/at+jwt")}, accepted(Verdict::warn)},
                  {{"typ AT+JWT (either; INFO)", keep(), typ("AT+JWT")}, either()}};
            }, "JWT/absent/id_token+jwt refused (D9); at+jwt and application/at+jwt accepted; AT+JWT either");
          }};
}

// RFC 8725 §2.8, §3.12: other kinds of JWT from the same issuer are not access tokens.
Check rejects_other_token_kinds() {
  return {.id = "JWT-31", .level = Level::bcp, .cites = "RFC 8725 §2.8, §3.12", .mode = Mode::black_box,
          .summary = "a JWT refresh token, or an ID-token-shaped JWT, presented as Bearer is refused",
          .applies = needs_jwt,
          .run = [](Context& ctx) {
            std::vector<Part> parts;
            std::string not_run;
            auto grant = ctx.session().token(base_user);
            if (!grant) return errored(grant.error().reason);
            if (grant->refresh_token && std::count(grant->refresh_token->begin(), grant->refresh_token->end(), '.') == 2) {
              parts.push_back(expect_refused(ctx, {"the refresh token (a JWT) as Bearer", *grant->refresh_token}));
            } else {
              not_run += "no JWT refresh token issued; ";
            }
            if (ctx.target().key_known()) {
              auto keyed = keyed_base(ctx);
              if (!keyed) return errored(keyed.error().reason);
              const auto client = ctx.target().clients.confidential ? ctx.target().clients.confidential->id
                                                                    : std::string("authprobe-client");
              auto token = mint(*keyed, set_raw("aud", json_string(client)), set_raw("typ", R"("JWT")"));
              if (!token) return errored(token.error());
              parts.push_back(expect_refused(ctx, {"ID-token-shaped JWT (typ JWT, aud = client id) signed with the key", *token}));
            } else {
              not_run += "[K] part needs the signing key";
            }
            if (parts.empty()) return skipped("nothing to present: " + not_run);
            Finding finding = combine_parts(parts, std::string(refusal_expected));
            if (!not_run.empty()) finding.detail += "\nnot run: " + not_run;
            return finding;
          }};
}

}  // namespace authprobe::conformance::jwt
