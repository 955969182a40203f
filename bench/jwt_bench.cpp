// The JWT suite: sign and the full verify pipeline per algorithm (the headline), and the
// pipeline's stages measured apart: split and decode, signature, claims parse and checks.
#include <benchmark/benchmark.h>

#include <string>

#include "bench/jwt_fixture.hpp"
#include "bench/names.hpp"
#include "bench/suites.hpp"
#include "reference/jose/base64url.hpp"
#include "reference/jose/claims.hpp"
#include "reference/jose/compact.hpp"

namespace authprobe::bench {
namespace {

using CasePtr = std::shared_ptr<const JwtCase>;

// simdjson reads up to this many bytes past the end of its input (SIMDJSON_PADDING).
constexpr std::size_t json_padding = 64;

std::string name_of(std::string_view family_name, jose::Algorithm alg) {
  return std::string(family_name) + "/" + std::string(jose::algorithm_name(alg));
}

void sign(benchmark::State& state, const CasePtr& c) {
  for (auto _ : state) {
    auto token = jose::mint_access_token(c->claims, c->key);
    if (!token) {
      state.SkipWithError(token.error().detail.c_str());
      break;
    }
    benchmark::DoNotOptimize(token->data());
  }
  state.SetItemsProcessed(state.iterations());
}

// The pipeline as a worker thread runs it: one Claims per thread, reused token after token
// (verify_into). JwtVerifier::verify, which returns a fresh Claims, adds the allocation of
// its strings and is measured apart (BM_JwtVerifyOwned).
void verify(benchmark::State& state, const CasePtr& c) {
  jose::Claims claims;
  for (auto _ : state) {
    auto verified = c->verifier.verify_into(c->token, c->now, claims);
    if (!verified) {
      state.SkipWithError(verified.error().detail.c_str());
      break;
    }
    benchmark::DoNotOptimize(claims.exp);
  }
  state.SetItemsProcessed(state.iterations());
}

void verify_owned(benchmark::State& state, const CasePtr& c) {
  for (auto _ : state) {
    auto claims = c->verifier.verify(c->token, c->now);
    if (!claims) {
      state.SkipWithError(claims.error().detail.c_str());
      break;
    }
    benchmark::DoNotOptimize(claims->exp);
  }
  state.SetItemsProcessed(state.iterations());
}

// What the pipeline does before the signature: split, then decode the payload.
void split_decode(benchmark::State& state, const CasePtr& c) {
  std::string payload;
  for (auto _ : state) {
    auto parts = jose::split_compact(c->token);
    if (!parts || !jose::base64url::decode_into(parts->payload, payload, json_padding)) {
      state.SkipWithError("split or decode failed");
      break;
    }
    benchmark::DoNotOptimize(payload.data());
  }
}

void signature(benchmark::State& state, const CasePtr& c) {
  const auto parts = jose::split_compact(c->token);
  if (!parts) {
    state.SkipWithError("token does not split");
    return;
  }
  for (auto _ : state) {
    auto verified = c->key.verify_segment(parts->signing_input, parts->signature);
    if (!verified) {
      state.SkipWithError(verified.error().detail.c_str());
      break;
    }
  }
}

// Claims parse and checks on the decoded payload. The copy back into the buffer (a few
// hundred bytes, no allocation) is in the loop because parse_claims may use the buffer.
void claims(benchmark::State& state, const CasePtr& c) {
  const auto parts = jose::split_compact(c->token);
  std::string decoded;
  if (!parts || !jose::base64url::decode_into(parts->payload, decoded, json_padding)) {
    state.SkipWithError("token does not decode");
    return;
  }
  jose::ValidationPolicy policy;
  policy.issuer = c->claims.iss;
  policy.audience = c->claims.aud.front();
  std::string buffer;
  buffer.reserve(decoded.size() + json_padding);
  jose::Claims claims;
  for (auto _ : state) {
    buffer.assign(decoded);
    auto present = jose::parse_claims(buffer, claims);
    if (!present || !jose::check_claims(claims, *present, policy, c->now)) {
      state.SkipWithError("claims refused");
      break;
    }
    benchmark::DoNotOptimize(claims.exp);
  }
}

}  // namespace

void register_setup_failure(const std::string& name, const std::string& message) {
  benchmark::RegisterBenchmark(name.c_str(), [message](benchmark::State& state) {
    state.SkipWithError(message.c_str());
    for (auto _ : state) {
    }
  });
}

void register_jwt_pipeline(const std::vector<JwtCaseSlot>& cases) {
  for (const auto& slot : cases) {
    const auto alg = slot.alg;
    if (!slot.made) {
      register_setup_failure(name_of(family::jwt_verify, alg), "setup: " + slot.error);
      continue;
    }
    const CasePtr& c = slot.made;
    benchmark::RegisterBenchmark(name_of(family::jwt_sign, alg).c_str(), sign, c)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(name_of(family::jwt_verify, alg).c_str(), verify, c)->Unit(benchmark::kMicrosecond);
    if (alg == jose::Algorithm::HS256)
      benchmark::RegisterBenchmark(name_of(family::jwt_verify_owned, alg).c_str(), verify_owned, c)
          ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(name_of(family::stage_signature, alg).c_str(), signature, c)
        ->Unit(benchmark::kMicrosecond);
    if (alg == jose::Algorithm::HS256) {
      benchmark::RegisterBenchmark(name_of(family::stage_split_decode, alg).c_str(), split_decode, c)
          ->Unit(benchmark::kMicrosecond);
      benchmark::RegisterBenchmark(name_of(family::stage_claims, alg).c_str(), claims, c)
          ->Unit(benchmark::kMicrosecond);
    }
  }
}

void register_jwt_suite() {
  const auto cases = make_jwt_cases();
  register_jwt_pipeline(cases);
  register_jwt_floors(cases);
  register_jwt_peers(cases);
}

}  // namespace authprobe::bench
