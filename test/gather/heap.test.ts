/**
 * A big account's doctor asks V8 to keep its heap near what is live (src/gather/heap.ts); a small
 * one leaves V8 alone, so a cold doctor pays nothing for it. The effect on peak RSS is measured by
 * `npm run bench` (big accounts), not here.
 */
import {
  CloudHSMV2Client,
  DescribeBackupsCommand,
  DescribeClustersCommand,
} from "@aws-sdk/client-cloudhsm-v2";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import {
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  type DescribeKeyCommandInput,
  KMSClient,
  ListKeysCommand,
  type ListKeysCommandInput,
} from "@aws-sdk/client-kms";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { makeClients } from "../../src/backend/clients.js";
import { gather } from "../../src/gather/gather.js";
import { MANY_KEYS, preferSmallHeap } from "../../src/gather/heap.js";
import { keyArn } from "../diagnose/fixtures.js";
import { virtualTimer } from "../helpers/timer.js";

const NOW = new Date("2026-11-28T12:00:00Z");

describe("preferSmallHeap", () => {
  it("sets V8's heap growth flag once, however often it is asked", () => {
    const flags: string[] = [];
    preferSmallHeap((f) => flags.push(f));
    preferSmallHeap((f) => flags.push(f));
    expect(flags).toEqual(["--heap-growing-percent=20"]);
  });
});

describe("gather's heap on a big account", () => {
  const kms = mockClient(KMSClient);
  const trail = mockClient(CloudTrailClient);
  const hsm = mockClient(CloudHSMV2Client);
  afterAll(() => {
    kms.restore();
    trail.restore();
    hsm.restore();
  });
  let asked = 0;
  beforeEach(() => {
    asked = 0;
    kms.reset();
    kms.on(DescribeCustomKeyStoresCommand).resolves({ CustomKeyStores: [], Truncated: false });
    kms.on(DescribeKeyCommand).callsFake((i: DescribeKeyCommandInput) => ({
      KeyMetadata: { KeyId: i.KeyId, Arn: keyArn(i.KeyId!) },
    }));
    hsm.on(DescribeClustersCommand).resolves({ Clusters: [] });
    hsm.on(DescribeBackupsCommand).resolves({ Backups: [] });
    trail.on(LookupEventsCommand).resolves({ Events: [] });
  });

  const account = (keys: number) => {
    const ids = Array.from(
      { length: keys },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    );
    kms.on(ListKeysCommand).callsFake((input: ListKeysCommandInput) => {
      const from = Number(input.Marker ?? 0);
      const page = ids.slice(from, from + 1000).map((KeyId) => ({ KeyId, KeyArn: keyArn(KeyId) }));
      const next = from + 1000;
      return {
        Keys: page,
        Truncated: next < ids.length,
        ...(next < ids.length ? { NextMarker: String(next) } : {}),
      };
    });
  };
  const run = () =>
    gather(makeClients({ region: "eu-west-1", credentials: { accessKeyId: "x", secretAccessKey: "y" } }), {
      backend: "aws",
      since: new Date(NOW.getTime() - 86_400_000),
      now: NOW,
      timer: virtualTimer(),
      onManyKeys: () => asked++,
    });

  it(`asks for a small heap once ${MANY_KEYS} keys are to be described`, async () => {
    account(MANY_KEYS);
    await run();
    expect(asked).toBe(1);
  });

  it("leaves V8 alone on an account with fewer keys", async () => {
    account(MANY_KEYS - 1);
    await run();
    expect(asked).toBe(0);
  });
});
