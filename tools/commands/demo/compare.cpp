#include "tools/commands/demo/compare.hpp"

#include <string_view>

#include "reference/core/http_constants.hpp"

namespace authprobe::tools::demo {

std::vector<std::string> differing_parts(const Received& a, const Received& b) {
  namespace header = http::header;
  std::vector<std::string> parts;
  if (a.status != b.status) parts.emplace_back("status");
  for (const std::string_view name : {header::www_authenticate, header::content_type, header::cache_control, header::pragma})
    if (a.all_values(name) != b.all_values(name)) parts.emplace_back(name);
  if (a.body != b.body) parts.emplace_back("body");
  return parts;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

}  // namespace authprobe::tools::demo
