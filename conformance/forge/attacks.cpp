#include "conformance/forge/attacks.hpp"

#include <algorithm>

#include <sodium.h>

#include "conformance/forge/base64url.hpp"
#include "conformance/forge/json_text.hpp"

namespace authprobe::conformance::forge {
namespace {

constexpr unsigned byte_bits = 8;
// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
// (the dot is placed separately so the number of segments is controlled).
constexpr std::string_view b64token_chars =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~+/";
constexpr std::string_view filler_claim = "authprobe_filler";
// Sizes of the JWE parts (RFC 7516 §7.1): a 2048-bit wrapped key, a 96-bit IV, a 128-bit tag.
constexpr std::size_t jwe_key_bytes = 256;
constexpr std::size_t jwe_iv_bytes = 12;
constexpr std::size_t jwe_ciphertext_bytes = 64;
constexpr std::size_t jwe_tag_bytes = 16;

std::optional<std::string> string_member(std::string_view object_json, const char* name) {
  auto object = parse_object(object_json);
  if (!object) return std::nullopt;
  const auto it = object->find(name);
  if (it == object->end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::vector<std::string_view> split(std::string_view token) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const auto dot = token.find('.', start);
    out.push_back(token.substr(start, dot == std::string_view::npos ? token.npos : dot - start));
    if (dot == std::string_view::npos) return out;
    start = dot + 1;
  }
}

}  // namespace

nlohmann::json attack_header(std::string_view alg, const std::optional<std::string>& kid) {
  nlohmann::json header{{"alg", alg}, {"typ", access_token_typ}};
  if (kid) header["kid"] = *kid;
  return header;
}

std::optional<std::string> kid_of(std::string_view header_json) { return string_member(header_json, "kid"); }
std::optional<std::string> alg_of(std::string_view header_json) { return string_member(header_json, "alg"); }

std::vector<KidInjection> kid_injections() {
  const auto quoted = [](std::string_view text) { return nlohmann::json(std::string(text)).dump(); };
  return {
      {"empty kid, empty key", quoted(""), "", false},
      {"path traversal to /dev/null, empty key", quoted("../../../../../../dev/null"), "", false},
      {"/dev/null, empty key", quoted("/dev/null"), "", false},
      {"/invalid_path, empty key", quoted("/invalid_path"), "", false},
      {"command injection |sleep 10", quoted("|sleep 10"), "", true},
      {"SQL injection returning '1', key \"1\"", quoted("x' UNION SELECT '1';--"), "1", false},
      {"64 KiB kid", quoted(std::string(oversized_kid_bytes, 'k')), "", false},
      {"kid as a number", "1", "", false},
      {"kid as an object", R"({"kid":"x"})", "", false},
      {"kid as an array", R"(["x"])", "", false},
  };
}

Result<std::string> jws_json_flattened(std::string_view compact_token) {
  const auto parts = split(compact_token);
  if (parts.size() != 3) return fail("not a three-segment token");
  return nlohmann::json{{"protected", parts[0]}, {"payload", parts[1]}, {"signature", parts[2]}}.dump();
}

Result<std::string> jws_json_general(std::string_view compact_token) {
  const auto parts = split(compact_token);
  if (parts.size() != 3) return fail("not a three-segment token");
  return nlohmann::json{{"payload", parts[1]},
                        {"signatures", nlohmann::json::array({{{"protected", parts[0]}, {"signature", parts[2]}}})}}
      .dump();
}

std::string jwe_shaped(std::uint64_t seed) {
  const Bytes filler = seeded_bytes(seed, jwe_key_bytes + jwe_iv_bytes + jwe_ciphertext_bytes + jwe_tag_bytes);
  std::string_view rest(filler);
  std::string out = b64url_encode(R"({"alg":"RSA-OAEP","enc":"A256GCM"})");
  for (const std::size_t size : {jwe_key_bytes, jwe_iv_bytes, jwe_ciphertext_bytes, jwe_tag_bytes}) {
    out.push_back('.');
    out += b64url_encode(rest.substr(0, size));
    rest.remove_prefix(size);
  }
  return out;
}

Bytes seeded_bytes(std::uint64_t seed, std::size_t count) {
  std::array<unsigned char, randombytes_SEEDBYTES> key{};
  for (std::size_t i = 0; i < sizeof seed; ++i) {
    key[i] = static_cast<unsigned char>((seed >> (i * byte_bits)) & 0xffU);
  }
  Bytes out(count, '\0');
  randombytes_buf_deterministic(out.data(), out.size(), key.data());
  return out;
}

std::string random_b64token(std::uint64_t seed, std::size_t length, std::size_t dots) {
  const Bytes noise = seeded_bytes(seed, length);
  std::string out(length, 'A');
  for (std::size_t i = 0; i < length; ++i) {
    out[i] = b64token_chars[static_cast<unsigned char>(noise[i]) % b64token_chars.size()];
  }
  // Dots at evenly spaced inner positions: the count is exact and no segment is empty.
  for (std::size_t d = 1; d <= dots && length > dots; ++d) out[d * length / (dots + 1)] = '.';
  return out;
}

Result<std::string> oversized_token(std::string_view token, std::size_t min_bytes) {
  auto decoded = decode_compact(token);
  if (!decoded) return fail(decoded.error());
  // base64url grows 3 bytes into 4 characters; the filler needs 3/4 of the missing length.
  const std::size_t missing = min_bytes > token.size() ? min_bytes - token.size() : 0;
  const std::size_t filler = missing * 3 / 4 + 4;
  auto payload = with_member(decoded->payload_json, filler_claim, std::string(filler, 'A'));
  if (!payload) return fail(payload.error());
  return decoded->header_b64 + "." + b64url_encode(*payload) + "." + decoded->signature_b64;
}

std::string tamper_segment(std::string_view token, std::size_t segment) {
  std::string out(token);
  std::size_t start = 0;
  for (std::size_t s = 0; s < segment; ++s) {
    const auto dot = out.find('.', start);
    if (dot == std::string::npos) return out;
    start = dot + 1;
  }
  const auto end = std::min(out.find('.', start), out.size());
  if (end == start) return out;
  const std::size_t index = start + (end - start - 1) / 2;  // never the last, tail-bit character
  out[index] = out[index] == 'A' ? 'B' : 'A';
  return out;
}

}  // namespace authprobe::conformance::forge
