import { describe, expect, it } from "vitest";
import { fleetFlags, isFleet, refuseFleetFlags } from "../../src/backend/fleet-flags.js";

const ROLE = "arn:aws:iam::444455556666:role/kcs-audit";

describe("fleet flags", () => {
  it("reads repeated flags as lists (yargs: a string once, an array when repeated), without duplicates", () => {
    expect(fleetFlags({ region: "eu-west-1" })).toMatchObject({ regions: ["eu-west-1"], roleArns: [] });
    expect(fleetFlags({ region: ["eu-west-1", "us-east-1", "eu-west-1"], roleArn: ROLE })).toMatchObject({
      regions: ["eu-west-1", "us-east-1"],
      roleArns: [ROLE],
      roleSessionName: "kcs",
    });
  });

  it("is a fleet run with two Regions, two profiles, a role or --all-regions; not with one of each", () => {
    expect(isFleet(fleetFlags({ region: "eu-west-1", profile: "dev" }))).toBe(false);
    expect(isFleet(fleetFlags({ region: ["eu-west-1", "us-east-1"] }))).toBe(true);
    expect(isFleet(fleetFlags({ profile: ["a", "b"] }))).toBe(true);
    expect(isFleet(fleetFlags({ roleArn: ROLE }))).toBe(true);
    expect(isFleet(fleetFlags({ allRegions: true }))).toBe(true);
  });

  it.each([
    [{ roleArn: "arn:aws:iam::123:role/x" }, "--role-arn takes an IAM role's ARN"],
    [{ roleArn: "kcs-audit" }, "--role-arn takes an IAM role's ARN"],
    [{ externalId: "abc" }, "--external-id is for the roles kcs assumes: add --role-arn ARN."],
    [{ roleSessionName: "s1" }, "--role-session-name is for the roles kcs assumes"],
    [{ roleArn: ROLE, roleSessionName: "has space" }, "--role-session-name takes 2 to 64"],
    [{ roleArn: ROLE, externalId: "x" }, "--external-id takes 2 to 1224"],
    [{ allRegions: true, region: "eu-west-1" }, "give one or the other"],
    [
      { region: ["eu-west-1", "bad region"] },
      "--region takes a Region name like eu-west-1; got 'bad region'.",
    ],
  ])("refuses %j by name", (args, message) => {
    expect(() => fleetFlags(args)).toThrow(message);
  });

  it("refuses a repeated --region where a command reads one Region", () => {
    expect(() => refuseFleetFlags({ region: ["eu-west-1", "us-east-1"] }, "kcs fix")).toThrow(
      "kcs fix reads one Region: give --region once.",
    );
    expect(() => refuseFleetFlags({ region: ["eu-west-1", "eu-west-1"] }, "kcs fix")).not.toThrow();
  });
});
