// The bundle carries AWS's models cut to the operations the simulator serves (scripts/bundle.mjs's
// servedOnly): the built simulator must still check every served call as strictly as the sources do.

import { join } from "node:path";
import {
  CloudTrailClient,
  GetInsightSelectorsCommand,
  LookupEventsCommand,
} from "@aws-sdk/client-cloudtrail";
import { DescribeCustomKeyStoresCommand, KMSClient } from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServedWorld, serveWorld, tempDir } from "../helpers/cli.js";
import { initWorld } from "../helpers/world-file.js";

const client = {
  region: "eu-west-1",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "x" },
  maxAttempts: 1,
};

describe("the built simulator's models", () => {
  let served: ServedWorld;
  beforeAll(async () => {
    served = await serveWorld(initWorld(join(tempDir("kcs-models-"), "w.json"), "healthy"));
  });
  afterAll(async () => served?.stop());

  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (err: Error) => ({ name: err.name, message: err.message }),
    );

  it("refuse a KMS request that breaks its model's constraints, in AWS's words", async () => {
    const kms = new KMSClient({ ...client, endpoint: served.url });
    const err = await refusal(
      kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: "c".repeat(65) })),
    );
    kms.destroy();
    expect(err?.name).toBe("ValidationException");
    expect(err?.message).toMatch(
      /^1 validation error detected: .*customKeyStoreId.*less than or equal to 64/,
    );
  });

  it("refuse a CloudTrail lookup that breaks its model's constraints, and answer an operation not served as unknown", async () => {
    const trail = new CloudTrailClient({ ...client, endpoint: served.url });
    const long = await refusal(
      trail.send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "e".repeat(2001) }],
        }),
      ),
    );
    const unknown = await refusal(trail.send(new GetInsightSelectorsCommand({ TrailName: "t" })));
    trail.destroy();
    expect(long?.message).toMatch(/validation error detected: .*2000/);
    expect(unknown?.name).toBe("UnknownOperationException");
  });
});
