// The registry holds exactly the catalog's IDs, in catalog order, at the catalog's levels.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>

#include "conformance/registry.hpp"

namespace authprobe::conformance {
namespace {

struct CatalogEntry {
  std::string id;
  std::string level;
};

std::vector<CatalogEntry> catalog_entries() {
  std::ifstream in(std::string(AUTHPROBE_SOURCE_DIR) + "/fixtures/vectors/catalog/checks.md");
  REQUIRE(in);
  std::vector<CatalogEntry> entries;
  static const std::regex header(R"(^### ([A-Z]+-[0-9]+) · ([^·]+) · )");
  std::string line;
  while (std::getline(in, line)) {
    std::smatch match;
    if (std::regex_search(line, match, header)) entries.push_back({match[1], match[2]});
  }
  return entries;
}

// The first requirement keyword of the LEVEL column.
// "MUST NOT (client) → SHOULD 400": the server's level follows the arrow.
std::optional<Level> level_keyword(std::string text) {
  if (const auto arrow = text.find("→"); arrow != std::string::npos) text = text.substr(text.find_first_not_of(' ', arrow + std::string("→").size()));
  if (text.starts_with("—")) return Level::baseline;
  if (text.starts_with("MUST") || text.starts_with("Fetch")) return Level::must;
  if (text.starts_with("SHOULD") || text.starts_with("RECOMMENDED")) return Level::should;
  if (text.starts_with("MAY")) return Level::may;
  if (text.starts_with("BCP")) return Level::bcp;
  if (text.starts_with("OWASP")) return Level::owasp;
  if (text.starts_with("INFO")) return Level::info;
  return std::nullopt;
}

}  // namespace

TEST_CASE("the registry's IDs are exactly the catalog's IDs in catalog order", "[unit]") {
  const auto entries = catalog_entries();
  REQUIRE(entries.size() > 100);
  std::vector<std::string> catalog_ids;
  for (const auto& e : entries) catalog_ids.push_back(e.id);
  std::vector<std::string> registry_ids;
  for (const auto& check : all_checks()) registry_ids.push_back(check.id);
  CHECK(registry_ids == catalog_ids);
}

TEST_CASE("every registered check has the catalog's level, a citation, a summary and a run function", "[unit]") {
  const auto entries = catalog_entries();
  for (const auto& check : all_checks()) {
    INFO(check.id);
    const auto entry = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.id == check.id; });
    REQUIRE(entry != entries.end());
    const auto expected = level_keyword(entry->level);
    REQUIRE(expected.has_value());
    CHECK(check.level == *expected);
    CHECK_FALSE(check.cites.empty());
    CHECK_FALSE(check.summary.empty());
    CHECK(static_cast<bool>(check.run));
  }
}

TEST_CASE("selection by ID, section and level picks the matching checks", "[unit]") {
  auto by_id = parse_selection({"basic-01"});
  REQUIRE(by_id);
  const auto one = select_checks(all_checks(), *by_id);
  REQUIRE(one.size() == 1);
  CHECK(one.front()->id == "BASIC-01");

  auto by_section = parse_selection({"HASH"});
  REQUIRE(by_section);
  CHECK(select_checks(all_checks(), *by_section).size() == 13);

  auto section_and_level = parse_selection({"HASH,should"});
  REQUIRE(section_and_level);
  for (const auto* check : select_checks(all_checks(), *section_and_level)) {
    CHECK(check->level == Level::should);
    CHECK(section_of(check->id) == "HASH");
  }
  CHECK_FALSE(parse_selection({"NOPE-99"}));
}

}  // namespace authprobe::conformance
