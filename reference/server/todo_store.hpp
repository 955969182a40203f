#pragma once
// The seeds' todo API, in memory: each user sees and adds their own items.
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reference/server/http/auth_error.hpp"

#include <tl/expected.hpp>

namespace authprobe::server {

struct Todo {
  std::uint64_t id = 0;
  std::string owner;
  std::string title;
};

inline constexpr std::size_t max_todo_title_bytes = 200;
inline constexpr std::size_t max_todos = 10000;  // bounded memory

// {"title": "<1..200 bytes of UTF-8 without control characters>"} and nothing that is not a
// JSON object; the description never echoes the input.
[[nodiscard]] tl::expected<std::string, AuthError> parse_todo_title(std::string_view json_body);

class TodoStore {
 public:
  [[nodiscard]] std::vector<Todo> list(std::string_view owner) const;
  [[nodiscard]] std::optional<Todo> add(std::string owner, std::string title);

 private:
  mutable std::mutex mutex_;
  std::vector<Todo> todos_;
  std::uint64_t next_id_ = 1;
};

}  // namespace authprobe::server
