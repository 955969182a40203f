#pragma once
// A tiny httplib server on an ephemeral 127.0.0.1 port for unit tests of individual checks:
// each test installs canned handlers (a correct answer and a wrong one).
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include <httplib.h>

#include "conformance/runner.hpp"
#include "conformance/target_profile.hpp"

namespace authprobe::conformance::testing {

class CannedServer {
public:
  explicit CannedServer(const std::function<void(httplib::Server&)>& routes);
  ~CannedServer();
  CannedServer(const CannedServer&) = delete;
  CannedServer& operator=(const CannedServer&) = delete;

  [[nodiscard]] std::string base_url() const;

private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

// The fixture profile the canned servers implement: /basic (Basic user), /basic-admin,
// POST /token, GET /read (scope read), POST /write, /admin, users alice/bob/carol, no clients.
[[nodiscard]] TargetProfile canned_profile(const std::string& base_url);

// Runs the checks with these IDs (plus the baselines they need) and returns the report.
[[nodiscard]] RunReport run_ids(const std::vector<std::string>& ids, const TargetProfile& profile,
                                Judgement judgement = Judgement::strict);
// The verdict of one check.
[[nodiscard]] Verdict verdict_of(const std::string& id, const TargetProfile& profile,
                                 Judgement judgement = Judgement::strict);

}  // namespace authprobe::conformance::testing

namespace authprobe::conformance::testing {

// Switches for the canned fixture routes: all off = a correct server; each on = one flaw.
struct Flaws {
  bool basic_without_realm = false;   // BASIC-01
  bool basic_403_without_credentials = false;  // BASIC-01, D7
  bool basic_rejects_alice = false;   // BASIC-02 (baseline)
  bool basic_crashes_on_empty = false;  // V1: 500 for `Basic` with nothing after it
  bool basic_admin_401 = false;       // AUTHZ-02
  bool token_without_cache_headers = false;  // TOKEN-02 (D5)
  bool token_fastapi_errors = false;  // TOKEN-13 (D1): 401 {"detail": ...}
  bool token_grant_type_optional = false;  // TOKEN-07 (D3)
  bool token_put_without_allow = false;    // HTTP-09
};

[[nodiscard]] std::function<void(httplib::Server&)> fixture_routes(Flaws flaws);

}  // namespace authprobe::conformance::testing
