#pragma once
// OAuth scopes (RFC 6749 §3.3): case-sensitive scope-tokens separated by single spaces,
// order irrelevant, each token 1*( %x21 / %x23-5B / %x5D-7E ).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authprobe::server {

// The distinct tokens in order of first appearance; nullopt when the grammar is broken.
[[nodiscard]] std::optional<std::vector<std::string>> parse_scope(std::string_view scope);
[[nodiscard]] std::string join_scope(const std::vector<std::string>& tokens);
// Tokens of `requested` that also appear in `allowed`, in the order requested.
[[nodiscard]] std::vector<std::string> intersect_scope(const std::vector<std::string>& requested,
                                                       const std::vector<std::string>& allowed);
[[nodiscard]] bool contains_token(const std::vector<std::string>& tokens, std::string_view token);

}  // namespace authprobe::server
