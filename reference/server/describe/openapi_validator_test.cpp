// GET /openapi.json, strict and --compat fastapi, judged by a real OpenAPI validator
// (@apidevtools/swagger-parser from npm, installed into tools/node/ by the dependency step),
// and a broken copy refused by it, so that the validator is seen to judge.
#include <cstdlib>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>
#include <sys/wait.h>

#include "reference/server/testing/test_server.hpp"
#include "reference/server/tokens/random_token.hpp"

namespace {

using namespace authprobe::server::testing;

struct TempFile {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("authprobe-openapi-" + authprobe::server::random_base64url(authprobe::server::unique_name_bytes) + ".json");
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};

// The validator's exit status on `document` (-1 if it could not run).
int validate(const nlohmann::json& document) {
  TempFile file;
  std::ofstream(file.path) << document.dump(2);
  std::string command = "\"" AUTHPROBE_NODE "\" \"" AUTHPROBE_OPENAPI_VALIDATOR "\" \"";
  command += file.path.string();
  command += "\"";
  const int status = std::system(command.c_str());  // the paths are ours; no input from a target
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

nlohmann::json openapi_of(authprobe::config::CompatMode compat) {
  TestServerSettings settings;
  settings.compat = compat;
  TestServer server(settings);
  auto client = server.client();
  const auto result = client.Get("/openapi.json");
  REQUIRE(result);
  REQUIRE(result->status == 200);
  return nlohmann::json::parse(result->body);
}

}  // namespace

TEST_CASE("The OpenAPI document is valid OpenAPI 3.1, strict and --compat fastapi", "[describe][openapi]") {
  REQUIRE(std::filesystem::exists(AUTHPROBE_OPENAPI_VALIDATOR_MODULES));  // tools/lib/common.sh installs it
  CHECK(validate(openapi_of(authprobe::config::CompatMode::strict)) == 0);
  CHECK(validate(openapi_of(authprobe::config::CompatMode::fastapi)) == 0);
}

TEST_CASE("The validator refuses a broken document", "[describe][openapi]") {
  auto document = openapi_of(authprobe::config::CompatMode::strict);
  document["components"]["securitySchemes"]["oauth2Password"]["flows"]["password"].erase("tokenUrl");
  CHECK(validate(document) == 1);
  document = openapi_of(authprobe::config::CompatMode::strict);
  document["paths"]["/admin"]["get"]["responses"] = "none";
  CHECK(validate(document) == 1);
}
