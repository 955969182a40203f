#include "reference/config/config_errc.hpp"

namespace authprobe::config {

const char* describe(ConfigErrc e) {
  switch (e) {
    case ConfigErrc::cannot_read: return "cannot read file";
    case ConfigErrc::bad_json: return "invalid JSON";
    case ConfigErrc::missing_field: return "missing field";
    case ConfigErrc::bad_field: return "invalid field";
    case ConfigErrc::unknown_field: return "unknown field";
    case ConfigErrc::duplicate_entry: return "duplicate entry";
    case ConfigErrc::bad_key: return "unusable signing key";
    case ConfigErrc::cannot_write: return "cannot write file";
    case ConfigErrc::no_such_entry: return "no such entry";
    case ConfigErrc::bad_password: return "unusable password";
  }
  return "unknown config error";
}

}  // namespace authprobe::config
