// JWT-32 … JWT-39: parsing robustness (RFC 7515 §2, §7; RFC 7519 §7.2; RFC 8725 §3.3, §3.7) and
// the inside-only entries.
#include "conformance/checks/jwt_factories.hpp"
#include "conformance/checks/jwt_support.hpp"
#include "conformance/forge/attacks.hpp"
#include "conformance/forge/base64url.hpp"
#include "conformance/forge/claims.hpp"
#include "conformance/forge/json_text.hpp"
#include "conformance/forge/signatures.hpp"
#include "conformance/http_constants.hpp"

namespace authprobe::conformance::jwt {
namespace {

constexpr std::size_t nesting_depth = 10000;
constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
constexpr std::string_view invalid_utf8 = "\xC3\x28";  // a lead byte followed by a non-continuation byte
// JWT-36: fixed seed, so a report's junk tokens can be regenerated.
constexpr std::uint64_t junk_seed = 0x4a57542d3336ULL;  // "JWT-36"
constexpr std::array<std::size_t, 3> junk_lengths{16, 64, 1024};
constexpr std::size_t max_junk_dots = 3;

std::string with_char_inside(std::string_view token, std::size_t segment, char c) {
  std::size_t start = 0;
  for (std::size_t s = 0; s < segment; ++s) start = token.find('.', start) + 1;
  const auto end = std::min(token.find('.', start), token.size());
  const auto at = start + (end - start) / 2;
  std::string out;
  out.reserve(token.size() + 1);
  out.append(token.substr(0, at));
  out.push_back(c);
  out.append(token.substr(at));
  return out;
}

std::string with_padding(std::string_view token, std::size_t segment) {
  std::size_t pos = 0;
  for (std::size_t s = 0; s <= segment && pos != std::string_view::npos; ++s) {
    pos = token.find('.', s == 0 ? 0 : pos + 1);
  }
  if (pos == std::string_view::npos) pos = token.size();
  std::string out;
  out.reserve(token.size() + 1);
  out.append(token.substr(0, pos));
  out.push_back('=');
  out.append(token.substr(pos));
  return out;
}

std::string utf16le(std::string_view ascii) {
  std::string out;
  for (const char c : ascii) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

Check inside_only(std::string id, Level level, std::string cites, std::string summary) {
  return {.id = std::move(id), .level = level, .cites = std::move(cites), .mode = Mode::inside_only,
          .summary = std::move(summary), .applies = {},
          .run = [](Context&) { return skipped("not observable from outside ([I]: configuration or unit test)"); }};
}

}  // namespace

// RFC 7515 §2: base64url without padding, line breaks or whitespace; RFC 4648 §3.5 canonical.
Check rejects_noncanonical_base64url() {
  return {.id = "JWT-32", .level = Level::must, .cites = "RFC 7515 §2, §5.2 step 2; RFC 7519 §7.2 step 3; RFC 4648 §3.5",
          .mode = Mode::black_box, .summary = "T0 with padding, +/, inner whitespace or a non-canonical tail is refused",
          .applies = needs_jwt,
          .run = [](Context& ctx) {
            auto base = confirmed_base_token(ctx);
            if (!base) return errored(base.error().reason);
            const auto& t0 = base->raw;
            std::vector<Part> parts;
            for (std::size_t s = 0; s < 3; ++s) {
              parts.push_back(expect_refused(ctx, {"'=' after segment " + std::to_string(s + 1), with_padding(t0, s)}));
            }
            std::string std_alphabet = t0;
            std::replace(std_alphabet.begin(), std_alphabet.end(), '-', '+');
            std::replace(std_alphabet.begin(), std_alphabet.end(), '_', '/');
            if (std_alphabet != t0) parts.push_back(expect_refused(ctx, {"'+' and '/' instead of '-' and '_'", std_alphabet}));
            parts.push_back(expect_refused(ctx, {"a space inside the payload", with_char_inside(t0, 1, ' ')}));
            parts.push_back(expect_refused(ctx, {"a TAB inside the payload", with_char_inside(t0, 1, '\t'), true}));
            parts.push_back(expect_refused(ctx, {"a newline inside the payload", with_char_inside(t0, 1, '\n'), true}));
            if (auto tail = forge::noncanonical_tail(base->parts.signature_b64)) {
              const auto token = base->parts.header_b64 + "." + base->parts.payload_b64 + "." + *tail;
              Part part = expect_refused(ctx, {"signature with non-canonical unused bits (SHOULD)", token});
              if (part.verdict == Verdict::fail && part.exchange && part.exchange->response &&
                  http::status::is_success(part.exchange->response->status)) {
                part.verdict = Verdict::warn;
                part.note += " (tokens are malleable: a deny-list of raw token strings can be bypassed)";
              }
              parts.push_back(std::move(part));
            }
            return combine_parts(parts, std::string(refusal_expected) + "; the non-canonical tail SHOULD be refused");
          }};
}

// RFC 8725 §3.7, RFC 7515 §10.12: duplicate names rejected or last-wins everywhere; malformed JSON refused.
Check rejects_ambiguous_json() {
  return {.id = "JWT-33", .level = Level::must, .cites = "RFC 7515 §4, §10.12; RFC 7519 §4, §7.2 step 4; RFC 8725 §3.7",
          .mode = Mode::key_known,
          .summary = "duplicate names are refused or last-wins; trailing bytes, arrays, BOM, UTF-16, bad UTF-8, deep nesting refused",
          .applies = needs_key,
          .run = [](Context& ctx) {
            auto keyed = keyed_base(ctx);
            if (!keyed) return errored(keyed.error().reason);
            const auto& h0 = keyed->base.parts.header_json;
            const auto& p0 = keyed->fresh_payload;
            const auto& target = ctx.target();
            std::vector<Part> parts;
            auto mint = [&](std::string_view header, std::string_view payload) { return keyed->key.mint(header, payload); };

            // A first "alg":"none" before the real alg: a last-wins verifier accepts, a rejecting
            // one refuses; both are allowed, a 5xx is not.
            auto dup_alg = mint(R"({"alg":"none",)" + h0.substr(1), p0);
            if (!dup_alg) return errored(dup_alg.error());
            parts.push_back(expect_accepted(ctx, "header {\"alg\":\"none\", ..., \"alg\":<real>} (refuse or last-wins)", *dup_alg, Verdict::pass));

            // The escalated scope first, the real one last: admin access means some layer took the first.
            if (target.endpoints.bearer_admin) {
              const std::string admin_scopes = target.scope("read") + " " + target.scope("write") + " " + target.scope("admin");
              const std::string first = "{" + nlohmann::json(target.token.scope_claim).dump() + ":" + nlohmann::json(admin_scopes).dump() + ",";
              auto dup_scope = mint(h0, first + p0.substr(1));
              if (!dup_scope) return errored(dup_scope.error());
              const auto result = send_bearer(ctx, *target.endpoints.bearer_admin, *dup_scope);
              Part part{Verdict::pass, "claims {\"scope\":<admin>, ..., \"scope\":<alice's>} at the admin resource: " + describe(result), std::nullopt};
              if (result) {
                part.exchange = result->exchange;
                if (http::status::is_success(result->status) || http::status::is_server_error(result->status)) {
                  part.verdict = Verdict::fail;
                  part.note += http::status::is_success(result->status) ? " (first duplicate won)" : "";
                }
              } else {
                part.verdict = Verdict::error;
                part.exchange = result.error().exchange;
              }
              parts.push_back(std::move(part));
            }

            const std::string nest = std::string(nesting_depth, '[') + std::string(nesting_depth, ']');
            auto nested = forge::with_member_raw(p0, "authprobe_nest", nest);
            auto bad_utf8 = forge::with_member_raw(p0, "authprobe_text", "\"" + std::string(invalid_utf8) + "\"");
            if (!nested || !bad_utf8) return errored("could not build the malformed payloads");
            const std::vector<std::tuple<std::string, std::string, std::string, bool>> malformed{
                {"trailing bytes after the claims object", h0, p0 + "x", false},
                {"trailing bytes after the header object", h0 + "x", p0, false},
                {"claims as a top-level array", h0, "[" + p0 + "]", false},
                {"UTF-8 BOM before the claims", h0, std::string(utf8_bom) + p0, false},
                {"UTF-8 BOM before the header", std::string(utf8_bom) + h0, p0, false},
                {"claims in UTF-16LE", h0, utf16le(p0), false},
                {"invalid UTF-8 in a claim", h0, *bad_utf8, false},
                {"10 000 nested arrays in a claim", h0, *nested, true}};
            for (const auto& [name, header, payload, big] : malformed) {
              auto token = mint(header, payload);
              if (!token) return errored(token.error());
              parts.push_back(expect_refused(ctx, {name + " (validly signed)", *token, big}));
            }
            return combine_parts(parts, "duplicates refused or last-wins; every malformed JSON refused; no 5xx");
          }};
}

// RFC 7519 §7.2 step 6: an access token here is a JWS in compact serialization.
Check rejects_other_serializations() {
  return {.id = "JWT-34", .level = Level::must, .cites = "RFC 7519 §7.2 step 6; RFC 7515 §7.2", .mode = Mode::black_box,
          .summary = "T0 in JWS JSON serialization (flattened, general) and a JWE-shaped string are refused",
          .applies = needs_jwt,
          .run = [](Context& ctx) {
            return run_forgeries(ctx, [](const BaseToken& base, const std::string&) -> Needed<std::vector<Forgery>> {
              auto flat = forge::jws_json_flattened(base.raw);
              auto general = forge::jws_json_general(base.raw);
              if (!flat || !general) return tl::unexpected(Unmet{"T0 has no three segments"});
              return std::vector<Forgery>{{"T0 as flattened JWS JSON", *flat},
                                          {"T0 as general JWS JSON", *general},
                                          {"five-segment JWE-shaped string", forge::jwe_shaped(junk_seed)}};
            });
          }};
}

// RFC 7519 §7.2 step 8, RFC 8725 §3.3: a nested JWT is validated in full, or not supported.
Check rejects_unsigned_nested_token() {
  return {.id = "JWT-35", .level = Level::must, .cites = "RFC 7519 §7.2 step 8; RFC 8725 §3.3", .mode = Mode::key_known,
          .summary = "a validly signed cty JWT wrapper around an unsigned inner token with P* is refused",
          .applies = needs_key,
          .run = [](Context& ctx) {
            auto keyed = keyed_base(ctx);
            if (!keyed) return errored(keyed.error().reason);
            auto p_star = escalated_payload(ctx, keyed->base);
            if (!p_star) return errored(p_star.error().reason);
            const auto inner = forge::encode_compact(forge::attack_header("none", std::nullopt).dump(), *p_star, "");
            auto header = forge::with_member(keyed->base.parts.header_json, "cty", "JWT");
            if (!header) return errored(header.error());
            auto outer = keyed->key.mint(*header, inner);
            if (!outer) return errored(outer.error());
            return judge_forgeries(ctx, {{"cty JWT around alg none + P*", *outer}});
          }};
}

// RFC 7519 §7.2: junk in b64token shape is an invalid token, never a crash.
Check rejects_random_tokens() {
  return {.id = "JWT-36", .level = Level::baseline, .cites = "RFC 7519 §7.2; RFC 9110 §15.5.2", .mode = Mode::black_box,
          .summary = "random b64token strings with 0-3 dots get 401, never a 5xx", .applies = needs_bearer,
          .run = [](Context& ctx) {
            std::vector<Forgery> forgeries;
            std::uint64_t seed = junk_seed;
            for (const auto length : junk_lengths) {
              for (std::size_t dots = 0; dots <= max_junk_dots; ++dots) {
                forgeries.push_back({std::to_string(length) + " chars, " + std::to_string(dots) + " dots (seed " +
                                         std::to_string(seed) + ")",
                                     forge::random_b64token(seed++, length, dots)});
              }
            }
            return judge_forgeries(ctx, forgeries);
          }};
}

Check chooses_algorithm_by_configuration() {
  return inside_only("JWT-37", Level::bcp, "RFC 8725 §3.1, §3.2; RFC 7518 §3.6",
                     "one configured algorithm per key; none cannot be enabled");
}
Check compares_mac_in_constant_time() {
  return inside_only("JWT-38", Level::must, "RFC 7518 §3.2", "the MAC comparison is constant-time");
}
Check passes_wycheproof_vectors() {
  return inside_only("JWT-39", Level::baseline, "Wycheproof (Apache-2.0)", "the JWS verifier passes the Wycheproof JWS/JWK vectors");
}

}  // namespace authprobe::conformance::jwt
