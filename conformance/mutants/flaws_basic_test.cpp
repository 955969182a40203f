// BASIC mutants (checks.md BASIC-03..13): each test puts one flaw in front of the reference
// server and asserts the catalog's verdict for the one check that judges it.
#include <catch2/catch.hpp>

#include <algorithm>

#include "conformance/http_constants.hpp"
#include "conformance/mutants/expect_verdict.hpp"

namespace authprobe::conformance::mutants {
namespace {


std::string user_of(const std::string& user_pass) { return user_pass.substr(0, user_pass.find(':')); }

// Rewrites every response to a request with Basic credentials that the upstream refused.
Flaw on_refused_login(std::string name, std::function<void(ProxyResponse&, const std::string& user)> edit) {
  return {std::move(name), [edit](ProxyRequest request, const Upstream& upstream) {
            auto response = upstream(request);
            const auto user_pass = request.basic_user_pass();
            if (user_pass && response.status == status::unauthorized) edit(response, user_of(*user_pass));
            return response;
          }};
}

// Rewrites the decoded user-pass before forwarding: what a flawed Basic parser would hand on.
Flaw rewriting_user_pass(std::string name, std::function<std::string(const std::string&)> rewrite) {
  return {std::move(name), [rewrite](ProxyRequest request, const Upstream& upstream) {
            if (const auto user_pass = request.basic_user_pass()) request.set_basic(rewrite(*user_pass));
            return upstream(request);
          }};
}

Flaw wrong_password_403(const TargetProfile&) {
  return on_refused_login("403 for a wrong password", [](ProxyResponse& r, const std::string&) { r.status = status::forbidden; });
}

Flaw wrong_password_without_challenge(const TargetProfile&) {
  return on_refused_login("401 without a challenge for a wrong password",
                          [](ProxyResponse& r, const std::string&) { r.remove_header(header::www_authenticate); });
}

// 403 and no challenge: refused, but not as RFC 9110 §11.4 suggests. The challenge MUST of
// RFC 9110 §15.5.2 binds 401 responses only, so only the status SHOULD is broken.
Flaw wrong_password_403_without_challenge(const TargetProfile&) {
  return on_refused_login("403 without a challenge for a wrong password", [](ProxyResponse& r, const std::string&) {
    r.status = status::forbidden;
    r.remove_header(header::www_authenticate);
  });
}

// A token68 outside the base64 alphabet refused with 403: refused (the MUST of BASIC-07 holds),
// but outside the 401/400 the entry lists.
Flaw garbage_token68_403(const TargetProfile&) {
  return {"403 for a non-base64 token68", [](ProxyRequest request, const Upstream& upstream) {
            if (request.header(header::authorization) == "Basic !!!!") {
              ProxyResponse refusal;
              refusal.set_json(status::forbidden, R"({"detail":"Forbidden"})");
              return refusal;
            }
            return upstream(request);
          }};
}

Flaw unknown_user_told_apart(const TargetProfile& profile) {
  return on_refused_login("\"unknown user\" body", [unknown = profile.unknown_user](ProxyResponse& r, const std::string& user) {
    if (user == unknown) r.set_json(status::unauthorized, R"({"detail":"unknown user"})");
  });
}

Flaw inactive_user_told_apart(const TargetProfile& profile) {
  const auto* carol = profile.user("carol");
  return on_refused_login("\"Inactive user\" for carol", [carol = carol ? carol->username : "carol"](ProxyResponse& r, const std::string& user) {
    if (user == carol) r.set_json(status::bad_request, R"({"detail":"Inactive user"})");
  });
}

// A byte-exact "Basic " prefix test followed by a base64 decoder that refuses the leading space:
// the server sees no usable credentials.
Flaw two_spaces_refused(const TargetProfile&) {
  return {"\"Basic  x\" treated as no credentials", [](ProxyRequest request, const Upstream& upstream) {
            if (const auto value = request.header(header::authorization); value && value->starts_with("Basic  ")) {
              request.remove_header(header::authorization);
            }
            return upstream(request);
          }};
}

// A base64 decoder that throws on characters outside the alphabet, uncaught: 500.
Flaw decoder_throws(const TargetProfile&) {
  return {"500 from the base64 decoder", [](ProxyRequest request, const Upstream& upstream) {
            const auto value = request.header(header::authorization).value_or("");
            const auto token68 = value.substr(std::min(value.size(), value.find(' ') + 1));
            const bool alphabet = std::all_of(token68.begin(), token68.end(), [](char c) {
              return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/' || c == '=';
            });
            if (value.starts_with("Basic ") && !alphabet) {
              ProxyResponse crash;
              crash.status = status::internal_server_error;
              crash.body = "internal error";
              return crash;
            }
            return upstream(request);
          }};
}

// Splits user-pass at every colon and keeps the first two parts (checks.md BASIC-08 ✗).
Flaw split_drops_tail(const TargetProfile&) {
  return rewriting_user_pass("split at every colon, tail dropped", [](const std::string& user_pass) {
    const auto first = user_pass.find(':');
    if (first == std::string::npos) return user_pass;
    const auto second = user_pass.find(':', first + 1);
    return second == std::string::npos ? user_pass : user_pass.substr(0, second);
  });
}

// Hands the decoded credentials on as a C string: a NUL truncates them (checks.md BASIC-09 ✗).
Flaw nul_truncates(const TargetProfile&) {
  return rewriting_user_pass("credentials cut at NUL (c_str handoff)",
                             [](const std::string& user_pass) { return user_pass.substr(0, user_pass.find('\0')); });
}

// Decodes the credentials as Latin-1: every byte >= 0x80 becomes its own character, so UTF-8
// passwords can never match (checks.md BASIC-11 ✗).
Flaw latin1_decoding(const TargetProfile&) {
  return rewriting_user_pass("credentials decoded as Latin-1", [](const std::string& user_pass) {
    constexpr unsigned high = 0x80U;
    constexpr unsigned lead = 0xC0U;
    constexpr unsigned six_bits = 0x3FU;
    constexpr unsigned shift = 6U;
    std::string out;
    for (const char c : user_pass) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte < high) {
        out += c;
      } else {
        out += static_cast<char>(lead | (byte >> shift));
        out += static_cast<char>(high | (byte & six_bits));
      }
    }
    return out;
  });
}

Flaw realm_twice(const TargetProfile&) {
  return {"realm twice in the Basic challenge", [](ProxyRequest request, const Upstream& upstream) {
            auto response = upstream(request);
            const auto challenge = response.header(header::www_authenticate);
            if (challenge && challenge->starts_with("Basic")) response.set_header(header::www_authenticate, *challenge + ", realm=\"other\"");
            return response;
          }};
}

}  // namespace

TEST_CASE("BASIC checks pass through the proxy with no flaw", "[http][mutant]") {
  const std::vector<std::string> ids{"BASIC-03", "BASIC-04", "BASIC-05", "BASIC-06", "BASIC-07", "BASIC-08",
                                     "BASIC-09", "BASIC-11", "BASIC-12"};
  auto verdicts = run_through([](const TargetProfile&) { return testing::no_flaw(); }, selecting(ids));
  for (const auto& id : ids) {
    INFO(id << " " << describe(verdicts[Judgement::strict][id]));
    CHECK(verdicts[Judgement::strict][id].verdict == Verdict::pass);
  }
}

TEST_CASE("BASIC-03 warns when a wrong password gets 403", "[http][mutant]") {
  expect_verdict(Verdict::warn, wrong_password_403, "BASIC-03");
}

TEST_CASE("BASIC-03 fails when a wrong password gets 401 without a challenge", "[http][mutant]") {
  expect_verdict(Verdict::fail, wrong_password_without_challenge, "BASIC-03");
}

// V3: a refusal outside 401 takes the level of what it breaks, here the status SHOULD only.
TEST_CASE("BASIC-03 warns, not fails, when a wrong password gets 403 without a challenge", "[http][mutant]") {
  expect_verdict(Verdict::warn, wrong_password_403_without_challenge, "BASIC-03");
}

TEST_CASE("BASIC-04 fails when an unknown user is told apart", "[http][mutant]") {
  expect_verdict(Verdict::fail, unknown_user_told_apart, "BASIC-04");
}

TEST_CASE("BASIC-04 fails in strict and lenient when a disabled user gets \"Inactive user\" (D12)", "[http][mutant]") {
  auto verdicts = run_through(inactive_user_told_apart, selecting({"BASIC-04"}, {Judgement::strict, Judgement::lenient}));
  for (const auto judgement : {Judgement::strict, Judgement::lenient}) {
    const auto& f = verdicts[judgement]["BASIC-04"];
    INFO(to_string(judgement) << " " << describe(f));
    CHECK(f.verdict == Verdict::fail);
    CHECK(std::find(f.deviations.begin(), f.deviations.end(), "D12") != f.deviations.end());
  }
}

TEST_CASE("BASIC-06 warns when two spaces after Basic are refused", "[http][mutant]") {
  expect_verdict(Verdict::warn, two_spaces_refused, "BASIC-06");
}

TEST_CASE("BASIC-07 fails when the base64 decoder crashes on garbage", "[http][mutant]") {
  expect_verdict(Verdict::fail, decoder_throws, "BASIC-07");
}

// V3: outside the listed 401/400 but no MUST broken (the MUST is "no success"): WARN, not PASS.
TEST_CASE("BASIC-07 warns when a non-base64 token68 is refused with 403", "[http][mutant]") {
  expect_verdict(Verdict::warn, garbage_token68_403, "BASIC-07");
}

TEST_CASE("BASIC-08 fails when user-pass is split at every colon", "[http][mutant]") {
  expect_verdict(Verdict::fail, split_drops_tail, "BASIC-08");
}

// V6/V10: the `alice:<password>:x` probe needs no erin, so the split fault is caught without her.
TEST_CASE("BASIC-08 fails without erin when user-pass is split at every colon", "[http][mutant]") {
  const auto without_erin = [](TargetProfile& profile) { profile.users.erase("erin"); };
  auto control = run_through([](const TargetProfile&) { return testing::no_flaw(); }, selecting({"BASIC-08"}, {Judgement::strict}, without_erin));
  const auto& c = control[Judgement::strict]["BASIC-08"];
  INFO(describe(c));
  CHECK(c.verdict == Verdict::pass);
  CHECK(c.detail.find("erin") != std::string::npos);  // the part not run is named
  auto flawed = run_through(split_drops_tail, selecting({"BASIC-08"}, {Judgement::strict}, without_erin));
  const auto& f = flawed[Judgement::strict]["BASIC-08"];
  INFO(describe(f));
  CHECK(f.verdict == Verdict::fail);
  CHECK(f.actual.find("split at every colon") != std::string::npos);
}

TEST_CASE("BASIC-09 fails when a NUL truncates the password", "[http][mutant]") {
  expect_verdict(Verdict::fail, nul_truncates, "BASIC-09");
}

TEST_CASE("BASIC-11 warns when credentials are decoded as Latin-1", "[http][mutant]") {
  expect_verdict(Verdict::warn, latin1_decoding, "BASIC-11");
}

// BASIC-12 is run-wide: it reads the challenges other checks caused, so BASIC-01 runs with it.
TEST_CASE("BASIC-12 fails when a challenge carries realm twice", "[http][mutant]") {
  expect_verdict(Verdict::fail, realm_twice, "BASIC-12", Judgement::strict, {"BASIC-01"});
}

}  // namespace authprobe::conformance::mutants
