import { describe, expect, it } from "vitest";
import { closest, editDistance, type ParserView, usageMessage } from "../../src/cli/suggest.js";

const DOCTOR: ParserView = {
  commandPath: ["doctor"],
  flags: [
    "store",
    "probe",
    "since",
    "cache",
    "max-time",
    "backend",
    "sim-state",
    "endpoint-url",
    "output",
    "help",
  ],
  booleans: ["probe", "cache", "help"],
};

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and a swap of neighbours as one edit each", () => {
    expect(editDistance("store", "store")).toBe(0);
    expect(editDistance("stor", "store")).toBe(1);
    expect(editDistance("stroe", "store")).toBe(1);
    expect(editDistance("sinse", "since")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
});

describe("closest", () => {
  const flags = DOCTOR.flags;
  it("suggests a flag within an edit for every three letters", () => {
    expect(closest("stor", flags)).toBe("store");
    expect(closest("sinec", flags)).toBe("since");
    expect(closest("max-tiem", flags)).toBe("max-time");
  });

  it("suggests the only flag a partial name begins", () => {
    expect(closest("endpoint", flags)).toBe("endpoint-url");
    expect(closest("max", flags)).toBe("max-time");
  });

  it("suggests nothing for a single letter, a stranger or an ambiguous beginning", () => {
    expect(closest("x", flags)).toBeUndefined();
    expect(closest("bogus", flags)).toBeUndefined();
    expect(closest("s", flags)).toBeUndefined();
    expect(closest("sim", ["sim-state", "sim-speed"])).toBeUndefined();
  });
});

describe("usageMessage", () => {
  const message = (msg: string, argv: string[], view = DOCTOR) => usageMessage(msg, argv, view);

  it("names an unknown flag as typed, with the flag probably meant and the command's help page", () => {
    expect(message("Unknown argument: stor", ["doctor", "--stor", "x"])).toBe(
      "Unknown argument --stor. Did you mean --store? (kcs doctor --help shows usage)",
    );
    expect(message("Unknown argument: stor", ["doctor", "--stor=x"])).toBe(
      "Unknown argument --stor. Did you mean --store? (kcs doctor --help shows usage)",
    );
    expect(message("Unknown argument: no-cach", ["doctor", "--no-cach"])).toBe(
      "Unknown argument --no-cach. Did you mean --no-cache? (kcs doctor --help shows usage)",
    );
  });

  it("reports yargs' camelCase twin of a mistyped flag once", () => {
    expect(message("Unknown arguments: max-tim, maxTim", ["doctor", "--max-tim", "1m"])).toBe(
      "Unknown argument --max-tim. Did you mean --max-time? (kcs doctor --help shows usage)",
    );
  });

  it("says which suggestion is for which of several unknown flags", () => {
    expect(message("Unknown arguments: stor, prob, bogus", ["doctor", "--stor", "--prob", "--bogus"])).toBe(
      "Unknown arguments --stor, --prob, --bogus. Did you mean --store (for --stor), --probe (for --prob)? (kcs doctor --help shows usage)",
    );
  });

  it("tells a stray word from a flag, and guesses nothing for either when nothing is close", () => {
    expect(message("Unknown argument: extra", ["doctor", "extra"])).toBe(
      "Unknown argument extra (kcs doctor --help shows usage)",
    );
    expect(message("Unknown argument: b", ["doctor", "b"])).toBe(
      "Unknown argument b (kcs doctor --help shows usage)",
    );
    expect(message("Unknown argument: x", ["doctor", "-xo", "json"])).toBe(
      "Unknown argument -x (kcs doctor --help shows usage)",
    );
  });

  it("never repeats a long stray word: it may be a secret typed as an argument", () => {
    const secret = "Yk3vW8xq0nD2mP5sR7tU9wZ1bC4eF6hJ8kL0nQ2sT4v=";
    const said = message(`Unknown argument: ${secret}`, ["doctor", "--probe", secret]);
    expect(said).not.toContain(secret);
    expect(said).toBe(
      `Unknown argument (a word of ${secret.length} characters, not shown: it may be a secret) (kcs doctor --help shows usage)`,
    );
  });

  it("names the command word a recommendation is about", () => {
    const sim: ParserView = { commandPath: ["sim"], flags: [], booleans: [] };
    expect(message("Did you mean status?", ["--sim-state", "w.json", "sim", "stauts"], sim)).toBe(
      "Unknown command stauts. Did you mean kcs sim status? (kcs sim --help shows usage)",
    );
  });

  it("names required and invalid flags with their dashes, on one line", () => {
    const init: ParserView = {
      commandPath: ["sim", "init"],
      flags: ["scenario", "force"],
      booleans: ["force"],
    };
    expect(
      message(
        "Missing required argument: scenario\nName the scenario: --scenario NAME",
        ["sim", "init"],
        init,
      ),
    ).toBe(
      "Missing required argument --scenario. Name the scenario: --scenario NAME (kcs sim init --help shows usage)",
    );
    expect(
      message('Invalid values:\n  Argument: output, Given: "yaml", Choices: "text", "json"', ["doctor"]),
    ).toBe('--output takes "text", "json"; got "yaml" (kcs doctor --help shows usage)');
  });

  it("passes other messages through as one line", () => {
    expect(
      message("Not enough non-option arguments: got 0, need at least 1", [], { ...DOCTOR, commandPath: [] }),
    ).toBe("Not enough non-option arguments: got 0, need at least 1 (kcs --help shows usage)");
  });
});
