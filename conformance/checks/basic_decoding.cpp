// BASIC-05..11 — how Basic credentials are read: the scheme name, the whitespace after it, the
// base64 of the token68, the colon that splits user-pass, control characters, empty values and
// UTF-8 (RFC 7617 §2, §2.1 on the RFC 9110 §11 framework).
#include <algorithm>

#include "conformance/checks/basic_parts.hpp"
#include "conformance/checks/basic_probes.hpp"

namespace authprobe::conformance {
namespace {

using namespace support;
using basic_probes::judge_refusal;
namespace status = http::status;

constexpr std::size_t large_token68_bytes = 4096;
constexpr unsigned non_ascii_bit = 0x80U;  // set in every byte of a UTF-8 multi-byte sequence

// The refusals RFC 7617 leaves open for a malformed or wrong credential (BASIC-07/08/09).
Verdict refused_malformed(const Response& r) { return judge_refusal(r, {status::unauthorized, status::bad_request}); }

// The fixture user whose password is not ASCII (erin), or nullptr: without one no UTF-8 login
// can be judged (V6).
const TestUser* non_ascii_user(const TargetProfile& t) {
  const auto* erin = t.user("erin");
  const auto high_bit = [](char c) { return (static_cast<unsigned char>(c) & non_ascii_bit) != 0; };
  if (erin == nullptr || std::none_of(erin->password.begin(), erin->password.end(), high_bit)) return nullptr;
  return erin;
}

}  // namespace

// RFC 9110 §11.1: the scheme name is case-insensitive, and it is what selects RFC 7617: the same
// token68 under any other scheme name is not Basic credentials.
Check accepts_any_scheme_case() {
  return {.id = "BASIC-05", .level = Level::must,
          .cites = "RFC 9110 §11.1 (scheme tokens compare case-insensitively); RFC 7617 §2",
          .summary = "`basic` and `BASIC` work like `Basic`; the token68 under another scheme name does not",
          .applies = needs_basic,
          .run = [](Context& ctx) {
            Judged j("200 for both spellings; 401 under any other scheme name");
            auto alice = ctx.session().basic_user("alice");
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
            auto alice = ctx.session().basic_user("alice");
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
            auto alice = ctx.session().basic_user("alice");
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
            auto alice = ctx.session().basic_user("alice");
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
            if (const auto* erin = ctx.session().basic_identity("erin")) {
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
            auto alice = ctx.session().basic_user("alice");
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
                {"blank password", "Basic " + base64(ctx.session().basic_identity("alice") ? ctx.session().basic_identity("alice")->username + ":" : "alice:")},
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

}  // namespace authprobe::conformance
