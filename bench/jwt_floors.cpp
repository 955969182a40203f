// The floors the JWT pipeline is judged against, measured on the same token in the same run:
//   HMAC of the signing input with precomputed key state (EVP_MAC re-initialised without a
//   key reuses the ipad/opad state), OpenSSL's one-shot HMAC() for scale, base64url decode
//   of the payload and signature alone, and a bare EVP_DigestVerify with the key parsed once
//   (what `openssl speed` measures for RSA/ECDSA/Ed25519, plus hashing the signing input).
#include <benchmark/benchmark.h>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <sodium.h>

#include <memory>
#include <string>

#include "bench/jwt_fixture.hpp"
#include "bench/names.hpp"
#include "bench/suites.hpp"
#include "reference/jose/base64url.hpp"
#include "reference/jose/compact.hpp"

namespace authprobe::bench {
namespace {

using CasePtr = std::shared_ptr<const JwtCase>;

struct MacFree {
  void operator()(EVP_MAC* p) const { EVP_MAC_free(p); }
};
struct MacCtxFree {
  void operator()(EVP_MAC_CTX* p) const { EVP_MAC_CTX_free(p); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
struct EcdsaSigFree {
  void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); }
};

constexpr std::size_t max_mac_bytes = EVP_MAX_MD_SIZE;
constexpr std::size_t es256_half_bytes = 32;  // RFC 7518 §3.4: R and S, 32 bytes each

std::string name_of(std::string_view family_name, jose::Algorithm alg, std::string_view variant = {}) {
  std::string name = std::string(family_name) + "/" + std::string(jose::algorithm_name(alg));
  if (!variant.empty()) name.append("_").append(variant);
  return name;
}

const char* digest_of(jose::Algorithm alg) {
  switch (alg) {
    case jose::Algorithm::HS384: return "SHA384";
    case jose::Algorithm::HS512: return "SHA512";
    case jose::Algorithm::EdDSA: return nullptr;  // RFC 8037: Ed25519 signs the message itself
    default: return "SHA256";
  }
}

void hmac_precomputed(benchmark::State& state, const CasePtr& c) {
  const auto parts = jose::split_compact(c->token);
  std::unique_ptr<EVP_MAC, MacFree> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  std::unique_ptr<EVP_MAC_CTX, MacCtxFree> ctx(mac ? EVP_MAC_CTX_new(mac.get()) : nullptr);
  std::string digest = digest_of(c->alg);
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest.data(), 0),
                               OSSL_PARAM_construct_end()};
  const auto* key = reinterpret_cast<const unsigned char*>(c->hmac_secret.data());
  if (!parts || !ctx || EVP_MAC_init(ctx.get(), key, c->hmac_secret.size(), params) != 1) {
    state.SkipWithError("HMAC setup failed");
    return;
  }
  const auto* input = reinterpret_cast<const unsigned char*>(parts->signing_input.data());
  unsigned char out[max_mac_bytes];
  for (auto _ : state) {
    std::size_t length = 0;
    if (EVP_MAC_init(ctx.get(), nullptr, 0, nullptr) != 1 ||
        EVP_MAC_update(ctx.get(), input, parts->signing_input.size()) != 1 ||
        EVP_MAC_final(ctx.get(), out, &length, sizeof out) != 1) {
      state.SkipWithError("HMAC failed");
      break;
    }
    benchmark::DoNotOptimize(out);
  }
}

void hmac_one_shot(benchmark::State& state, const CasePtr& c) {
  const auto parts = jose::split_compact(c->token);
  const EVP_MD* md = EVP_get_digestbyname(digest_of(c->alg));
  if (!parts || md == nullptr) {
    state.SkipWithError("HMAC setup failed");
    return;
  }
  unsigned char out[max_mac_bytes];
  for (auto _ : state) {
    unsigned int length = 0;
    if (HMAC(md, c->hmac_secret.data(), static_cast<int>(c->hmac_secret.size()),
             reinterpret_cast<const unsigned char*>(parts->signing_input.data()), parts->signing_input.size(), out,
             &length) == nullptr) {
      state.SkipWithError("HMAC failed");
      break;
    }
    benchmark::DoNotOptimize(out);
  }
}

void base64url_ours(benchmark::State& state, const CasePtr& c) {
  const auto parts = jose::split_compact(c->token);
  std::string payload;
  std::string signature;
  if (!parts) {
    state.SkipWithError("token does not split");
    return;
  }
  for (auto _ : state) {
    if (!jose::base64url::decode_into(parts->payload, payload) ||
        !jose::base64url::decode_into(parts->signature, signature)) {
      state.SkipWithError("decode failed");
      break;
    }
    benchmark::DoNotOptimize(payload.data());
    benchmark::DoNotOptimize(signature.data());
  }
}

bool sodium_decode(std::string_view text, std::string& out) {
  out.resize(text.size());
  std::size_t length = 0;
  const int rc = sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                                   nullptr, &length, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(length);
  return rc == 0;
}

void base64url_sodium(benchmark::State& state, const CasePtr& c) {
  const auto parts = jose::split_compact(c->token);
  std::string payload;
  std::string signature;
  if (!parts || sodium_init() < 0) {
    state.SkipWithError("setup failed");
    return;
  }
  for (auto _ : state) {
    if (!sodium_decode(parts->payload, payload) || !sodium_decode(parts->signature, signature)) {
      state.SkipWithError("decode failed");
      break;
    }
    benchmark::DoNotOptimize(payload.data());
    benchmark::DoNotOptimize(signature.data());
  }
}

// JWS ES256 carries R||S (RFC 7518 §3.4); EVP_DigestVerify wants the DER ECDSA-Sig-Value.
std::string es256_der(const std::string& raw) {
  if (raw.size() != 2 * es256_half_bytes) return {};
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  std::unique_ptr<ECDSA_SIG, EcdsaSigFree> sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(bytes, es256_half_bytes, nullptr);
  BIGNUM* s = BN_bin2bn(bytes + es256_half_bytes, es256_half_bytes, nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return {};
  }
  unsigned char* der = nullptr;
  const int length = i2d_ECDSA_SIG(sig.get(), &der);
  if (length <= 0) return {};
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return out;
}

void bare_verify(benchmark::State& state, const CasePtr& c) {
  const auto parts = jose::split_compact(c->token);
  const std::string pem = c->key.public_pem();
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  std::unique_ptr<EVP_PKEY, PkeyFree> pkey(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  std::string signature;
  if (!parts || !pkey || !jose::base64url::decode_into(parts->signature, signature)) {
    state.SkipWithError("setup failed");
    return;
  }
  if (c->alg == jose::Algorithm::ES256) signature = es256_der(signature);
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  const auto* sig = reinterpret_cast<const unsigned char*>(signature.data());
  const auto* input = reinterpret_cast<const unsigned char*>(parts->signing_input.data());
  for (auto _ : state) {
    EVP_PKEY_CTX* pctx = nullptr;
    bool ok = EVP_MD_CTX_reset(ctx.get()) == 1 &&
              EVP_DigestVerifyInit_ex(ctx.get(), &pctx, digest_of(c->alg), nullptr, nullptr, pkey.get(), nullptr) == 1;
    // RFC 7518 §3.5: PSS with MGF1 and a salt as long as the hash.
    if (ok && c->alg == jose::Algorithm::PS256)
      ok = EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
           EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1;
    if (!ok || EVP_DigestVerify(ctx.get(), sig, signature.size(), input, parts->signing_input.size()) != 1) {
      state.SkipWithError("verify failed");
      break;
    }
  }
}

}  // namespace

void register_jwt_floors(const std::vector<JwtCaseSlot>& cases) {
  for (const auto& slot : cases) {
    const auto alg = slot.alg;
    if (!slot.made) {
      register_setup_failure(name_of(family::floor_signature, alg), "setup: " + slot.error);
      continue;
    }
    const CasePtr& c = slot.made;
    if (jose::is_hmac(alg)) {
      benchmark::RegisterBenchmark(name_of(family::floor_hmac, alg).c_str(), hmac_precomputed, c)
          ->Unit(benchmark::kMicrosecond);
    } else {
      benchmark::RegisterBenchmark(name_of(family::floor_signature, alg).c_str(), bare_verify, c)
          ->Unit(benchmark::kMicrosecond);
    }
    if (alg == jose::Algorithm::HS256) {
      benchmark::RegisterBenchmark(name_of(family::floor_hmac_one_shot, alg).c_str(), hmac_one_shot, c)
          ->Unit(benchmark::kMicrosecond);
      benchmark::RegisterBenchmark(name_of(family::floor_base64url, alg).c_str(), base64url_ours, c)
          ->Unit(benchmark::kMicrosecond);
      benchmark::RegisterBenchmark(name_of(family::floor_base64url, alg, "libsodium").c_str(), base64url_sodium, c)
          ->Unit(benchmark::kMicrosecond);
    }
  }
}

}  // namespace authprobe::bench
