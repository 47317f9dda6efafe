import { describe, expect, it } from "vitest";
import { refuseAwsOnlyFlags, refuseOtherRegion } from "../../src/backend/world-place.js";
import { failWithHint } from "../../src/cli/usage-fail.js";
import { checkFixFlags } from "../../src/cli/validate-fix.js";
import { checkOutput } from "../../src/cli/validate-output.js";
import { UsageError } from "../../src/core/errors.js";

describe("flags the simulator cannot honour", () => {
  it("refuses --endpoint-url and --profile, naming --backend aws", () => {
    expect(() => refuseAwsOnlyFlags({ endpointUrl: "http://x" })).toThrow(
      /--endpoint-url is for --backend aws/,
    );
    expect(() => refuseAwsOnlyFlags({ profile: "dev" })).toThrow(/--profile is for --backend aws/);
    expect(() => refuseAwsOnlyFlags({ simState: "w.json" })).not.toThrow();
  });

  it("accepts the world's own Region and refuses any other, naming the world's", () => {
    expect(() => refuseOtherRegion("eu-west-1", "eu-west-1")).not.toThrow();
    expect(() => refuseOtherRegion(undefined, "eu-west-1")).not.toThrow();
    expect(() => refuseOtherRegion("us-east-1", "eu-west-1")).toThrow(UsageError);
    expect(() => refuseOtherRegion("us-east-1", "eu-west-1")).toThrow(/world's Region is eu-west-1/);
  });
});

describe("checkOutput", () => {
  it("names the formats a command writes when given another", () => {
    expect(() => checkOutput("kcs sim hsm", "json", ["text", "json"], "why")).not.toThrow();
    expect(() => checkOutput("kcs sim hsm", "markdown", ["text", "json"], "why")).toThrow(
      "kcs sim hsm writes -o text or -o json (why), not -o markdown.",
    );
  });
});

describe("failWithHint", () => {
  it("turns a missing positional into the hint, and anything else into the usual usage line", () => {
    const fail = failWithHint("Name a runbook.");
    expect(() => fail("Not enough non-option arguments: got 0, need at least 1", undefined)).toThrow(
      /^Name a runbook\.$/,
    );
    expect(() => fail("Unknown argument: y", undefined)).toThrow(
      "Unknown argument: y (kcs --help shows usage)",
    );
    const err = new Error("boom");
    expect(() => fail(null, err)).toThrow(err);
  });
});

describe("checkFixFlags", () => {
  const sim = { backend: "sim" } as const;
  it("refuses what a saved plan would ignore, and --hsm-hook on the simulator", () => {
    expect(() => checkFixFlags({ ...sim, plan: "p.json", out: "q.json" })).toThrow(
      /^--out shapes a new plan/,
    );
    expect(() => checkFixFlags({ ...sim, plan: "p.json", finding: ["INVALID_CREDENTIALS"] })).toThrow(
      /^--finding/,
    );
    expect(() => checkFixFlags({ ...sim, plan: "p.json", param: ["HsmType=hsm2m.medium"] })).toThrow(
      /^--param/,
    );
    expect(() => checkFixFlags({ ...sim, plan: "p.json", includeWarnings: true })).toThrow(
      /^--include-warnings/,
    );
    expect(() => checkFixFlags({ ...sim, plan: "p.json", dryRun: true })).toThrow(/Use one of them/);
    expect(() => checkFixFlags({ ...sim, hsmHook: "/bin/true" })).toThrow(/--hsm-hook is for --backend aws/);
  });

  it("lets the combinations that mean something through", () => {
    expect(() => checkFixFlags({ ...sim, plan: "p.json" })).not.toThrow();
    expect(() =>
      checkFixFlags({ ...sim, dryRun: true, out: "q.json", finding: ["INVALID_CREDENTIALS"] }),
    ).not.toThrow();
    expect(() => checkFixFlags({ backend: "aws", hsmHook: "/bin/true" })).not.toThrow();
  });
});
