import { describe, expect, it } from "vitest";
import type { FindingCode } from "../../src/diagnose/catalog.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import type { Finding } from "../../src/diagnose/finding.js";
import type { Snapshot } from "../../src/gather/snapshot.js";
import {
  CLUSTER_ID,
  GROUP_ID,
  network,
  probe,
  securityGroup,
  selfRule,
  snapshot,
  storeIn,
  subnet,
} from "./fixtures.js";

const SUBNET_A = "subnet-0a0a0a0a";
const SUBNET_B = "subnet-0b0b0b0b";

const only = (s: Snapshot, code: FindingCode): Finding => {
  const found = diagnose(s);
  expect(found.map((f) => f.code)).toEqual([code]);
  return found[0]!;
};

describe("SUBNET_NOT_FOUND with EC2's subnets", () => {
  const failed = (subnets = [subnet(SUBNET_B, "eu-west-1b")]) =>
    snapshot({ stores: [storeIn("FAILED", "SUBNET_NOT_FOUND")], network: network(subnets) });

  it("names the cluster subnet DescribeSubnets no longer shows, with its AZ, in one finding", () => {
    const f = only(failed(), "SUBNET_NOT_FOUND");
    expect(f.detail).toContain(`EC2 no longer has subnet ${SUBNET_A} (eu-west-1a) of cluster ${CLUSTER_ID}`);
    expect(f.detail).toContain("FAILED with ConnectionErrorCode SUBNET_NOT_FOUND");
    expect(f.evidence).toMatchObject({
      connectionErrorCode: "SUBNET_NOT_FOUND",
      missingSubnets: [{ subnetId: SUBNET_A, availabilityZone: "eu-west-1a" }],
    });
  });

  it("says every subnet exists now when none is missing", () => {
    const f = only(
      failed([subnet(SUBNET_A, "eu-west-1a"), subnet(SUBNET_B, "eu-west-1b")]),
      "SUBNET_NOT_FOUND",
    );
    expect(f.evidence.missingSubnets).toEqual([]);
    expect(f.detail).toContain("Every subnet of the cluster exists now");
  });

  it("adds nothing when the subnets could not be read (EC2 denied): the ConnectionErrorCode still stands", () => {
    const s = snapshot({ stores: [storeIn("FAILED", "SUBNET_NOT_FOUND")], network: network(undefined) });
    const f = only(s, "SUBNET_NOT_FOUND");
    expect(f.evidence).not.toHaveProperty("missingSubnets");
  });
});

describe("INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET with EC2's subnets", () => {
  it("names the full subnet with its AZ, CIDR and free addresses, and not the one with room", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET")],
      network: network([subnet(SUBNET_A, "eu-west-1a", 0), subnet(SUBNET_B, "eu-west-1b", 17)]),
    });
    const f = only(s, "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET");
    expect(f.detail).toContain(`Subnet ${SUBNET_A} (eu-west-1a, 10.0.10.0/24) has 0 free IP addresses`);
    expect(f.detail).not.toContain(SUBNET_B);
    expect(f.evidence.fullSubnets).toEqual([
      {
        subnetId: SUBNET_A,
        availabilityZone: "eu-west-1a",
        cidrBlock: "10.0.10.0/24",
        availableIpAddresses: 0,
      },
    ]);
  });

  it("says the subnets have room now when none is full", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET")],
      network: network([subnet(SUBNET_A, "eu-west-1a", 3), subnet(SUBNET_B, "eu-west-1b", 17)]),
    });
    expect(only(s, "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET").evidence.fullSubnets).toEqual([]);
  });
});

describe("NETWORK_ERRORS and the cluster's security group", () => {
  const failedWith = (groups: Parameters<typeof network>[1]) =>
    snapshot({ stores: [storeIn("FAILED", "NETWORK_ERRORS")], network: network(undefined, groups) });

  it("names the missing outbound rule when the group lacks TCP 2223-2225 to itself", () => {
    const f = only(failedWith({ [GROUP_ID]: securityGroup({ outbound: [] }) }), "NETWORK_ERRORS");
    expect(f.detail).toContain(
      `Security group ${GROUP_ID} (cloudhsm-cluster-${CLUSTER_ID}-sg) lacks outbound TCP 2223-2225 to itself`,
    );
    expect(f.evidence).toMatchObject({
      securityGroup: GROUP_ID,
      missingRules: ["outbound TCP 2223-2225 to itself"],
    });
  });

  it("names both when a rule allows another group's traffic, or only part of the ports", () => {
    const f = only(
      failedWith({
        [GROUP_ID]: securityGroup({
          inbound: [{ ...selfRule(), groupIds: ["sg-0fffffffffffffff0"] }],
          outbound: [{ ...selfRule(), toPort: 2224 }],
        }),
      }),
      "NETWORK_ERRORS",
    );
    expect(f.evidence.missingRules).toEqual([
      "inbound TCP 2223-2225 from itself",
      "outbound TCP 2223-2225 to itself",
    ]);
  });

  it("accepts all traffic (-1) to itself, and rules split across the ports", () => {
    const f = only(
      failedWith({
        [GROUP_ID]: securityGroup({
          inbound: [{ ipProtocol: "-1", groupIds: [GROUP_ID] }],
          outbound: [
            { ...selfRule(), toPort: 2223 },
            { ...selfRule(), fromPort: 2224 },
          ],
        }),
      }),
      "NETWORK_ERRORS",
    );
    expect(f.evidence.missingRules).toEqual([]);
    expect(f.detail).toContain("the failure was transient, or is outside the group");
  });

  it("says the group is gone when EC2 answers InvalidGroup.NotFound (null)", () => {
    const f = only(failedWith({ [GROUP_ID]: null }), "NETWORK_ERRORS");
    expect(f.detail).toContain(`security group ${GROUP_ID} no longer exists`);
    expect(f.evidence).toMatchObject({ securityGroupState: "absent" });
  });

  it("adds the group's rules to a failed probe's NETWORK_ERRORS on a CONNECTED store", () => {
    const s = snapshot({
      probes: [probe(false)],
      network: network(undefined, { [GROUP_ID]: securityGroup({ inbound: [] }) }),
    });
    const f = only(s, "NETWORK_ERRORS");
    expect(f.evidence).toMatchObject({
      probe: { operation: "GenerateRandom" },
      missingRules: ["inbound TCP 2223-2225 from itself"],
    });
  });

  it("adds nothing when the group was not read, and nothing to a store whose failure is not about the network", () => {
    expect(only(failedWith({}), "NETWORK_ERRORS").evidence).not.toHaveProperty("securityGroup");
    const s = snapshot({
      stores: [storeIn("FAILED", "INVALID_CREDENTIALS")],
      network: network(undefined, { [GROUP_ID]: securityGroup({ inbound: [] }) }),
    });
    expect(only(s, "INVALID_CREDENTIALS").evidence).not.toHaveProperty("securityGroup");
  });
});
