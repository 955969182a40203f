#pragma once
// The reference server's profile cut down to what a Basic-only target declares: no token flow, no
// Bearer resource. The reference still serves them, but the suite, which goes by the profile,
// now sees a server like Caddy's basicauth or an Apache/nginx auth_basic location.
#include "conformance/target_profile.hpp"

namespace authprobe::conformance::mutants {

inline void basic_only(TargetProfile& profile) {
  auto& e = profile.endpoints;
  for (auto* endpoint : {&e.token, &e.bearer_read, &e.bearer_write, &e.bearer_admin, &e.own_record, &e.bearer_any,
                         &e.revocation, &e.introspection, &e.metadata, &e.jwks}) {
    endpoint->reset();
  }
  profile.flows.password_grant = false;
  profile.flows.refresh_token = false;
  profile.flows.revocation = false;
  profile.flows.introspection = false;
  profile.flows.metadata = false;
  profile.flows.scopes = false;
}

}  // namespace authprobe::conformance::mutants
