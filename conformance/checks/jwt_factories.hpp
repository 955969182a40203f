#pragma once
// One factory per catalog ID, named by what the target must do (OpenID conformance style).
// Internal to the JWT/BEARER sections; jwt_checks.cpp lists them in catalog order.
#include "conformance/check.hpp"

namespace authprobe::conformance::jwt {

// Issuance (jwt_issuance.cpp)
[[nodiscard]] Check issues_well_formed_access_token();        // JWT-01
[[nodiscard]] Check issues_required_claims();                 // JWT-02
[[nodiscard]] Check issues_short_lived_token_without_secrets();  // JWT-03
[[nodiscard]] Check uses_strong_signing_key();                // JWT-04
// Signatures and algorithms (jwt_signature.cpp)
[[nodiscard]] Check rejects_claims_changed_under_old_signature();  // JWT-05
[[nodiscard]] Check rejects_corrupted_signature();            // JWT-06
[[nodiscard]] Check rejects_null_signature();                 // JWT-07
[[nodiscard]] Check rejects_wrong_segment_count();            // JWT-08
[[nodiscard]] Check rejects_alg_none();                       // JWT-09
[[nodiscard]] Check rejects_malformed_alg();                  // JWT-10
[[nodiscard]] Check rejects_guessable_hmac_keys();            // JWT-13
// Keys (jwt_keys.cpp)
[[nodiscard]] Check rejects_public_key_as_hmac_secret();      // JWT-11
[[nodiscard]] Check rejects_real_key_under_other_alg();       // JWT-12
[[nodiscard]] Check rejects_embedded_jwk();                   // JWT-14
[[nodiscard]] Check rejects_and_never_fetches_token_key_urls();  // JWT-15
[[nodiscard]] Check rejects_kid_injection();                  // JWT-16
[[nodiscard]] Check rejects_unknown_kid();                    // JWT-17
[[nodiscard]] Check rejects_unknown_critical_header();        // JWT-18
// ECDSA (jwt_ecdsa.cpp)
[[nodiscard]] Check rejects_psychic_signatures();             // JWT-19
[[nodiscard]] Check rejects_non_jws_ecdsa_encodings();        // JWT-20
[[nodiscard]] Check verifies_rsa_padding_inside();            // JWT-21
// Claims (jwt_claims.cpp)
[[nodiscard]] Check rejects_expired_token();                  // JWT-22
[[nodiscard]] Check honours_exp_boundary_and_leeway();        // JWT-23
[[nodiscard]] Check rejects_token_before_nbf();               // JWT-24
[[nodiscard]] Check reports_future_iat();                     // JWT-25
[[nodiscard]] Check rejects_missing_required_claims();        // JWT-26
[[nodiscard]] Check validates_exp_type();                     // JWT-27
[[nodiscard]] Check rejects_wrong_issuer();                   // JWT-28
[[nodiscard]] Check rejects_wrong_audience();                 // JWT-29
[[nodiscard]] Check requires_at_jwt_typ();                    // JWT-30
[[nodiscard]] Check rejects_other_token_kinds();              // JWT-31
// Parsing (jwt_parsing.cpp)
[[nodiscard]] Check rejects_noncanonical_base64url();         // JWT-32
[[nodiscard]] Check rejects_ambiguous_json();                 // JWT-33
[[nodiscard]] Check rejects_other_serializations();           // JWT-34
[[nodiscard]] Check rejects_unsigned_nested_token();          // JWT-35
[[nodiscard]] Check rejects_random_tokens();                  // JWT-36
[[nodiscard]] Check chooses_algorithm_by_configuration();     // JWT-37
[[nodiscard]] Check compares_mac_in_constant_time();          // JWT-38
[[nodiscard]] Check passes_wycheproof_vectors();              // JWT-39

// BEARER (bearer_*.cpp)
[[nodiscard]] Check challenges_request_without_token();       // BEARER-01
[[nodiscard]] Check accepts_token_in_authorization_header();  // BEARER-02
[[nodiscard]] Check refuses_invalid_token_with_invalid_token();  // BEARER-03
[[nodiscard]] Check refuses_expired_token_with_invalid_token();  // BEARER-04
[[nodiscard]] Check refuses_revoked_token();                  // BEARER-05
[[nodiscard]] Check accepts_scheme_in_any_case();             // BEARER-06
[[nodiscard]] Check challenges_other_schemes();               // BEARER-07
[[nodiscard]] Check refuses_malformed_b64token();             // BEARER-08
[[nodiscard]] Check sends_well_formed_bearer_challenges();    // BEARER-09
[[nodiscard]] Check never_echoes_token_bytes_unescaped();     // BEARER-10
[[nodiscard]] Check refuses_insufficient_scope_with_403();    // BEARER-11
[[nodiscard]] Check refuses_two_transmission_methods();       // BEARER-12
[[nodiscard]] Check avoids_query_tokens();                    // BEARER-13
[[nodiscard]] Check limits_body_tokens();                     // BEARER-14
[[nodiscard]] Check ignores_cookie_and_custom_header_tokens();  // BEARER-15
[[nodiscard]] Check pairs_status_with_error_code();           // BEARER-16
[[nodiscard]] Check advertises_resource_metadata();           // BEARER-17

}  // namespace authprobe::conformance::jwt
