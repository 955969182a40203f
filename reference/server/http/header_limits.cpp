#include "reference/server/http/header_limits.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace authprobe::server {
namespace {

// cpp-httplib 0.11.4 adds these to Request::headers itself; the client did not send them.
constexpr std::array<std::string_view, 4> library_fields = {"REMOTE_ADDR", "REMOTE_PORT", "LOCAL_ADDR", "LOCAL_PORT"};

bool added_by_library(std::string_view name) {
  return std::find(library_fields.begin(), library_fields.end(), name) != library_fields.end();
}

}  // namespace

bool header_fields_too_large(const httplib::Request& request) {
  std::size_t fields = 0;
  std::size_t total = 0;
  for (const auto& [name, value] : request.headers) {
    if (added_by_library(name)) continue;
    ++fields;
    total += name.size() + value.size();
  }
  return fields > max_header_fields || total > max_header_bytes;
}

}  // namespace authprobe::server
