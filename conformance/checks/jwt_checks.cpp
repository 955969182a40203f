// The one list of the JWT and BEARER sections, in catalog order (the registry's test compares
// the IDs with checks.md).
#include "conformance/checks/jwt_checks.hpp"

#include "conformance/checks/jwt_factories.hpp"

namespace authprobe::conformance {

std::vector<Check> bearer_checks() {
  using namespace jwt;
  return {challenges_request_without_token(), accepts_token_in_authorization_header(),
          refuses_invalid_token_with_invalid_token(), refuses_expired_token_with_invalid_token(),
          refuses_revoked_token(), accepts_scheme_in_any_case(), challenges_other_schemes(),
          refuses_malformed_b64token(), sends_well_formed_bearer_challenges(), never_echoes_token_bytes_unescaped(),
          refuses_insufficient_scope_with_403(), refuses_two_transmission_methods(), avoids_query_tokens(),
          limits_body_tokens(), ignores_cookie_and_custom_header_tokens(), pairs_status_with_error_code(),
          advertises_resource_metadata()};
}

std::vector<Check> jwt_checks() {
  using namespace jwt;
  return {issues_well_formed_access_token(), issues_required_claims(), issues_short_lived_token_without_secrets(),
          uses_strong_signing_key(), rejects_claims_changed_under_old_signature(), rejects_corrupted_signature(),
          rejects_null_signature(), rejects_wrong_segment_count(), rejects_alg_none(), rejects_malformed_alg(),
          rejects_public_key_as_hmac_secret(), rejects_real_key_under_other_alg(), rejects_guessable_hmac_keys(),
          rejects_embedded_jwk(), rejects_and_never_fetches_token_key_urls(), rejects_kid_injection(),
          rejects_unknown_kid(), rejects_unknown_critical_header(), rejects_psychic_signatures(),
          rejects_non_jws_ecdsa_encodings(), verifies_rsa_padding_inside(), rejects_expired_token(),
          honours_exp_boundary_and_leeway(), rejects_token_before_nbf(), reports_future_iat(),
          rejects_missing_required_claims(), validates_exp_type(), rejects_wrong_issuer(), rejects_wrong_audience(),
          requires_at_jwt_typ(), rejects_other_token_kinds(), rejects_noncanonical_base64url(), rejects_ambiguous_json(),
          rejects_other_serializations(), rejects_unsigned_nested_token(), rejects_random_tokens(),
          chooses_algorithm_by_configuration(), compares_mac_in_constant_time(), passes_wycheproof_vectors()};
}

}  // namespace authprobe::conformance
