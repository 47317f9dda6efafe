// CloudTrail LookupEvents conformance, through the real @aws-sdk/client-cloudtrail client.
import { DeleteHsmCommand } from "@aws-sdk/client-cloudhsm-v2";
import {
  CloudTrailServiceException,
  type Event,
  type EventCategory,
  InvalidEventCategoryException,
  InvalidLookupAttributesException,
  InvalidMaxResultsException,
  InvalidNextTokenException,
  InvalidTimeRangeException,
  type LookupAttributeKey,
  LookupEventsCommand,
  type LookupEventsCommandInput,
} from "@aws-sdk/client-cloudtrail";
import { DisconnectCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import { afterEach, describe, expect, it } from "vitest";
import { DAY, DURATIONS } from "../../../src/sim/clock.js";
import type { TrailEvent } from "../../../src/sim/world.js";
import { caught, freshWorld } from "../../helpers/conformance.js";
import { CREDENTIALS, type Harness, harness } from "../../helpers/sim.js";

type ErrorClass = abstract new (...args: never[]) => Error;

async function rejects(p: Promise<unknown>, name: string, cls: ErrorClass) {
  const err = await caught(() => p);
  expect(err).toBeInstanceOf(cls);
  expect(err).toBeInstanceOf(CloudTrailServiceException);
  expect(err).toMatchObject({ name, $metadata: { httpStatusCode: 400 } });
  return err as Error;
}

/** A copy of an existing event at another time (and with its own id). */
function syntheticEvent(
  like: TrailEvent,
  id: string,
  at: number,
  changes: Partial<TrailEvent> = {},
): TrailEvent {
  return {
    ...structuredClone(like),
    EventId: id,
    EventTime: at,
    record: { ...like.record, eventID: id },
    ...changes,
  };
}

describe.each(["in-process", "http"] as const)("CloudTrail LookupEvents over %s", (transport) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function open(scenario = "fleet"): Promise<Harness> {
    h = await harness(freshWorld(scenario), transport);
    return h;
  }

  const lookup = (hh: Harness, input: LookupEventsCommandInput = {}) =>
    hh.clients.cloudtrail.send(new LookupEventsCommand(input));

  /** Every page of a lookup, followed through NextToken. */
  async function lookupAll(hh: Harness, input: LookupEventsCommandInput = {}): Promise<Event[]> {
    const out: Event[] = [];
    let token: string | undefined;
    do {
      const page = await lookup(hh, { ...input, ...(token ? { NextToken: token } : {}) });
      out.push(...(page.Events ?? []));
      token = page.NextToken;
    } while (token);
    return out;
  }

  const by = (key: LookupAttributeKey, value: string): LookupEventsCommandInput => ({
    LookupAttributes: [{ AttributeKey: key, AttributeValue: value }],
  });

  /** Event ids the world holds that satisfy `pred`, newest first. */
  const expectedIds = (hh: Harness, pred: (e: TrailEvent) => boolean) =>
    [...hh.world().events]
      .filter(pred)
      .sort((a, b) => b.EventTime - a.EventTime)
      .map((e) => e.EventId);

  it("returns events newest first", async () => {
    const hh = await open();
    const events = await lookupAll(hh);
    expect(events.length).toBe(hh.world().events.length);
    const times = events.map((e) => e.EventTime!.getTime());
    expect(times[0]).toBe(Math.max(...hh.world().events.map((e) => e.EventTime)));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeLessThanOrEqual(times[i - 1]!);
  });

  it("returns 50 events a page by default and pages with NextToken", async () => {
    const hh = await open();
    const total = hh.world().events.length;
    expect(total).toBeGreaterThan(100);
    const first = await lookup(hh);
    expect(first.Events).toHaveLength(50);
    expect(first.NextToken).toBeDefined();
    const all = await lookupAll(hh, { MaxResults: 17 });
    expect(all.slice(0, 50).map((e) => e.EventId)).toEqual(first.Events!.map((e) => e.EventId));
    expect(new Set(all.map((e) => e.EventId)).size).toBe(total);
  });

  it("accepts MaxResults from 1 to 50", async () => {
    const hh = await open();
    const one = await lookup(hh, { MaxResults: 1 });
    expect(one.Events).toHaveLength(1);
    expect(one.NextToken).toBeDefined();
    const fifty = await lookup(hh, { MaxResults: 50 });
    expect(fifty.Events).toHaveLength(50);
    const next = await lookup(hh, { MaxResults: 1, NextToken: one.NextToken });
    expect(next.Events![0]!.EventId).toBe(fifty.Events![1]!.EventId);
  });

  it("rejects MaxResults 51 (and 0) with InvalidMaxResultsException", async () => {
    const hh = await open();
    await rejects(lookup(hh, { MaxResults: 51 }), "InvalidMaxResultsException", InvalidMaxResultsException);
    await rejects(lookup(hh, { MaxResults: 0 }), "InvalidMaxResultsException", InvalidMaxResultsException);
  });

  it("rejects a NextToken reused with different parameters with InvalidNextTokenException", async () => {
    const hh = await open();
    const page = await lookup(hh, { MaxResults: 5 });
    expect(page.NextToken).toBeDefined();
    await rejects(
      lookup(hh, { ...by("EventName", "DeleteKey"), NextToken: page.NextToken }),
      "InvalidNextTokenException",
      InvalidNextTokenException,
    );
    await rejects(
      lookup(hh, { StartTime: new Date(hh.clock.now() - DAY), NextToken: page.NextToken }),
      "InvalidNextTokenException",
      InvalidNextTokenException,
    );
    await rejects(
      lookup(hh, { NextToken: "bm90LWEtdG9rZW4" }),
      "InvalidNextTokenException",
      InvalidNextTokenException,
    );
    // The same parameters (MaxResults aside) are fine.
    expect((await lookup(hh, { MaxResults: 5, NextToken: page.NextToken })).Events).toHaveLength(5);
  });

  it("allows only one lookup attribute (two → InvalidLookupAttributesException)", async () => {
    const hh = await open();
    await rejects(
      lookup(hh, {
        LookupAttributes: [
          { AttributeKey: "EventName", AttributeValue: "DeleteKey" },
          { AttributeKey: "EventSource", AttributeValue: "kms.amazonaws.com" },
        ],
      }),
      "InvalidLookupAttributesException",
      InvalidLookupAttributesException,
    );
  });

  it("rejects an unknown attribute key with InvalidLookupAttributesException", async () => {
    const hh = await open();
    await rejects(
      lookup(hh, by("Region" as LookupAttributeKey, "eu-west-1")),
      "InvalidLookupAttributesException",
      InvalidLookupAttributesException,
    );
  });

  describe("filters by each lookup attribute", () => {
    it("EventName", async () => {
      const hh = await open();
      const events = await lookupAll(hh, by("EventName", "DeleteKey"));
      const expected = expectedIds(hh, (e) => e.EventName === "DeleteKey");
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(hh.world().events.length);
      expect(events.map((e) => e.EventId)).toEqual(expected);
      expect(events.every((e) => e.EventName === "DeleteKey")).toBe(true);
    });

    it("EventSource", async () => {
      const hh = await open();
      const events = await lookupAll(hh, by("EventSource", "cloudhsm.amazonaws.com"));
      const expected = expectedIds(hh, (e) => e.EventSource === "cloudhsm.amazonaws.com");
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(hh.world().events.length);
      expect(events.map((e) => e.EventId)).toEqual(expected);
    });

    it("ResourceName", async () => {
      const hh = await open();
      const arn = hh.world().events.find((e) => e.EventName === "DeleteKey")!.Resources[0]!.ResourceName;
      const events = await lookupAll(hh, by("ResourceName", arn));
      const expected = expectedIds(hh, (e) => e.Resources.some((r) => r.ResourceName === arn));
      expect(expected.length).toBeGreaterThan(0);
      expect(events.map((e) => e.EventId)).toEqual(expected);
      expect(events.every((e) => e.Resources?.some((r) => r.ResourceName === arn))).toBe(true);
    });

    it("Username", async () => {
      const hh = await open();
      const events = await lookupAll(hh, by("Username", "alice"));
      const expected = expectedIds(hh, (e) => e.Username === "alice");
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(hh.world().events.length);
      expect(events.map((e) => e.EventId)).toEqual(expected);
      expect((await lookup(hh, by("Username", "mallory"))).Events).toEqual([]);
    });

    it("ReadOnly", async () => {
      const hh = await open("healthy");
      const w = hh.world();
      // The scenario's everyday traffic is mostly reads.
      const ro = await lookupAll(hh, by("ReadOnly", "true"));
      expect(ro.length).toBeGreaterThan(50);
      expect(ro.map((e) => e.EventId)).toEqual(expectedIds(hh, (e) => e.ReadOnly === "true"));
      const rw = await lookupAll(hh, by("ReadOnly", "false"));
      expect(rw.map((e) => e.EventId)).toEqual(expectedIds(hh, (e) => e.ReadOnly === "false"));
      expect(rw.length + ro.length).toBe(w.events.length);
      expect(rw.every((e) => e.ReadOnly === "false") && ro.every((e) => e.ReadOnly === "true")).toBe(true);
    });

    it("EventId", async () => {
      const hh = await open();
      const target = hh.world().events[7]!;
      const events = await lookupAll(hh, by("EventId", target.EventId));
      expect(events.map((e) => e.EventId)).toEqual([target.EventId]);
      expect(events[0]!.EventName).toBe(target.EventName);
    });

    it("ResourceType", async () => {
      const hh = await open();
      const events = await lookupAll(hh, by("ResourceType", "AWS::KMS::Key"));
      const expected = expectedIds(hh, (e) => e.Resources.some((r) => r.ResourceType === "AWS::KMS::Key"));
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(hh.world().events.length);
      expect(events.map((e) => e.EventId)).toEqual(expected);
    });

    it("AccessKeyId", async () => {
      const hh = await open("healthy");
      const store = hh.world().stores[0]!;
      await hh.clients.kms.send(
        new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: store.CustomKeyStoreId }),
      );
      hh.clock.advance(DURATIONS.trailDelivery);
      const mine = await lookupAll(hh, by("AccessKeyId", CREDENTIALS.accessKeyId));
      expect(mine.map((e) => e.EventName)).toEqual(["DisconnectCustomKeyStore"]);
      const others = await lookupAll(hh, by("AccessKeyId", "AKIAIOSFODNN7EXAMPLE"));
      expect(others.map((e) => e.EventId)).toEqual(
        expectedIds(hh, (e) => e.AccessKeyId === "AKIAIOSFODNN7EXAMPLE"),
      );
      expect(others.length).toBeGreaterThan(0);
      expect(others.every((e) => e.AccessKeyId === "AKIAIOSFODNN7EXAMPLE")).toBe(true);
    });
  });

  it("rejects StartTime after EndTime with InvalidTimeRangeException", async () => {
    const hh = await open();
    const now = hh.clock.now();
    await rejects(
      lookup(hh, { StartTime: new Date(now - DAY), EndTime: new Date(now - 2 * DAY) }),
      "InvalidTimeRangeException",
      InvalidTimeRangeException,
    );
  });

  it("bounds results by StartTime and EndTime, inclusively", async () => {
    const hh = await open();
    const times = [...new Set(hh.world().events.map((e) => e.EventTime))].sort((a, b) => a - b);
    const start = times[Math.floor(times.length / 4)]!;
    const end = times[Math.floor((times.length * 3) / 4)]!;
    const events = await lookupAll(hh, { StartTime: new Date(start), EndTime: new Date(end) });
    const expected = expectedIds(hh, (e) => e.EventTime >= start && e.EventTime <= end);
    expect(expected.length).toBeGreaterThan(1);
    expect(events.map((e) => e.EventId)).toEqual(expected);
    expect(events.some((e) => e.EventTime!.getTime() === start)).toBe(true);
    expect(events.some((e) => e.EventTime!.getTime() === end)).toBe(true);
  });

  it("rejects an EventCategory other than insight with InvalidEventCategoryException", async () => {
    const hh = await open();
    await rejects(
      lookup(hh, { EventCategory: "management" as EventCategory }),
      "InvalidEventCategoryException",
      InvalidEventCategoryException,
    );
    // insight is valid; the simulator records no Insights events.
    expect((await lookup(hh, { EventCategory: "insight" })).Events).toEqual([]);
  });

  it("returns only events from the last 90 days", async () => {
    const hh = await open("healthy");
    const w = hh.world();
    const now = hh.clock.now();
    const like = w.events[0]!;
    w.events.push(
      syntheticEvent(like, "0e4d2c1b-2222-4222-8222-000000000001", now - DURATIONS.trailRetention - 1000),
      syntheticEvent(like, "0e4d2c1b-2222-4222-8222-000000000002", now - DURATIONS.trailRetention + 1000),
    );
    const ids = (await lookupAll(hh, { StartTime: new Date(now - 200 * DAY) })).map((e) => e.EventId);
    expect(ids).toContain("0e4d2c1b-2222-4222-8222-000000000002");
    expect(ids).not.toContain("0e4d2c1b-2222-4222-8222-000000000001");
    // Time moves on: the newer one falls out of the window too.
    hh.clock.advance(2000);
    const later = (await lookupAll(hh)).map((e) => e.EventId);
    expect(later).not.toContain("0e4d2c1b-2222-4222-8222-000000000002");
  });

  it("gives CloudTrailEvent as a JSON string shaped like AWS's DeleteKey AwsServiceEvent", async () => {
    const hh = await open("healthy");
    const out = await lookup(hh, by("EventName", "DeleteKey"));
    const event = out.Events![0]!;
    expect(typeof event.CloudTrailEvent).toBe("string");
    const record = JSON.parse(event.CloudTrailEvent!) as Record<string, unknown>;
    const arn = event.Resources![0]!.ResourceName!;
    expect(arn).toMatch(/^arn:aws:kms:eu-west-1:\d{12}:key\/[0-9a-f-]{36}$/);
    expect(record).toMatchObject({
      eventVersion: "1.08",
      userIdentity: { accountId: hh.world().accountId, invokedBy: "AWS Internal" },
      eventSource: "kms.amazonaws.com",
      eventName: "DeleteKey",
      awsRegion: "eu-west-1",
      sourceIPAddress: "AWS Internal",
      userAgent: "AWS Internal",
      requestParameters: null,
      responseElements: { keyId: arn },
      eventID: event.EventId,
      readOnly: false,
      resources: [{ accountId: hh.world().accountId, type: "AWS::KMS::Key", ARN: arn }],
      eventType: "AwsServiceEvent",
      managementEvent: true,
      eventCategory: "Management",
    });
    expect(record.userIdentity).not.toHaveProperty("type");
    expect(new Date(record.eventTime as string).getTime()).toBe(event.EventTime!.getTime());
    const extra = record.additionalEventData as Record<string, unknown>;
    expect(extra.customKeyStoreId).toBe(hh.world().stores[0]!.CustomKeyStoreId);
    expect(extra.clusterId).toBe(hh.world().clusters[0]!.ClusterId);
    expect(typeof extra.backingKeys).toBe("string");
    expect(typeof extra.backingKeysDeletionStatus).toBe("string");
    const backingKeys = JSON.parse(extra.backingKeys as string) as unknown;
    const statuses = JSON.parse(extra.backingKeysDeletionStatus as string) as unknown;
    expect(Array.isArray(backingKeys)).toBe(true);
    expect(Array.isArray(statuses)).toBe(true);
    expect(backingKeys).toEqual([{ keyHandle: expect.any(String), backingKeyId: expect.any(String) }]);
    expect(statuses).toEqual([
      { keyHandle: expect.any(String), backingKeyId: expect.any(String), deletionStatus: "SUCCESS" },
    ]);
  });

  it("reports deletionStatus FAILURE for a key deleted while its store was disconnected", async () => {
    const hh = await open("orphaned-key-material");
    const events = await lookupAll(hh, by("EventName", "DeleteKey"));
    const statuses = events.flatMap((e) => {
      const extra = (JSON.parse(e.CloudTrailEvent!) as { additionalEventData?: Record<string, string> })
        .additionalEventData;
      return extra ? (JSON.parse(extra.backingKeysDeletionStatus!) as { deletionStatus: string }[]) : [];
    });
    expect(statuses.map((s) => s.deletionStatus)).toContain("FAILURE");
  });

  it("records the simulator's own KMS calls (DisconnectCustomKeyStore) with the caller's access key id", async () => {
    const hh = await open("healthy");
    const store = hh.world().stores[0]!;
    hh.clock.advance(90_000);
    const call = await hh.clients.kms.send(
      new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: store.CustomKeyStoreId }),
    );
    const calledAt = hh.clock.now();
    hh.clock.advance(DURATIONS.trailDelivery);
    const out = await lookup(hh, by("EventName", "DisconnectCustomKeyStore"));
    const event = out.Events![0]!;
    expect(event).toMatchObject({
      EventName: "DisconnectCustomKeyStore",
      EventSource: "kms.amazonaws.com",
      AccessKeyId: CREDENTIALS.accessKeyId,
      ReadOnly: "false",
    });
    expect(event.EventTime!.getTime()).toBe(Math.floor(calledAt / 1000) * 1000);
    const record = JSON.parse(event.CloudTrailEvent!) as Record<string, unknown>;
    expect(record).toMatchObject({
      eventType: "AwsApiCall",
      userIdentity: { accessKeyId: CREDENTIALS.accessKeyId },
      requestParameters: { customKeyStoreId: store.CustomKeyStoreId },
      requestID: call.$metadata.requestId,
    });
  });

  it("records the simulator's own CloudHSM calls (DeleteHsm) with the caller's access key id", async () => {
    const hh = await open("healthy");
    const c = hh.world().clusters[0]!;
    const hsmId = c.Hsms[0]!.HsmId;
    await hh.clients.cloudhsm.send(new DeleteHsmCommand({ ClusterId: c.ClusterId, HsmId: hsmId }));
    hh.clock.advance(DURATIONS.trailDelivery);
    const out = await lookup(hh, by("EventSource", "cloudhsm.amazonaws.com"));
    expect(out.Events![0]).toMatchObject({ EventName: "DeleteHsm", AccessKeyId: CREDENTIALS.accessKeyId });
    const record = JSON.parse(out.Events![0]!.CloudTrailEvent!) as Record<string, unknown>;
    expect(record.requestParameters).toMatchObject({ clusterId: c.ClusterId, hsmId });
  });
});
