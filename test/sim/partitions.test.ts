import { DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import { DescribeCustomKeyStoresCommand, KMSClient } from "@aws-sdk/client-kms";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { describe, expect, it } from "vitest";
import { makeEc2Client } from "../../src/backend/ec2-client.js";
import {
  accountOfKey,
  enabledRegionsOf,
  routeRequest,
  signingScope,
  temporaryKeyFor,
} from "../../src/sim/partitions.js";
import {
  FLEET_AUDIT_EXTERNAL_ID,
  FLEET_AUDIT_ROLE,
  FLEET_MEMBER_ACCOUNT,
  FLEET_MEMBER_KEY,
} from "../../src/sim/scenarios/fleet-partitions.js";
import { SimulatorRequestHandler } from "../../src/sim/wire/request-handler.js";
import type { World } from "../../src/sim/world.js";
import { harness, scenarioWorld, type Transport } from "../helpers/sim.js";

const ROOT = "111122223333";
const world = scenarioWorld("fleet");

describe("routing a request to its partition", () => {
  it("reads the key and Region from the SigV4 credential scope", () => {
    expect(
      signingScope({
        authorization:
          "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261130/us-east-1/kms/aws4_request, SignedHeaders=host, Signature=00",
      }),
    ).toEqual({ accessKeyId: "AKIAEXAMPLE", region: "us-east-1", service: "kms" });
    expect(signingScope({})).toEqual({});
  });

  it("maps keys to accounts: listed, temporary, and unknown", () => {
    expect(accountOfKey(world, FLEET_MEMBER_KEY)).toBe(FLEET_MEMBER_ACCOUNT);
    expect(accountOfKey(world, temporaryKeyFor(FLEET_MEMBER_ACCOUNT, "ab1"))).toBe(FLEET_MEMBER_ACCOUNT);
    // A temporary key of an account the world lacks, or a malformed one, is nobody's.
    expect(accountOfKey(world, temporaryKeyFor("999999999999", "ab1"))).toBeUndefined();
    expect(accountOfKey(world, "ASIAJUNK")).toBeUndefined();
    // An unlisted long-term key is the root account's, unless the world lists only its keys.
    expect(accountOfKey(world, "AKIAANYONE")).toBe(ROOT);
    expect(accountOfKey({ ...world, onlyListedKeys: true }, "AKIAANYONE")).toBeUndefined();
  });

  it("routes by account and Region, and refuses a disabled or absent Region as AWS does", () => {
    expect(routeRequest(world, { accessKeyId: FLEET_MEMBER_KEY, region: "us-east-1" })).toEqual({
      accountId: FLEET_MEMBER_ACCOUNT,
      region: "us-east-1",
    });
    expect(routeRequest(world, { accessKeyId: "AKIAX", region: "eu-south-1" })).toEqual({
      accountId: ROOT,
      region: "eu-south-1",
    });
    for (const region of ["eu-south-1", "ap-east-1"])
      expect(() => routeRequest(world, { accessKeyId: FLEET_MEMBER_KEY, region })).toThrow(
        "The security token included in the request is invalid.",
      );
    expect(enabledRegionsOf(world, FLEET_MEMBER_ACCOUNT)).toEqual(["eu-west-1", "us-east-1"]);
    expect(enabledRegionsOf(world, ROOT)).toEqual(["eu-south-1", "eu-west-1", "us-east-1"]);
  });

  it("answers a world of one partition in any Region, as before", () => {
    const single: World = { ...world, partitions: undefined, accessKeys: undefined } as unknown as World;
    delete single.partitions;
    delete single.accessKeys;
    expect(routeRequest(single, { accessKeyId: "AKIAX", region: "ap-east-1" })).toEqual({
      accountId: ROOT,
      region: "eu-west-1",
    });
  });
});

describe.each<Transport>(["in-process", "http"])("the fleet world through the SDK (%s)", (transport) => {
  const storesOf = async (h: Awaited<ReturnType<typeof harness>>, region: string, credentials: object) => {
    const kms = new KMSClient({
      region,
      credentials: credentials as never,
      maxAttempts: 1,
      ...(h.url
        ? { endpoint: h.url }
        : {
            endpoint: "http://kcs-sim.invalid",
            requestHandler: new SimulatorRequestHandler(h.sim) as never,
          }),
    });
    try {
      const out = await kms.send(new DescribeCustomKeyStoresCommand({}));
      return (out.CustomKeyStores ?? []).map((s) => s.CustomKeyStoreName);
    } finally {
      kms.destroy();
    }
  };

  it("serves each (account, Region) its own stores, and refuses the member's disabled Region", async () => {
    const h = await harness(scenarioWorld("fleet"), transport);
    try {
      const root = { accessKeyId: "AKIAKCSSIMULATOR0001", secretAccessKey: "x" };
      const member = { accessKeyId: FLEET_MEMBER_KEY, secretAccessKey: "x" };
      expect(await storesOf(h, "eu-west-1", root)).toContain("payments-cks");
      expect(await storesOf(h, "us-east-1", root)).toEqual([
        "orders-useast1-cks",
        "invalid-credentials-useast1-cks",
        "no-active-hsms-useast1-cks",
      ]);
      expect(await storesOf(h, "us-east-1", member)).toContain("cluster-not-found-useast1-cks");
      await expect(storesOf(h, "eu-south-1", member)).rejects.toMatchObject({
        name: "UnrecognizedClientException",
      });
    } finally {
      await h.close();
    }
  });

  it("lets the SDK's credential provider assume the member's role, with its external id", async () => {
    const h = await harness(scenarioWorld("fleet"), transport);
    const clientConfig = {
      region: "eu-west-1",
      ...(h.url
        ? { endpoint: h.url }
        : { endpoint: "http://kcs-sim.invalid", requestHandler: new SimulatorRequestHandler(h.sim) }),
    };
    const assume = (ExternalId?: string) =>
      fromTemporaryCredentials({
        masterCredentials: { accessKeyId: "AKIAKCSSIMULATOR0001", secretAccessKey: "x" },
        params: {
          RoleArn: FLEET_AUDIT_ROLE,
          RoleSessionName: "kcs-test",
          ...(ExternalId ? { ExternalId } : {}),
        },
        clientConfig: clientConfig as never,
      })();
    try {
      const creds = await assume(FLEET_AUDIT_EXTERNAL_ID);
      expect(creds.accessKeyId).toMatch(new RegExp(`^ASIA${FLEET_MEMBER_ACCOUNT}`));
      expect(await storesOf(h, "eu-west-1", creds)).toContain("no-active-hsms-euwest1-cks");
      await expect(assume("wrong")).rejects.toMatchObject({ name: "AccessDenied" });
      const ec2 = makeEc2Client({ ...clientConfig, credentials: creds } as never);
      const regions = await ec2.send(new DescribeRegionsCommand({}));
      expect(regions.Regions?.map((r) => r.RegionName)).toEqual(["eu-west-1", "us-east-1"]);
      ec2.destroy();
    } finally {
      await h.close();
    }
  });
});

describe("a partitioned world file", () => {
  it("keeps no pepper in its partitions on disk, and gives them the root's when read", async () => {
    const { mkdtempSync, readFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { FileWorldStore, checkedFileOf } = await import("../../src/sim/persist.js");
    const { rmSync } = await import("node:fs");
    const path = join(mkdtempSync(join(tmpdir(), "kcs-partitions-")), "world.json");
    const built = scenarioWorld("fleet");
    new FileWorldStore(path, () => built).replace(built);
    const text = readFileSync(path, "utf8");
    expect(text).not.toContain(built.pepper);
    // Checked whole again, as a hand-edited file would be.
    rmSync(checkedFileOf(path), { force: true });
    const read = new FileWorldStore(path, () => built).read((w) => w);
    expect(read.partitions).toHaveLength(4);
    expect(read.partitions!.every((p) => p.pepper === built.pepper)).toBe(true);
    expect(read.disabledRegions).toEqual([{ accountId: FLEET_MEMBER_ACCOUNT, region: "eu-south-1" }]);
  });
});
