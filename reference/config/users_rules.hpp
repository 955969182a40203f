#pragma once
// What a users-file entry may contain, shared by the loader and by `authprobe users`, so that
// the command can never write a file the server would refuse to load.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authprobe::config::rules {

[[nodiscard]] std::optional<std::string> username_problem(std::string_view username);
[[nodiscard]] std::optional<std::string> roles_problem(const std::vector<std::string>& roles);
[[nodiscard]] std::optional<std::string> scopes_problem(const std::vector<std::string>& scopes);
// full_name, email: free text a response shows (UTF-8, no control characters).
[[nodiscard]] std::optional<std::string> display_text_problem(std::string_view text);
[[nodiscard]] std::optional<std::string> client_id_problem(std::string_view client_id);
[[nodiscard]] std::optional<std::string> secret_sha256_problem(std::string_view digest);
[[nodiscard]] std::optional<std::string> grant_types_problem(const std::vector<std::string>& grant_types);
// A password a Basic or form login could ever present (RFC 7617 §2: UTF-8, no CTL, and the
// Basic parser refuses an empty password).
[[nodiscard]] std::optional<std::string> password_problem(std::string_view password);

}  // namespace authprobe::config::rules
