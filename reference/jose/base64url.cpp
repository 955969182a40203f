#include "reference/jose/base64url.hpp"

#include <array>
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

// RFC 4648 §5 -> §4: each character of the URL-safe alphabet mapped to its character in
// the standard one ('-' -> '+', '_' -> '/'); 0 for every character outside the alphabet
// (so '+', '/', '=' and whitespace, which EVP_DecodeBlock would accept or trim, are out).
// A table instead of comparisons: this loop runs over every byte of every token.
constexpr std::array<char, 256> to_standard_alphabet = [] {
  std::array<char, 256> table{};
  for (char c = 'A'; c <= 'Z'; ++c) table[static_cast<unsigned char>(c)] = c;
  for (char c = 'a'; c <= 'z'; ++c) table[static_cast<unsigned char>(c)] = c;
  for (char c = '0'; c <= '9'; ++c) table[static_cast<unsigned char>(c)] = c;
  table[static_cast<unsigned char>('-')] = '+';
  table[static_cast<unsigned char>('_')] = '/';
  return table;
}();

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
  for (std::size_t i = start; i < out.size(); ++i) {
    if (out[i] == '+') out[i] = '-';
    else if (out[i] == '/') out[i] = '_';
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
  // A plain pointer: writes through std::string's operator[] would make the compiler
  // reload the (thread_local) string's data pointer after every byte.
  char* const dst = standard.data();
  const char* const src = text.data();
  bool outside_alphabet = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char mapped = to_standard_alphabet[static_cast<unsigned char>(src[i])];
    outside_alphabet |= mapped == 0;
    dst[i] = mapped;
  }
  if (outside_alphabet) return false;
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
