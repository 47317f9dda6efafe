import { describe, expect, it } from "vitest";
import { chooseSubnets } from "../../src/remediate/subnets.js";
import { cluster, hsm, network, subnet } from "../diagnose/fixtures.js";

const OWN_A = "subnet-0a0a0a0a";
const OWN_B = "subnet-0b0b0b0b";
const SPARE_A = "subnet-1a1a1a1a";
const SPARE_A2 = "subnet-2a2a2a2a";
const SPARE_C = "subnet-1c1c1c1c";

const ids = (choice: ReturnType<typeof chooseSubnets>) =>
  "subnets" in choice ? choice.subnets.map((s) => `${s.availabilityZone}:${s.subnetId}`) : choice.refused;

describe("chooseSubnets", () => {
  it("keeps the cluster's own subnet where it has room, and takes the roomiest other subnet of the AZ where it is full", () => {
    const choice = chooseSubnets(
      cluster(),
      network([
        subnet(OWN_A, "eu-west-1a", 0),
        subnet(SPARE_A, "eu-west-1a", 40),
        subnet(SPARE_A2, "eu-west-1a", 200),
        subnet(OWN_B, "eu-west-1b", 3),
      ]),
    );
    expect(ids(choice)).toEqual([`eu-west-1a:${SPARE_A2}`, `eu-west-1b:${OWN_B}`]);
    expect("subnets" in choice && choice.subnets.map((s) => s.own)).toEqual([false, true]);
  });

  it("replaces a subnet that no longer exists with another of the same AZ", () => {
    const choice = chooseSubnets(
      cluster(),
      network([subnet(SPARE_A, "eu-west-1a"), subnet(OWN_B, "eu-west-1b")]),
    );
    expect(ids(choice)).toEqual([`eu-west-1a:${SPARE_A}`, `eu-west-1b:${OWN_B}`]);
  });

  it("needs room for the HSM and KMS's interface: a subnet with one free address does not qualify", () => {
    const choice = chooseSubnets(
      cluster(),
      network([
        subnet(OWN_A, "eu-west-1a", 1),
        subnet(SPARE_A, "eu-west-1a", 2),
        subnet(OWN_B, "eu-west-1b"),
      ]),
    );
    expect(ids(choice)).toEqual([`eu-west-1a:${SPARE_A}`, `eu-west-1b:${OWN_B}`]);
  });

  it("covers the AZs the HSMs were in, then the cluster's others, then any AZ of the VPC, until there are two", () => {
    // One HSM left (in b); the cluster's subnet in a is gone and a has no other: c makes the second.
    const c = cluster([hsm("eu-west-1b")]);
    const choice = chooseSubnets(c, network([subnet(OWN_B, "eu-west-1b"), subnet(SPARE_C, "eu-west-1c")]));
    expect(ids(choice)).toEqual([`eu-west-1b:${OWN_B}`, `eu-west-1c:${SPARE_C}`]);
  });

  it("never takes a subnet of another VPC", () => {
    const choice = chooseSubnets(
      cluster(),
      network([
        subnet(OWN_B, "eu-west-1b"),
        subnet(SPARE_A, "eu-west-1a", 200, { vpcId: "vpc-0ffffffffffffffff" }),
      ]),
    );
    expect(ids(choice)).toMatch(
      /only one Availability Zone \(eu-west-1b\), and the restored cluster needs two/,
    );
  });

  it("refuses, saying why, without the VPC's subnets or without the cluster", () => {
    expect(ids(chooseSubnets(cluster(), network(undefined)))).toMatch(/could not read the VPC's subnets/);
    expect(ids(chooseSubnets(null, network([])))).toMatch(/no longer shows the cluster/);
    expect(ids(chooseSubnets(cluster(), network([])))).toMatch(/in no Availability Zone/);
  });
});
