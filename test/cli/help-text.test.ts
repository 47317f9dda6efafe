// Help texts are built only on a run that can print them (src/cli/help.ts): kcs doctor built about 130
// messages on every run, 5-9 ms of a cold start, for help nobody saw.
import { afterEach, describe, expect, it } from "vitest";
import { expectHelp, helpMayShow, helpText } from "../../src/cli/help.js";
import { asksForHelp } from "../../src/cli/help-flags.js";
import { t } from "../../src/i18n/index.js";
import { inLang } from "../helpers/lang.js";

afterEach(() => expectHelp(true));

describe("which command lines can print help", () => {
  it("--help, -h, and -h inside a cluster of short flags ask for help", () => {
    for (const argv of [["--help"], ["doctor", "-h"], ["doctor", "-oh"], ["fix", "--help=true"], ["-h"]])
      expect(asksForHelp(argv), argv.join(" ")).toBe(true);
  });

  it("a command, its values and long flags that merely contain an h do not", () => {
    for (const argv of [
      [],
      ["doctor", "-o", "json"],
      ["fix", "--hsm-hook", "./h.sh"],
      ["sim", "hsm", "user", "list"],
      ["doctor", "--store", "-h-store"],
      ["doctor", "--store", "help"],
    ])
      expect(asksForHelp(argv), argv.join(" ")).toBe(false);
  });

  it("completion asks for the flags' descriptions too, and yargs answers the word help with the help", () => {
    expect(helpMayShow(["--get-yargs-completions", "kcs", "doctor", "--s"])).toBe(true);
    expect(helpMayShow(["help"])).toBe(true);
    expect(helpMayShow(["sim", "help"])).toBe(true);
    expect(helpMayShow(["doctor"])).toBe(false);
  });
});

describe("help texts", () => {
  it("are the catalog's words, in the run's language, when help can show", async () => {
    expectHelp(true);
    expect(helpText("cli.flag.region")).toBe(t("cli.flag.region"));
    expect(helpText("cli.flag.region")).toContain("AWS Region");
    await inLang("ja", () => expect(helpText("cli.flag.region")).toBe(t("cli.flag.region")));
  });

  it("are empty, and never looked up, on a run that prints no help", () => {
    expectHelp(false);
    expect(helpText("cli.flag.region")).toBe("");
    expect(helpText("doctor.help.epilogue")).toBe("");
  });
});
