// The official `aws` CLI (v1 here) against the simulator's HTTP server: an outside check that the
// wire format is AWS's, not just something our own SDK clients happen to accept.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DURATIONS } from "../../src/sim/clock.js";
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

/** Runs `BIN ARGS` asynchronously (the server answering it lives in this process). */
function run(bin: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(bin, args, { env: cliEnv(), timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      resolve({ code, stdout, stderr: stderr || (err && code < 0 ? err.message : "") });
    });
  });
}

interface Cli {
  bin: string;
  version: string;
}

/**
 * Both major versions where the machine has them: the aws CLI v1 pip installs (`aws` on PATH here)
 * and the v2 Debian's awscli package installs (/usr/bin/aws; .ci/run installs it).
 */
async function availableClis(): Promise<{ found: Cli[]; missing: string[] }> {
  const found: Cli[] = [];
  const missing: string[] = [];
  for (const bin of ["aws", "/usr/bin/aws"]) {
    const probe = await run(bin, ["--version"]);
    const version = `${probe.stdout}${probe.stderr}`.trim().split(" ")[0] ?? "";
    if (probe.code !== 0 || !version.startsWith("aws-cli/")) {
      missing.push(`${bin} (${probe.stderr.trim().split("\n")[0] || `exit ${probe.code}`})`);
      continue;
    }
    if (!found.some((c) => c.version === version)) found.push({ bin, version });
  }
  return { found, missing };
}

const { found: CLIS, missing: MISSING } = await availableClis();

describe.each(CLIS)("aws CLI $version ($bin) against serve()", ({ bin, version }) => {
  const aws = (args: string[]) => run(bin, args);
  const v1 = version.startsWith("aws-cli/1.");
  /**
   * Exit code for "the service answered with an error": 254 in CLI v2 (CLIENT_ERROR_RC); CLI v1 has no
   * such code and exits 255 (seen here with aws-cli/1.45.11: "Exiting with rc 255").
   */
  const SERVICE_ERROR_RC = v1 ? 255 : 254;
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
    // CLI v1 prints timestamps as the raw epoch seconds it received; v2 as ISO 8601.
    const created = out.CustomKeyStores[0]!.CreationDate;
    if (v1) expect(created).toBe(store.CreationDate / 1000);
    else {
      expect(created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+00:00$/);
      expect(Date.parse(created as string)).toBe(store.CreationDate);
    }
  });

  it(`kms connect-custom-key-store on a FAILED store exits ${SERVICE_ERROR_RC} with CustomKeyStoreInvalidStateException`, async () => {
    const store = h.world().stores[0]!;
    const run = await cli("kms", "connect-custom-key-store", "--custom-key-store-id", store.CustomKeyStoreId);
    expect(run.code).toBe(SERVICE_ERROR_RC);
    expect(run.stdout).toBe("");
    // v2 adds how many retries it made: "operation (reached max retries: 0):".
    expect(run.stderr).toMatch(
      /An error occurred \(CustomKeyStoreInvalidStateException\) when calling the ConnectCustomKeyStore operation( \(reached max retries: \d+\))?:/,
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
    expect(run.stderr).toMatch(
      /An error occurred \(InvalidSubnetID\.NotFound\) when calling the DescribeSubnets operation( \(reached max retries: \d+\))?: The subnet ID 'subnet-0123456789abcdef0' does not exist/,
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
    h.sim.flushTrail();
    const events = h.world().events.filter((e) => e.AccessKeyId === CLI_ACCESS_KEY);
    // Its reads are there (read-only), and its refused connect (with errorCode); one change succeeded.
    const changes = events.filter((e) => e.ReadOnly === "false" && !e.record.errorCode);
    expect(changes.map((e) => e.EventName)).toEqual(["DisconnectCustomKeyStore"]);
    expect(events.filter((e) => e.ReadOnly === "true").map((e) => e.EventName)).toContain(
      "DescribeCustomKeyStores",
    );
    expect(events.find((e) => e.EventName === "ConnectCustomKeyStore")?.record.errorCode).toBe(
      "CustomKeyStoreInvalidStateException",
    );
  });

  // ---- the operations a troubleshooter meets: one answer and one refusal each ----

  const ok = (run: Run) => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    return run.stdout.trim() ? (JSON.parse(run.stdout) as Record<string, unknown>) : {};
  };
  const refused = (run: Run, code: string, operation: string) => {
    expect(run.code).toBe(SERVICE_ERROR_RC);
    expect(run.stderr).toContain(`An error occurred (${code}) when calling the ${operation} operation`);
  };
  const storeKey = () => h.world().keys.find((k) => k.Origin === "AWS_CLOUDHSM")!;
  const kmsKeyId = async () => {
    const out = ok(await cli("kms", "create-key", "--description", "cli"));
    return (out.KeyMetadata as { KeyId: string }).KeyId;
  };

  it("kms get-key-policy, list-resource-tags, list-grants, get-key-rotation-status", async () => {
    const key = storeKey();
    const policy = ok(await cli("kms", "get-key-policy", "--key-id", key.KeyId, "--policy-name", "default"));
    expect(JSON.parse(policy.Policy as string)).toHaveProperty("Statement");
    // CLI v2.9's model predates PolicyName in the answer, and drops what it does not know.
    if (v1) expect(policy.PolicyName).toBe("default");
    refused(
      // CLI v2.9 still requires --policy-name (older model); "default" is the only name KMS has.
      await cli("kms", "get-key-policy", "--key-id", "alias/payments-ledger", "--policy-name", "default"),
      "NotFoundException",
      "GetKeyPolicy",
    );
    expect(ok(await cli("kms", "list-resource-tags", "--key-id", key.KeyId)).Tags).toEqual([]);
    refused(
      await cli("kms", "list-resource-tags", "--key-id", "alias/x"),
      "NotFoundException",
      "ListResourceTags",
    );
    expect(ok(await cli("kms", "list-grants", "--key-id", key.Arn)).Grants).toEqual([]);
    refused(
      await cli("kms", "list-grants", "--key-id", key.KeyId, "--grant-id", "bad"),
      "InvalidGrantIdException",
      "ListGrants",
    );
    const kmsKey = await kmsKeyId();
    expect(ok(await cli("kms", "get-key-rotation-status", "--key-id", kmsKey)).KeyRotationEnabled).toBe(
      false,
    );
    refused(
      await cli("kms", "get-key-rotation-status", "--key-id", key.KeyId),
      "UnsupportedOperationException",
      "GetKeyRotationStatus",
    );
  });

  it("kms tag-resource, untag-resource, update-key-description", async () => {
    const key = storeKey();
    ok(await cli("kms", "tag-resource", "--key-id", key.KeyId, "--tags", "TagKey=team,TagValue=kms"));
    refused(
      await cli("kms", "tag-resource", "--key-id", key.KeyId, "--tags", "TagKey=aws:x,TagValue=y"),
      "TagException",
      "TagResource",
    );
    ok(await cli("kms", "untag-resource", "--key-id", key.KeyId, "--tag-keys", "team"));
    refused(
      await cli("kms", "untag-resource", "--key-id", key.KeyId, "--tag-keys", "aws:x"),
      "TagException",
      "UntagResource",
    );
    ok(await cli("kms", "update-key-description", "--key-id", key.KeyId, "--description", "from the CLI"));
    expect(h.world().keys.find((k) => k.KeyId === key.KeyId)!.Description).toBe("from the CLI");
    refused(
      await cli("kms", "update-key-description", "--key-id", "alias/x", "--description", "x"),
      "NotFoundException",
      "UpdateKeyDescription",
    );
  });

  it("kms create-alias, update-alias, delete-alias", async () => {
    const [a, b] = h.world().keys.filter((k) => k.Origin === "AWS_CLOUDHSM");
    ok(await cli("kms", "create-alias", "--alias-name", "alias/from-cli", "--target-key-id", a!.KeyId));
    refused(
      await cli("kms", "create-alias", "--alias-name", "alias/aws/cli", "--target-key-id", a!.KeyId),
      "InvalidAliasNameException",
      "CreateAlias",
    );
    ok(await cli("kms", "update-alias", "--alias-name", "alias/from-cli", "--target-key-id", b!.KeyId));
    refused(
      await cli("kms", "update-alias", "--alias-name", "alias/none", "--target-key-id", b!.KeyId),
      "NotFoundException",
      "UpdateAlias",
    );
    ok(await cli("kms", "delete-alias", "--alias-name", "alias/from-cli"));
    refused(
      await cli("kms", "delete-alias", "--alias-name", "alias/from-cli"),
      "NotFoundException",
      "DeleteAlias",
    );
  });

  it("kms generate-data-key-without-plaintext and re-encrypt", async () => {
    const [source, destination] = [await kmsKeyId(), await kmsKeyId()];
    const out = ok(
      await cli("kms", "generate-data-key-without-plaintext", "--key-id", source, "--key-spec", "AES_256"),
    );
    expect(out).not.toHaveProperty("Plaintext");
    refused(
      await cli(
        "kms",
        "generate-data-key-without-plaintext",
        "--key-id",
        storeKey().KeyId,
        "--key-spec",
        "AES_256",
      ),
      "KMSInvalidStateException",
      "GenerateDataKeyWithoutPlaintext",
    );
    const dir = mkdtempSync(join(tmpdir(), "kcs-cli-"));
    const blob = join(dir, "blob");
    writeFileSync(blob, Buffer.from(out.CiphertextBlob as string, "base64"));
    const moved = ok(
      await cli(
        "kms",
        "re-encrypt",
        "--ciphertext-blob",
        `fileb://${blob}`,
        "--destination-key-id",
        destination,
      ),
    );
    expect(moved.KeyId).toMatch(new RegExp(`${destination}$`));
    refused(
      await cli(
        "kms",
        "re-encrypt",
        "--ciphertext-blob",
        `fileb://${blob}`,
        "--destination-key-id",
        storeKey().KeyId,
      ),
      "KMSInvalidStateException",
      "ReEncrypt",
    );
  });

  it("cloudhsmv2 delete-backup, restore-backup, modify-backup-attributes, copy-backup-to-region", async () => {
    const backup = h
      .world()
      .backups.filter((b) => b.BackupState === "READY")
      .sort((a, b) => b.CreateTimestamp - a.CreateTimestamp)[1]!;
    const id = backup.BackupId;
    const deleted = ok(await cli("cloudhsmv2", "delete-backup", "--backup-id", id));
    expect((deleted.Backup as { BackupState: string }).BackupState).toBe("PENDING_DELETION");
    refused(
      await cli("cloudhsmv2", "delete-backup", "--backup-id", id),
      "CloudHsmInvalidRequestException",
      "DeleteBackup",
    );
    const restored = ok(await cli("cloudhsmv2", "restore-backup", "--backup-id", id));
    expect((restored.Backup as { BackupState: string }).BackupState).toBe("READY");
    refused(
      await cli("cloudhsmv2", "restore-backup", "--backup-id", "backup-aaaaaaaaaaa"),
      "CloudHsmResourceNotFoundException",
      "RestoreBackup",
    );
    const kept = ok(
      await cli("cloudhsmv2", "modify-backup-attributes", "--backup-id", id, "--never-expires"),
    );
    expect((kept.Backup as { NeverExpires: boolean }).NeverExpires).toBe(true);
    refused(
      await cli(
        "cloudhsmv2",
        "modify-backup-attributes",
        "--backup-id",
        "backup-aaaaaaaaaaa",
        "--no-never-expires",
      ),
      "CloudHsmResourceNotFoundException",
      "ModifyBackupAttributes",
    );
    const copy = ok(
      await cli(
        "cloudhsmv2",
        "copy-backup-to-region",
        "--backup-id",
        id,
        "--destination-region",
        "eu-central-1",
      ),
    );
    expect(copy.DestinationBackup).toMatchObject({ SourceBackup: id, SourceRegion: h.world().region });
    refused(
      await cli(
        "cloudhsmv2",
        "copy-backup-to-region",
        "--backup-id",
        id,
        "--destination-region",
        h.world().region,
      ),
      "CloudHsmInvalidRequestException",
      "CopyBackupToRegion",
    );
  });

  it("cloudhsmv2 modify-cluster, tag-resource, list-tags, untag-resource", async () => {
    const id = h.world().clusters[0]!.ClusterId;
    const out = ok(
      await cli(
        "cloudhsmv2",
        "modify-cluster",
        "--cluster-id",
        id,
        "--backup-retention-policy",
        "Type=DAYS,Value=30",
      ),
    );
    expect((out.Cluster as { BackupRetentionPolicy: unknown }).BackupRetentionPolicy).toEqual({
      Type: "DAYS",
      Value: "30",
    });
    refused(
      await cli(
        "cloudhsmv2",
        "modify-cluster",
        "--cluster-id",
        id,
        "--backup-retention-policy",
        "Type=DAYS,Value=3",
      ),
      "CloudHsmInvalidRequestException",
      "ModifyCluster",
    );
    ok(await cli("cloudhsmv2", "tag-resource", "--resource-id", id, "--tag-list", "Key=team,Value=kms"));
    refused(
      await cli(
        "cloudhsmv2",
        "tag-resource",
        "--resource-id",
        "cluster-aaaaaaaaaaa",
        "--tag-list",
        "Key=a,Value=b",
      ),
      "CloudHsmResourceNotFoundException",
      "TagResource",
    );
    expect(ok(await cli("cloudhsmv2", "list-tags", "--resource-id", id)).TagList).toEqual([
      { Key: "team", Value: "kms" },
    ]);
    refused(
      await cli("cloudhsmv2", "list-tags", "--resource-id", "backup-aaaaaaaaaaa"),
      "CloudHsmResourceNotFoundException",
      "ListTags",
    );
    ok(await cli("cloudhsmv2", "untag-resource", "--resource-id", id, "--tag-key-list", "team"));
    refused(
      await cli("cloudhsmv2", "untag-resource", "--resource-id", id, "--tag-key-list", "aws:x"),
      "CloudHsmInvalidRequestException",
      "UntagResource",
    );
  });

  it("cloudhsmv2 initialize-cluster", async () => {
    const main = h.world().clusters[0]!;
    const spare = h
      .world()
      .subnets.filter(
        (s) => s.VpcId === main.VpcId && !Object.values(main.SubnetMapping).includes(s.SubnetId),
      )
      .map((s) => s.SubnetId);
    const created = ok(
      await cli("cloudhsmv2", "create-cluster", "--hsm-type", "hsm1.medium", "--subnet-ids", ...spare),
    );
    const id = (created.Cluster as { ClusterId: string }).ClusterId;
    h.clock.advance(DURATIONS.clusterCreate);
    ok(
      await cli(
        "cloudhsmv2",
        "create-hsm",
        "--cluster-id",
        id,
        "--availability-zone",
        h.world().subnets.find((s) => s.SubnetId === spare[0])!.AvailabilityZone,
      ),
    );
    h.clock.advance(DURATIONS.hsmCreate);
    const cert = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`;
    const args = ["--signed-cert", cert("MIIDclustercert"), "--trust-anchor", cert("MIIDissuingroot")];
    expect(ok(await cli("cloudhsmv2", "initialize-cluster", "--cluster-id", id, ...args)).State).toBe(
      "INITIALIZE_IN_PROGRESS",
    );
    refused(
      await cli("cloudhsmv2", "initialize-cluster", "--cluster-id", main.ClusterId, ...args),
      "CloudHsmInvalidRequestException",
      "InitializeCluster",
    );
  });

  it("cloudtrail describe-trails, get-trail-status, list-trails, get-event-selectors", async () => {
    const trails = ok(await cli("cloudtrail", "describe-trails")).trailList as { Name: string }[];
    expect(trails.map((t) => t.Name)).toEqual(["management-events"]);
    refused(
      await cli("cloudtrail", "describe-trails", "--trail-name-list", "a--b"),
      "InvalidTrailNameException",
      "DescribeTrails",
    );
    expect(ok(await cli("cloudtrail", "get-trail-status", "--name", "management-events")).IsLogging).toBe(
      true,
    );
    refused(
      await cli("cloudtrail", "get-trail-status", "--name", "no-such-trail"),
      "TrailNotFoundException",
      "GetTrailStatus",
    );
    expect((ok(await cli("cloudtrail", "list-trails")).Trails as unknown[]).length).toBe(1);
    refused(
      await cli("cloudtrail", "list-trails", "--starting-token", "not-a-token"),
      "ValidationException",
      "ListTrails",
    );
    const selectors = ok(await cli("cloudtrail", "get-event-selectors", "--trail-name", "management-events"));
    expect((selectors.EventSelectors as { ReadWriteType: string }[])[0]!.ReadWriteType).toBe("All");
    refused(
      await cli("cloudtrail", "get-event-selectors", "--trail-name", "no-such-trail"),
      "TrailNotFoundException",
      "GetEventSelectors",
    );
  });
});

if (MISSING.length > 0) {
  describe("aws CLI", () => {
    it.skip(`not found here, checks skipped for: ${MISSING.join("; ")}`, () => {});
  });
}
