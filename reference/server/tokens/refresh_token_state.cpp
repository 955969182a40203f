#include "reference/server/tokens/refresh_token_state.hpp"

#include <system_error>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "reference/config/field_reader.hpp"
#include "reference/config/json_document.hpp"
#include "reference/server/server_errc.hpp"

namespace authprobe::server {
namespace {

using nlohmann::json;
constexpr std::int64_t max_time = std::numeric_limits<std::int64_t>::max();

std::string to_hex(std::string_view bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  hex.pop_back();
  return hex;
}

std::optional<std::string> from_hex(std::string_view hex) {
  std::string bytes(crypto_hash_sha256_BYTES, '\0');
  std::size_t length = 0;
  if (hex.size() != bytes.size() * 2 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(), hex.size(), nullptr,
                     &length, nullptr) != 0 ||
      length != bytes.size())
    return std::nullopt;
  return bytes;
}

tl::unexpected<Error> state_error(const std::string& detail) {
  return tl::unexpected(Error{make_error_code(ServerErrc::bad_state_file), detail});
}

std::optional<RefreshTokenState::Token> read_token(const json& item, const std::string& pointer,
                                                   config::FieldReader& top) {
  config::FieldReader r(item, pointer, top.source());
  RefreshTokenState::Token token;
  const auto digest_hex = r.string("digest", config::Presence::required);
  if (digest_hex) {
    if (auto digest = from_hex(*digest_hex)) token.digest = std::move(*digest);
    else r.fail("digest", config::ConfigErrc::bad_field, "expected 64 hex digits (a SHA-256 digest)");
  }
  if (auto v = r.string("username", config::Presence::required)) token.grant.username = *v;
  if (auto v = r.string("client_id", config::Presence::required)) token.grant.client_id = *v;
  if (auto v = r.string("scope", config::Presence::required)) token.grant.scope = *v;
  if (auto v = r.string("family", config::Presence::required)) token.family = *v;
  if (auto v = r.integer("expires_at", 0, max_time, config::Presence::required)) token.expires_at = *v;
  if (auto v = r.boolean("used", config::Presence::required)) token.used = *v;
  auto error = r.finish();
  top.absorb(error);
  if (error) return std::nullopt;
  return token;
}

}  // namespace

std::string serialize_refresh_state(const RefreshTokenState& state) {
  json tokens = json::array();
  for (const auto& t : state.tokens)
    tokens.push_back({{"digest", to_hex(t.digest)},
                      {"username", t.grant.username},
                      {"client_id", t.grant.client_id},
                      {"scope", t.grant.scope},
                      {"family", t.family},
                      {"expires_at", t.expires_at},
                      {"used", t.used}});
  json revoked = json::array();
  for (const auto& [family, until] : state.revoked_families) revoked.push_back({{"family", family}, {"until", until}});
  const json document = {{"format", refresh_state_format}, {"tokens", tokens}, {"revoked_families", revoked}};
  return document.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<RefreshTokenState> parse_refresh_state(std::string_view text, const std::string& source) {
  auto document = config::parse_json_document(text, source);
  if (!document) return state_error(document.error().detail);
  config::FieldReader top(*document, "", source);
  if (auto format = top.string("format", config::Presence::required); format && *format != refresh_state_format)
    top.fail("format", config::ConfigErrc::bad_field, "expected \"" + std::string(refresh_state_format) + "\"");
  RefreshTokenState state;
  if (const json* tokens = top.array("tokens", config::Presence::required)) {
    for (std::size_t i = 0; i < tokens->size() && top.ok(); ++i)
      if (auto token = read_token((*tokens)[i], config::pointer_append("/tokens", i), top))
        state.tokens.push_back(std::move(*token));
  }
  if (const json* revoked = top.array("revoked_families", config::Presence::required)) {
    for (std::size_t i = 0; i < revoked->size() && top.ok(); ++i) {
      config::FieldReader r((*revoked)[i], config::pointer_append("/revoked_families", i), source);
      auto family = r.string("family", config::Presence::required);
      auto until = r.integer("until", 0, max_time, config::Presence::required);
      auto error = r.finish();
      top.absorb(error);
      if (!error) state.revoked_families.emplace_back(*family, *until);
    }
  }
  if (auto error = top.finish()) return state_error(error->detail);
  return state;
}

Result<RefreshTokenState> load_refresh_state(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec) && !ec) return RefreshTokenState{};
  auto text = config::read_text_file(file);
  if (!text) return state_error(text.error().detail);
  return parse_refresh_state(*text, file.string());
}

}  // namespace authprobe::server
