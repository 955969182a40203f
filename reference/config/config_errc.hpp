#pragma once
#include "reference/core/error_category.hpp"
#include "reference/core/result.hpp"

namespace authprobe::config {

enum class ConfigErrc {
  cannot_read = 1,    // the file is missing or unreadable
  bad_json,           // not JSON, or truncated (a half-written file)
  missing_field,
  bad_field,          // wrong type or out of range
  unknown_field,      // a typo in a config file is an error, not silently ignored
  duplicate_entry,    // two users or clients with the same name
  bad_key,            // a signing key file that cannot be used
  cannot_write,       // the users file could not be written atomically
  no_such_entry,      // `authprobe users` named a user that is not in the file
  bad_password,       // a new password the server could never accept (empty, CTL, not UTF-8)
};
const char* describe(ConfigErrc e);

}  // namespace authprobe::config

AUTHPROBE_ERROR_ENUM(authprobe::config, ConfigErrc, "config")
