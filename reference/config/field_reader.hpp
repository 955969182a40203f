#pragma once
// Typed reads of one JSON object's members, for config files. Each read checks the type
// first (nlohmann's get<> would throw), remembers which keys were read so that finish() can
// refuse unknown ones (a typo in a config file is an error, not silently ignored), and keeps
// the first error, which names the source, the field's JSON pointer and the problem.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "reference/config/config_errc.hpp"

namespace authprobe::config {

enum class Presence { optional, required };

class FieldReader {
 public:
  // `object` must outlive the reader; if it is not a JSON object, that is the first error.
  FieldReader(const nlohmann::json& object, std::string pointer, std::string source);

  [[nodiscard]] std::optional<std::string> string(std::string_view key, Presence presence = Presence::optional);
  [[nodiscard]] std::optional<bool> boolean(std::string_view key, Presence presence = Presence::optional);
  [[nodiscard]] std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max,
                                                    Presence presence = Presence::optional);
  [[nodiscard]] std::optional<std::vector<std::string>> string_array(std::string_view key,
                                                                     Presence presence = Presence::optional);
  // A nested object or array; nullptr (and, if required, an error) when absent or mistyped.
  [[nodiscard]] const nlohmann::json* object(std::string_view key, Presence presence = Presence::optional);
  [[nodiscard]] const nlohmann::json* array(std::string_view key, Presence presence = Presence::optional);

  // Records an error about `key` (only the first error is kept).
  void fail(std::string_view key, ConfigErrc code, std::string_view problem);
  // Adopts the first error of a nested reader.
  void absorb(std::optional<Error> nested);
  [[nodiscard]] std::string pointer_of(std::string_view key) const;
  [[nodiscard]] const std::string& source() const { return source_; }
  [[nodiscard]] bool ok() const { return !first_error_.has_value(); }

  // The first error, or an unknown_field error for a key that was never read.
  [[nodiscard]] std::optional<Error> finish();

 private:
  const nlohmann::json* member(std::string_view key, Presence presence);

  const nlohmann::json& object_;
  std::string pointer_;
  std::string source_;
  std::set<std::string, std::less<>> read_keys_;
  std::optional<Error> first_error_;
};

}  // namespace authprobe::config
