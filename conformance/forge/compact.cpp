#include "conformance/forge/compact.hpp"

#include "conformance/forge/base64url.hpp"

namespace authprobe::conformance::forge {
namespace {
constexpr char segment_separator = '.';
}

Result<DecodedToken> decode_compact(std::string_view token) {
  const auto first = token.find(segment_separator);
  if (first == std::string_view::npos) return fail("token has one segment");
  const auto second = token.find(segment_separator, first + 1);
  if (second == std::string_view::npos) return fail("token has two segments");
  if (token.find(segment_separator, second + 1) != std::string_view::npos) {
    return fail("token has more than three segments");
  }
  DecodedToken out;
  out.header_b64 = std::string(token.substr(0, first));
  out.payload_b64 = std::string(token.substr(first + 1, second - first - 1));
  out.signature_b64 = std::string(token.substr(second + 1));
  auto header = b64url_decode_lenient(out.header_b64);
  if (!header) return fail("header segment is not base64url");
  auto payload = b64url_decode_lenient(out.payload_b64);
  if (!payload) return fail("payload segment is not base64url");
  auto signature = b64url_decode_lenient(out.signature_b64);
  if (!signature) return fail("signature segment is not base64url");
  out.header_json = std::move(*header);
  out.payload_json = std::move(*payload);
  out.signature = std::move(*signature);
  return out;
}

std::string signing_input(std::string_view header_json, std::string_view payload_json) {
  std::string out = b64url_encode(header_json);
  out.push_back(segment_separator);
  out += b64url_encode(payload_json);
  return out;
}

std::string append_signature(std::string_view input, std::string_view signature) {
  std::string out(input);
  out.push_back(segment_separator);
  out += b64url_encode(signature);
  return out;
}

std::string encode_compact(std::string_view header_json, std::string_view payload_json,
                           std::string_view signature) {
  return append_signature(signing_input(header_json, payload_json), signature);
}

}  // namespace authprobe::conformance::forge
