// HASH — password storage, as far as it shows on the wire (checks.md HASH-01..13).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "conformance/checks/checks.hpp"
#include "conformance/checks/hash_stats.hpp"
#include "conformance/checks/token_support.hpp"

namespace authprobe::conformance {
namespace {

using namespace support;
using namespace token;
namespace status = http::status;

constexpr std::size_t bcrypt_limit = 72;
constexpr std::size_t over_policy_length = 129;
constexpr std::size_t huge_password = 1U << 20U;
constexpr int timing_samples = 200;            // HASH-06: 200 interleaved attempts each
constexpr std::chrono::seconds timing_budget{120};
constexpr std::size_t min_timing_pairs = 20;    // HASH-06: fewer pairs prove nothing
constexpr int throttled_pairs_to_stop = 5;      // HASH-06: the target is throttling; stop asking
constexpr int heuristic_samples = 15;          // HASH-07
constexpr double fast_hash_ms = 1.0;
constexpr double significance = 0.01;
constexpr int min_storm_probes = 10;           // HASH-08
constexpr int max_storm_probes = 200;
constexpr std::chrono::milliseconds storm_probe_gap{5};

// A login attempt with `password` for a fixture user through the token endpoint, or Basic when
// the target has no token endpoint.
std::optional<Request> login(const Context& ctx, const TestUser& user, const std::string& password) {
  if (ctx.target().endpoints.token && ctx.target().flows.password_grant) {
    return token_post(ctx, {{"grant_type", "password"}, {"username", user.username}, {"password", password}});
  }
  if (ctx.target().endpoints.basic_user && ctx.target().flows.basic) {
    return request_for(*ctx.target().endpoints.basic_user).with_basic(user.username, password);
  }
  return std::nullopt;
}

bool succeeded(const Response& r) { return r.status == status::ok; }
bool throttled(const Response& r) { return r.status == status::too_many_requests; }

std::optional<std::string> needs_login(const TargetProfile& t) {
  if ((t.endpoints.token && t.flows.password_grant) || (t.endpoints.basic_user && t.flows.basic)) return std::nullopt;
  return "the profile declares neither a token endpoint nor a Basic resource";
}

// Runs `variants` for a user: `expect_success` says which must log in.
Finding judge_logins(Context& ctx, std::string_view who, const std::vector<std::tuple<std::string, std::string, bool>>& variants,
                     std::string expected, Verdict miss = Verdict::fail) {
  Judged j(std::move(expected));
  const auto* user = ctx.target().user(who);
  if (user == nullptr) return skipped("profile declares no fixture user '" + std::string(who) + "' (V6)");
  for (const auto& [what, password, expect_success] : variants) {
    auto request = login(ctx, *user, password);
    if (!request) return skipped("no login endpoint");
    auto r = ctx.send(*request);
    if (!j.reached(r, what)) continue;
    const bool ok = succeeded(*r) == expect_success && !status::is_server_error(r->status);
    j.part(ok ? Verdict::pass : (expect_success && !status::is_server_error(r->status) ? miss : Verdict::fail),
           with_owner(ctx.target(), what, *r), r);
  }
  return j.finish();
}

Check refuses_truncated_long_passwords() {
  return {.id = "HASH-01", .level = Level::owasp, .cites = "ASVS 4.0.3 V2.1.3; OWASP Password Storage CS (bcrypt 72-byte limit)",
          .summary = "dave's 80-byte password never matches on its first 72 bytes",
          .applies = needs_login,
          .run = [](Context& ctx) {
            const auto* dave = ctx.target().user("dave");
            if (dave == nullptr) return skipped("profile declares no fixture user 'dave' (V6)");
            const auto prefix = dave->password.substr(0, bcrypt_limit);
            return judge_logins(ctx, "dave", {{"P[:72] + XXXXXXXX", prefix + "XXXXXXXX", false}, {"P[:72]", prefix, false}, {"P", dave->password, true}},
                                "only the full password succeeds");
          }};
}

Check refuses_nul_truncation() {
  return {.id = "HASH-02", .level = Level::owasp, .cites = "ASVS 4.0.3 V2.1.3",
          .summary = "alice's password followed by NUL and garbage is refused",
          .applies = needs_login,
          .run = [](Context& ctx) {
            const auto* alice = ctx.target().user("alice");
            if (alice == nullptr) return skipped("profile declares no fixture user 'alice'");
            return judge_logins(ctx, "alice", {{"password + \\0garbage", alice->password + std::string(1, '\0') + "garbage", false}},
                                "refused (no C-string truncation)");
          }};
}

Check bounds_password_length() {
  return {.id = "HASH-03", .level = Level::owasp, .cites = "ASVS 4.0.3 V2.1.2 (≥64 allowed, >128 refused)",
          .summary = "64-character passwords work; 129 and 1 MiB are refused without a crash",
          .applies = needs_login,
          .run = [](Context& ctx) {
            Judged j("64 chars: 200; 129: refused or accepted by policy; 1 MiB: 4xx quickly, never 5xx");
            if (const auto* bob = ctx.target().user("bob"); bob != nullptr && bob->password.size() >= 64) {
              if (auto request = login(ctx, *bob, bob->password)) {
                auto r = ctx.send(*request);
                if (j.reached(r, "64")) {
                  j.part(succeeded(*r) ? Verdict::pass : Verdict::fail,
                         with_owner(ctx.target(), std::to_string(bob->password.size()) + "-character password", *r), r);
                }
              }
            } else {
              j.skip_part("64-character password (profile declares no bob with one)");
            }
            const auto* alice = ctx.target().user("alice");
            if (alice == nullptr) return j.finish();
            for (const std::size_t length : {over_policy_length, huge_password}) {
              auto request = login(ctx, *alice, std::string(length, 'p'));
              if (!request) break;
              auto r = ctx.send(*request);
              if (!r && r.error().kind == TransportKind::closed) {
                j.part(Verdict::pass, std::to_string(length) + "-byte password: connection closed");
                continue;
              }
              if (j.reached(r, "long")) {
                j.part(status::is_success(r->status) || status::is_server_error(r->status) ? Verdict::fail : Verdict::pass,
                       with_owner(ctx.target(), std::to_string(length) + "-byte password (" + std::to_string(static_cast<int>(r->elapsed_ms)) + " ms)", *r), r);
              }
            }
            return j.finish();
          }};
}

Check accepts_unicode_passwords() {
  return {.id = "HASH-04", .level = Level::owasp, .cites = "ASVS 4.0.3 V2.1.4; NIST SP 800-63B §5.1.1.2; RFC 8265 §4.2",
          .summary = "erin's non-ASCII password works in NFC (NFD only if the server normalizes)",
          .applies = needs_login,
          .run = [](Context& ctx) {
            const auto* erin = ctx.target().user("erin");
            if (erin == nullptr) return skipped("profile declares no fixture user 'erin' (V6)");
            std::vector<std::tuple<std::string, std::string, bool>> variants{{"NFC", erin->password, true}};
            if (ctx.target().flows.nfd_normalization) variants.emplace_back("NFD", nfd_latin1(erin->password), true);
            return judge_logins(ctx, "erin", variants, "NFC works; NFD works if the server normalizes");
          }};
}

Check refuses_altered_passwords() {
  return {.id = "HASH-05", .level = Level::owasp, .cites = "ASVS 4.0.3 V2.1.3",
          .summary = "upper-cased or space-padded variants of alice's password are refused",
          .applies = needs_login,
          .run = [](Context& ctx) {
            const auto* alice = ctx.target().user("alice");
            if (alice == nullptr) return skipped("profile declares no fixture user 'alice'");
            std::string upper = alice->password;
            std::transform(upper.begin(), upper.end(), upper.begin(), [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
            std::vector<std::tuple<std::string, std::string, bool>> variants{{"leading space", " " + alice->password, false},
                                                                              {"trailing space", alice->password + " ", false}};
            if (upper != alice->password) variants.emplace_back("upper-cased", upper, false);
            return judge_logins(ctx, "alice", variants, "all refused");
          }};
}

Check equalizes_unknown_user_timing() {
  return {.id = "HASH-06", .level = Level::owasp, .cites = "OWASP Authentication CS (response discrepancy, timing)",
          .summary = "unknown users and wrong passwords take the same time (V9)",
          .applies = needs_login,
          .run = [](Context& ctx) {
            Judged j("median difference < max(10 % of the wrong-password median, 0.5 ms)");
            const auto* alice = ctx.target().user("alice");
            if (alice == nullptr) return skipped("profile declares no fixture user 'alice'");
            TestUser zed{ctx.target().unknown_user, "", {}, {}, false};
            std::vector<double> unknown;
            std::vector<double> wrong;
            const auto deadline = std::chrono::steady_clock::now() + timing_budget;
            int throttled_in_a_row = 0;
            for (int i = 0; i < timing_samples && std::chrono::steady_clock::now() < deadline &&
                            throttled_in_a_row < throttled_pairs_to_stop;
                 ++i) {
              auto u = ctx.send(*login(ctx, zed, "wrong-password-Zz9"));
              auto w = ctx.send(*login(ctx, *alice, "wrong-password-Zz9"));
              if (!u || !w) continue;
              // A 429 is refused before any hashing: its time says nothing about the login path.
              if (throttled(*u) || throttled(*w)) {
                ++throttled_in_a_row;
                continue;
              }
              throttled_in_a_row = 0;
              unknown.push_back(u->elapsed_ms);
              wrong.push_back(w->elapsed_ms);
            }
            if (unknown.size() < min_timing_pairs) {
              if (throttled_in_a_row > 0) {
                return skipped("the target throttled the failed logins (429) after " + std::to_string(unknown.size()) +
                               " pairs: timing is not observable; measure with login throttling switched off");
              }
              return errored("too few timing samples (" + std::to_string(unknown.size()) + ")");
            }
            const double mu = median(unknown);
            const double mw = median(wrong);
            const double p = mann_whitney_p(unknown, wrong);
            j.part(timing_indistinguishable(mu, mw) ? Verdict::pass : Verdict::fail,
                   "median unknown " + std::to_string(mu) + " ms, wrong password " + std::to_string(mw) + " ms, Mann-Whitney p = " +
                       std::to_string(p) + ", n = " + std::to_string(unknown.size()));
            return j.finish();
          }};
}

// HASH-07's yardstick is a request refused before any password is hashed. A bad grant_type is one
// only on a server that reads grant_type first: a server that ignores it logs that request in, and
// timing a login against a login says "fast hash" about any server (V10). So each candidate is first
// shown to be refused, and only refused samples are timed.
struct EarlyRejection {
  std::string what;
  FormParams params;
};

std::vector<EarlyRejection> early_rejections(const FormParams& alice) {
  FormParams bad_grant = alice;
  bad_grant[0].second = "not-a-grant";
  return {{"grant_type=not-a-grant", bad_grant}, {"grant_type=password without username and password", {alice[0]}}};
}

bool refused_early(const Response& r) {
  return !issued_token(r) && status::is_client_error(r.status) && !throttled(r);
}

Check uses_costly_hash() {
  return {.id = "HASH-07", .level = Level::owasp, .cites = "OWASP Password Storage CS",
          .summary = "a correct login costs measurably more than a request rejected before hashing",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j(">= 1 ms difference -> PASS; < 1 ms -> WARN (never FAIL)");
            auto params = password_params(ctx);
            if (!params) return skipped("profile declares no fixture user 'alice'");
            std::optional<EarlyRejection> cheap;
            std::string not_refused;
            for (auto& candidate : early_rejections(*params)) {
              auto proof = ctx.send(token_post(ctx, candidate.params));
              if (proof && refused_early(*proof)) {
                cheap = std::move(candidate);
                break;
              }
              not_refused += (not_refused.empty() ? "" : "; ") + candidate.what + " -> " +
                             (proof ? with_owner(ctx.target(), describe(*proof), *proof) : std::string("no response"));
              j.evidence(proof);
            }
            if (!cheap) return skipped("no request the target refuses before hashing, so nothing to time a login against: " + not_refused);
            std::vector<double> good;
            std::vector<double> rejected;
            for (int i = 0; i < heuristic_samples; ++i) {
              auto g = ctx.send(token_post(ctx, *params));
              auto c = ctx.send(token_post(ctx, cheap->params));
              if (g && succeeded(*g)) good.push_back(g->elapsed_ms);
              if (c && refused_early(*c)) rejected.push_back(c->elapsed_ms);
            }
            if (good.empty() || rejected.empty()) return errored("no timing samples");
            const double difference = median(good) - median(rejected);
            std::string note = "correct login minus early rejection (" + cheap->what + "): " + std::to_string(difference) + " ms";
            if (!not_refused.empty()) note += "; not used, as not refused: " + not_refused;
            j.part(difference >= fast_hash_ms ? Verdict::pass : Verdict::warn, note);
            return j.finish();
          }};
}

Check stays_responsive_during_login_storm() {
  return {.id = "HASH-08", .level = Level::should, .cites = "RFC 6749 §4.3.2 (brute-force protection); OWASP Password Storage CS",
          .summary = "a cheap endpoint keeps answering during 64 concurrent logins",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("the cheap endpoint answers every probe during the storm");
            auto params = password_params(ctx);
            if (!params) return skipped("profile declares no fixture user 'alice'");
            constexpr int storm = 64;
            const auto request = token_post(ctx, *params);
            const auto settings = ctx.probe().settings();
            std::atomic<int> in_flight{storm};
            std::vector<std::thread> threads;
            for (int i = 0; i < storm; ++i) {
              threads.emplace_back([&settings, &request, &in_flight] {
                Probe own(settings);  // each thread its own probe: the run log is not shared
                (void)own.send(request);
                --in_flight;
              });
            }
            // Probes are spread over the whole storm, not fired in its first millisecond (before the
            // logins reach the server, they prove nothing): at least min_storm_probes, and on while
            // any login is in flight, bounded by max_storm_probes.
            std::vector<double> latencies;
            int failures = 0;
            int probes = 0;
            for (; probes < max_storm_probes && (probes < min_storm_probes || in_flight.load() > 0); ++probes) {
              auto r = ctx.send(req::get(ctx.target().endpoints.not_found));
              if (r && !status::is_server_error(r->status)) {
                latencies.push_back(r->elapsed_ms);
              } else {
                ++failures;
              }
              std::this_thread::sleep_for(storm_probe_gap);
            }
            for (auto& t : threads) t.join();
            const std::string p50 = latencies.empty() ? "n/a" : std::to_string(median(latencies));
            j.part(failures == 0 ? Verdict::pass : Verdict::warn, std::to_string(failures) + " of " + std::to_string(probes) + " probes failed; p50 " + p50 + " ms");
            return j.finish();
          }};
}

Check inside(std::string id, Level level, std::string cites, std::string summary) {
  return {.id = std::move(id), .level = level, .cites = std::move(cites), .mode = Mode::inside_only, .summary = std::move(summary),
          .applies = inside_only, .run = [](Context&) { return skipped(std::string(not_observable)); }};
}

}  // namespace

std::vector<Check> hash_checks() {
  return {refuses_truncated_long_passwords(),
          refuses_nul_truncation(),
          bounds_password_length(),
          accepts_unicode_passwords(),
          refuses_altered_passwords(),
          trips_throttle(equalizes_unknown_user_timing()),
          slow(uses_costly_hash()),
          slow(stays_responsive_during_login_storm()),
          inside("HASH-09", Level::owasp, "OWASP Password Storage CS; ASVS 4.0.3 V2.4.1, V2.4.3, V2.4.4", "stored hashes use memory-hard parameters at OWASP minimums"),
          inside("HASH-10", Level::owasp, "ASVS 4.0.3 V2.4.2", "unique salt per credential"),
          inside("HASH-11", Level::should, "OWASP Password Storage CS (upgrading legacy hashes / work factors)", "weak hashes are re-hashed on login"),
          inside("HASH-12", Level::owasp, "OWASP Password Storage CS (pre-hashing with bcrypt)", "pre-hashing, if any, is keyed and encoded"),
          inside("HASH-13", Level::owasp, "ASVS 4.0.3 V2.4.5; RFC 6819 §5.1.4.1.3", "pepper outside the database; client secrets hashed")};
}

}  // namespace authprobe::conformance
