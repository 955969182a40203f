#pragma once
// A step's title and lesson with the cast's parts filled in: {ordinary}, {admin}, {disabled},
// {scope}, {origin}. Side by side, a part the two casts give different names becomes
// "alice / johndoe", so one text serves both columns.
#include <string>
#include <string_view>
#include <vector>

#include "tools/commands/demo/cast.hpp"

namespace authprobe::tools::demo {

[[nodiscard]] std::string fill_in(std::string_view text, const std::vector<const Cast*>& casts);

}  // namespace authprobe::tools::demo
