// The models are converted to the simulator's form at build time in the bundle (scripts/bundle.mjs)
// and at load unbundled: both must be the same model.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { load, MODELS } from "../../../src/sim/model/shapes.js";

const stored = (name: string) =>
  JSON.parse(readFileSync(`src/sim/model/aws/${name}.json`, "utf8")) as unknown;

describe("AWS's models as the simulator reads them", () => {
  it("members and their wire names become maps, in AWS's order", () => {
    const kms = load(stored("kms"));
    const input = kms.shapes[kms.operations.UpdateCustomKeyStore!.input!]!;
    expect(Object.keys(input.members!)).toContain("KeyStorePassword");
    expect(input.members!.CustomKeyStoreId).toBe("CustomKeyStoreIdType");
    const ec2 = load(stored("ec2"));
    expect(Object.values(ec2.shapes).some((s) => s.locations && Object.keys(s.locations).length > 0)).toBe(
      true,
    );
  });

  it("a model already converted (the bundle's, marked runtime) is taken as it is, and reads the same", () => {
    for (const name of ["kms", "cloudhsmv2", "cloudtrail", "ec2"] as const) {
      const built = { ...load(stored(name)), runtime: true };
      expect(load(built)).toBe(built);
      expect({ ...load(built), runtime: undefined }).toEqual({ ...MODELS[name], runtime: undefined });
    }
  });
});
