// Quotas and fault injection: what the dispatcher (src/sim/engine.ts) adds around every operation.
import { CloudHsmAccessDeniedException, DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import { AccessDeniedException, LookupEventsCommand, ThrottlingException } from "@aws-sdk/client-cloudtrail";
import {
  ConnectCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  KMSInternalException,
  KMSServiceException,
  ListKeysCommand,
} from "@aws-sdk/client-kms";
import { afterEach, describe, expect, it } from "vitest";
import { DURATIONS } from "../../../src/sim/clock.js";
import type { SimulatorOptions } from "../../../src/sim/engine.js";
import { type CustomHarness, caught, customHarness, freshWorld } from "../../helpers/conformance.js";

describe.each(["in-process", "http"] as const)("faults over %s", (transport) => {
  let h: CustomHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function open(
    options: SimulatorOptions = {},
    { scenario = "healthy", maxAttempts = 1 }: { scenario?: string; maxAttempts?: number } = {},
  ): Promise<CustomHarness> {
    h = await customHarness(freshWorld(scenario), transport, options, maxAttempts);
    return h;
  }

  /** A quota clock the test moves by hand (real-time milliseconds as the buckets see them). */
  function manualQuotaClock() {
    const t = { now: 0 };
    return { t, quotaClock: () => t.now };
  }

  const lookupEvents = (hh: CustomHarness) =>
    hh.clients.cloudtrail.send(new LookupEventsCommand({ MaxResults: 1 }));

  describe("quotas", () => {
    it("throttles the 3rd LookupEvents in the same instant (2 per second) with HTTP 400", async () => {
      const { quotaClock } = manualQuotaClock();
      const hh = await open({ quotaClock });
      expect(hh.world().faults.quotas).toBe(true);
      await lookupEvents(hh);
      await lookupEvents(hh);
      const err = await caught(() => lookupEvents(hh));
      expect(err).toBeInstanceOf(ThrottlingException);
      expect(err).toMatchObject({ name: "ThrottlingException", $metadata: { httpStatusCode: 400 } });
      expect((err as Error).message).toBe("Rate exceeded");
    });

    it("refills the LookupEvents bucket after 1 s", async () => {
      const { t, quotaClock } = manualQuotaClock();
      const hh = await open({ quotaClock });
      await lookupEvents(hh);
      await lookupEvents(hh);
      await expect(lookupEvents(hh)).rejects.toBeInstanceOf(ThrottlingException);
      t.now += 499;
      await expect(lookupEvents(hh)).rejects.toBeInstanceOf(ThrottlingException);
      t.now += 1;
      await lookupEvents(hh); // half a second buys one request
      await expect(lookupEvents(hh)).rejects.toBeInstanceOf(ThrottlingException);
      t.now += 1000;
      await lookupEvents(hh);
      await lookupEvents(hh);
      await expect(lookupEvents(hh)).rejects.toBeInstanceOf(ThrottlingException);
    });

    it("throttles KMS DescribeCustomKeyStores past 5 per second with KMS's message", async () => {
      const { quotaClock } = manualQuotaClock();
      const hh = await open({ quotaClock });
      for (let i = 0; i < 5; i++) await hh.clients.kms.send(new DescribeCustomKeyStoresCommand({}));
      const err = await caught(() => hh.clients.kms.send(new DescribeCustomKeyStoresCommand({})));
      // KMS does not model ThrottlingException: it arrives as the service base class.
      expect(err).toBeInstanceOf(KMSServiceException);
      expect(err).toMatchObject({ name: "ThrottlingException", $metadata: { httpStatusCode: 400 } });
      expect((err as Error).message).toBe(
        "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.",
      );
      // Each operation has its own quota: DescribeKey (2,000/s) is unaffected.
      const keyId = hh.world().keys[0]!.KeyId;
      await hh.clients.kms.send(new DescribeKeyCommand({ KeyId: keyId }));
    });

    it("does not throttle CloudHSM v2, which publishes no request quotas", async () => {
      const { quotaClock } = manualQuotaClock();
      const hh = await open({ quotaClock });
      for (let i = 0; i < 30; i++) await hh.clients.cloudhsm.send(new DescribeClustersCommand({}));
      expect(hh.sim.calls.filter((c) => c.error)).toEqual([]);
    });

    it("does not throttle at all when quotas are off", async () => {
      const { quotaClock } = manualQuotaClock();
      const hh = await open({ quotaClock });
      hh.world().faults.quotas = false;
      for (let i = 0; i < 10; i++) await lookupEvents(hh);
      for (let i = 0; i < 10; i++) await hh.clients.kms.send(new DescribeCustomKeyStoresCommand({}));
      expect(hh.sim.calls).toHaveLength(20);
      expect(hh.sim.calls.filter((c) => c.error)).toEqual([]);
    });
  });

  describe("transientErrorRate", () => {
    it("answers with each service's 5xx fault when the draw falls under the rate", async () => {
      // strictErrors: each fault is one the operation's model (or the service's common errors) has.
      const hh = await open({ random: () => 0.25, strictErrors: true });
      hh.world().faults.quotas = false;
      hh.world().faults.transientErrorRate = 0.3;
      const kms = await caught(() => hh.clients.kms.send(new ListKeysCommand({})));
      expect(kms).toBeInstanceOf(KMSInternalException);
      expect(kms).toMatchObject({ $metadata: { httpStatusCode: 500 } });
      const hsm = await caught(() => hh.clients.cloudhsm.send(new DescribeClustersCommand({})));
      expect(hsm).toMatchObject({
        name: "CloudHsmInternalFailureException",
        $metadata: { httpStatusCode: 500 },
      });
      const trail = await caught(() => lookupEvents(hh));
      expect(trail).toMatchObject({ name: "ServiceUnavailable", $metadata: { httpStatusCode: 503 } });
    });

    it("lets a call through when the draw is at or above the rate", async () => {
      const hh = await open({ random: () => 0.3 });
      hh.world().faults.transientErrorRate = 0.3;
      const out = await hh.clients.kms.send(new ListKeysCommand({}));
      expect(out.Keys?.length).toBeGreaterThan(0);
    });

    it("is retried by the SDK when maxAttempts > 1", async () => {
      const draws = [0, 0.99];
      const hh = await open({ random: () => draws.shift() ?? 0.99 }, { maxAttempts: 2 });
      hh.world().faults.transientErrorRate = 0.5;
      const out = await hh.clients.kms.send(new ListKeysCommand({}));
      expect(out.Keys?.length).toBeGreaterThan(0);
      expect(out.$metadata.attempts).toBe(2);
      expect(hh.sim.calls.map((c) => c.error)).toEqual(["KMSInternalException", undefined]);
    });
  });

  describe("latencyMs", () => {
    it("adds the configured latency to every call (through the sleep option)", async () => {
      const slept: number[] = [];
      const hh = await open({ sleep: async (ms) => void slept.push(ms) });
      await hh.clients.kms.send(new ListKeysCommand({}));
      expect(slept).toEqual([]);
      hh.world().faults.latencyMs = 250;
      await hh.clients.kms.send(new ListKeysCommand({}));
      await lookupEvents(hh);
      expect(slept).toEqual([250, 250]);
    });
  });

  describe("accessDenied", () => {
    it("refuses cloudtrail:LookupEvents with AccessDeniedException naming the IAM action", async () => {
      const hh = await open();
      hh.world().faults.accessDenied = ["cloudtrail:LookupEvents"];
      const err = await caught(() => lookupEvents(hh));
      expect(err).toBeInstanceOf(AccessDeniedException);
      expect(err).toMatchObject({ name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } });
      expect((err as Error).message).toContain("is not authorized to perform: cloudtrail:LookupEvents");
      // Only the named action is refused.
      await hh.clients.kms.send(new ListKeysCommand({}));
    });

    it("refuses a CloudHSM action with CloudHsmAccessDeniedException", async () => {
      const hh = await open();
      hh.world().faults.accessDenied = ["cloudhsm:DescribeClusters"];
      const err = await caught(() => hh.clients.cloudhsm.send(new DescribeClustersCommand({})));
      expect(err).toBeInstanceOf(CloudHsmAccessDeniedException);
      expect((err as Error).message).toContain("cloudhsm:DescribeClusters");
    });
  });

  describe("inject", () => {
    it("fails only the next matching call", async () => {
      const hh = await open();
      hh.sim.inject({
        service: "kms",
        operation: "ListKeys",
        error: { code: "KMSInternalException", message: "injected" },
      });
      // A call that does not match is untouched, and does not use the fault up.
      await hh.clients.kms.send(new DescribeCustomKeyStoresCommand({}));
      const err = await caught(() => hh.clients.kms.send(new ListKeysCommand({})));
      expect(err).toBeInstanceOf(KMSInternalException);
      expect(err).toMatchObject({ message: "injected", $metadata: { httpStatusCode: 500 } });
      const out = await hh.clients.kms.send(new ListKeysCommand({}));
      expect(out.Keys?.length).toBeGreaterThan(0);
    });

    it("applies `times` calls in a row, with the given status", async () => {
      const hh = await open();
      hh.sim.inject({
        operation: "LookupEvents",
        error: { code: "ThrottlingException", status: 400 },
        times: 2,
      });
      await expect(lookupEvents(hh)).rejects.toBeInstanceOf(ThrottlingException);
      await expect(lookupEvents(hh)).rejects.toBeInstanceOf(ThrottlingException);
      const out = await lookupEvents(hh);
      expect(out.Events).toHaveLength(1);
    });
  });

  describe("connectFailure", () => {
    it("makes the next connect of a CloudHSM store end FAILED with the given code", async () => {
      const hh = await open({}, { scenario: "store-disconnected" });
      const storeId = hh.world().stores[0]!.CustomKeyStoreId;
      hh.world().faults.connectFailure = "NETWORK_ERRORS";
      await hh.clients.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
      hh.clock.advance(DURATIONS.connect);
      const out = await hh.clients.kms.send(
        new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: storeId }),
      );
      expect(out.CustomKeyStores?.[0]).toMatchObject({
        ConnectionState: "FAILED",
        ConnectionErrorCode: "NETWORK_ERRORS",
      });
    });

    it("leaves the same connect CONNECTED when unset", async () => {
      const hh = await open({}, { scenario: "store-disconnected" });
      const storeId = hh.world().stores[0]!.CustomKeyStoreId;
      await hh.clients.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
      hh.clock.advance(DURATIONS.connect);
      const out = await hh.clients.kms.send(
        new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: storeId }),
      );
      expect(out.CustomKeyStores?.[0]?.ConnectionState).toBe("CONNECTED");
      expect(out.CustomKeyStores?.[0]?.ConnectionErrorCode).toBeUndefined();
    });
  });

  describe("network faults (kcs sim faults --lost-answer-rate, --reset-rate, --hang-rate)", () => {
    const storeOf = (hh: CustomHarness) => hh.world().stores[0]!;

    it("a lost answer: the change is made and the caller sees a 500", async () => {
      const hh = await open({}, { scenario: "store-disconnected" });
      hh.world().faults.lostAnswerRate = 1;
      const err = await caught(() =>
        hh.clients.kms.send(
          new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeOf(hh).CustomKeyStoreId }),
        ),
      );
      expect(err).toBeInstanceOf(KMSInternalException);
      expect(storeOf(hh).ConnectionState).toBe("CONNECTING");
      // Reads are never "lost after acting": they change nothing.
      await hh.clients.kms.send(new DescribeCustomKeyStoresCommand({}));
    });

    it("a reset connection: the caller sees ECONNRESET, after the call acted", async () => {
      const hh = await open({}, { scenario: "store-disconnected" });
      hh.world().faults.resetRate = 1;
      const err = await caught(() =>
        hh.clients.kms.send(
          new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeOf(hh).CustomKeyStoreId }),
        ),
      );
      expect(
        JSON.stringify({ code: (err as { code?: string }).code, message: (err as Error).message }),
      ).toMatch(/ECONNRESET|socket hang up/);
      expect(storeOf(hh).ConnectionState).toBe("CONNECTING");
    });

    it("a held answer comes, late", async () => {
      const hh = await open();
      hh.world().faults.hangRate = 1;
      hh.world().faults.hangMs = 50;
      const out = await hh.clients.kms.send(new DescribeCustomKeyStoresCommand({}));
      expect(out.CustomKeyStores?.length).toBeGreaterThan(0);
    });
  });
});
