// BASIC — HTTP Basic (RFC 7617 on the RFC 9110 §11 framework), checks.md BASIC-01..13.
#include <algorithm>
#include <chrono>

#include "conformance/checks/basic_probes.hpp"
#include "conformance/checks/checks.hpp"
#include "conformance/checks/support.hpp"

namespace authprobe::conformance {
namespace {

using namespace support;
using basic_probes::judge_refusal;
namespace status = http::status;

constexpr std::string_view baseline = "BASIC-02";
constexpr std::size_t large_token68_bytes = 4096;
constexpr int throttle_attempts = 120;           // BASIC-13: 120 wrong passwords ...
constexpr int throttle_by = 100;                 // ... throttled no later than the 100th
constexpr std::chrono::seconds throttle_budget{90};
constexpr unsigned non_ascii_bit = 0x80U;        // set in every byte of a UTF-8 multi-byte sequence

Request basic_user(const Context& ctx) { return request_for(*ctx.target().endpoints.basic_user); }

// No success and no 5xx: the floor of every BASIC negative (V1).
bool refused(const Response& r) { return !status::is_success(r.status) && !status::is_server_error(r.status); }

// The refusals RFC 7617 leaves open for a malformed or wrong credential (BASIC-07/08/09).
Verdict refused_malformed(const Response& r) { return judge_refusal(r, {status::unauthorized, status::bad_request}); }

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
              j.part(Verdict::fail, "Basic challenge without realm (RFC 7617 §2)", r);
            } else {
              j.part(Verdict::pass, "401 with a Basic challenge and realm", r);
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
            auto alice = ctx.session().user("alice");
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
            auto alice = ctx.session().user("alice");
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
            auto alice = ctx.session().user("alice");
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
            if (const auto* carol = ctx.target().user("carol")) {
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

// RFC 9110 §11.1: the scheme name is case-insensitive, and it is what selects RFC 7617: the same
// token68 under any other scheme name is not Basic credentials.
Check accepts_any_scheme_case() {
  return {.id = "BASIC-05", .level = Level::must,
          .cites = "RFC 9110 §11.1 (scheme tokens compare case-insensitively); RFC 7617 §2",
          .summary = "`basic` and `BASIC` work like `Basic`; the token68 under another scheme name does not",
          .applies = needs_basic,
          .run = [](Context& ctx) {
            Judged j("200 for both spellings; 401 under any other scheme name");
            auto alice = ctx.session().user("alice");
            if (!alice) return errored(alice.error().reason);
            const auto token68 = base64((*alice)->username + ":" + (*alice)->password);
            for (const std::string_view scheme : {"basic", "BASIC"}) {
              auto r = ctx.send(basic_user(ctx).with_authorization(std::string(scheme) + " " + token68));
              if (j.reached(r, scheme)) j.part(r->status == status::ok ? Verdict::pass : Verdict::fail, std::string(scheme), r);
            }
            for (const std::string_view scheme : basic_probes::other_schemes) {
              auto r = ctx.send(basic_user(ctx).with_authorization(std::string(scheme) + " " + token68));
              if (!j.reached(r, scheme)) continue;
              const Verdict v = judge_refusal(*r, {status::unauthorized});
              j.part(v, "alice's token68 under scheme " + std::string(scheme) + (v == Verdict::fail && status::is_success(r->status) ? " logs in" : ""), r);
            }
            return j.finish();
          }};
}

// RFC 9110 §11.4: credentials = auth-scheme [ 1*SP token68 ].
Check parses_credentials_whitespace() {
  return {.id = "BASIC-06", .level = Level::should,
          .cites = "RFC 9110 §11.4 (credentials grammar: one or more SP after the scheme)",
          .summary = "two spaces after Basic work; a TAB is refused without a crash",
          .applies = needs_basic,
          .run = [](Context& ctx) {
            Judged j("two spaces: 200; TAB: 400 or 401");
            auto alice = ctx.session().user("alice");
            if (!alice) return errored(alice.error().reason);
            const auto token68 = base64((*alice)->username + ":" + (*alice)->password);
            auto two = ctx.send(basic_user(ctx).with_authorization("Basic  " + token68));
            if (j.reached(two, "two spaces")) j.part(two->status == status::ok ? Verdict::pass : Verdict::warn, "two spaces", two);
            auto tab = ctx.send(basic_user(ctx).with_authorization("Basic\t" + token68));
            if (j.reached(tab, "TAB")) {
              const bool ok = tab->status == status::bad_request || tab->status == status::unauthorized;
              j.part(status::is_server_error(tab->status) ? Verdict::fail : (ok ? Verdict::pass : Verdict::warn), "TAB", tab);
            }
            return j.finish();
          }};
}

// RFC 7617 §2: token68 is base64(user-pass); garbage never authenticates.
Check rejects_malformed_token68() {
  return {.id = "BASIC-07", .level = Level::must,
          .cites = "RFC 7617 §2 (token68 is base64 of user-pass); RFC 9110 §11.4",
          .summary = "non-base64 token68 values are refused; padding variants never crash",
          .applies = needs_basic,
          .run = [](Context& ctx) {
            Judged j("non-base64 -> 401/400; altered valid values never authenticate; over-padded or unpadded -> any non-5xx");
            auto alice = ctx.session().user("alice");
            if (!alice) return errored(alice.error().reason);
            for (const std::string& garbage : {std::string("!!!!"), std::string(large_token68_bytes, 'A')}) {
              auto r = ctx.send(basic_user(ctx).with_authorization("Basic " + garbage));
              if (j.reached(r, "garbage token68")) j.part(refused_malformed(*r), "token68 of " + std::to_string(garbage.size()) + " bytes", r);
            }
            auto padded = base64((*alice)->username + ":" + (*alice)->password);
            for (const auto& [what, value] : basic_probes::altered_token68(padded)) {
              auto r = ctx.send(basic_user(ctx).with_authorization("Basic " + value));
              if (!j.reached(r, what)) continue;
              const Verdict v = refused_malformed(*r);
              j.part(v, what + (status::is_success(r->status) ? ": logs alice in (a lenient decoder)" : ""), r);
            }
            // V9: over-padded base64 may be accepted or refused, never 5xx.
            const auto unpadded = padded.substr(0, padded.find('='));
            for (const auto& [what, value] : {std::pair{"over-padded", unpadded + "==="}, std::pair{"unpadded", unpadded}}) {
              auto r = ctx.send(basic_user(ctx).with_authorization("Basic " + value));
              if (j.reached(r, what)) {
                j.part(status::is_server_error(r->status) ? Verdict::fail : Verdict::pass,
                       std::string(what) + (status::is_success(r->status) ? " accepted" : " refused"), r);
              }
            }
            return j.finish();
          }};
}

// RFC 7617 §2: the user-id cannot contain ':'; the first colon separates.
Check splits_at_first_colon() {
  return {.id = "BASIC-08", .level = Level::must,
          .cites = "RFC 7617 §2 (user-id cannot contain ':'; first colon separates)",
          .summary = "no colon -> refused; `alice:<password>:x` refused; erin's password with a colon works",
          .applies = needs_basic,
          .run = [](Context& ctx) {
            Judged j("no colon -> 401; alice:<password>:x -> 401; erin (colon in password) -> 200");
            auto alice = ctx.session().user("alice");
            if (!alice) return errored(alice.error().reason);
            auto r = ctx.send(basic_user(ctx).with_authorization("Basic " + base64((*alice)->username)));
            if (j.reached(r, "no colon")) j.part(refused_malformed(*r), "user-pass without a colon", r);
            // Needs no erin: any Basic target can be asked (V6 skips only the erin part).
            auto tail = ctx.send(basic_user(ctx).with_authorization(
                "Basic " + base64(basic_probes::with_colon_tail((*alice)->username, (*alice)->password))));
            if (j.reached(tail, "colon tail")) {
              const Verdict v = refused_malformed(*tail);
              j.part(v, std::string("alice:<her password>:x") + (status::is_success(tail->status) ? " logs in (split at every colon, tail dropped)" : ""), tail);
            }
            if (const auto* erin = ctx.target().user("erin")) {
              auto e = ctx.send(with_user_basic(basic_user(ctx), *erin));
              if (j.reached(e, "erin")) j.part(e->status == status::ok ? Verdict::pass : Verdict::fail, "erin (password contains ':')", e);
            } else {
              j.skip_part("erin (profile declares no erin)");
            }
            return j.finish();
          }};
}

// RFC 7617 §2: no control characters; a NUL never truncates a field.
Check rejects_control_characters() {
  return {.id = "BASIC-09", .level = Level::must,
          .cites = "RFC 7617 §2 (no control characters in user-id/password)",
          .summary = "NUL, CR or LF in user-id or password never authenticate",
          .applies = needs_basic,
          .run = [](Context& ctx) {
            Judged j("401 or 400 for every variant");
            auto alice = ctx.session().user("alice");
            if (!alice) return errored(alice.error().reason);
            const auto& u = (*alice)->username;
            const auto& p = (*alice)->password;
            const std::pair<std::string, std::string> variants[] = {
                {"NUL in user-id", u + std::string(1, '\0') + "junk:" + p},
                {"NUL after password", u + ":" + p + std::string(1, '\0') + "anything"},
                {"CR in password", u + ":" + p + "\r"},
                {"LF in password", u + ":" + p + "\n"},
            };
            for (const auto& [what, user_pass] : variants) {
              auto r = ctx.send(basic_user(ctx).with_authorization("Basic " + base64(user_pass)));
              if (j.reached(r, what)) j.part(refused_malformed(*r), what, r);
            }
            return j.finish();
          }};
}

// RFC 9110 §11.4: empty credentials never log anyone in.
Check rejects_empty_credentials() {
  return {.id = "BASIC-10", .level = Level::must, .cites = "RFC 9110 §11.4",
          .summary = "empty Basic credentials, ':' and blank user or password are refused",
          .applies = needs_basic,
          .run = [](Context& ctx) {
            Judged j("401 with challenge; never a blank-password login; never 5xx");
            const std::pair<std::string, std::string> variants[] = {
                {"nothing after Basic", "Basic"},
                {"':' only", "Basic " + base64(":")},
                {"blank user", "Basic " + base64(":pw")},
                {"blank password", "Basic " + base64(ctx.target().user("alice") ? ctx.target().user("alice")->username + ":" : "alice:")},
            };
            for (const auto& [what, value] : variants) {
              auto r = ctx.send(basic_user(ctx).with_authorization(value));
              // V1: a 401 is judged without its challenge (BASIC-01/03's subject); another refusal
              // is outside the set but breaks no MUST of this entry, which is about not logging in.
              if (j.reached(r, what)) j.part(judge_refusal(*r, {status::unauthorized}), what, r);
            }
            return j.finish();
          }};
}

// The fixture user whose password is not ASCII (erin), or nullptr: without one no UTF-8 login
// can be judged (V6).
const TestUser* non_ascii_user(const TargetProfile& t) {
  const auto* erin = t.user("erin");
  const auto high_bit = [](char c) { return (static_cast<unsigned char>(c) & non_ascii_bit) != 0; };
  if (erin == nullptr || std::none_of(erin->password.begin(), erin->password.end(), high_bit)) return nullptr;
  return erin;
}

// RFC 7617 §2.1 charset; RFC 8265 §4.2 OpaqueString.
Check handles_utf8_credentials() {
  return {.id = "BASIC-11", .level = Level::should, .cites = "RFC 7617 §2.1; RFC 8265 §4.2 (OpaqueString)",
          .summary = "charset=UTF-8 at most once; erin's UTF-8 (NFC) password works",
          .applies = needs_basic,
          .run = [](Context& ctx) {
            Judged j("charset absent or UTF-8 once; NFC login 200; NFD login may succeed");
            auto r = ctx.send(basic_user(ctx));
            bool charset_seen = false;
            if (j.reached(r, "challenge")) {
              if (auto c = challenge(*r, http::scheme::basic); c && c->count("charset") > 0) {
                charset_seen = true;
                const bool ok = c->count("charset") == 1 && iequals(*c->param("charset"), "UTF-8");
                j.part(ok ? Verdict::pass : Verdict::fail, "charset parameter", r);
              } else {
                j.skip_part("charset (the challenge has none; it is optional)");
              }
            }
            const auto* erin = non_ascii_user(ctx.target());
            if (erin == nullptr) {
              // V10: nothing to judge is SKIP, not PASS.
              if (!charset_seen && j.empty()) {
                return skipped("no charset parameter in the challenge and no non-ASCII fixture user (erin) in the profile");
              }
              j.skip_part("UTF-8 login (profile declares no erin with a non-ASCII password)");
              return j.finish();
            }
            auto nfc = ctx.send(with_user_basic(basic_user(ctx), *erin));
            if (j.reached(nfc, "erin NFC")) j.part(nfc->status == status::ok ? Verdict::pass : Verdict::warn, "erin in NFC", nfc);
            auto nfd = ctx.send(basic_user(ctx).with_basic(erin->username, nfd_latin1(erin->password)));
            if (j.reached(nfd, "erin NFD")) {
              const bool accepted = nfd->status == status::ok;
              const bool expected = ctx.target().flows.nfd_normalization;
              j.part(accepted == expected || !expected ? (status::is_server_error(nfd->status) ? Verdict::fail : Verdict::pass)
                                                       : Verdict::warn,
                     std::string("erin in NFD ") + (accepted ? "accepted" : "refused"), nfd);
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
            Judged j("429/Retry-After or growing delay by the 100th failure; correct password works later");
            auto alice = ctx.session().user("alice");
            if (!alice) return errored(alice.error().reason);
            const auto deadline = std::chrono::steady_clock::now() + throttle_budget;
            double first_ms = 0.0;
            int attempt = 0;
            for (; attempt < throttle_attempts && std::chrono::steady_clock::now() < deadline; ++attempt) {
              auto r = ctx.send(basic_user(ctx).with_basic((*alice)->username, "guess-" + std::to_string(attempt)));
              if (!r) continue;
              if (attempt == 0) first_ms = r->elapsed_ms;
              constexpr double growth = 4.0;
              if (r->status == status::too_many_requests || r->has_header(http::header::retry_after) ||
                  (first_ms > 0 && r->elapsed_ms > growth * first_ms + 100.0)) {
                j.part(attempt < throttle_by ? Verdict::pass : Verdict::fail,
                       "throttled at attempt " + std::to_string(attempt + 1), r);
                return j.finish();
              }
            }
            j.part(Verdict::fail, "no throttling after " + std::to_string(attempt) + " wrong passwords");
            return j.finish();
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
