import "aws-sdk-client-mock-vitest/extend";
import { afterAll } from "vitest";
import { expectHelp } from "../src/cli/help.js";
import { useLang } from "../src/i18n/index.js";

// The unit project shares modules between test files (isolate: false): a file that speaks Japanese
// must not leave the next one doing so.
afterAll(async () => {
  await useLang("en");
  // Nor may a file whose kcs run printed no help leave the next one's help texts empty.
  expectHelp(true);
});
