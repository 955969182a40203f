#include "conformance/checks/disclosure.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

#include "conformance/http_constants.hpp"

namespace authprobe::conformance::disclosure {
namespace {

// A word boundary the body's own markup or prose would put before a product token, then
// `name/major.minor...`. The name is the submatch the exclusions look at.
const std::regex& product_pattern() {
  static const std::regex pattern(R"((?:^|[\s>("'\[,;=])([A-Za-z][A-Za-z0-9_.+-]*)/v?([0-9]+\.[0-9]+[0-9A-Za-z.+-]*))");
  return pattern;
}

// Tokens that name no product of the target: the protocol, and the suite itself (error pages
// that echo the request show its User-Agent).
constexpr std::array<std::string_view, 2> not_products{"HTTP", "authprobe"};

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::optional<std::string> product_version_in(std::string_view body) {
  using Iterator = std::regex_iterator<std::string_view::const_iterator>;
  for (Iterator it(body.begin(), body.end(), product_pattern()), end; it != end; ++it) {
    const auto name = (*it)[1].str();
    if (std::any_of(not_products.begin(), not_products.end(), [&](std::string_view n) { return iequal(n, name); })) continue;
    return "response body names \"" + name + "/" + (*it)[2].str() + "\"";
  }
  return std::nullopt;
}

std::vector<std::string> product_headers_in(const ResponseRecord& response) {
  std::vector<std::string> found;
  for (const auto& [name, value] : response.headers) {
    if ((iequal(name, http::header::server) || iequal(name, http::header::x_powered_by)) &&
        value.find_first_not_of(" \t") != std::string::npos) {
      found.push_back(name + ": " + value);
    }
  }
  return found;
}

}  // namespace authprobe::conformance::disclosure
