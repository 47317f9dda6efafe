// CloudTrail as AWS keeps it: events appear minutes after the call, failed calls are there with their
// errorCode, reads and cryptographic calls are there (readOnly), and faults of the network are not.
import { type Event, LookupEventsCommand, type LookupEventsCommandInput } from "@aws-sdk/client-cloudtrail";
import {
  DeleteCustomKeyStoreCommand,
  DescribeKeyCommand,
  EncryptCommand,
  ListKeysCommand,
} from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { DURATIONS } from "../../../src/sim/clock.js";
import { fileEvents, READ_EVENTS_KEPT } from "../../../src/sim/cloudtrail/api-events.js";
import type { TrailEvent } from "../../../src/sim/world.js";
import { caught, freshWorld } from "../../helpers/conformance.js";
import { CREDENTIALS, type Harness, harness } from "../../helpers/sim.js";
import { harnessPerTest } from "./kms-support.js";

interface Record_ {
  eventName: string;
  readOnly: boolean;
  errorCode?: string;
  errorMessage?: string;
  requestParameters: Record<string, unknown> | null;
  userIdentity: { accessKeyId?: string };
  resources?: { ARN: string }[];
}

const recordOf = (e: Event) => JSON.parse(e.CloudTrailEvent!) as Record_;

describe.each(["in-process", "http"] as const)("CloudTrail history over %s", (transport) => {
  const start = harnessPerTest(transport);
  const open = (scenario = "healthy") => start(freshWorld(scenario));

  async function mine(hh: Harness, input: LookupEventsCommandInput = {}): Promise<Event[]> {
    const out: Event[] = [];
    let token: string | undefined;
    do {
      const page = await hh.clients.cloudtrail.send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: "AccessKeyId", AttributeValue: CREDENTIALS.accessKeyId }],
          ...input,
          ...(token ? { NextToken: token } : {}),
        }),
      );
      out.push(...(page.Events ?? []));
      token = page.NextToken;
    } while (token);
    return out;
  }

  const storeKey = (hh: Harness) => hh.world().keys.find((k) => k.Origin === "AWS_CLOUDHSM")!;

  it("shows a call only once CloudTrail has delivered it, minutes later", async () => {
    const hh = await open();
    await hh.clients.kms.send(new DescribeKeyCommand({ KeyId: storeKey(hh).KeyId }));
    hh.clock.advance(DURATIONS.trailDelivery - 1);
    expect(await mine(hh)).toEqual([]);
    hh.clock.advance(1);
    expect((await mine(hh)).map((e) => e.EventName)).toEqual(["DescribeKey"]);
  });

  it("records reads and cryptographic calls as read-only events naming the key", async () => {
    const hh = await open();
    const key = storeKey(hh);
    await hh.clients.kms.send(new ListKeysCommand({}));
    hh.clock.advance(1_000);
    await hh.clients.kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from("hello") }));
    hh.clock.advance(DURATIONS.trailDelivery);
    const events = await mine(hh);
    expect(events.map((e) => [e.EventName, e.ReadOnly])).toEqual([
      ["Encrypt", "true"],
      ["ListKeys", "true"],
    ]);
    const encrypt = recordOf(events[0]!);
    expect(encrypt.readOnly).toBe(true);
    expect(encrypt.resources?.map((r) => r.ARN)).toEqual([key.Arn]);
    // The plaintext is never in CloudTrail.
    expect(encrypt.requestParameters).toEqual({ keyId: key.KeyId });
    expect(events[0]!.CloudTrailEvent).not.toContain(Buffer.from("hello").toString("base64"));
  });

  it("records a refused call with its errorCode and errorMessage, and nothing it would have changed", async () => {
    const hh = await open();
    const store = hh.world().stores[0]!;
    // A connected store cannot be deleted.
    const err = await caught(() =>
      hh.clients.kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: store.CustomKeyStoreId })),
    );
    expect(err).toMatchObject({ name: "CustomKeyStoreInvalidStateException" });
    hh.clock.advance(DURATIONS.trailDelivery);
    const [event] = await mine(hh);
    const record = recordOf(event!);
    expect(record).toMatchObject({
      eventName: "DeleteCustomKeyStore",
      readOnly: false,
      errorCode: "CustomKeyStoreInvalidStateException",
      requestParameters: { customKeyStoreId: store.CustomKeyStoreId },
    });
    expect(record.errorMessage).toBe((err as Error).message);
    expect(hh.world().stores).toHaveLength(1);
  });

  it("records an IAM refusal (AccessDeniedException) but neither throttling nor injected network faults", async () => {
    const hh = await open();
    const key = storeKey(hh);
    hh.world().faults.accessDenied = ["kms:DescribeKey"];
    await caught(() => hh.clients.kms.send(new DescribeKeyCommand({ KeyId: key.KeyId })));
    hh.world().faults.accessDenied = [];
    hh.sim.inject({ service: "kms", operation: "ListKeys", error: { code: "KMSInternalException" } });
    await caught(() => hh.clients.kms.send(new ListKeysCommand({})));
    hh.sim.inject({ service: "kms", operation: "ListKeys", error: { code: "ThrottlingException" } });
    await caught(() => hh.clients.kms.send(new ListKeysCommand({})));
    hh.clock.advance(DURATIONS.trailDelivery);
    const events = await mine(hh);
    expect(events.map((e) => [e.EventName, recordOf(e).errorCode])).toEqual([
      ["DescribeKey", "AccessDeniedException"],
    ]);
  });

  it("files reads into the world without a write per read, and before the next lookup", async () => {
    const hh = await open();
    const before = hh.world().events.length;
    await hh.clients.kms.send(new ListKeysCommand({}));
    await hh.clients.kms.send(new ListKeysCommand({}));
    expect(hh.world().events.length).toBe(before);
    hh.sim.flushTrail();
    expect(hh.world().events.length).toBe(before + 2);
  });

  it("shows a lookup the reads not yet filed, without writing the world for it", async () => {
    const hh = await open();
    await hh.clients.kms.send(new ListKeysCommand({}));
    const filed = hh.world().events.length;
    hh.clock.advance(DURATIONS.trailDelivery);
    const seen = await mine(hh);
    expect(seen.filter((e) => e.EventName === "ListKeys")).toHaveLength(1);
    // Filed only when the run closes (flushTrail): a lookup in the middle of a doctor writes nothing.
    expect(hh.world().events.length).toBe(filed);
    hh.sim.flushTrail();
    expect(hh.world().events.filter((e) => e.EventName === "ListKeys")).toHaveLength(1);
  });
});

describe("read-only events kept", () => {
  const event = (i: number, readOnly: boolean): TrailEvent => ({
    EventId: `e-${i}`,
    EventName: readOnly ? "DescribeKey" : "DisableKey",
    EventTime: i,
    EventSource: "kms.amazonaws.com",
    ReadOnly: readOnly ? "true" : "false",
    Resources: [],
    record: {},
  });

  it(`keeps the newest ${READ_EVENTS_KEPT} reads and every change`, () => {
    const world = structuredClone(freshWorld("healthy"));
    world.events = [];
    fileEvents(
      world,
      Array.from({ length: READ_EVENTS_KEPT + 100 }, (_, i) => event(i, i % 100 !== 0)),
    );
    const reads = world.events.filter((e) => e.ReadOnly === "true");
    expect(reads).toHaveLength(READ_EVENTS_KEPT);
    // Every 100th event (from 0) is a change: the oldest reads over the bound went (times 1, 2, ...);
    // every change stayed.
    const changes = Math.ceil((READ_EVENTS_KEPT + 100) / 100);
    expect(reads[0]!.EventTime).toBe(100 - changes + 1);
    expect(world.events.filter((e) => e.ReadOnly === "false")).toHaveLength(changes);
  });

  it("files a batch far larger than the call stack allows in one push (a 100,000-key doctor)", () => {
    const world = structuredClone(freshWorld("healthy"));
    world.events = [];
    expect(() =>
      fileEvents(
        world,
        Array.from({ length: 200_000 }, (_, i) => event(i, true)),
      ),
    ).not.toThrow();
    expect(world.events).toHaveLength(READ_EVENTS_KEPT);
    expect(world.events[0]!.EventTime).toBe(200_000 - READ_EVENTS_KEPT);
  });
});

describe("reads waiting to be filed", () => {
  it("are held to the newest the world would keep, however many calls a run makes", async () => {
    const h = await harness(freshWorld("healthy"), "in-process");
    try {
      const keyId = h.world().keys[0]!.KeyId;
      for (let i = 0; i < 2 * READ_EVENTS_KEPT + 10; i++)
        await h.sim.call("kms", "DescribeKey", { KeyId: keyId });
      const held = (h.sim as unknown as { unfiled: unknown[] }).unfiled.length;
      expect(held).toBeLessThan(2 * READ_EVENTS_KEPT);
      expect(held).toBeGreaterThanOrEqual(READ_EVENTS_KEPT);
      h.sim.flushTrail();
      expect(h.world().events.filter((e) => e.ReadOnly === "true")).toHaveLength(READ_EVENTS_KEPT);
    } finally {
      await h.close();
    }
  });
});
