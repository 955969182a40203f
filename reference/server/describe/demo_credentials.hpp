#pragma once
// The passwords and client secrets of the demo fixture (fixtures/reference/users.json, listed
// in fixtures/README.md): test credentials published on purpose so that a class can log in.
// `authprobe serve` hands them to the server only when it serves that very file; a users file
// an operator supplies never has its passwords shown (the server holds only their hashes).
#include <string>
#include <utility>
#include <vector>

namespace authprobe::server::description {

using Secrets = std::vector<std::pair<std::string, std::string>>;  // name -> password or secret

[[nodiscard]] Secrets demo_user_passwords();
[[nodiscard]] Secrets demo_client_secrets();
// The secret listed for `name`, or nullptr.
[[nodiscard]] const std::string* find_secret(const Secrets& secrets, const std::string& name);

}  // namespace authprobe::server::description
