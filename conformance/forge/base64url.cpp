#include "conformance/forge/base64url.hpp"

#include <sodium.h>

namespace authprobe::conformance::forge {
namespace {

std::string encode(std::string_view bytes, int variant) {
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(),
                    reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), variant);
  out.resize(out.size() - 1);  // sodium writes a terminating NUL
  return out;
}

Result<Bytes> decode(std::string_view text, int variant, const char* ignore) {
  Bytes out(text.size(), '\0');  // decoded data is never longer than its encoding
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), ignore, &len, &end, variant) != 0 ||
      end != text.data() + text.size()) {
    return fail("invalid base64");
  }
  out.resize(len);
  return out;
}

}  // namespace

std::string b64url_encode(std::string_view bytes) {
  return encode(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

Result<Bytes> b64url_decode(std::string_view text) {
  return decode(text, sodium_base64_VARIANT_URLSAFE_NO_PADDING, nullptr);
}

Result<Bytes> b64url_decode_lenient(std::string_view text) {
  std::string normalized;
  normalized.reserve(text.size());
  for (const char c : text) {
    if (c == '+') {
      normalized.push_back('-');
    } else if (c == '/') {
      normalized.push_back('_');
    } else if (c != '=') {
      normalized.push_back(c);
    }
  }
  return decode(normalized, sodium_base64_VARIANT_URLSAFE_NO_PADDING, " \t\r\n");
}

std::string b64_encode(std::string_view bytes) {
  return encode(bytes, sodium_base64_VARIANT_ORIGINAL);
}

Result<Bytes> b64_decode(std::string_view text) {
  return decode(text, sodium_base64_VARIANT_ORIGINAL, " \t\r\n");
}

}  // namespace authprobe::conformance::forge
