// Validates an OpenAPI document with @apidevtools/swagger-parser: parses it, resolves every $ref,
// and checks it against the OpenAPI 3.0 JSON schema. Exit code 1 on any error.
import SwaggerParser from '@apidevtools/swagger-parser';

const path = process.argv[2];
if (!path) {
  console.error('usage: node validate.mjs <spec.yaml>');
  process.exit(2);
}

try {
  const api = await SwaggerParser.validate(path);
  const operations = Object.values(api.paths).flatMap((item) => Object.keys(item).filter((k) => ['get', 'put', 'post', 'patch', 'delete'].includes(k)));
  console.log(`swagger-parser: ${path} is valid (OpenAPI ${api.openapi}, ${Object.keys(api.paths).length} paths, ${operations.length} operations)`);
} catch (error) {
  console.error(`swagger-parser: ${path} is invalid: ${error.message}`);
  process.exit(1);
}
