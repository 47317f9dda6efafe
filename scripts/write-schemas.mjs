// Writes schema/*.schema.json from the zod schemas in the built code (npm run schemas builds first).
// A unit test fails when the committed files differ from what this would write.
import { mkdirSync, writeFileSync } from "node:fs";
import { jsonSchemas } from "../dist/app/json-schemas.js";

mkdirSync("schema", { recursive: true });
for (const [file, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(`schema/${file}`, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`schema/${file}`);
}
