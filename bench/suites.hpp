#pragma once
// The three suites, registered at run time (benchmark::RegisterBenchmark) from data so that a
// setup failure becomes a visible SkipWithError instead of a missing line.
#include <memory>
#include <string>
#include <vector>

namespace authprobe::bench {

class HttpSession;

void register_hash_suite();
struct JwtCaseSlot;
// The JWT suite is the three below on one set of cases (jwt_fixture.hpp).
void register_jwt_suite();
void register_jwt_pipeline(const std::vector<JwtCaseSlot>& cases);  // sign, verify, verify stages
void register_jwt_floors(const std::vector<JwtCaseSlot>& cases);    // HMAC precomputed, base64url, bare EVP verify
void register_jwt_peers(const std::vector<JwtCaseSlot>& cases);     // libjwt on the same token and key
void register_http_suite(const std::shared_ptr<HttpSession>& session);

// A benchmark named `name` that reports `message` as its error.
void register_setup_failure(const std::string& name, const std::string& message);

// "not installed" or the libjwt version the peers were built against.
[[nodiscard]] std::string libjwt_status();

}  // namespace authprobe::bench
