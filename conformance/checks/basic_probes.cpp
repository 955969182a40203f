#include "conformance/checks/basic_probes.hpp"

#include <algorithm>

#include "conformance/http_constants.hpp"

namespace authprobe::conformance::basic_probes {
namespace {

constexpr char outside_alphabet = '!';
constexpr std::string_view trailing_junk = "!!";
constexpr std::size_t quantum = 4;  // base64 characters per 3 bytes

}  // namespace

std::vector<Altered> altered_token68(std::string_view valid_token68) {
  // At a quantum boundary a skipping decoder sees exactly the original quanta; any other place
  // would work for it too, but this one leaves no doubt the value is otherwise alice's.
  const std::size_t middle = std::max<std::size_t>(valid_token68.size() / 2 / quantum * quantum, 1);
  std::string inner(valid_token68);
  inner.insert(std::min(middle, inner.size()), 1, outside_alphabet);
  std::string after(valid_token68);
  after += trailing_junk;
  return {{"a '!' inside the valid token68", std::move(inner)},
          {valid_token68.ends_with('=') ? "junk after the padding" : "junk after the valid token68 (no padding)",
           std::move(after)}};
}

std::string with_colon_tail(std::string_view user, std::string_view password) {
  return std::string(user) + ":" + std::string(password) + ":x";
}

Verdict judge_refusal(const Response& response, std::initializer_list<int> expected) {
  namespace status = http::status;
  if (status::is_success(response.status) || status::is_server_error(response.status)) return Verdict::fail;
  if (std::find(expected.begin(), expected.end(), response.status) != expected.end()) return Verdict::pass;
  return Verdict::warn;
}

}  // namespace authprobe::conformance::basic_probes
