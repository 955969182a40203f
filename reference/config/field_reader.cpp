#include "reference/config/field_reader.hpp"

#include <limits>

#include "reference/config/json_document.hpp"

namespace authprobe::config {

FieldReader::FieldReader(const nlohmann::json& object, std::string pointer, std::string source)
    : object_(object), pointer_(std::move(pointer)), source_(std::move(source)) {
  if (!object_.is_object())
    first_error_ = config_error(ConfigErrc::bad_field, source_, pointer_.empty() ? "(top level)" : pointer_,
                                "expected an object");
}

std::string FieldReader::pointer_of(std::string_view key) const { return pointer_append(pointer_, key); }

void FieldReader::fail(std::string_view key, ConfigErrc code, std::string_view problem) {
  if (!first_error_) first_error_ = config_error(code, source_, pointer_of(key), problem);
}

void FieldReader::absorb(std::optional<Error> nested) {
  if (!first_error_ && nested) first_error_ = std::move(nested);
}

const nlohmann::json* FieldReader::member(std::string_view key, Presence presence) {
  read_keys_.emplace(key);
  if (!object_.is_object()) return nullptr;
  const auto it = object_.find(key);
  if (it == object_.end()) {
    if (presence == Presence::required) fail(key, ConfigErrc::missing_field, "required field is missing");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> FieldReader::string(std::string_view key, Presence presence) {
  const nlohmann::json* value = member(key, presence);
  if (value == nullptr) return std::nullopt;
  const auto* text = value->get_ptr<const nlohmann::json::string_t*>();
  if (text == nullptr) {
    fail(key, ConfigErrc::bad_field, "expected a string");
    return std::nullopt;
  }
  return *text;
}

std::optional<bool> FieldReader::boolean(std::string_view key, Presence presence) {
  const nlohmann::json* value = member(key, presence);
  if (value == nullptr) return std::nullopt;
  const auto* flag = value->get_ptr<const nlohmann::json::boolean_t*>();
  if (flag == nullptr) {
    fail(key, ConfigErrc::bad_field, "expected true or false");
    return std::nullopt;
  }
  return *flag;
}

std::optional<std::int64_t> FieldReader::integer(std::string_view key, std::int64_t min, std::int64_t max,
                                                 Presence presence) {
  const nlohmann::json* value = member(key, presence);
  if (value == nullptr) return std::nullopt;
  const std::string range = "expected an integer from " + std::to_string(min) + " to " + std::to_string(max);
  std::optional<std::int64_t> number;
  if (const auto* u = value->get_ptr<const nlohmann::json::number_unsigned_t*>()) {
    if (*u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      number = static_cast<std::int64_t>(*u);
  } else if (const auto* i = value->get_ptr<const nlohmann::json::number_integer_t*>()) {
    number = *i;
  }
  if (!number || *number < min || *number > max) {
    fail(key, ConfigErrc::bad_field, range);
    return std::nullopt;
  }
  return number;
}

std::optional<std::vector<std::string>> FieldReader::string_array(std::string_view key, Presence presence) {
  const nlohmann::json* value = member(key, presence);
  if (value == nullptr) return std::nullopt;
  std::vector<std::string> out;
  if (value->is_array()) {
    for (const auto& element : *value) {
      const auto* text = element.get_ptr<const nlohmann::json::string_t*>();
      if (text == nullptr) break;
      out.push_back(*text);
    }
  }
  if (!value->is_array() || out.size() != value->size()) {
    fail(key, ConfigErrc::bad_field, "expected an array of strings");
    return std::nullopt;
  }
  return out;
}

const nlohmann::json* FieldReader::object(std::string_view key, Presence presence) {
  const nlohmann::json* value = member(key, presence);
  if (value != nullptr && !value->is_object()) {
    fail(key, ConfigErrc::bad_field, "expected an object");
    return nullptr;
  }
  return value;
}

const nlohmann::json* FieldReader::array(std::string_view key, Presence presence) {
  const nlohmann::json* value = member(key, presence);
  if (value != nullptr && !value->is_array()) {
    fail(key, ConfigErrc::bad_field, "expected an array");
    return nullptr;
  }
  return value;
}

std::optional<Error> FieldReader::finish() {
  if (first_error_ || !object_.is_object()) return first_error_;
  for (const auto& [key, value] : object_.items()) {
    if (read_keys_.find(key) == read_keys_.end()) {
      first_error_ = config_error(ConfigErrc::unknown_field, source_, pointer_of(key), "unknown field");
      break;
    }
  }
  return first_error_;
}

}  // namespace authprobe::config
