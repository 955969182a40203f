#pragma once
// WWW-Authenticate parsing with the RFC 9110 §11.6.1 / §11.2 challenge grammar:
//   challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
// A field value may hold several challenges; a response may carry several field lines.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace authprobe::conformance {

struct Challenge {
  std::string scheme;                                      // as sent
  std::optional<std::string> token68;
  std::vector<std::pair<std::string, std::string>> params; // names lower-cased, values unquoted

  [[nodiscard]] bool is(std::string_view scheme_name) const;  // case-insensitive
  [[nodiscard]] std::optional<std::string> param(std::string_view name) const;
  [[nodiscard]] std::size_t count(std::string_view name) const;
};

// Parses one field value into its challenges; the error names the offending position.
[[nodiscard]] tl::expected<std::vector<Challenge>, std::string> parse_challenges(std::string_view field_value);

// Parses every field line; challenges that fail to parse are skipped (BASIC-12 judges them).
[[nodiscard]] std::vector<Challenge> parse_all_challenges(const std::vector<std::string>& field_values);

// The first challenge with this scheme, if any.
[[nodiscard]] std::optional<Challenge> find_challenge(const std::vector<std::string>& field_values,
                                                      std::string_view scheme_name);

// Case-insensitive ASCII comparison.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);
[[nodiscard]] std::string to_lower(std::string_view text);

}  // namespace authprobe::conformance
