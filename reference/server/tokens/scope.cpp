#include "reference/server/tokens/scope.hpp"

#include <algorithm>

namespace authprobe::server {
namespace {

constexpr char separator = ' ';

// RFC 6749 §3.3: NQCHAR minus SP; no DQUOTE, no backslash.
bool is_scope_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u == 0x21 || (u >= 0x23 && u <= 0x5B) || (u >= 0x5D && u <= 0x7E);
}

}  // namespace

bool contains_token(const std::vector<std::string>& tokens, std::string_view token) {
  return std::find(tokens.begin(), tokens.end(), token) != tokens.end();
}

std::optional<std::vector<std::string>> parse_scope(std::string_view scope) {
  std::vector<std::string> tokens;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(scope.find(separator, start), scope.size());
    const std::string_view token = scope.substr(start, end - start);
    if (token.empty() || !std::all_of(token.begin(), token.end(), is_scope_char)) return std::nullopt;
    if (!contains_token(tokens, token)) tokens.emplace_back(token);
    if (end == scope.size()) return tokens;
    start = end + 1;
  }
}

std::string join_scope(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& token : tokens) {
    if (!out.empty()) out += separator;
    out += token;
  }
  return out;
}

std::vector<std::string> intersect_scope(const std::vector<std::string>& requested,
                                         const std::vector<std::string>& allowed) {
  std::vector<std::string> granted;
  for (const auto& token : requested)
    if (contains_token(allowed, token)) granted.push_back(token);
  return granted;
}

}  // namespace authprobe::server
