// Peers on the same claims and key (the token's "typ":"JWT" twin, see jwt_fixture.hpp): libjwt (Debian's libjwt-dev, 1.10), when the build found
// it. Its pipeline is what a libjwt user writes for the same checks: jwt_decode (signature
// and JSON parse), then exp, nbf, iss and aud read back and compared.
#include <benchmark/benchmark.h>

#include <string>

#include "bench/jwt_fixture.hpp"
#include "bench/names.hpp"
#include "bench/suites.hpp"

#if AUTHPROBE_HAVE_LIBJWT
#include <jwt.h>
#endif

namespace authprobe::bench {

#if AUTHPROBE_HAVE_LIBJWT
namespace {

using CasePtr = std::shared_ptr<const JwtCase>;

// The algorithms libjwt 1.10 implements among ours (no PS256, no EdDSA).
bool libjwt_supports(jose::Algorithm alg) {
  using jose::Algorithm;
  return alg == Algorithm::HS256 || alg == Algorithm::HS384 || alg == Algorithm::HS512 || alg == Algorithm::RS256 ||
         alg == Algorithm::ES256;
}

struct JwtFree {
  void operator()(jwt_t* p) const { jwt_free(p); }
};

bool libjwt_accepts(const std::string& token, const std::string& key, const JwtCase& c) {
  jwt_t* raw = nullptr;
  const int rc = jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(key.data()),
                            static_cast<int>(key.size()));
  std::unique_ptr<jwt_t, JwtFree> jwt(raw);
  if (rc != 0 || !jwt) return false;
  const long exp = jwt_get_grant_int(jwt.get(), "exp");
  const long nbf = jwt_get_grant_int(jwt.get(), "nbf");
  const char* iss = jwt_get_grant(jwt.get(), "iss");
  const char* aud = jwt_get_grant(jwt.get(), "aud");
  return c.now < exp && c.now >= nbf && iss != nullptr && c.claims.iss == iss && aud != nullptr &&
         c.claims.aud.front() == aud;
}

void libjwt_verify(benchmark::State& state, const CasePtr& c) {
  // libjwt takes the raw secret for HS*, the PEM public key otherwise.
  const std::string key = jose::is_hmac(c->alg) ? c->hmac_secret : c->key.public_pem();
  if (!libjwt_accepts(c->peer_token, key, *c)) {
    state.SkipWithError("libjwt refuses the token");
    return;
  }
  for (auto _ : state) {
    if (!libjwt_accepts(c->peer_token, key, *c)) {
      state.SkipWithError("libjwt refused the token");
      break;
    }
  }
}

}  // namespace

std::string libjwt_status() { return "libjwt " AUTHPROBE_LIBJWT_VERSION; }

void register_jwt_peers(const std::vector<JwtCaseSlot>& cases) {
  for (const auto& slot : cases) {
    if (!slot.made || !libjwt_supports(slot.alg)) continue;
    const std::string name = std::string(family::peer_libjwt) + "/" + std::string(jose::algorithm_name(slot.alg));
    benchmark::RegisterBenchmark(name.c_str(), libjwt_verify, slot.made)->Unit(benchmark::kMicrosecond);
  }
}

#else

std::string libjwt_status() { return "not installed (install libjwt-dev and reconfigure)"; }

void register_jwt_peers(const std::vector<JwtCaseSlot>&) {}

#endif

}  // namespace authprobe::bench
