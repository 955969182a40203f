#include "conformance/checks/support.hpp"

#include <sodium.h>

#include <algorithm>
#include <vector>

namespace authprobe::conformance::support {
namespace {
constexpr std::size_t max_evidence = 6;
constexpr std::size_t max_notes = 12;
constexpr std::size_t describe_body_bytes = 160;
}  // namespace

void Judged::part(Verdict verdict, std::string note) {
  ++parts_;
  verdict_ = combine(verdict_, verdict);
  last_part_ = verdict;
  if (notes_.size() < max_notes) {
    notes_.push_back(std::string(to_string(verdict)) + ": " + std::move(note));
  } else if (notes_.size() == max_notes) {
    notes_.emplace_back("...");
  }
}

void Judged::part(Verdict verdict, std::string note, const SendResult& result) {
  part(verdict, std::move(note) + " -> " + describe(result));
  evidence(result);
}

void Judged::evidence(const SendResult& result) {
  evidence(result ? result->exchange : result.error().exchange);
}

void Judged::evidence(const Exchange& exchange) {
  if (evidence_.size() < max_evidence) {
    evidence_.push_back(exchange);
    evidence_verdicts_.push_back(last_part_);
  } else if (last_part_ != Verdict::pass && last_part_ != Verdict::skip) {
    // A deciding exchange never falls off the end: it replaces the last one of a lesser part.
    for (std::size_t i = evidence_.size(); i-- > 0;) {
      if (combine(evidence_verdicts_[i], last_part_) != evidence_verdicts_[i]) {
        evidence_[i] = exchange;
        evidence_verdicts_[i] = last_part_;
        break;
      }
    }
  }
}

bool Judged::reached(const SendResult& result, std::string_view what) {
  if (result) return true;
  part(Verdict::error, std::string(what) + ": no response (" + result.error().message + ")");
  evidence(result);
  return false;
}

void Judged::skip_part(std::string reason) { skipped_.push_back(std::move(reason)); }

Finding Judged::finish() {
  Finding finding;
  finding.verdict = verdict_;
  finding.expected = expected_;
  for (std::size_t i = 0; i < notes_.size(); ++i) finding.actual += (i == 0 ? "" : "; ") + notes_[i];
  for (const auto& reason : skipped_) finding.detail += (finding.detail.empty() ? "not run: " : "; ") + reason;
  if (parts_ == 0 && finding.detail.empty()) finding.detail = "nothing to judge";
  if (verdict_ != Verdict::pass && verdict_ != Verdict::skip) {
    for (std::size_t i = 0; i < evidence_.size(); ++i) {
      if (evidence_verdicts_[i] != verdict_) continue;
      evidence_[i].decisive = true;
      std::rotate(evidence_.begin(), evidence_.begin() + static_cast<std::ptrdiff_t>(i),
                  evidence_.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      break;
    }
  }
  finding.evidence = std::move(evidence_);
  return finding;
}

std::string describe(const Response& response) {
  std::string out = std::to_string(response.status);
  for (const auto& value : response.header_values(http::header::www_authenticate)) {
    out += " [WWW-Authenticate: " + value + "]";
  }
  if (!response.body.empty()) {
    out += " " + response.body.substr(0, describe_body_bytes);
    if (response.body.size() > describe_body_bytes) out += "...";
  }
  return out;
}

std::string describe(const SendResult& result) {
  return result ? describe(*result) : "no response (" + result.error().message + ")";
}

std::optional<std::string> oauth_error(const Response& response) {
  const auto body = response.json();
  if (!body || !body->is_object()) return std::nullopt;
  const auto found = body->find("error");
  if (found == body->end() || !found->is_string()) return std::nullopt;
  return found->get<std::string>();
}

bool has_oauth_error(const Response& response, std::string_view code) {
  const auto error = oauth_error(response);
  return error && *error == code;
}

std::optional<FoundChallenge> challenge(const Response& response, std::string_view scheme) {
  return find_challenge(response.header_values(http::header::www_authenticate), scheme);
}

std::optional<std::string> bearer_error(const Response& response) {
  const auto found = challenge(response, http::scheme::bearer);
  return found ? found->param("error") : std::nullopt;
}

bool issued_token(const Response& response) {
  if (!http::status::is_success(response.status)) return false;
  const auto body = response.json();
  return body && body->is_object() && body->contains("access_token");
}

bool cache_control_has(const Response& response, std::string_view directive) {
  for (const auto& value : response.header_values(http::header::cache_control)) {
    std::size_t start = 0;
    while (start <= value.size()) {
      auto end = value.find(',', start);
      if (end == std::string::npos) end = value.size();
      auto item = std::string_view(value).substr(start, end - start);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      item = item.substr(0, item.find('='));
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (iequals(item, directive)) return true;
      start = end + 1;
    }
  }
  return false;
}

Request request_for(const Endpoint& endpoint, std::string_view name) {
  std::string path = endpoint.path;
  if (const auto at = path.find("{name}"); at != std::string::npos) path.replace(at, std::string_view("{name}").size(), name);
  Request request = req::method(endpoint.method, path);
  if (!endpoint.body.empty()) request = request.with_body(endpoint.content_type, endpoint.body);
  return request;
}

std::optional<std::string> needs_basic(const TargetProfile& t) {
  if (!t.flows.basic || !t.endpoints.basic_user) return "the profile declares no HTTP Basic resource";
  return std::nullopt;
}

std::optional<std::string> needs_basic_admin(const TargetProfile& t) {
  if (auto missing = needs_basic(t)) return missing;
  if (!t.endpoints.basic_admin) return "the profile declares no Basic admin resource";
  return std::nullopt;
}

std::optional<std::string> needs_token_endpoint(const TargetProfile& t) {
  if (!t.flows.password_grant || !t.endpoints.token || t.acquisition_kind() != AcquisitionKind::oauth_password) {
    return "the profile declares no password-grant token endpoint";
  }
  return std::nullopt;
}

std::optional<std::string> needs_token_source(const TargetProfile& t) {
  if (t.acquisition_kind() == AcquisitionKind::none) return "the profile declares no way to obtain tokens (token_acquisition)";
  return std::nullopt;
}

std::optional<std::string> needs_bearer_read(const TargetProfile& t) {
  if (auto missing = needs_token_source(t)) return missing;
  if (!t.endpoints.bearer_read) return "the profile declares no Bearer read resource";
  return std::nullopt;
}

std::optional<std::string> needs_bearer_admin(const TargetProfile& t) {
  if (auto missing = needs_token_source(t)) return missing;
  if (!t.endpoints.bearer_admin) return "the profile declares no Bearer admin resource";
  return std::nullopt;
}

std::optional<std::string> needs_scopes(const TargetProfile& t) {
  if (auto missing = needs_token_source(t)) return missing;
  if (!t.flows.scopes) return "the profile declares no scopes (V6)";
  return std::nullopt;
}

std::optional<std::string> inside_only(const TargetProfile&) { return std::string(not_observable); }

std::optional<std::string> first_unmet(const TargetProfile& t, std::initializer_list<Predicate> predicates) {
  for (const auto predicate : predicates) {
    if (auto missing = predicate(t)) return missing;
  }
  return std::nullopt;
}

std::optional<nlohmann::json> jwt_payload(std::string_view token) {
  const auto first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = token.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const auto segment = token.substr(first + 1, second - first - 1);
  std::vector<unsigned char> bytes(segment.size());
  std::size_t length = 0;
  if (sodium_base642bin(bytes.data(), bytes.size(), segment.data(), segment.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  auto parsed = nlohmann::json::parse(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(length), nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  return parsed;
}

}  // namespace authprobe::conformance::support

namespace authprobe::conformance::support {
namespace {
struct Decomposition {
  std::string_view composed;
  std::string_view base;
  std::string_view mark;
};
// U+0308 diaeresis, U+0301 acute, U+0300 grave, U+0303 tilde, U+0327 cedilla, U+030A ring.
constexpr std::string_view diaeresis = "\xCC\x88";
constexpr std::string_view acute = "\xCC\x81";
constexpr std::string_view grave = "\xCC\x80";
constexpr std::string_view tilde = "\xCC\x83";
constexpr std::string_view cedilla = "\xCC\xA7";
constexpr std::string_view ring = "\xCC\x8A";
constexpr Decomposition decompositions[] = {
    {"\xC3\xA4", "a", diaeresis}, {"\xC3\xB6", "o", diaeresis}, {"\xC3\xBC", "u", diaeresis},
    {"\xC3\x84", "A", diaeresis}, {"\xC3\x96", "O", diaeresis}, {"\xC3\x9C", "U", diaeresis},
    {"\xC3\xAB", "e", diaeresis}, {"\xC3\xAF", "i", diaeresis}, {"\xC3\xA9", "e", acute},
    {"\xC3\xA1", "a", acute},     {"\xC3\xB3", "o", acute},     {"\xC3\xA8", "e", grave},
    {"\xC3\xA0", "a", grave},     {"\xC3\xB1", "n", tilde},     {"\xC3\xA7", "c", cedilla},
    {"\xC3\xA5", "a", ring},
};
}  // namespace

std::string nfd_latin1(std::string_view utf8) {
  std::string out;
  std::size_t i = 0;
  while (i < utf8.size()) {
    bool replaced = false;
    for (const auto& d : decompositions) {
      if (utf8.substr(i, d.composed.size()) == d.composed) {
        out += d.base;
        out += d.mark;
        i += d.composed.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out.push_back(utf8[i++]);
  }
  return out;
}

Request with_user_basic(const Request& request, const TestUser& user) {
  return request.with_basic(user.username, user.password);
}

}  // namespace authprobe::conformance::support

namespace authprobe::conformance::support {
Check needing(Check check, std::string baseline_id) {
  check.needs.push_back(std::move(baseline_id));
  return check;
}
Check slow(Check check) {
  check.slow = true;
  return check;
}
Check trips_throttle(Check check) {
  check.slow = true;
  check.trips_throttle = true;
  return check;
}
Check run_wide(Check check) {
  check.run_wide = true;
  return check;
}
}  // namespace authprobe::conformance::support
