// The independent oracle of tests/test_typescript.py: the JSON Schema that
// ts-json-schema-generator derives from each TypeScript module named on the
// command line, printed as one JSON object keyed by path.
import { createGenerator } from "ts-json-schema-generator";

const schemas = {};
for (const path of process.argv.slice(2)) {
  const generator = createGenerator({
    path,
    type: "*",
    expose: "export",
    jsDoc: "none",
    sortProps: false,
    skipTypeCheck: true, // tsc --strict checks the same files in its own test
  });
  schemas[path] = generator.createSchema("*");
}
process.stdout.write(JSON.stringify(schemas, null, 2) + "\n");
