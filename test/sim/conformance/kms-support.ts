// Helpers shared by the KMS conformance files (kms-crypto, kms-keys, kms-custom-key-stores): one
// simulator per test in either transport, errors checked by SDK exception class, and the custom key
// store, key and cluster look-ups those tests repeat.
import { DeleteHsmCommand, DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import {
  ConnectCustomKeyStoreCommand,
  type ConnectionStateType,
  CreateCustomKeyStoreCommand,
  type CustomKeyStoresListEntry,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisconnectCustomKeyStoreCommand,
  KMSServiceException,
} from "@aws-sdk/client-kms";
import { afterEach, expect } from "vitest";
import { DURATIONS } from "../../../src/sim/clock.js";
import { findProxy } from "../../../src/sim/kms/xks-calls.js";
import { addProxy } from "../../../src/sim/scenarios/xks-world.js";
import type { World } from "../../../src/sim/world.js";
import { freshWorld } from "../../helpers/conformance.js";
import { type Harness, harness, type Transport } from "../../helpers/sim.js";

export const TRANSPORTS = ["in-process", "http"] as const;

/** A password an operator sets on the HSM during a test. */
export const OPERATOR_PW = "OperatorSet2026";

/** A scenario world, built once per file; each test gets its own copy. */
export const scenario: (name: string) => World = freshWorld;

/**
 * For the tests of one `describe` block: returns `open(world)`, which starts a harness on `world` over
 * `transport`, and registers an `afterEach` that closes the harness the test opened.
 */
export function harnessPerTest(transport: Transport): (world: World) => Promise<Harness> {
  let current: Harness | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (world) => {
    current = await harness(world, transport);
    return current;
  };
}

type ErrorClass = abstract new (...args: never[]) => Error;

/** Awaits a call that must fail and checks the SDK's exception class (or name) and HTTP status. */
export async function expectError(
  call: Promise<unknown>,
  expected: ErrorClass | string,
  status = 400,
): Promise<KMSServiceException> {
  let caught: unknown;
  try {
    await call;
  } catch (err) {
    caught = err;
  }
  expect(caught, "the call should have failed").toBeInstanceOf(KMSServiceException);
  const err = caught as KMSServiceException;
  if (typeof expected === "string") {
    expect(err.name).toBe(expected);
  } else {
    expect(err).toBeInstanceOf(expected);
    expect(err.name).toBe(expected.name);
  }
  expect(err.$metadata.httpStatusCode).toBe(status);
  return err;
}

// ---- custom key stores ---------------------------------------------------------------------------

async function describeStores(h: Harness, id?: string): Promise<CustomKeyStoresListEntry[]> {
  const out = await h.clients.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }));
  return out.CustomKeyStores ?? [];
}

/** Every custom key store, as DescribeCustomKeyStores lists them. */
export const allStores = (h: Harness) => describeStores(h);

/** The store `id`, checking DescribeCustomKeyStores lists exactly that one. */
export async function storeEntry(h: Harness, id: string): Promise<CustomKeyStoresListEntry> {
  const stores = await describeStores(h, id);
  expect(stores).toHaveLength(1);
  return stores[0]!;
}

/** The ConnectionState of the store `id`. */
export const storeState = async (h: Harness, id: string) => (await describeStores(h, id))[0]?.ConnectionState;

/** The first (in these worlds: the only CloudHSM) store. */
export async function firstStore(h: Harness) {
  const [s] = await allStores(h);
  return { id: s!.CustomKeyStoreId!, clusterId: s!.CloudHsmClusterId!, state: s!.ConnectionState };
}

/** The credential of the proxy `createXks` puts in the world (KMS's model formats). */
export const XKS_CREDENTIAL = {
  // A base32 access key id of 20-30, a secret of 43-64 base64 characters.
  AccessKeyId: "XKSACCESSKEYIDAAAAAB",
  RawSecretAccessKey: "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTAxMjM0NQ",
};

/** Puts a healthy proxy at https://xks.partner.example.com (no path prefix) unless one is there. */
export function ensurePartnerProxy(h: Harness, keyIds: string[] = ["partner-key-0", "partner-key-1"]) {
  const w = h.world();
  const existing = findProxy(w, "https://xks.partner.example.com");
  if (existing) return existing;
  return addProxy(w, {
    uriEndpoint: "https://xks.partner.example.com",
    accessKeyId: XKS_CREDENTIAL.AccessKeyId,
    secretAccessKey: XKS_CREDENTIAL.RawSecretAccessKey,
    keyIds,
  });
}

/** Creates an EXTERNAL_KEY_STORE (partner-xks, public endpoint, with its proxy) and returns its id. */
export async function createXks(h: Harness): Promise<string> {
  ensurePartnerProxy(h);
  const out = await h.clients.kms.send(
    new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: "partner-xks",
      CustomKeyStoreType: "EXTERNAL_KEY_STORE",
      XksProxyConnectivity: "PUBLIC_ENDPOINT",
      XksProxyUriEndpoint: "https://xks.partner.example.com",
      XksProxyUriPath: "/kms/xks/v1",
      XksProxyAuthenticationCredential: XKS_CREDENTIAL,
    }),
  );
  return out.CustomKeyStoreId!;
}

export const connect = (h: Harness, id: string) =>
  h.clients.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
export const disconnect = (h: Harness, id: string) =>
  h.clients.kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));

export interface SettleChecks {
  /** Check the store reports CONNECTING before the connect settles. */
  connecting?: boolean;
  /** Check the state the store has settled in. */
  settled?: ConnectionStateType;
}

/** Connects the store, lets the connect settle and returns the store's entry (see `checks`). */
export async function connectAndSettle(
  h: Harness,
  id: string,
  checks: SettleChecks = {},
): Promise<CustomKeyStoresListEntry> {
  await connect(h, id);
  if (checks.connecting) expect((await storeEntry(h, id)).ConnectionState).toBe("CONNECTING");
  h.clock.advance(DURATIONS.connect);
  return settledEntry(h, id, checks.settled);
}

/** Disconnects the store, lets the disconnect settle and returns the store's entry (see `checks`). */
export async function disconnectAndSettle(
  h: Harness,
  id: string,
  checks: Pick<SettleChecks, "settled"> = {},
): Promise<CustomKeyStoresListEntry> {
  await disconnect(h, id);
  h.clock.advance(DURATIONS.disconnect);
  return settledEntry(h, id, checks.settled);
}

async function settledEntry(h: Harness, id: string, settled?: ConnectionStateType) {
  const entry = await storeEntry(h, id);
  if (settled !== undefined) expect(entry.ConnectionState).toBe(settled);
  return entry;
}

// ---- keys ----------------------------------------------------------------------------------------

export async function describeKey(h: Harness, keyId: string) {
  const out = await h.clients.kms.send(new DescribeKeyCommand({ KeyId: keyId }));
  return out.KeyMetadata!;
}

export async function keyState(h: Harness, keyId: string): Promise<string | undefined> {
  const out = await h.clients.kms.send(new DescribeKeyCommand({ KeyId: keyId }));
  return out.KeyMetadata?.KeyState;
}

// ---- clusters ------------------------------------------------------------------------------------

/** The CloudHSM cluster `clusterId`, checking DescribeClusters lists exactly that one. */
export async function describeCluster(h: Harness, clusterId: string) {
  const out = await h.clients.cloudhsm.send(
    new DescribeClustersCommand({ Filters: { clusterIds: [clusterId] } }),
  );
  expect(out.Clusters).toHaveLength(1);
  return out.Clusters![0]!;
}

/** Deletes every HSM of the cluster and lets the deletions settle. */
export async function deleteAllHsms(h: Harness, clusterId: string): Promise<void> {
  for (const hsm of (await describeCluster(h, clusterId)).Hsms ?? []) {
    await h.clients.cloudhsm.send(new DeleteHsmCommand({ ClusterId: clusterId, HsmId: hsm.HsmId }));
  }
  h.clock.advance(DURATIONS.hsmDelete);
}
