#pragma once
// The target profile loader's field reader: typed access to one JSON object with every error
// naming the file, the field and the problem. Shared by the loader's parts (target_profile.cpp,
// profile_acquisition.cpp); not part of the profile's interface.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "conformance/target_profile.hpp"

namespace authprobe::conformance::profile_reading {

using json = nlohmann::json;

class Reader {
public:
  Reader(std::string source, std::filesystem::path base_dir)
      : source_(std::move(source)), base_dir_(std::move(base_dir)) {}

  [[nodiscard]] tl::unexpected<ProfileError> error(const std::string& field, std::string problem) const {
    return tl::unexpected(ProfileError{source_, field, std::move(problem)});
  }

  [[nodiscard]] ProfileResult<bool> only_known(const json& object, const std::string& field,
                                               const std::vector<std::string_view>& known) const {
    if (!object.is_object()) return error(field, "expected an object");
    for (const auto& [key, value] : object.items()) {
      bool found = key.starts_with("$") || key.starts_with("_comment");
      for (const auto& name : known) found = found || key == name;
      if (!found) return error(join(field, key), "unknown field");
    }
    return true;
  }

  [[nodiscard]] ProfileResult<std::optional<std::string>> string(const json& object, const std::string& field,
                                                                 const char* key) const {
    if (!object.contains(key)) return std::optional<std::string>{};
    const auto& value = object.at(key);
    if (!value.is_string()) return error(join(field, key), "expected a string");
    return std::optional<std::string>{value.get<std::string>()};
  }

  [[nodiscard]] ProfileResult<bool> boolean(const json& object, const std::string& field, const char* key,
                                            bool fallback) const {
    if (!object.contains(key)) return fallback;
    const auto& value = object.at(key);
    if (!value.is_boolean()) return error(join(field, key), "expected true or false");
    return value.get<bool>();
  }

  [[nodiscard]] ProfileResult<std::optional<long long>> integer(const json& object, const std::string& field,
                                                                const char* key) const {
    if (!object.contains(key)) return std::optional<long long>{};
    const auto& value = object.at(key);
    if (!value.is_number_integer() || value.get<long long>() < 0) {
      return error(join(field, key), "expected a non-negative integer");
    }
    return std::optional<long long>{value.get<long long>()};
  }

  [[nodiscard]] ProfileResult<std::vector<std::string>> strings(const json& object, const std::string& field,
                                                                const char* key) const {
    std::vector<std::string> out;
    if (!object.contains(key)) return out;
    const auto& value = object.at(key);
    if (!value.is_array()) return error(join(field, key), "expected an array of strings");
    for (const auto& item : value) {
      if (!item.is_string()) return error(join(field, key), "expected an array of strings");
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  // A secret given inline (`key`) or through an environment variable (`key_env`).
  [[nodiscard]] ProfileResult<std::optional<std::string>> secret(const json& object, const std::string& field,
                                                                 const char* key, const char* env_key) const {
    auto inline_value = string(object, field, key);
    if (!inline_value) return tl::unexpected(inline_value.error());
    auto env_name = string(object, field, env_key);
    if (!env_name) return tl::unexpected(env_name.error());
    if (*inline_value) return inline_value;
    if (*env_name) {
      const char* value = std::getenv(env_name->value().c_str());
      if (value == nullptr) return error(join(field, env_key), "environment variable " + env_name->value() + " is not set");
      return std::optional<std::string>{std::string(value)};
    }
    return std::optional<std::string>{};
  }

  [[nodiscard]] ProfileResult<std::optional<std::string>> file_text(const json& object, const std::string& field,
                                                                    const char* key) const {
    auto name = string(object, field, key);
    if (!name || !*name) return name;
    std::filesystem::path path(**name);
    if (path.is_relative() && !base_dir_.empty()) path = base_dir_ / path;
    std::ifstream in(path, std::ios::binary);
    if (!in) return error(join(field, key), "cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return std::optional<std::string>{text.str()};
  }

  static std::string join(const std::string& field, std::string_view key) {
    return field.empty() ? std::string(key) : field + "." + std::string(key);
  }

private:
  std::string source_;
  std::filesystem::path base_dir_;
};

}  // namespace authprobe::conformance::profile_reading
