// Validates an OpenAPI document (3.0 or 3.1) with @apidevtools/swagger-parser: against the
// official JSON Schema of its OpenAPI version, with every $ref resolved. (For 3.1 that is the
// schema only: e.g. an undeclared path parameter is not caught.)
// Usage: node validate_openapi.mjs FILE   (exit 0: valid; 1: invalid, the reason on stderr)
import SwaggerParser from "@apidevtools/swagger-parser";

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate_openapi.mjs FILE");
  process.exit(2);
}
try {
  const api = await SwaggerParser.validate(file);
  console.log(`valid: OpenAPI ${api.openapi}, ${Object.keys(api.paths ?? {}).length} paths`);
} catch (error) {
  console.error(`invalid: ${error.message}`);
  process.exit(1);
}
