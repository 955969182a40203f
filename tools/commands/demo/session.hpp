#pragma once
// One mode of the walk: its cast, its two in-process reference servers (the main one and one
// whose tokens live a second, on a clock the demo moves), and what the walk learnt on the way
// (the tokens issued, each step's first answer). Session::run sends a step's requests and judges
// the answers against the cast.
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <httplib.h>
#include <tl/expected.hpp>

#include "reference/server/reference_server.hpp"
#include "tools/commands/demo/cast.hpp"
#include "tools/commands/demo/exchange.hpp"
#include "tools/commands/demo/walk.hpp"

namespace authprobe::tools::demo {

// The lifetime of the short-TTL server's access tokens (the config's minimum).
inline constexpr std::chrono::seconds short_token_ttl{1};

struct StepRun {
  StepId id = StepId::basic_no_credentials;
  std::string mode;                    // the cast's label
  std::optional<std::string> skipped;  // why this mode leaves the step out
  std::vector<Exchange> exchanges;
  std::vector<std::string> findings;   // the verdict lines: statuses, comparisons, headers
  bool as_expected = true;
};

class Session {
 public:
  // Starts both servers; `users_file` replaces the fixture users (tests point it at a broken file).
  [[nodiscard]] static tl::expected<std::unique_ptr<Session>, std::string> start(
      Cast cast, const std::optional<std::string>& users_file);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  [[nodiscard]] StepRun run(const Step& step);
  [[nodiscard]] const Cast& cast() const { return cast_; }
  [[nodiscard]] std::string base_url() const { return main_->base_url(); }
  [[nodiscard]] std::string short_ttl_url() const { return short_ttl_->base_url(); }

 private:
  Session(Cast cast, std::unique_ptr<server::ReferenceServer> main, std::unique_ptr<server::ReferenceServer> short_ttl,
          std::shared_ptr<std::atomic<std::int64_t>> clock_offset);

  struct Built {
    SentRequest request;
    std::string problem;  // why the request could not be built (a token that was never issued)
    std::string note;     // what the request carries that its text does not show (a rewritten payload)
  };
  [[nodiscard]] Built build(const RequestSpec& spec) const;
  void remember_tokens(const RequestSpec& spec, const Received& response);
  void judge(const Step& step, StepRun& run) const;

  Cast cast_;
  std::unique_ptr<server::ReferenceServer> main_;
  std::unique_ptr<server::ReferenceServer> short_ttl_;
  std::shared_ptr<std::atomic<std::int64_t>> clock_offset_;  // seconds added to the short-TTL server's clock
  httplib::Client main_client_;
  httplib::Client short_ttl_client_;
  std::map<std::pair<Server, Who>, std::string> access_tokens_;  // the last one issued
  std::string refresh_token_;                                   // the one the first password grant issued
  std::map<StepId, Received> first_answers_;
};

// 1-based position of a step in the walk, as the printers number it.
[[nodiscard]] std::size_t step_number(StepId id);

}  // namespace authprobe::tools::demo
