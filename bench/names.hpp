#pragma once
// Benchmark family names and counter names, shared by the suites that emit them and by the
// ratio table and report that read them back (live or from JSON): one spelling each.
#include <string_view>

namespace authprobe::bench {

namespace family {
inline constexpr std::string_view password_hash = "BM_PasswordHash";
inline constexpr std::string_view password_verify = "BM_PasswordVerify";
inline constexpr std::string_view jwt_sign = "BM_JwtSign";
inline constexpr std::string_view jwt_verify = "BM_JwtVerify";  // the full pipeline: the headline
inline constexpr std::string_view jwt_verify_owned = "BM_JwtVerifyOwned";  // the same, returning a fresh Claims
inline constexpr std::string_view stage_split_decode = "BM_JwtStageSplitDecode";
inline constexpr std::string_view stage_signature = "BM_JwtStageSignature";
inline constexpr std::string_view stage_claims = "BM_JwtStageClaims";
inline constexpr std::string_view floor_hmac = "BM_FloorHmac";                 // precomputed key state
inline constexpr std::string_view floor_hmac_one_shot = "BM_FloorHmacOneShot";  // OpenSSL HMAC(), for scale
inline constexpr std::string_view floor_base64url = "BM_FloorBase64urlDecode";
inline constexpr std::string_view floor_signature = "BM_FloorSignatureVerify";  // bare EVP_DigestVerify
inline constexpr std::string_view peer_libjwt = "BM_PeerLibjwtVerify";
inline constexpr std::string_view http_open = "BM_HttpOpenRoute";
inline constexpr std::string_view http_protected = "BM_HttpProtectedRoute";
inline constexpr std::string_view http_login = "BM_HttpLogin";
inline constexpr std::string_view http_storm = "BM_HttpProtectedDuringStorm";
inline constexpr std::string_view http_paired = "BM_HttpProtectedVsOpen";  // alternating batches
}  // namespace family

namespace counter {
inline constexpr std::string_view ms_per_op = "ms_per_op";
inline constexpr std::string_view ops_per_s_per_core = "ops_per_s_per_core";
inline constexpr std::string_view cost_param = "cost_param";  // bcrypt cost, argon2 MiB, scrypt log2 N, PBKDF2 rounds
inline constexpr std::string_view req_per_s = "req_per_s";      // 2xx responses only
inline constexpr std::string_view errors = "errors";            // non-2xx and transport failures
inline constexpr std::string_view open_req_per_s = "open_req_per_s";            // paired: the baseline's rate
inline constexpr std::string_view protected_over_open = "protected_over_open";  // paired: median of the pairs
inline constexpr std::string_view p50_us = "p50_us";
inline constexpr std::string_view p90_us = "p90_us";
inline constexpr std::string_view p99_us = "p99_us";
inline constexpr std::string_view hash_ms = "hash_ms";          // one login hash, hash_slots running at once
inline constexpr std::string_view hash_slots = "hash_slots";    // hashes the server runs at once
inline constexpr std::string_view storm_logins_per_s = "storm_logins_per_s";
inline constexpr std::string_view storm_errors = "storm_errors";
}  // namespace counter

namespace arg {
inline constexpr std::string_view threads = "threads";
inline constexpr std::string_view storm = "storm";
}  // namespace arg

}  // namespace authprobe::bench
