// Project Wycheproof's JWS and JWK vectors (fixtures/vectors/wycheproof/, see SOURCE.md),
// every case, data-driven. Each group's key goes through KeySet::from_jwks, so the key's
// "alg" binds the algorithm; a key set that does not load counts as rejecting the token.
#include <fstream>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "reference/jose/jwt.hpp"

using authprobe::Result;
using namespace authprobe::jose;
using nlohmann::json;

namespace {

// The README's label quirks: either outcome is acceptable for these tcIds.
const std::set<int> either_outcome = {346, 347, 350, 351, 367, 370, 372, 373};

json load(const char* name) {
  std::ifstream in(std::string(AUTHPROBE_SOURCE_DIR) + "/fixtures/vectors/wycheproof/" + name);
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

struct Tally {
  int total = 0;
  int checked = 0;
  int passed = 0;
  int either = 0;
  int valid_accepted = 0;
  int invalid_rejected = 0;
};

// JSON-serialised cases arrive as strings starting with '{'; compact parsing rejects them.
std::string token_of(const json& test) { return test["jws"].is_string() ? test["jws"].get<std::string>() : test["jws"].dump(); }

bool accepts(const Result<KeySet>& keys, const std::string& token) {
  return keys.has_value() && verify_compact(token, *keys).has_value();
}

void judge(const json& test, bool accepted, Tally& tally) {
  const int id = test["tcId"].get<int>();
  const bool valid = test["result"] == "valid";
  ++tally.total;
  if (either_outcome.count(id) != 0) {
    ++tally.either;
    return;
  }
  ++tally.checked;
  INFO("tcId " << id << " (" << test["comment"].get<std::string>() << "), labelled " << test["result"]);
  CHECK(accepted == valid);
  if (accepted != valid) return;
  ++tally.passed;
  if (valid) ++tally.valid_accepted;
  else ++tally.invalid_rejected;
}

}  // namespace

TEST_CASE("Wycheproof json_web_signature_test: every case has the labelled outcome", "[unit]") {
  const json vectors = load("json_web_signature_test.json");
  Tally tally;
  for (const auto& group : vectors["testGroups"]) {
    const json& jwk = group.contains("public") ? group["public"] : group["private"];
    const auto keys = KeySet::from_jwks(json{{"keys", json::array({jwk})}});
    for (const auto& test : group["tests"]) judge(test, accepts(keys, token_of(test)), tally);
  }
  CHECK(tally.total == vectors["numberOfTests"].get<int>());
  CHECK(tally.total == 401);
  CHECK(tally.either == 8);
  CHECK(tally.passed == tally.checked);
  CHECK(tally.valid_accepted == 40);
  CHECK(tally.invalid_rejected == 353);
}

TEST_CASE("Wycheproof json_web_key_test: every key set is loaded or refused as labelled", "[unit]") {
  const json vectors = load("json_web_key_test.json");
  Tally tally;
  for (const auto& group : vectors["testGroups"]) {
    const json& set = group.contains("public") ? group["public"] : group["private"];
    const auto keys = KeySet::from_jwks(set);
    for (const auto& test : group["tests"]) judge(test, accepts(keys, token_of(test)), tally);
  }
  CHECK(tally.total == 26);
  CHECK(tally.passed == 26);
  CHECK(tally.valid_accepted == 5);
  CHECK(tally.invalid_rejected == 21);
}
