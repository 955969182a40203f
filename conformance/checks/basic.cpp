// BASIC — HTTP Basic (RFC 7617 on the RFC 9110 §11 framework), checks.md BASIC-01..13.
#include <algorithm>
#include <chrono>

#include "conformance/checks/basic_parts.hpp"
#include "conformance/checks/checks.hpp"
#include "conformance/checks/throttling.hpp"

namespace authprobe::conformance {
namespace {

using namespace support;
namespace status = http::status;

constexpr std::string_view baseline = "BASIC-02";

// No success and no 5xx: the floor of every BASIC negative (V1).
bool refused(const Response& r) { return !status::is_success(r.status) && !status::is_server_error(r.status); }

// RFC 9110 §11.6.1, §15.5.2; RFC 7617 §2: a 401 carries a Basic challenge with a realm.
Check challenges_without_credentials() {
  return {.id = "BASIC-01", .level = Level::must, .cites = "RFC 9110 §11.6.1, §15.5.2; RFC 7617 §2",
          .summary = "401 without credentials carries a Basic challenge with realm",
          .applies = needs_basic,
          .run = [](Context& ctx) {
            Judged j("401 with WWW-Authenticate: Basic realm=\"...\"");
            auto r = ctx.send(basic_user(ctx));
            if (!j.reached(r, "GET without credentials")) return j.finish();
            if (r->status == status::forbidden) {
              j.part(ctx.deviation(Deviation::d7), "403 instead of 401 (D7)", r);
            } else if (r->status != status::unauthorized) {
              j.part(Verdict::fail, "not 401", r);
            } else if (auto c = challenge(*r, http::scheme::basic); !c) {
              j.part(Verdict::fail, "401 without a Basic challenge", r);
            } else if (!c->param("realm")) {
              j.part(Verdict::fail, "Basic challenge without realm (RFC 7617 §2)" + c->malformation_note(), r);
            } else {
              j.part(Verdict::pass, "401 with a Basic challenge and realm" + c->malformation_note(), r);
            }
            return j.finish();
          }};
}

// RFC 7617 §2: the baseline login every other BASIC check relies on.
Check accepts_valid_credentials() {
  return {.id = "BASIC-02", .level = Level::baseline, .cites = "RFC 7617 §2",
          .summary = "alice's correct Basic credentials are accepted",
          .applies = needs_basic,
          .run = [](Context& ctx) {
            Judged j("200");
            auto alice = ctx.session().basic_user("alice");
            if (!alice) return errored(alice.error().reason);
            auto r = ctx.send(with_user_basic(basic_user(ctx), **alice));
            if (j.reached(r, "alice")) j.part(r->status == status::ok ? Verdict::pass : Verdict::fail, "alice", r);
            return j.finish();
          }};
}

// RFC 9110 §11.4, §15.5.2: wrong password -> 401 with a fresh challenge.
Check challenges_wrong_password() {
  return {.id = "BASIC-03", .level = Level::should, .cites = "RFC 9110 §11.4, §15.5.2",
          .summary = "a wrong password gets 401 and a Basic challenge",
          .applies = needs_basic,
          .run = [](Context& ctx) {
            Judged j("401 with a Basic challenge");
            auto alice = ctx.session().basic_user("alice");
            if (!alice) return errored(alice.error().reason);
            auto r = ctx.send(basic_user(ctx).with_basic((*alice)->username, (*alice)->password + "-wrong"));
            if (!j.reached(r, "wrong password")) return j.finish();
            if (!refused(*r)) {
              j.part(Verdict::fail, "wrong password not refused", r);
            } else if (r->status != status::unauthorized) {
              // V3: the status is the entry's SHOULD; the challenge MUST (RFC 9110 §15.5.2) binds
              // 401 responses only, so a 403 without one breaks nothing more.
              j.part(Verdict::warn, "refused, but not with 401 (SHOULD)", r);
            } else if (!challenge(*r, http::scheme::basic)) {
              j.part(Verdict::fail, "401 without a Basic challenge (MUST)", r);
            } else {
              j.part(Verdict::pass, "401 with a Basic challenge", r);
            }
            return j.finish();
          }};
}

// Header names that legitimately differ between two identical responses.
bool volatile_header(std::string_view name) {
  return iequals(name, "Date") || iequals(name, "Server-Timing") || iequals(name, "X-Request-Id") ||
         iequals(name, "X-Trace-Id") || iequals(name, "Traceparent") || iequals(name, "Age");
}

std::string header_names(const Response& r) {
  std::vector<std::string> names;
  for (const auto& [name, value] : r.headers) {
    if (!volatile_header(name)) names.push_back(to_lower(name));
  }
  std::sort(names.begin(), names.end());
  std::string out;
  for (const auto& name : names) out += name + ",";
  return out;
}

// OWASP Authentication CS: unknown and disabled users are indistinguishable from a bad password.
Check hides_account_existence() {
  return {.id = "BASIC-04", .level = Level::owasp,
          .cites = "OWASP Authentication Cheat Sheet (\"Authentication and Error Messages\")",
          .summary = "unknown and disabled users get the same response as a wrong password",
          .applies = needs_basic,
          .run = [](Context& ctx) {
            Judged j("same status, header set and body as a wrong password");
            auto alice = ctx.session().basic_user("alice");
            if (!alice) return errored(alice.error().reason);
            auto reference = ctx.send(basic_user(ctx).with_basic((*alice)->username, (*alice)->password + "-wrong"));
            if (!j.reached(reference, "wrong password")) return j.finish();
            j.evidence(reference);
            struct Attempt {
              std::string what;
              Request request;
              bool disabled_account = false;
            };
            std::vector<Attempt> probes{{"unknown user", basic_user(ctx).with_basic(ctx.target().unknown_user, "anything-Zz9")}};
            if (const auto* carol = ctx.session().basic_identity("carol")) {
              probes.push_back({"disabled user", with_user_basic(basic_user(ctx), *carol), true});
            } else {
              j.skip_part("disabled user (profile declares no carol)");
            }
            for (const auto& [what, request, disabled] : probes) {
              auto r = ctx.send(request);
              if (!j.reached(r, what)) continue;
              if (!refused(*r)) {
                j.part(Verdict::fail, what + " not refused", r);
              } else if (r->status != reference->status || r->body != reference->body ||
                         header_names(*r) != header_names(*reference)) {
                // D12 applies by topic (V5): a disabled account told apart ("Inactive user").
                j.part(disabled ? ctx.deviation(Deviation::d12) : Verdict::fail,
                       what + " differs from the wrong-password response" + (disabled ? " (D12)" : ""), r);
              } else {
                j.part(Verdict::pass, what + " identical", r);
              }
            }
            return j.finish();
          }};
}

// RFC 9110 §11.2: a parameter name at most once per challenge; every challenge parses.
Check parses_every_challenge() {
  return {.id = "BASIC-12", .level = Level::must,
          .cites = "RFC 9110 §11.2 (a parameter name at most once per challenge), §11.6.1",
          .summary = "every WWW-Authenticate in the run parses; realm at most once per challenge",
          .run = [](Context& ctx) {
            Judged j("every challenge parses; realm at most once");
            std::size_t seen = 0;
            for (const auto& observation : ctx.log().all()) {
              const auto& response = observation.exchange.response;
              if (!response) continue;
              for (const auto& [name, value] : response->headers) {
                if (!iequals(name, http::header::www_authenticate)) continue;
                ++seen;
                auto parsed = parse_challenges(value);
                if (!parsed) {
                  j.part(Verdict::fail, "unparsable challenge \"" + value + "\" (" + parsed.error() + ") in " + observation.check_id);
                  j.evidence(observation.exchange);
                  continue;
                }
                for (const auto& c : *parsed) {
                  if (c.count("realm") > 1) {
                    j.part(Verdict::fail, "realm twice in \"" + value + "\" (" + observation.check_id + ")");
                    j.evidence(observation.exchange);
                  }
                }
              }
            }
            if (seen == 0) return skipped("no WWW-Authenticate field was seen in this run (V6)");
            if (j.empty()) j.part(Verdict::pass, std::to_string(seen) + " challenge field lines parsed");
            return j.finish();
          }};
}

// ASVS 4.0.3 V2.2.1; RFC 6819 §4.4.3.6: online guessing is throttled.
Check throttles_password_guessing() {
  return {.id = "BASIC-13", .level = Level::owasp, .cites = "ASVS 4.0.3 V2.2.1; RFC 6819 §4.4.3.6",
          .summary = "wrong Basic passwords are throttled by the 100th failure",
          .applies = needs_basic,
          .run = [](Context& ctx) {
            auto alice = ctx.session().basic_user("alice");
            if (!alice) return errored(alice.error().reason);
            return judge_throttling([&](int attempt) {
              return ctx.send(basic_user(ctx).with_basic((*alice)->username, "guess-" + std::to_string(attempt)));
            }, ThrottleSign::refusal_or_delay, "429/Retry-After or growing delay by the 100th failure; correct password works later");
          }};
}

}  // namespace

std::vector<Check> basic_checks() {
  const std::string b(baseline);
  return {challenges_without_credentials(),
          accepts_valid_credentials(),
          needing(challenges_wrong_password(), b),
          needing(hides_account_existence(), b),
          needing(accepts_any_scheme_case(), b),
          needing(parses_credentials_whitespace(), b),
          needing(rejects_malformed_token68(), b),
          needing(splits_at_first_colon(), b),
          needing(rejects_control_characters(), b),
          rejects_empty_credentials(),
          needing(handles_utf8_credentials(), b),
          run_wide(parses_every_challenge()),
          trips_throttle(needing(throttles_password_guessing(), b))};
}

}  // namespace authprobe::conformance
