// `authprobe jwt` through its command function, as main() runs it: verify checks the claims by
// default and says when an expired token expired, --signature-only checks the signature alone, a
// token with a kid names it when the key was given none, and mint writes client_id.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reference/jose/jwt.hpp"
#include "tools/commands/command.hpp"
#include "tools/commands/jwt_claim_check.hpp"

namespace {

using namespace authprobe;
using namespace authprobe::jose;

constexpr std::int64_t two_hours = 2 * 60 * 60;
constexpr std::int64_t ten_minutes = 10 * 60;
const std::string secret = "jwt-command-test-secret-0123456789abcdef";

std::int64_t seconds_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// A directory of its own holding the HS256 secret, removed at the end.
struct KeyFile {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("authprobe-jwt-test-" + new_token_id().value());
  std::filesystem::path path = dir / "hs256.key";
  KeyFile() {
    std::filesystem::create_directories(dir);
    std::ofstream(path, std::ios::binary) << secret << '\n';
  }
  ~KeyFile() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  KeyFile(const KeyFile&) = delete;
  KeyFile& operator=(const KeyFile&) = delete;
};

struct Ran {
  int exit = -1;
  std::string out;
  std::string err;
};

// `authprobe jwt ARGS...` as main() would run it, stdout and stderr captured.
Ran authprobe_jwt(std::vector<std::string> args) {
  CLI::App app{"authprobe"};
  const tools::Command command = tools::add_jwt_command(app);
  args.insert(args.begin(), {"authprobe", "jwt"});
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  app.parse(static_cast<int>(argv.size()), argv.data());
  std::ostringstream out;
  std::ostringstream err;
  auto* const old_out = std::cout.rdbuf(out.rdbuf());
  auto* const old_err = std::cerr.rdbuf(err.rdbuf());
  Ran ran;
  try {
    ran.exit = command.run();
  } catch (...) {
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    throw;
  }
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  ran.out = out.str();
  ran.err = err.str();
  return ran;
}

// A token signed with the test secret (kid when given) carrying `claims`.
std::string token_with(const Claims& claims, std::string kid = {}) {
  auto key = Key::hmac(secret, Algorithm::HS256, std::move(kid));
  REQUIRE(key);
  auto token = mint_access_token(claims, *key);
  REQUIRE(token);
  return *token;
}

Claims claims_at(std::int64_t iat, std::int64_t exp) {
  Claims claims;
  claims.iss = "http://127.0.0.1";
  claims.sub = "alice";
  claims.aud = {"authprobe-api"};
  claims.iat = iat;
  claims.exp = exp;
  return claims;
}

std::vector<std::string> verify_args(const std::string& token, const KeyFile& key) {
  return {"verify", token, "--key-file", key.path.string(), "--alg", "HS256"};
}

nlohmann::json payload_of(const std::string& token) {
  auto jws = decode_unverified(token);
  REQUIRE(jws);
  return nlohmann::json::parse(jws->payload);
}

}  // namespace

TEST_CASE("jwt verify refuses an expired token and says when it expired, in UTC, and how long ago", "[unit]") {
  const KeyFile key;
  const std::int64_t now = seconds_now();
  const std::int64_t expired = now - two_hours;
  const auto ran = authprobe_jwt(verify_args(token_with(claims_at(expired - ten_minutes, expired)), key));
  INFO(ran.err);
  CHECK(ran.exit == tools::exit_code::failed);
  CHECK(ran.err.find("expired at " + tools::utc_time(expired) + " (2 h") != std::string::npos);
  CHECK(ran.err.find(" ago)") != std::string::npos);
  CHECK(ran.out.empty());
}

TEST_CASE("jwt verify --signature-only accepts the same expired token: the signature holds", "[unit]") {
  const KeyFile key;
  const std::int64_t expired = seconds_now() - two_hours;
  auto args = verify_args(token_with(claims_at(expired - ten_minutes, expired)), key);
  args.emplace_back("--signature-only");
  const auto ran = authprobe_jwt(args);
  INFO(ran.err);
  CHECK(ran.exit == tools::exit_code::ok);
  CHECK(ran.out.find("valid signature (claims not checked") != std::string::npos);
}

TEST_CASE("jwt verify accepts a token within its lifetime and says when it expires", "[unit]") {
  const KeyFile key;
  const std::int64_t now = seconds_now();
  const auto ran = authprobe_jwt(verify_args(token_with(claims_at(now, now + ten_minutes)), key));
  INFO(ran.err);
  CHECK(ran.exit == tools::exit_code::ok);
  CHECK(ran.out.find("valid: signature and claims; expires at " + tools::utc_time(now + ten_minutes)) != std::string::npos);
}

TEST_CASE("jwt verify refuses a token whose nbf or iat lies in the future, and one with a wrong signature", "[unit]") {
  const KeyFile key;
  const std::int64_t now = seconds_now();
  Claims not_yet = claims_at(now, now + two_hours);
  not_yet.nbf = now + ten_minutes + ten_minutes;
  auto ran = authprobe_jwt(verify_args(token_with(not_yet), key));
  CHECK(ran.exit == tools::exit_code::failed);
  CHECK(ran.err.find("not valid before " + tools::utc_time(not_yet.nbf)) != std::string::npos);

  ran = authprobe_jwt(verify_args(token_with(claims_at(now + ten_minutes, now + two_hours)), key));
  CHECK(ran.exit == tools::exit_code::failed);
  CHECK(ran.err.find("issued at " + tools::utc_time(now + ten_minutes) + ", ") != std::string::npos);
  CHECK(ran.err.find("in the future") != std::string::npos);

  const auto other = Key::hmac("another-secret-of-enough-length-0123456789", Algorithm::HS256);
  REQUIRE(other);
  const auto forged = mint_access_token(claims_at(now, now + ten_minutes), *other);
  REQUIRE(forged);
  ran = authprobe_jwt(verify_args(*forged, key));
  CHECK(ran.exit == tools::exit_code::failed);
  CHECK(ran.err.find("signature does not verify") != std::string::npos);
}

TEST_CASE("jwt verify checks iss and aud only when given, each on its own", "[unit]") {
  const KeyFile key;
  const std::int64_t now = seconds_now();
  const std::string token = token_with(claims_at(now, now + ten_minutes));
  auto args = verify_args(token, key);
  args.insert(args.end(), {"--issuer", "https://other.example"});
  auto ran = authprobe_jwt(args);
  CHECK(ran.exit == tools::exit_code::failed);
  CHECK(ran.err.find("iss is \"http://127.0.0.1\", expected \"https://other.example\" (--issuer)") != std::string::npos);

  args = verify_args(token, key);
  args.insert(args.end(), {"--audience", "another-api"});
  ran = authprobe_jwt(args);
  CHECK(ran.exit == tools::exit_code::failed);
  CHECK(ran.err.find("does not include \"another-api\" (--audience)") != std::string::npos);

  args = verify_args(token, key);
  args.insert(args.end(), {"--issuer", "http://127.0.0.1", "--audience", "authprobe-api"});
  ran = authprobe_jwt(args);
  INFO(ran.err);
  CHECK(ran.exit == tools::exit_code::ok);
}

TEST_CASE("jwt verify of a token with a kid, the key given without --kid, names the kid and how to pass it", "[unit]") {
  const KeyFile key;
  const std::int64_t now = seconds_now();
  const std::string token = token_with(claims_at(now, now + ten_minutes), "k7");
  auto ran = authprobe_jwt(verify_args(token, key));
  INFO(ran.err);
  CHECK(ran.exit == tools::exit_code::failed);
  CHECK(ran.err.find("the token carries kid \"k7\"") != std::string::npos);
  CHECK(ran.err.find("pass --kid k7") != std::string::npos);

  auto args = verify_args(token, key);
  args.insert(args.end(), {"--kid", "k7"});
  ran = authprobe_jwt(args);
  CHECK(ran.exit == tools::exit_code::ok);

  args = verify_args(token, key);
  args.insert(args.end(), {"--kid", "k8"});
  ran = authprobe_jwt(args);
  CHECK(ran.exit == tools::exit_code::failed);
  CHECK(ran.err.find("carries kid \"k7\", not \"k8\" (--kid)") != std::string::npos);
}

TEST_CASE("jwt mint writes client_id (RFC 9068 §2.2): authprobe-cli unless --client-id names another", "[unit]") {
  const KeyFile key;
  const std::vector<std::string> mint{"mint", "--key-file", key.path.string(), "--alg", "HS256", "--sub", "alice"};
  auto ran = authprobe_jwt(mint);
  INFO(ran.err);
  REQUIRE(ran.exit == tools::exit_code::ok);
  const std::string minted = ran.out.substr(0, ran.out.find('\n'));
  CHECK(payload_of(minted)["client_id"] == "authprobe-cli");
  // What mint writes, verify accepts (the claims included).
  CHECK(authprobe_jwt(verify_args(minted, key)).exit == tools::exit_code::ok);

  auto named = mint;
  named.insert(named.end(), {"--client-id", "web"});
  ran = authprobe_jwt(named);
  REQUIRE(ran.exit == tools::exit_code::ok);
  CHECK(payload_of(ran.out.substr(0, ran.out.find('\n')))["client_id"] == "web");
}

TEST_CASE("utc_time and span_words: the words of the verify messages", "[unit]") {
  CHECK(tools::utc_time(0) == "1970-01-01T00:00:00Z");
  CHECK(tools::utc_time(1'700'000'000) == "2023-11-14T22:13:20Z");
  CHECK(tools::utc_time(INT64_MAX) == "NumericDate 9223372036854775807");
  CHECK(tools::span_words(0) == "0 s");
  CHECK(tools::span_words(42) == "42 s");
  CHECK(tools::span_words(7260) == "2 h 1 min");
  CHECK(tools::span_words(7200) == "2 h");
  CHECK(tools::span_words(3 * 86400 + 4 * 3600 + 59) == "3 d 4 h");
}
