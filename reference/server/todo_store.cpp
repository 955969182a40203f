#include "reference/server/todo_store.hpp"

#include <utility>

#include <nlohmann/json.hpp>

#include "reference/parse/utf8.hpp"

namespace authprobe::server {

tl::expected<std::string, AuthError> parse_todo_title(std::string_view json_body) {
  const auto bad = [](const char* why) { return tl::unexpected(make_error(AuthErrorKind::malformed_request, why)); };
  // No-throw parse: a malformed body is a value, never an exception in a handler.
  const auto body = nlohmann::json::parse(json_body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return bad("the body must be a JSON object");
  const auto title = body.find("title");
  if (title == body.end() || !title->is_string()) return bad("title must be a string");
  std::string value = title->get<std::string>();
  if (value.empty() || value.size() > max_todo_title_bytes) return bad("title must be 1 to 200 bytes");
  if (!parse::is_valid_utf8(value) || parse::contains_ctl(value)) return bad("title must be printable UTF-8");
  return value;
}

std::vector<Todo> TodoStore::list(std::string_view owner) const {
  const std::lock_guard lock(mutex_);
  std::vector<Todo> mine;
  for (const auto& todo : todos_)
    if (todo.owner == owner) mine.push_back(todo);
  return mine;
}

std::optional<Todo> TodoStore::add(std::string owner, std::string title) {
  const std::lock_guard lock(mutex_);
  if (todos_.size() >= max_todos) return std::nullopt;
  todos_.push_back(Todo{next_id_++, std::move(owner), std::move(title)});
  return todos_.back();
}

}  // namespace authprobe::server
