#include "reference/jose/jose_header.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "reference/jose/json_strict.hpp"

namespace authprobe::jose {
namespace {

// RFC 8725 §3.10 / §2.3: a token must not choose the key it is checked with.
constexpr std::array<std::string_view, 4> key_source_members = {"jku", "x5u", "jwk", "x5c"};
constexpr std::string_view media_type_prefix = "application/";

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Built by appending: g++ 12 reports a false -Wrestrict on "\"" + std::string(...).
std::string quoted(std::string_view text) {
  std::string out;
  out.append("\"").append(text).append("\"");
  return out;
}

}  // namespace

bool is_access_token_typ(std::string_view typ) {
  // RFC 7515 §4.1.9: "application/" may be omitted; media types compare case-insensitively.
  if (typ.size() > media_type_prefix.size() && equals_ignoring_case(typ.substr(0, media_type_prefix.size()), media_type_prefix))
    typ.remove_prefix(media_type_prefix.size());
  return equals_ignoring_case(typ, access_token_typ);
}

Result<const Key*> select_key_for_header(std::string& header_json, const KeySet& keys, HeaderRules rules) {
  auto header = parse_strict_object(header_json);
  if (!header) return tl::unexpected(header.error());

  std::optional<std::string_view> alg_name, kid, typ;
  bool has_alg = false;
  for (const auto member : *header) {
    const std::string_view name = member.key;
    if (name == "crit")
      // RFC 7515 §4.1.11: a recipient MUST reject a "crit" naming extensions it does not
      // understand; we understand none, and an empty or non-array "crit" is malformed.
      return fail(JoseErrc::unknown_crit, "\"crit\" is present");
    if (std::find(key_source_members.begin(), key_source_members.end(), name) != key_source_members.end())
      return fail(JoseErrc::forbidden_header, quoted(name));
    std::string_view text;
    if (name == "alg") {
      has_alg = true;
      if (!member.value.get_string().get(text)) alg_name = text;
    } else if (name == "kid") {
      if (member.value.get_string().get(text)) return fail(JoseErrc::bad_json, "\"kid\" must be a string");
      kid = text;
    } else if (name == "typ") {
      if (member.value.get_string().get(text)) return fail(JoseErrc::bad_type, "\"typ\" must be a string");
      typ = text;
    }
  }
  if (!has_alg) return fail(JoseErrc::unsupported_alg, "no \"alg\"");
  if (!alg_name) return fail(JoseErrc::unsupported_alg, "\"alg\" must be a string");
  // RFC 8725 §3.1: "none" (any spelling) and unknown names are never looked up.
  const auto alg = algorithm_from_name(*alg_name);
  if (!alg) return fail(JoseErrc::unsupported_alg, quoted(*alg_name));
  if (rules.require_at_jwt_typ && (!typ || !is_access_token_typ(*typ)))
    return fail(JoseErrc::bad_type, typ ? "\"typ\" is " + std::string(*typ) : "no \"typ\"");
  return keys.select(kid, *alg);
}

}  // namespace authprobe::jose
