import "aws-sdk-client-mock-vitest/extend";
import { afterAll } from "vitest";
import { useLang } from "../src/i18n/index.js";

// The unit project shares modules between test files (isolate: false): a file that speaks Japanese
// must not leave the next one doing so.
afterAll(async () => {
  await useLang("en");
});
