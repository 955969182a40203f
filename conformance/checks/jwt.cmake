# The BEARER and JWT sections of the catalog (issue 3), owned with conformance/forge/.
# Included from conformance/CMakeLists.txt after the framework library is defined.
if(NOT DEFINED AUTHPROBE_CONFORMANCE_FRAMEWORK_TARGET)
  set(AUTHPROBE_CONFORMANCE_FRAMEWORK_TARGET authprobe_conformance)
endif()

set(_jwt_dir ${CMAKE_CURRENT_LIST_DIR})
add_library(authprobe_conformance_jwt STATIC
  ${_jwt_dir}/bearer_challenges.cpp
  ${_jwt_dir}/bearer_requests.cpp
  ${_jwt_dir}/bearer_support.cpp
  ${_jwt_dir}/bearer_transport.cpp
  ${_jwt_dir}/forgery_guard.cpp
  ${_jwt_dir}/jwt_authz.cpp
  ${_jwt_dir}/jwt_checks.cpp
  ${_jwt_dir}/jwt_claims.cpp
  ${_jwt_dir}/jwt_ecdsa.cpp
  ${_jwt_dir}/jwt_issuance.cpp
  ${_jwt_dir}/jwt_keys.cpp
  ${_jwt_dir}/jwt_parsing.cpp
  ${_jwt_dir}/jwt_signature.cpp
  ${_jwt_dir}/jwt_support.cpp
  ${_jwt_dir}/jwks_reader.cpp
  ${_jwt_dir}/protection.cpp)
add_library(authprobe::conformance_jwt ALIAS authprobe_conformance_jwt)
target_link_libraries(authprobe_conformance_jwt
  PUBLIC ${AUTHPROBE_CONFORMANCE_FRAMEWORK_TARGET} authprobe::forge
  PRIVATE authprobe_options authprobe_warnings)

# Test-only mock JWT resource server with named flaws, and the per-ID tests.
# run_check goes through the registry and runner, so this links the whole suite
# (authprobe_conformance, defined after this file is included; CMake resolves it at generate time).
add_library(authprobe_conformance_jwt_testing STATIC
  ${_jwt_dir}/testing_jwt/mock_routes.cpp
  ${_jwt_dir}/testing_jwt/mock_target.cpp
  ${_jwt_dir}/testing_jwt/mock_tokens.cpp
  ${_jwt_dir}/testing_jwt/run_check.cpp
  ${_jwt_dir}/../testing/raw_target.cpp)
target_link_libraries(authprobe_conformance_jwt_testing
  PUBLIC authprobe_conformance PkgConfig::HTTPLIB Threads::Threads
  PRIVATE authprobe_options authprobe_warnings)

authprobe_add_test(NAME conformance_jwt_test PREFIX "conformance.jwt."
  SOURCES
    ${_jwt_dir}/authz_checks_test.cpp
    ${_jwt_dir}/bearer_checks_test.cpp
    ${_jwt_dir}/forgery_guard_test.cpp
    ${_jwt_dir}/hash_checks_test.cpp
    ${_jwt_dir}/http_checks_test.cpp
    ${_jwt_dir}/jwt_checks_test.cpp
  LIBS authprobe_conformance_jwt_testing authprobe_conformance_testing)
