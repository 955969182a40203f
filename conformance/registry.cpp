#include "conformance/registry.hpp"

#include <algorithm>

#include "conformance/challenge.hpp"
#include "conformance/checks/checks.hpp"
#include "conformance/checks/jwt_checks.hpp"

namespace authprobe::conformance {

const std::vector<Check>& all_checks() {
  static const std::vector<Check> checks = [] {
    std::vector<Check> all;
    for (auto section : {basic_checks(), token_checks(), bearer_checks(), jwt_checks(), authz_checks(), hash_checks(),
                         http_checks()}) {
      for (auto& check : section) all.push_back(std::move(check));
    }
    return all;
  }();
  return checks;
}

std::string section_of(std::string_view id) { return std::string(id.substr(0, id.find('-'))); }

tl::expected<Selection, std::string> parse_selection(const std::vector<std::string>& items) {
  Selection selection;
  const auto& checks = all_checks();
  std::vector<std::string> words;
  for (const auto& item : items) {
    std::string word;
    for (const char c : item + ",") {
      if (c == ',' || c == ' ') {
        if (!word.empty()) words.push_back(word);
        word.clear();
      } else {
        word.push_back(c);
      }
    }
  }
  for (auto word : words) {
    if (auto level = parse_level(word)) {
      selection.levels.push_back(*level);
      continue;
    }
    std::transform(word.begin(), word.end(), word.begin(), [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
    if (!word.empty() && word.back() == '-') word.pop_back();
    const bool is_id = std::any_of(checks.begin(), checks.end(), [&](const Check& c) { return c.id == word; });
    const bool is_section = std::any_of(checks.begin(), checks.end(), [&](const Check& c) { return section_of(c.id) == word; });
    if (is_id) {
      selection.ids.push_back(word);
    } else if (is_section) {
      selection.sections.push_back(word);
    } else {
      return tl::unexpected("unknown check, section or level: " + word);
    }
  }
  return selection;
}

std::vector<const Check*> select_checks(const std::vector<Check>& checks, const Selection& selection) {
  std::vector<const Check*> selected;
  const bool any_name = !selection.ids.empty() || !selection.sections.empty();
  for (const auto& check : checks) {
    const bool named = !any_name ||
                       std::find(selection.ids.begin(), selection.ids.end(), check.id) != selection.ids.end() ||
                       std::find(selection.sections.begin(), selection.sections.end(), section_of(check.id)) != selection.sections.end();
    const bool levelled = selection.levels.empty() ||
                          std::find(selection.levels.begin(), selection.levels.end(), check.level) != selection.levels.end();
    if (named && levelled) selected.push_back(&check);
  }
  return selected;
}

}  // namespace authprobe::conformance
