// Which script a command line runs (src/cli/launch.ts): the help bundle for lines that only print, all
// of kcs for the rest. A line sent to the help bundle by mistake still runs (test/e2e/help-bundle.test.ts),
// only slower; one kept from it costs its run the whole of kcs's start.
import { describe, expect, it } from "vitest";
import { runsLight } from "../../src/cli/launch.js";

describe("which command lines run the help bundle", () => {
  it("help, the version and completion, wherever their flag is", () => {
    for (const argv of [
      [],
      ["--help"],
      ["doctor", "--help"],
      ["sim", "act", "-h"],
      ["fix", "-yh"],
      ["doctor", "--version"],
      ["help"],
      ["completion"],
      ["completion", "zsh"],
      ["--get-yargs-completions", "kcs", "doctor", "--s"],
    ])
      expect(runsLight(argv), argv.join(" ")).toBe(true);
  });

  it("not a command, nor a flag that is an operand after --", () => {
    for (const argv of [
      ["doctor"],
      ["doctor", "-o", "json"],
      ["fix", "--dry-run"],
      ["sim", "status"],
      ["fix", "--", "-h"],
      ["fix", "--", "--version"],
      ["doctor", "--store", "help"],
    ])
      expect(runsLight(argv), argv.join(" ")).toBe(false);
  });
});
