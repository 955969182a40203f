# The BEARER and JWT sections of the catalog, built with conformance/forge/ (the token forger).
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
