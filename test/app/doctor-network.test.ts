import { describe, expect, it } from "vitest";
import { buildReport, doctorExitCode } from "../../src/report/doctor-report.js";
import type { World } from "../../src/sim/world.js";
import { app } from "../helpers/app.js";
import { expectDocument } from "../helpers/kcs-json.js";
import { scenarioWorld } from "../helpers/sim.js";

const finding = async (world: World, transport: "in-process" | "http", code: string) => {
  const kcs = await app(world, transport);
  try {
    const observation = await kcs.observe();
    const found = observation.findings.filter((f) => f.code === code);
    expect(found).toHaveLength(1);
    return { finding: found[0]!, observation, calls: kcs.h.sim.calls };
  } finally {
    await kcs.close();
  }
};

const clusterGroup = (world: World) =>
  world.securityGroups!.find((g) => g.GroupId === world.clusters[0]!.SecurityGroup)!;

describe.each(["in-process", "http"] as const)(
  "doctor reads the network from EC2 (%s transport)",
  (transport) => {
    it("names the deleted subnet of a SUBNET_NOT_FOUND store", async () => {
      const world = scenarioWorld("subnet-not-found");
      const gone = world.subnets.find((s) => s.deleted)!;
      const { finding: f } = await finding(world, transport, "SUBNET_NOT_FOUND");
      expect(f.evidence.missingSubnets).toEqual([
        { subnetId: gone.SubnetId, availabilityZone: gone.AvailabilityZone },
      ]);
      expect(f.detail).toContain(`EC2 no longer has subnet ${gone.SubnetId} (${gone.AvailabilityZone})`);
    });

    it("names the full subnet and its free addresses for INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET", async () => {
      const world = scenarioWorld("insufficient-free-addresses-in-subnet");
      const full = world.subnets.find((s) => s.freeAddresses === 0)!;
      const { finding: f } = await finding(world, transport, "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET");
      expect(f.evidence.fullSubnets).toEqual([
        {
          subnetId: full.SubnetId,
          availabilityZone: full.AvailabilityZone,
          cidrBlock: full.CidrBlock,
          availableIpAddresses: 0,
        },
      ]);
      expect(f.detail).toContain(`has 0 free IP addresses`);
    });

    it("finds the cluster's security group rules in place after a reverted change (network-errors)", async () => {
      const world = scenarioWorld("network-errors");
      const { finding: f } = await finding(world, transport, "NETWORK_ERRORS");
      expect(f.evidence).toMatchObject({ securityGroup: world.clusters[0]!.SecurityGroup, missingRules: [] });
      expect(f.detail).toContain("allows TCP 2223-2225 to itself in and out");
    });

    it("names the rule missing from the cluster's security group when the change was not reverted", async () => {
      const world = scenarioWorld("network-errors");
      clusterGroup(world).IpPermissionsEgress = [];
      const { finding: f } = await finding(world, transport, "NETWORK_ERRORS");
      expect(f.evidence.missingRules).toEqual(["outbound TCP 2223-2225 to itself"]);
      expect(f.detail).toContain("lacks outbound TCP 2223-2225 to itself");
    });

    it("makes no EC2 call for a store whose failure is not about its network", async () => {
      for (const name of ["healthy", "invalid-credentials"]) {
        const kcs = await app(scenarioWorld(name), transport);
        try {
          await kcs.observe();
          expect(kcs.h.sim.calls.filter((c) => c.service === "ec2")).toEqual([]);
        } finally {
          await kcs.close();
        }
      }
    });

    it("still answers when EC2 is denied: the finding stands, the read is under errors, and fix names --param SubnetIds", async () => {
      const world = scenarioWorld("subnet-not-found");
      world.faults.accessDenied.push("ec2:DescribeSubnets");
      const kcs = await app(world, transport);
      try {
        const observation = await kcs.observe();
        expect(observation.findings.map((f) => f.code)).toEqual(["SUBNET_NOT_FOUND"]);
        expect(observation.snapshot.errors).toEqual([
          expect.objectContaining({
            service: "ec2",
            operation: "DescribeSubnets",
            code: "UnauthorizedOperation",
          }),
        ]);
        const report = buildReport(observation.snapshot, observation.findings);
        expectDocument("kcs-doctor-report", JSON.parse(JSON.stringify(report)));
        expect(doctorExitCode(report)).toBe(2);
        await expect(kcs.plan()).rejects.toThrow(
          /could not read the VPC's subnets.*--param SubnetIds=subnet-a,subnet-b/,
        );
        const spare = world.subnets.filter(
          (s) => !s.deleted && !Object.values(world.clusters[0]!.SubnetMapping).includes(s.SubnetId),
        );
        const ids = [...new Map(spare.map((s) => [s.AvailabilityZone, s.SubnetId])).values()].slice(0, 2);
        const plan = await kcs.plan({ params: { SubnetIds: ids.join(",") } });
        expect(plan.actions[0]!.parameters).toContainEqual({
          name: "SubnetIds",
          value: ids.join(","),
          source: "--param",
        });
      } finally {
        await kcs.close();
      }
    });
  },
);

describe("kcs fix chooses the subnets of a moved cluster itself", () => {
  it("INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET: the spare subnet of the full subnet's AZ, and the cluster's own other subnet", async () => {
    const world = scenarioWorld("insufficient-free-addresses-in-subnet");
    const mapping = world.clusters[0]!.SubnetMapping;
    const full = world.subnets.find((s) => s.freeAddresses === 0)!;
    const spare = world.subnets.find(
      (s) => s.AvailabilityZone === full.AvailabilityZone && s.SubnetId !== full.SubnetId,
    )!;
    const other = Object.entries(mapping).find(([az]) => az !== full.AvailabilityZone)![1];
    const kcs = await app(world, "in-process");
    try {
      const plan = await kcs.plan();
      const create = plan.actions[0]!.steps.find((s) => s.id === "create-cluster")!;
      expect(create.input).toMatchObject({ SubnetIds: [spare.SubnetId, other] });
      const { result } = await kcs.fix(plan);
      expect(result.ok).toBe(true);
      const moved = kcs.h
        .world()
        .clusters.find((c) => c.ClusterId === kcs.h.world().stores[0]!.CloudHsmClusterId)!;
      expect(Object.values(moved.SubnetMapping).sort()).toEqual([spare.SubnetId, other].sort());
    } finally {
      await kcs.close();
    }
  });
});
