// The official `aws` CLI (v1 here) against the simulator's HTTP server: an outside check that the
// wire format is AWS's, not just something our own SDK clients happen to accept.
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, serve } from "../../src/sim/wire/server.js";
import { freshWorld } from "../helpers/conformance.js";
import { type Harness, harness } from "../helpers/sim.js";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const CLI_ACCESS_KEY = "AKIDAWSCLITEST000001";

/** The CLI's environment: dummy credentials, no config files, no pager, no instance metadata. */
function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("AWS_")) env[k] = v;
  return {
    ...env,
    AWS_ACCESS_KEY_ID: CLI_ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: "dummy-secret-for-the-simulator",
    AWS_PAGER: "",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_MAX_ATTEMPTS: "1",
  };
}

/** Runs `aws ARGS` asynchronously (the server answering it lives in this process). */
function aws(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile("aws", args, { env: cliEnv(), timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      resolve({ code, stdout, stderr: stderr || (err && code < 0 ? err.message : "") });
    });
  });
}

const probe = await aws(["--version"]);
const cliAvailable = probe.code === 0;
const version = `${probe.stdout}${probe.stderr}`.trim().split(" ")[0] ?? "";
/**
 * Exit code for "the service answered with an error": 254 in CLI v2 (CLIENT_ERROR_RC); CLI v1 has no
 * such code and exits 255 (seen here with aws-cli/1.45.11: "Exiting with rc 255").
 */
const SERVICE_ERROR_RC = version.startsWith("aws-cli/1.") ? 255 : 254;

describe.skipIf(!cliAvailable)(`aws CLI (${version || "missing"}) against serve()`, () => {
  let h: Harness;
  let server: RunningServer;

  beforeAll(async () => {
    h = await harness(freshWorld("invalid-credentials"), "in-process");
    server = await serve(h.sim);
  });

  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  const cli = (...args: string[]) =>
    aws(["--endpoint-url", server.url, "--region", "eu-west-1", "--output", "json", ...args]);

  it("kms describe-custom-key-stores prints AWS-shaped JSON with ConnectionState FAILED and its ConnectionErrorCode", async () => {
    const run = await cli("kms", "describe-custom-key-stores");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { CustomKeyStores: Record<string, unknown>[] };
    const store = h.world().stores[0]!;
    expect(out.CustomKeyStores).toHaveLength(1);
    expect(out.CustomKeyStores[0]).toMatchObject({
      CustomKeyStoreId: store.CustomKeyStoreId,
      CustomKeyStoreName: store.CustomKeyStoreName,
      CloudHsmClusterId: store.CloudHsmClusterId,
      ConnectionState: "FAILED",
      ConnectionErrorCode: "INVALID_CREDENTIALS",
      CustomKeyStoreType: "AWS_CLOUDHSM",
    });
    expect(out.CustomKeyStores[0]!.CustomKeyStoreId).toMatch(/^cks-[0-9a-f]{17}$/);
    // CLI v1 prints timestamps as the raw epoch seconds it received.
    expect(out.CustomKeyStores[0]!.CreationDate).toBe(store.CreationDate / 1000);
  });

  it(`kms connect-custom-key-store on a FAILED store exits ${SERVICE_ERROR_RC} with CustomKeyStoreInvalidStateException`, async () => {
    const store = h.world().stores[0]!;
    const run = await cli("kms", "connect-custom-key-store", "--custom-key-store-id", store.CustomKeyStoreId);
    expect(run.code).toBe(SERVICE_ERROR_RC);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      "An error occurred (CustomKeyStoreInvalidStateException) when calling the ConnectCustomKeyStore operation:",
    );
    expect(h.world().stores[0]!.ConnectionState).toBe("FAILED");
  });

  it("cloudhsmv2 describe-clusters lists the cluster with its HSMs", async () => {
    const run = await cli("cloudhsmv2", "describe-clusters");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { Clusters: Record<string, unknown>[] };
    const cluster = h.world().clusters[0]!;
    expect(out.Clusters).toHaveLength(1);
    expect(out.Clusters[0]).toMatchObject({
      ClusterId: cluster.ClusterId,
      State: "ACTIVE",
      VpcId: cluster.VpcId,
      SubnetMapping: cluster.SubnetMapping,
    });
    expect((out.Clusters[0]!.Hsms as unknown[]).length).toBe(cluster.Hsms.length);
  });

  it("cloudtrail lookup-events --lookup-attributes EventName=DeleteKey --max-items 5 returns DeleteKey events", async () => {
    const run = await cli(
      "cloudtrail",
      "lookup-events",
      "--lookup-attributes",
      "AttributeKey=EventName,AttributeValue=DeleteKey",
      "--max-items",
      "5",
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { Events: { EventName: string; CloudTrailEvent: string }[] };
    const expected = h.world().events.filter((e) => e.EventName === "DeleteKey").length;
    expect(expected).toBeGreaterThan(0);
    expect(out.Events).toHaveLength(Math.min(5, expected));
    for (const e of out.Events) {
      expect(e.EventName).toBe("DeleteKey");
      expect((JSON.parse(e.CloudTrailEvent) as { eventType: string }).eventType).toBe("AwsServiceEvent");
    }
    expect(h.sim.calls.some((c) => c.service === "cloudtrail" && c.operation === "LookupEvents")).toBe(true);
  });

  it("ec2 describe-subnets --filters reads the query protocol and prints the cluster's subnets with their free addresses", async () => {
    const cluster = h.world().clusters[0]!;
    const run = await cli(
      "ec2",
      "describe-subnets",
      "--filters",
      `Name=vpc-id,Values=${cluster.VpcId}`,
      "Name=availability-zone,Values=eu-west-1a,eu-west-1b",
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { Subnets: Record<string, unknown>[] };
    const subnets = h.world().subnets.filter((s) => s.VpcId === cluster.VpcId);
    expect(out.Subnets.map((s) => s.SubnetId).sort()).toEqual(subnets.map((s) => s.SubnetId).sort());
    const own = subnets.find((s) => s.SubnetId === cluster.SubnetMapping["eu-west-1a"])!;
    expect(out.Subnets.find((s) => s.SubnetId === own.SubnetId)).toMatchObject({
      AvailabilityZone: "eu-west-1a",
      CidrBlock: own.CidrBlock,
      AvailableIpAddressCount: own.freeAddresses,
      State: "available",
    });
  });

  it("ec2 describe-security-groups shows the cluster group's self-referencing TCP 2223-2225 rules", async () => {
    const cluster = h.world().clusters[0]!;
    const run = await cli("ec2", "describe-security-groups", "--group-ids", cluster.SecurityGroup);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { SecurityGroups: Record<string, unknown>[] };
    const self = {
      IpProtocol: "tcp",
      FromPort: 2223,
      ToPort: 2225,
      UserIdGroupPairs: [{ GroupId: cluster.SecurityGroup, UserId: h.world().accountId }],
    };
    expect(out.SecurityGroups).toEqual([
      expect.objectContaining({
        GroupId: cluster.SecurityGroup,
        IpPermissions: [expect.objectContaining(self)],
        IpPermissionsEgress: [expect.objectContaining(self)],
      }),
    ]);
  });

  it("ec2 describe-vpcs and describe-network-interfaces show the cluster's VPC and its HSMs' interfaces", async () => {
    const cluster = h.world().clusters[0]!;
    const vpcs = JSON.parse((await cli("ec2", "describe-vpcs", "--vpc-ids", cluster.VpcId)).stdout) as {
      Vpcs: { VpcId: string }[];
    };
    expect(vpcs.Vpcs.map((v) => v.VpcId)).toEqual([cluster.VpcId]);
    const run = await cli(
      "ec2",
      "describe-network-interfaces",
      "--filters",
      `Name=group-id,Values=${cluster.SecurityGroup}`,
    );
    expect(run.code).toBe(0);
    const enis = JSON.parse(run.stdout) as { NetworkInterfaces: { NetworkInterfaceId: string }[] };
    expect(enis.NetworkInterfaces.map((e) => e.NetworkInterfaceId).sort()).toEqual(
      cluster.Hsms.map((x) => x.EniId).sort(),
    );
  });

  it(`ec2 describe-subnets for a subnet that does not exist exits ${SERVICE_ERROR_RC} with InvalidSubnetID.NotFound`, async () => {
    const run = await cli("ec2", "describe-subnets", "--subnet-ids", "subnet-0123456789abcdef0");
    expect(run.code).toBe(SERVICE_ERROR_RC);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      "An error occurred (InvalidSubnetID.NotFound) when calling the DescribeSubnets operation: The subnet ID 'subnet-0123456789abcdef0' does not exist",
    );
  });

  it("kms disconnect-custom-key-store is recorded in CloudTrail under the CLI's access key", async () => {
    const store = h.world().stores[0]!;
    const run = await cli(
      "kms",
      "disconnect-custom-key-store",
      "--custom-key-store-id",
      store.CustomKeyStoreId,
    );
    expect(run.code).toBe(0);
    const events = h.world().events.filter((e) => e.AccessKeyId === CLI_ACCESS_KEY);
    expect(events.map((e) => e.EventName)).toEqual(["DisconnectCustomKeyStore"]);
  });
});

if (!cliAvailable) {
  describe("aws CLI", () => {
    it.skip(`is not available (\`aws --version\` failed: ${probe.stderr.trim() || `exit ${probe.code}`}): CLI conformance checks skipped`, () => {});
  });
}
