#pragma once
// WWW-Authenticate parsing with the RFC 9110 §11.6.1 / §11.2 challenge grammar:
//   challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
// A field value may hold several challenges; a response may carry several field lines.
//
// A field value that does not follow the grammar is never dropped: real servers send, e.g., an
// unescaped '"' inside error_description, and a check that called such a challenge "absent", or
// a syntax check that never saw it, would judge the server wrongly. Such a value is kept as sent,
// with where the grammar broke, and read by a tolerant scan so the checks can still see its scheme
// and the attributes that are recognisable.
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

// A WWW-Authenticate field value that is not a challenge list, as sent.
struct MalformedValue {
  std::string raw;    // the whole field value
  std::string error;  // where the grammar broke, e.g. "expected ',' at offset 57"
};

// A challenge as a response carries it: parsed by the grammar, or salvaged by the tolerant scan
// from a field value that does not parse (then `malformed` says which value and why).
struct FoundChallenge : Challenge {
  std::optional<MalformedValue> malformed;

  [[nodiscard]] bool well_formed() const { return !malformed.has_value(); }
  // "" when well formed; otherwise " (malformed WWW-Authenticate: <raw> — <error>)" for a note.
  [[nodiscard]] std::string malformation_note() const;
};

// Parses one field value into its challenges; the error names the offending position.
[[nodiscard]] tl::expected<std::vector<Challenge>, std::string> parse_challenges(std::string_view field_value);

// Reads a field value that parse_challenges refuses as well as it can: every scheme and every
// `name=value` recognisable in it. A quoted value ends at the '"' that is followed by a ',' or the
// end, so an unescaped '"' inside it stays in the value.
[[nodiscard]] std::vector<Challenge> salvage_challenges(std::string_view field_value);

// Every challenge of every field line, in order: parsed ones, and salvaged ones from the values
// that do not parse (flagged). A malformed value without any recognisable scheme is still listed,
// with an empty scheme, so a syntax check sees it.
[[nodiscard]] std::vector<FoundChallenge> parse_all_challenges(const std::vector<std::string>& field_values);

// The challenge with this scheme: the first well-formed one, else the first salvaged one.
[[nodiscard]] std::optional<FoundChallenge> find_challenge(const std::vector<std::string>& field_values,
                                                           std::string_view scheme_name);

// Case-insensitive ASCII comparison.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);
[[nodiscard]] std::string to_lower(std::string_view text);

}  // namespace authprobe::conformance
