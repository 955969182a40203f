// AUTHZ-06 and AUTHZ-07: scope and role membership, judged with tokens validly signed by the
// server's own key ([K] mode) whose only difference from a working token is the claim under test.
// They sit with the JWT checks because they mint; authz_checks() lists them in catalog order.
#include <cctype>

#include "conformance/checks/jwt_checks.hpp"
#include "conformance/checks/jwt_support.hpp"
#include "conformance/forge/json_text.hpp"
#include "conformance/http_constants.hpp"

namespace authprobe::conformance {
namespace {

using jwt::KeyedBase;
using jwt::Part;

struct Variant {
  std::string name;
  nlohmann::json value;
  bool grants = false;  // the catalog's outcome: does this claim value grant the permission?
};

// One variant sent to `endpoint`: a grant must open it, anything else must be refused without a 5xx.
// A variant that must not grant is a forgery of `original`: never sent when it is the same bytes.
Part judge_variant(Context& ctx, const Endpoint& endpoint, const Variant& variant, const std::string& token,
                   const std::string& original) {
  if (!variant.grants) {
    if (auto unchanged = jwt::unchanged_forgery(ctx, {variant.name, token, false, original})) return *unchanged;
  }
  const auto result = jwt::send_bearer(ctx, endpoint, token);
  Part part;
  part.note = variant.name + ": " + endpoint.method + " " + endpoint.path + " " + jwt::describe(result) +
              (variant.grants ? " (must grant)" : " (must not grant)");
  if (!result) {
    part.verdict = Verdict::error;
    part.exchange = result.error().exchange;
    return part;
  }
  part.exchange = result->exchange;
  const bool granted = http::status::is_success(result->status);
  if (http::status::is_server_error(result->status)) {
    part.verdict = Verdict::fail;
  } else {
    part.verdict = granted == variant.grants ? Verdict::pass : Verdict::fail;
  }
  return part;
}

// P0 with a fresh exp and `claim` set to the variant's value, signed with the server key.
forge::Result<std::string> mint_variant(const jwt::ServerKey& key, const jwt::BaseToken& base, const std::string& fresh,
                                        const std::string& claim, const Variant& variant) {
  auto payload = forge::with_member(fresh, claim, variant.value);
  if (!payload) return payload;
  return key.mint(base.parts.header_json, *payload);
}

// Mints each variant of `start` (a payload with a fresh exp) under the server key and judges it
// at `endpoint`.
Finding run_variants(Context& ctx, const jwt::ServerKey& key, const jwt::BaseToken& base, const std::string& start,
                     const std::string& claim, const std::vector<Variant>& variants, const Endpoint& endpoint,
                     std::string expected) {
  std::vector<Part> parts;
  for (const auto& variant : variants) {
    auto token = mint_variant(key, base, start, claim, variant);
    if (!token) return errored(variant.name + ": " + token.error());
    parts.push_back(judge_variant(ctx, endpoint, variant, *token, base.raw));
  }
  return jwt::combine_parts(parts, std::move(expected));
}

std::string flip_first_letter_case(std::string scope) {
  for (auto& c : scope) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u) == 0) continue;
    c = static_cast<char>(std::isupper(u) != 0 ? std::tolower(u) : std::toupper(u));
    break;
  }
  return scope;
}

std::optional<std::string> needs_scopes_and_key(const TargetProfile& target) {
  if (auto missing = jwt::needs_key(target)) return missing;
  if (!target.flows.scopes) return "the target does not protect resources by scope (V6)";
  return std::nullopt;
}

std::optional<std::string> needs_roles_and_key(const TargetProfile& target) {
  if (auto missing = jwt::needs_key(target)) return missing;
  if (!target.endpoints.bearer_admin) return "the profile declares no bearer admin resource";
  if (target.token.roles_claim.empty()) return "the profile declares no roles claim";
  return std::nullopt;
}

}  // namespace

// RFC 6749 §3.3: scope is a space-delimited list of case-sensitive tokens, order irrelevant.
Check matches_scope_tokens_exactly() {
  return {.id = "AUTHZ-06", .level = Level::must,
          .cites = "RFC 6749 §3.3 (scope tokens are case-sensitive, space-delimited, unordered)",
          .mode = Mode::key_known, .summary = "readonly, Read and read,write do not grant read; write read does",
          .applies = needs_scopes_and_key,
          .run = [](Context& ctx) {
            // The keyed base confirms that the profile key mints tokens the read resource accepts.
            auto keyed = jwt::keyed_base(ctx);
            if (!keyed) return errored(keyed.error().reason);
            const auto& target = ctx.target();
            const std::string read = target.scope("read");
            const std::string write = target.scope("write");
            const std::vector<Variant> variants{
                {"scope \"" + read + "only\"", read + "only", false},
                {"scope \"" + flip_first_letter_case(read) + "\"", flip_first_letter_case(read), false},
                {"scope \"" + read + "," + write + "\"", read + "," + write, false},
                {"scope \"" + write + " " + read + "\"", write + " " + read, true},
                {"scope \"" + read + " " + read + "\"", read + " " + read, true},
            };
            return run_variants(ctx, keyed->key, keyed->base, keyed->fresh_payload, target.token.scope_claim, variants,
                                *target.endpoints.bearer_read,
                                "only whole, case-sensitive, space-separated tokens grant read");
          }};
}

// RFC 9068 §2.2.3.1: roles is a list; only exact membership of admin grants admin. The variants
// start from alice's token (a plain user on the server's side too) raised to everything but the
// role (P*: scopes read write admin): started from the admin's own token, every variant would
// open the resource on a server that looks the role up by `sub`, and the check would report
// coercion that is not there. P* with roles ["admin"] is the control that must open it.
Check matches_roles_exactly() {
  return {.id = "AUTHZ-07", .level = Level::baseline, .cites = "RFC 9068 §2.2.3.1", .mode = Mode::key_known,
          .summary = "only exact membership of admin in roles grants admin",
          .applies = needs_roles_and_key,
          .run = [](Context& ctx) {
            auto keyed = jwt::keyed_base(ctx);
            if (!keyed) return errored(keyed.error().reason);
            auto raised = jwt::escalated_payload(ctx, keyed->base);
            if (!raised) return errored(raised.error().reason);
            const auto& target = ctx.target();
            const std::string role = "admin";
            const Endpoint& admin_resource = *target.endpoints.bearer_admin;
            // Without this control the refusals below would prove nothing: a target that keeps
            // roles server-side refuses every variant, and its membership rule is not observable.
            const Variant control{"roles [\"admin\"] (control)", nlohmann::json::array({role}), true};
            auto control_token = mint_variant(keyed->key, keyed->base, *raised, target.token.roles_claim, control);
            if (!control_token) return errored(control_token.error());
            const auto control_result = jwt::send_bearer(ctx, admin_resource, *control_token);
            if (control_result && !http::status::is_success(control_result->status) &&
                !http::status::is_server_error(control_result->status)) {
              return skipped("alice's token raised to the admin scope with roles [\"admin\"] got " +
                             jwt::describe(control_result) +
                             " at the admin resource: the target does not grant admin from the roles claim");
            }
            const std::vector<Variant> variants{
                control,
                {"roles \"notadmin\"", "not" + role, false},
                {"roles [\"administrator\"]", nlohmann::json::array({role + "istrator"}), false},
                {"roles \"admin user\"", role + " user", false},
                {"roles {\"admin\": true}", nlohmann::json::object({{role, true}}), false},
            };
            return run_variants(ctx, keyed->key, keyed->base, *raised, target.token.roles_claim, variants, admin_resource,
                                "only roles containing exactly \"admin\" open the admin resource");
          }};
}

}  // namespace authprobe::conformance
