#include "reference/jose/base64url.hpp"

#include <climits>

#include <openssl/evp.h>

namespace authprobe::jose::base64url {
namespace {

constexpr std::size_t group_chars = 4;
constexpr std::size_t group_bytes = 3;
// With 2 (or 3) characters in the last group only the top 2 (or 4) bits of the last
// character carry data; RFC 4648 §3.5 makes the rest zero. These are the characters whose
// low 4 (or 2) bits are zero, i.e. the only canonical last characters.
constexpr std::string_view canonical_last_of_two = "AQgw";
constexpr std::string_view canonical_last_of_three = "AEIMQUYcgkosw048";
// Anything longer is not a token segment; the bound keeps the int casts below exact.
constexpr std::size_t max_text = INT_MAX / 2;

// RFC 4648 §5 -> §4: '-' becomes '+', '_' becomes '/', the rest of the URL-safe alphabet
// stays, and anything outside it ('+', '/', '=', whitespace, which EVP_DecodeBlock would
// accept or trim) is flagged. Byte arithmetic rather than a table or a chain of ||: that is
// what lets the compiler vectorise this loop, which runs over every byte of every token.
// The classes are disjoint, so 1 minus their sum is 1 exactly for a byte outside them all.
bool to_standard_alphabet(const unsigned char* src, char* dst, std::size_t size) {
  unsigned char outside = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const unsigned char c = src[i];
    const unsigned char letter = static_cast<unsigned char>((c | 0x20) - 'a') < 26;  // either case
    const unsigned char digit = static_cast<unsigned char>(c - '0') < 10;
    const unsigned char dash = c == '-';
    const unsigned char underscore = c == '_';
    outside |= static_cast<unsigned char>(1 - letter - digit - dash - underscore);
    const unsigned char plus = dash ? '+' : c;
    dst[i] = static_cast<char>(underscore ? '/' : plus);
  }
  return outside == 0;
}

std::string& scratch() {
  thread_local std::string buffer;
  return buffer;
}

}  // namespace

void append_encoded(std::string_view bytes, std::string& out) {
  const std::size_t padded = group_chars * ((bytes.size() + group_bytes - 1) / group_bytes);
  const std::size_t start = out.size();
  out.resize(start + padded + 1);  // EVP_EncodeBlock writes a NUL terminator
  auto* dst = reinterpret_cast<unsigned char*>(out.data() + start);
  const int written =
      EVP_EncodeBlock(dst, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  std::size_t length = static_cast<std::size_t>(written);
  while (length > 0 && out[start + length - 1] == '=') --length;
  out.resize(start + length);
  // RFC 4648 §5: the URL- and filename-safe alphabet replaces '+' and '/'.
  char* const text = out.data();
  const std::size_t end = out.size();  // a local bound, so the loop can be vectorised
  for (std::size_t i = start; i < end; ++i) {
    const char c = text[i];
    const char dash = (c == '+') ? '-' : c;
    text[i] = (c == '/') ? '_' : dash;
  }
}

std::string encode(std::string_view bytes) {
  std::string out;
  append_encoded(bytes, out);
  return out;
}

bool decode_into(std::string_view text, std::string& out, std::size_t reserve_after) {
  const std::size_t tail = text.size() % group_chars;
  if (tail == 1 || text.size() > max_text) return false;
  if (tail == 2 && canonical_last_of_two.find(text.back()) == std::string_view::npos) return false;
  if (tail == 3 && canonical_last_of_three.find(text.back()) == std::string_view::npos) return false;

  std::string& standard = scratch();
  standard.resize(text.size() + (tail == 0 ? 0 : group_chars - tail));
  char* const dst = standard.data();
  if (!to_standard_alphabet(reinterpret_cast<const unsigned char*>(text.data()), dst, text.size())) return false;
  for (std::size_t i = text.size(); i < standard.size(); ++i) dst[i] = '=';

  const std::size_t decoded_groups = standard.size() / group_chars;
  out.clear();
  out.reserve(decoded_groups * group_bytes + reserve_after);
  out.resize(decoded_groups * group_bytes);
  const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(standard.data()),
                                      static_cast<int>(standard.size()));
  if (written < 0) return false;
  // EVP_DecodeBlock counts the zero bytes that stand for the padding it was given.
  out.resize(text.size() * group_bytes / group_chars);
  return true;
}

}  // namespace authprobe::jose::base64url
