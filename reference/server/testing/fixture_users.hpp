#pragma once
// The fixture contract of fixtures/README.md as a UsersFile, hashed at run time with the
// default (OWASP-minimum argon2id) policy, so HTTP tests need no committed file and pay for
// each hash once per test process.
#include <string_view>

#include "reference/config/server_config.hpp"
#include "reference/config/users.hpp"

namespace authprobe::server::testing {

namespace password_of {
inline constexpr std::string_view alice = "wonderland-42";
inline constexpr std::string_view bob = "bob-the-builder-can-we-fix-it-yes-we-can-0123456789-abcdefghijkl";
inline constexpr std::string_view carol = "carol-is-disabled";
inline constexpr std::string_view dave =
    "dave-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz012";
inline constexpr std::string_view erin = "p\xC3\xA4:ss w\xC3\xB6rd \xF0\x9F\x94\x91";  // "pä:ss wörd 🔑" (NFC)
}  // namespace password_of

// --compat fastapi's users (fixtures/README.md): the FastAPI tutorials' johndoe and their
// disabled alice; bob, dave and erin keep the passwords above.
namespace tutorial_password_of {
inline constexpr std::string_view johndoe = "secret";
inline constexpr std::string_view alice = "secret2";
}  // namespace tutorial_password_of

namespace secret_of {
inline constexpr std::string_view cli = "cli-secret-for-loopback-tests-only";
inline constexpr std::string_view cli_reserved = "s3cr%t:with&reserved=chars";  // client "c:li%nt"
inline constexpr std::string_view svc = "svc-secret-for-loopback-tests-only";
}  // namespace secret_of

inline constexpr std::string_view reserved_client_id = "c:li%nt";

// alice, bob, carol (disabled), dave, erin; clients cli, c:li%nt, svc (no user grants), pub.
[[nodiscard]] const config::UsersFile& fixture_users();
// The fixture of `mode`: strict as above; fastapi johndoe, alice (disabled), bob, dave, erin,
// each with the tutorials' scopes me and items, and no client.
[[nodiscard]] const config::UsersFile& fixture_users(config::CompatMode mode);

}  // namespace authprobe::server::testing
