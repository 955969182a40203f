// JWT-19 … JWT-21: ES256 signature values (RFC 7518 §3.4: the 64-octet R||S, verified as ECDSA
// P-256 with SHA-256) and the RSA padding checks that only a unit test can reach.
#include "conformance/checks/jwt_factories.hpp"
#include "conformance/checks/jwt_support.hpp"
#include "conformance/forge/base64url.hpp"
#include "conformance/forge/signatures.hpp"
#include "conformance/http_constants.hpp"

namespace authprobe::conformance::jwt {
namespace {

std::optional<std::string> needs_es256(const TargetProfile& target) {
  if (auto missing = needs_jwt(target)) return missing;
  if (target.token.alg != "ES256") return "applies to ES256 servers";
  return std::nullopt;
}

}  // namespace

// CVE-2022-21449: r = s = 0 and the other out-of-range values verify nothing.
Check rejects_psychic_signatures() {
  return {.id = "JWT-19", .level = Level::must, .cites = "RFC 7518 §3.4; RFC 7515 §5.2", .mode = Mode::black_box,
          .summary = "ES256 signatures with r, s in {0, 1, n-1, n} and DER(0,0) are refused", .applies = needs_es256,
          .run = [](Context& ctx) {
            return run_forgeries(ctx, [](const BaseToken& base, const std::string& p_star) -> Needed<std::vector<Forgery>> {
              const auto input = base.parts.header_b64 + "." + forge::b64url_encode(p_star);
              std::vector<Forgery> out;
              for (const auto& sig : forge::es256_psychic_signatures()) {
                out.push_back({"H0.P* with " + sig.name, forge::append_signature(input, sig.bytes)});
              }
              return out;
            });
          }};
}

// RFC 7518 §3.4: only the 64-octet R||S form is a JWS ECDSA signature.
Check rejects_non_jws_ecdsa_encodings() {
  return {.id = "JWT-20", .level = Level::must, .cites = "RFC 7518 §3.4", .mode = Mode::black_box,
          .summary = "T0's valid ES256 signature as DER, or with a zero byte added, is refused", .applies = needs_es256,
          .run = [](Context& ctx) {
            auto base = confirmed_base_token(ctx);
            if (!base) return errored(base.error().reason);
            auto variants = forge::es256_encoding_variants(base->parts.signature);
            if (!variants) return errored("T0's signature is not a raw ES256 signature: " + variants.error());
            const auto input = base->parts.header_b64 + "." + base->parts.payload_b64;
            std::vector<Part> parts;
            for (const auto& v : *variants) {
              parts.push_back(expect_refused(ctx, {"S0 " + v.name, forge::append_signature(input, v.bytes)}));
            }
            // INFO: RFC 7518 does not forbid high-S signatures; either outcome is reported.
            if (auto high = forge::es256_high_s(base->parts.signature)) {
              Part part = expect_accepted(ctx, "S0 as its high-S twin (n - s)", forge::append_signature(input, *high),
                                          Verdict::pass);
              if (part.verdict == Verdict::pass) {
                part.note += " [INFO: either outcome is legal; if accepted, a deny-list of raw token strings is bypassable]";
              }
              parts.push_back(std::move(part));
            }
            Finding finding = combine_parts(parts, std::string(refusal_expected) + "; high-S: either (INFO)");
            finding.detail += "\n[I] part (Wycheproof SpecialCaseEs256 tcIds 379-385) is not observable from outside";
            return finding;
          }};
}

Check verifies_rsa_padding_inside() {
  return {.id = "JWT-21", .level = Level::must, .cites = "RFC 7518 §3.3, §3.5; RFC 8017", .mode = Mode::inside_only,
          .summary = "RS256/PS* invalid paddings (Wycheproof) are rejected by the library",
          .applies = {}, .run = [](Context&) { return skipped("not observable from outside ([I]: library-level Wycheproof RSA sets)"); }};
}

}  // namespace authprobe::conformance::jwt
