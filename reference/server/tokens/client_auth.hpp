#pragma once
// Client authentication at the token endpoint (RFC 6749 §2.3):
//   - HTTP Basic, with the client id and secret form-urlencoded before base64 (§2.3.1,
//     Appendix B): "c:li%nt" travels as "c%3Ali%25nt";
//   - or client_id / client_secret in the form body (§2.3.1, "NOT RECOMMENDED" but allowed);
//   - never both (§2.3: one method per request) -> invalid_request;
//   - a public client identifies itself by client_id alone (§2.1, §3.2.1);
//   - unknown client, wrong or missing secret -> 401 invalid_client (§5.2).
#include <optional>
#include <string>

#include <httplib.h>
#include <tl/expected.hpp>

#include "reference/config/users.hpp"
#include "reference/parse/form.hpp"
#include "reference/server/http/auth_error.hpp"
#include "reference/server/login/account_store.hpp"

namespace authprobe::server {

// nullopt: the request named no client at all (the caller decides whether that is allowed).
[[nodiscard]] tl::expected<std::optional<config::Client>, AuthError> authenticate_client(
    const httplib::Request& request, const parse::FormParams& form, const AccountStore& accounts);

[[nodiscard]] bool client_may_use(const config::Client& client, std::string_view grant_type);

}  // namespace authprobe::server
