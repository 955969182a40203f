// BASIC mutants for the decoding faults real Basic stacks showed (checks.md BASIC-05/07/11, V10):
// a scheme name that is never looked at, a base64 decoder that skips what it cannot read, and a
// challenge without charset on a profile without a non-ASCII user.
#include <catch2/catch.hpp>

#include <cctype>
#include <regex>

#include "conformance/http_constants.hpp"
#include "conformance/mutants/expect_verdict.hpp"

namespace authprobe::conformance::mutants {
namespace {


// Reads the token68 after any scheme name and logs in with it when it decodes to user-pass: the
// scheme name is never compared (checks.md BASIC-05 ✗, "a popular Flask extension").
Flaw scheme_name_ignored(const TargetProfile&) {
  return {"any scheme name read as Basic", [](ProxyRequest request, const Upstream& upstream) {
            const auto value = request.header(header::authorization).value_or("");
            if (const auto space = value.find(' '); space != std::string::npos) {
              const auto user_pass = testing::base64_decode(std::string_view(value).substr(space + 1));
              if (user_pass && user_pass->find(':') != std::string::npos) request.set_basic(*user_pass);
            }
            return upstream(request);
          }};
}

// Python's base64.b64decode without validate=True: characters outside the alphabet are dropped
// and decoding ends with the padding (checks.md BASIC-07 ✗).
std::optional<std::string> lenient_base64_decode(std::string_view text) {
  std::string kept;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/' || c == '=') kept += c;
  }
  if (const auto pad = kept.find('='); pad != std::string::npos) {
    if (const auto after = kept.find_first_not_of('=', pad); after != std::string::npos) kept.resize(after);
  }
  return testing::base64_decode(kept);
}

Flaw lenient_base64(const TargetProfile&) {
  return {"base64 decoded leniently (invalid characters skipped, stop at padding)", [](ProxyRequest request, const Upstream& upstream) {
            const auto value = request.header(header::authorization).value_or("");
            constexpr std::string_view basic = "Basic ";
            if (value.starts_with(basic)) {
              if (const auto user_pass = lenient_base64_decode(std::string_view(value).substr(basic.size()))) request.set_basic(*user_pass);
            }
            return upstream(request);
          }};
}

// A Basic challenge without its (optional) charset parameter.
Flaw charset_dropped(const TargetProfile&) {
  return {"no charset in the Basic challenge", [](ProxyRequest request, const Upstream& upstream) {
            auto response = upstream(request);
            static const std::regex charset(R"(,\s*charset="[^"]*")", std::regex::icase);
            for (auto& [name, value] : response.headers) {
              if (name == header::www_authenticate) value = std::regex_replace(value, charset, "");
            }
            return response;
          }};
}

void without_erin(TargetProfile& profile) { profile.users.erase("erin"); }

Finding judge(const FlawFactory& flaw, const std::string& id, std::function<void(TargetProfile&)> adjust = {}) {
  auto verdicts = run_through(flaw, selecting({id}, {Judgement::strict}, std::move(adjust)));
  return verdicts[Judgement::strict][id];
}

Flaw no_flaw(const TargetProfile&) { return testing::no_flaw(); }

}  // namespace

TEST_CASE("BASIC-05 fails when alice's token68 logs in under another scheme name", "[http][mutant]") {
  const auto control = judge(no_flaw, "BASIC-05");
  check_verdict(Verdict::pass, control);
  const auto f = judge(scheme_name_ignored, "BASIC-05");
  INFO(describe(f));
  CHECK(f.verdict == Verdict::fail);
  CHECK(f.actual.find("Foo") != std::string::npos);
}

TEST_CASE("BASIC-07 fails when a lenient decoder logs in alice's token68 with junk inside or after the padding", "[http][mutant]") {
  const auto control = judge(no_flaw, "BASIC-07");
  check_verdict(Verdict::pass, control);
  const auto f = judge(lenient_base64, "BASIC-07");
  INFO(describe(f));
  CHECK(f.verdict == Verdict::fail);
  CHECK(f.actual.find("inside the valid token68: logs alice in") != std::string::npos);
  // Padded or not depends on the length of alice's password; either label names the same probe.
  const bool junk_after = f.actual.find("junk after the padding: logs alice in") != std::string::npos ||
                          f.actual.find("(no padding): logs alice in") != std::string::npos;
  CHECK(junk_after);
}

TEST_CASE("BASIC-11 skips with no charset in the challenge and no non-ASCII user, and judges either when present", "[http][mutant]") {
  const auto nothing = judge(charset_dropped, "BASIC-11", without_erin);
  check_verdict(Verdict::skip, nothing);
  const auto erin_only = judge(charset_dropped, "BASIC-11");
  check_verdict(Verdict::pass, erin_only);
  const auto charset_only = judge(no_flaw, "BASIC-11", without_erin);
  check_verdict(Verdict::pass, charset_only);
}

}  // namespace authprobe::conformance::mutants
