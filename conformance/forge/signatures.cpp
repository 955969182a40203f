#include "conformance/forge/signatures.hpp"

#include <array>
#include <memory>

#include <openssl/bn.h>

#include "conformance/forge/sign.hpp"

namespace authprobe::conformance::forge {
namespace {

constexpr std::size_t p256_scalar_bytes = 32;
constexpr unsigned bits_per_char = 6;   // RFC 4648 §4: one base64 character carries 6 bits
constexpr unsigned bits_per_byte = 8;
constexpr std::string_view b64url_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view p256_order_hex =
    "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
// SEQUENCE { INTEGER 0, INTEGER 0 }: the DER form of the all-zero signature.
constexpr std::array<unsigned char, 8> der_zero_zero{0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00};

Bytes scalar_from_hex(std::string_view hex) {
  BIGNUM* bn = nullptr;
  BN_hex2bn(&bn, std::string(hex).c_str());
  Bytes out(p256_scalar_bytes, '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(out.size()));
  BN_free(bn);
  return out;
}

Bytes small_scalar(unsigned char value) {
  Bytes out(p256_scalar_bytes, '\0');
  out.back() = static_cast<char>(value);
  return out;
}

Bytes minus_one(Bytes big_endian) {
  for (auto it = big_endian.rbegin(); it != big_endian.rend(); ++it) {
    const auto byte = static_cast<unsigned char>(*it);
    *it = static_cast<char>(byte - 1U);
    if (byte != 0) break;  // no borrow
  }
  return big_endian;
}

}  // namespace

Bytes p256_order() { return scalar_from_hex(p256_order_hex); }

std::vector<NamedSignature> es256_psychic_signatures() {
  const Bytes n = p256_order();
  const std::array<std::pair<std::string, Bytes>, 4> values{{
      {"0", small_scalar(0)}, {"1", small_scalar(1)}, {"n-1", minus_one(n)}, {"n", n}}};
  std::vector<NamedSignature> out;
  out.push_back({"raw r=s=0 (86 'A')", small_scalar(0) + small_scalar(0)});
  out.push_back({"DER(0,0) 'MAYCAQACAQA'",
                 Bytes(reinterpret_cast<const char*>(der_zero_zero.data()), der_zero_zero.size())});
  for (const auto& [r_name, r] : values) {
    for (const auto& [s_name, s] : values) {
      if (r_name == "0" && s_name == "0") continue;  // the first entry above
      out.push_back({"raw r=" + r_name + " s=" + s_name, r + s});
    }
  }
  return out;
}

Result<std::vector<NamedSignature>> es256_encoding_variants(std::string_view raw_signature) {
  auto der = ecdsa_raw_to_der(raw_signature);
  if (!der) return fail(der.error());
  std::vector<NamedSignature> out;
  out.push_back({"DER-encoded", std::move(*der)});
  out.push_back({"zero byte appended", Bytes(raw_signature) + '\0'});
  out.push_back({"zero byte prepended", '\0' + Bytes(raw_signature)});
  return out;
}

Result<Bytes> es256_high_s(std::string_view raw_signature) {
  if (raw_signature.size() != 2 * p256_scalar_bytes) return fail("not a 64-byte ES256 signature");
  const Bytes n = p256_order();
  const auto* base = reinterpret_cast<const unsigned char*>(raw_signature.data());
  std::unique_ptr<BIGNUM, decltype(&BN_free)> order(
      BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), static_cast<int>(n.size()), nullptr), &BN_free);
  std::unique_ptr<BIGNUM, decltype(&BN_free)> s(
      BN_bin2bn(base + p256_scalar_bytes, static_cast<int>(p256_scalar_bytes), nullptr), &BN_free);
  if (!order || !s || BN_sub(s.get(), order.get(), s.get()) != 1 || BN_is_negative(s.get())) {
    return fail("s is not below the group order");
  }
  Bytes out(raw_signature.substr(0, p256_scalar_bytes));
  out.resize(2 * p256_scalar_bytes);
  if (BN_bn2binpad(s.get(), reinterpret_cast<unsigned char*>(out.data()) + p256_scalar_bytes,
                   static_cast<int>(p256_scalar_bytes)) < 0) {
    return fail("could not encode n - s");
  }
  return out;
}

Bytes flip_bit(std::string_view bytes, std::size_t bit) {
  Bytes out(bytes);
  if (out.empty()) return out;
  const std::size_t index = (bit / bits_per_byte) % out.size();
  const auto mask = static_cast<unsigned char>(0x80U >> (bit % bits_per_byte));
  out[index] = static_cast<char>(static_cast<unsigned char>(out[index]) ^ mask);
  return out;
}

std::optional<std::string> noncanonical_tail(std::string_view segment) {
  if (segment.empty()) return std::nullopt;
  const std::size_t spare = (segment.size() * bits_per_char) % bits_per_byte;
  if (spare == 0) return std::nullopt;
  const auto index = b64url_alphabet.find(segment.back());
  if (index == std::string_view::npos) return std::nullopt;
  std::string out(segment);
  out.back() = b64url_alphabet[index ^ 1U];  // toggles the lowest unused bit
  return out;
}

}  // namespace authprobe::conformance::forge
