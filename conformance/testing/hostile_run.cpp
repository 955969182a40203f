#include "conformance/testing/hostile_run.hpp"

#include <stdexcept>

#include "conformance/suite.hpp"

namespace authprobe::conformance::testing {

RunReport run_suite_against(const std::string& base_url) {
  auto profile = embedded_reference_profile();
  if (!profile) throw std::runtime_error("the embedded reference profile does not load");
  RunOptions options;
  options.target = std::move(*profile);
  options.base_url = base_url;
  options.insecure = true;  // an https URL of a hostile target: the handshake is what is tested
  // Every check is run at the target, whatever its answers to the preflight's logins would say
  // about the profile: what is tested is that each check ends bounded.
  options.preflight = PreflightMode::off;
  auto report = run_suite(options);
  if (!report) throw std::runtime_error("run_suite refused the options: " + report.error().message);
  return std::move(*report);
}

}  // namespace authprobe::conformance::testing
