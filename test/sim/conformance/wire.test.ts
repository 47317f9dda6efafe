// AWS JSON 1.1 wire conformance: raw HTTP against serve(), and the SDK's view of the same answers.
import {
  CloudHsmResourceNotFoundException,
  DeleteClusterCommand,
  DescribeClustersCommand,
} from "@aws-sdk/client-cloudhsm-v2";
import { InvalidLookupAttributesException, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { CustomKeyStoreNotFoundException, DescribeCustomKeyStoresCommand } from "@aws-sdk/client-kms";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningServer, serve } from "../../../src/sim/wire/server.js";
import {
  caught,
  freshWorld,
  json,
  postHttp,
  postInProcess,
  type RawResponse,
  TARGET,
} from "../../helpers/conformance.js";
import { type Harness, harness } from "../../helpers/sim.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_STORE = "cks-0123456789abcdef0";

let h: Harness;
let server: RunningServer;

beforeEach(async () => {
  h = await harness(freshWorld("healthy"), "in-process");
  server = await serve(h.sim);
});

afterEach(async () => {
  await server.close();
  await h.close();
});

const post = (target: string | undefined, body: unknown = {}) => postHttp(server.url, target, body);

function expectJsonError(res: RawResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers["content-type"]).toContain("json");
  const body = json(res);
  expect(body.__type).toBe(code);
  expect(res.headers["x-amzn-errortype"]).toBe(code);
  return body;
}

describe("X-Amz-Target routing", () => {
  it("accepts the AWS CLI's long CloudTrail prefix (com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101)", async () => {
    const res = await post(TARGET.cloudtrailLong("LookupEvents"), { MaxResults: 2 });
    expect(res.status).toBe(200);
    expect((json(res).Events as unknown[]).length).toBe(2);
  });

  it("accepts the JS SDK's short CloudTrail prefix (CloudTrail_20131101)", async () => {
    const long = await post(TARGET.cloudtrailLong("LookupEvents"), { MaxResults: 2 });
    const short = await post(TARGET.cloudtrail("LookupEvents"), { MaxResults: 2 });
    expect(short.status).toBe(200);
    expect(short.text).toBe(long.text);
  });

  it("answers an unknown operation with 400 UnknownOperationException (JSON)", async () => {
    for (const target of [
      TARGET.kms("FrobnicateKey"),
      TARGET.cloudhsm("Frobnicate"),
      TARGET.cloudtrail("Frob"),
    ]) {
      const body = expectJsonError(await post(target), 400, "UnknownOperationException");
      expect(String(body.message ?? body.Message)).toContain("Frob");
    }
  });

  it("answers an unknown target prefix with a 400 JSON error", async () => {
    expectJsonError(await post("DynamoDB_20120810.ListTables"), 400, "UnknownOperationException");
    expectJsonError(await post("TrentServiceX.DescribeKey"), 400, "UnknownOperationException");
  });

  it("answers a request without X-Amz-Target with a 400 JSON error", async () => {
    expectJsonError(await post(undefined), 400, "UnknownOperationException");
  });

  it("answers a GET with a JSON error, never HTML", async () => {
    const res = await postHttp(server.url, TARGET.kms("ListKeys"), undefined, { method: "GET" });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers["content-type"]).toContain("json");
    expect(typeof json(res).__type).toBe("string");
    expect(res.headers["x-amzn-errortype"]).toBe(json(res).__type);
  });
});

describe("request bodies", () => {
  it("answers a malformed JSON body with 400 SerializationException", async () => {
    expectJsonError(await post(TARGET.kms("ListKeys"), '{"Limit": '), 400, "SerializationException");
    expectJsonError(await post(TARGET.cloudhsm("DescribeClusters"), "[1,2]"), 400, "SerializationException");
    expectJsonError(await post(TARGET.cloudtrail("LookupEvents"), '"text"'), 400, "SerializationException");
  });

  it("reads an empty body as {}", async () => {
    const res = await post(TARGET.kms("ListKeys"), "");
    expect(res.status).toBe(200);
    expect(Array.isArray(json(res).Keys)).toBe(true);
  });
});

describe("error responses", () => {
  it("carry x-amzn-ErrorType equal to __type for every service", async () => {
    const cases: [string, unknown, string][] = [
      [
        TARGET.kms("DescribeCustomKeyStores"),
        { CustomKeyStoreId: UNKNOWN_STORE },
        "CustomKeyStoreNotFoundException",
      ],
      [TARGET.cloudhsm("DescribeClusters"), { Filters: { bogus: ["x"] } }, "CloudHsmInvalidRequestException"],
      [TARGET.cloudtrail("LookupEvents"), { MaxResults: 51 }, "InvalidMaxResultsException"],
    ];
    for (const [target, body, code] of cases) {
      const res = await post(target, body);
      expect(res.status).toBe(400);
      expect(json(res).__type).toBe(code);
      expect(res.headers["x-amzn-errortype"]).toBe(json(res).__type);
    }
  });

  it("name the message `message` for KMS", async () => {
    const body = json(await post(TARGET.kms("DescribeCustomKeyStores"), { CustomKeyStoreId: UNKNOWN_STORE }));
    expect(body.message).toEqual(expect.stringContaining(UNKNOWN_STORE));
    expect(body).not.toHaveProperty("Message");
  });

  it("name the message `Message` for CloudHSM v2 and CloudTrail", async () => {
    for (const [target, input] of [
      [TARGET.cloudhsm("DeleteCluster"), { ClusterId: "cluster-doesnotexist" }],
      [TARGET.cloudtrail("LookupEvents"), { MaxResults: 0 }],
    ] as const) {
      const body = json(await post(target, input));
      expect(typeof body.Message).toBe("string");
      expect((body.Message as string).length).toBeGreaterThan(0);
      expect(body).not.toHaveProperty("message");
    }
  });

  it("answer KMSInternalException with HTTP 500", async () => {
    h.sim.inject({
      service: "kms",
      operation: "ListKeys",
      error: { code: "KMSInternalException", message: "boom" },
    });
    const injected = await post(TARGET.kms("ListKeys"));
    expectJsonError(injected, 500, "KMSInternalException");
    expect(json(injected).message).toBe("boom");
    h.world().faults.transientErrorRate = 1;
    expectJsonError(await post(TARGET.kms("ListKeys")), 500, "KMSInternalException");
  });
});

describe("every response", () => {
  it("has an x-amzn-RequestId, unique per response", async () => {
    const responses = [
      await post(TARGET.kms("ListKeys")),
      await post(TARGET.kms("DescribeCustomKeyStores"), { CustomKeyStoreId: UNKNOWN_STORE }),
      await post(TARGET.cloudhsm("DescribeClusters")),
      await post(TARGET.cloudtrail("LookupEvents"), { MaxResults: 1 }),
      await post("Nope.Nothing"),
      await post(TARGET.kms("ListKeys"), "{"),
      await postHttp(server.url, TARGET.kms("ListKeys"), undefined, { method: "GET" }),
    ];
    const ids = responses.map((r) => r.headers["x-amzn-requestid"]);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is application/x-amz-json-1.1 when the call succeeds", async () => {
    const res = await post(TARGET.cloudhsm("DescribeBackups"));
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/x-amz-json-1.1");
  });
});

describe("timestamps", () => {
  it("are epoch seconds as JSON numbers in every service", async () => {
    const w = h.world();
    const stores = json(await post(TARGET.kms("DescribeCustomKeyStores"))).CustomKeyStores as Record<
      string,
      unknown
    >[];
    expect(stores[0]!.CreationDate).toBe(w.stores[0]!.CreationDate / 1000);
    const key = json(await post(TARGET.kms("DescribeKey"), { KeyId: w.keys[0]!.KeyId }))
      .KeyMetadata as Record<string, unknown>;
    expect(key.CreationDate).toBe(w.keys[0]!.CreationDate / 1000);
    const clusters = json(await post(TARGET.cloudhsm("DescribeClusters"))).Clusters as Record<
      string,
      unknown
    >[];
    expect(clusters[0]!.CreateTimestamp).toBe(w.clusters[0]!.CreateTimestamp / 1000);
    const backups = json(await post(TARGET.cloudhsm("DescribeBackups"))).Backups as Record<string, unknown>[];
    const events = json(await post(TARGET.cloudtrail("LookupEvents"))).Events as Record<string, unknown>[];
    for (const v of [
      stores[0]!.CreationDate,
      key.CreationDate,
      clusters[0]!.CreateTimestamp,
      backups[0]!.CreateTimestamp,
      events[0]!.EventTime,
    ]) {
      expect(typeof v).toBe("number");
      // Seconds, not milliseconds: somewhere in 2026.
      expect(v as number).toBeGreaterThan(1.7e9);
      expect(v as number).toBeLessThan(1.9e9);
    }
  });
});

describe("the SDK over HTTP", () => {
  it("maps modelled errors to their classes (instanceof)", async () => {
    const hh = await harness(freshWorld("healthy"), "http");
    try {
      const kms = await caught(() =>
        hh.clients.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: UNKNOWN_STORE })),
      );
      expect(kms).toBeInstanceOf(CustomKeyStoreNotFoundException);
      expect((kms as Error).message).toContain(UNKNOWN_STORE);
      const hsm = await caught(() =>
        hh.clients.cloudhsm.send(
          new DescribeClustersCommand({ Filters: { clusterIds: ["x"] }, NextToken: "bad" }),
        ),
      );
      expect(hsm).toHaveProperty("name", "CloudHsmInvalidRequestException");
      const gone = await caught(() =>
        hh.clients.cloudhsm.send(new DeleteClusterCommand({ ClusterId: "cluster-nothereatall" })),
      );
      expect(gone).toBeInstanceOf(CloudHsmResourceNotFoundException);
      const trail = await caught(() =>
        hh.clients.cloudtrail.send(
          new LookupEventsCommand({
            LookupAttributes: [
              { AttributeKey: "EventName", AttributeValue: "A" },
              { AttributeKey: "EventName", AttributeValue: "B" },
            ],
          }),
        ),
      );
      expect(trail).toBeInstanceOf(InvalidLookupAttributesException);
    } finally {
      await hh.close();
    }
  });

  it("reads the request id from x-amzn-RequestId", async () => {
    const hh = await harness(freshWorld("healthy"), "http");
    try {
      const out = await hh.clients.kms.send(new DescribeCustomKeyStoresCommand({}));
      expect(out.$metadata.requestId).toMatch(UUID);
      expect(out.$metadata.httpStatusCode).toBe(200);
    } finally {
      await hh.close();
    }
  });
});

describe("in-process handler and HTTP", () => {
  it("give identical status and body for the same request", async () => {
    const w = h.world();
    const requests: [string, unknown][] = [
      [TARGET.kms("DescribeCustomKeyStores"), {}],
      [TARGET.kms("ListKeys"), { Limit: 3 }],
      [TARGET.kms("DescribeKey"), { KeyId: w.keys[1]!.KeyId }],
      [TARGET.kms("DescribeCustomKeyStores"), { CustomKeyStoreId: UNKNOWN_STORE }],
      [TARGET.cloudhsm("DescribeClusters"), {}],
      [TARGET.cloudhsm("DescribeBackups"), { MaxResults: 4 }],
      [TARGET.cloudhsm("DescribeClusters"), { MaxResults: 99 }],
      [TARGET.cloudtrail("LookupEvents"), { MaxResults: 5 }],
      [
        TARGET.cloudtrailLong("LookupEvents"),
        { LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "DeleteKey" }] },
      ],
      [TARGET.kms("NoSuchThing"), {}],
      [TARGET.kms("ListKeys"), "{oops"],
    ];
    for (const [target, body] of requests) {
      const viaHttp = await post(target, body);
      const inProcess = await postInProcess(h.sim, target, body);
      expect(inProcess.status).toBe(viaHttp.status);
      expect(inProcess.text).toBe(viaHttp.text);
      expect(inProcess.headers["content-type"]).toBe(viaHttp.headers["content-type"]);
      expect(inProcess.headers["x-amzn-errortype"]).toBe(viaHttp.headers["x-amzn-errortype"]);
    }
  });
});
