import { DAY, HOUR, MINUTE } from "../clock.js";
import type { Cluster, World } from "../world.js";
import { storyPassword } from "./standard.js";
import { Story } from "./story.js";
import { addEverydayTraffic } from "./traffic.js";
import { addProxy, proxySecret } from "./xks-world.js";

export interface FleetSize {
  /** CloudHSM-backed stores (an external key store is added on top). */
  stores: number;
  keysPerStore: number;
  /** Keys in the default AWS_KMS store. */
  defaultKeys: number;
  /** Store keys created and deleted cleanly over the last 90 days (each a DeleteKey SUCCESS event). */
  deletedKeys: number;
}

export const FLEET_SIZE: FleetSize = { stores: 5, keysPerStore: 40, defaultKeys: 30, deletedKeys: 60 };

const STORE_NAMES = [
  "payments",
  "reporting",
  "legacy",
  "batch",
  "edge",
  "identity",
  "search",
  "ml",
  "billing",
  "archive",
];

/**
 * Several stores failing in different ways at once: store 1 INVALID_CREDENTIALS, store 2's cluster
 * deleted (CLUSTER_NOT_FOUND), store 3 orphaned key material, store 4 down to one HSM; the rest
 * healthy, plus a connected external key store.
 */
export function buildFleet(endAt: number, size: FleetSize = FLEET_SIZE): World {
  const story = new Story({ scenario: "fleet", endAt, span: 200 * DAY, clusterLimit: size.stores + 4 });
  const region = story.world.region;
  const azs = [`${region}a`, `${region}b`, `${region}c`];
  const clusters: Cluster[] = [];
  const storeIds: string[] = [];
  const keyArns: string[][] = [];
  for (let i = 0; i < size.stores; i++) {
    const subnets = story.vpc(azs.slice(0, 2 + (i % 2)), { spare: i === 2 });
    const pw = storyPassword(story, `fleet-${i}`);
    const cluster = story.activeCluster(subnets.slice(0, 2 + (i % 2)), azs.slice(0, 2 + (i % 2)), pw);
    story.advance(2 * DAY);
    const id = story.createStore(
      cluster,
      `${STORE_NAMES[i % STORE_NAMES.length]}-cks${i >= STORE_NAMES.length ? `-${i}` : ""}`,
      pw,
    );
    story.connect(id);
    clusters.push(cluster);
    storeIds.push(id);
  }
  for (let i = 0; i < size.stores; i++) {
    const name = STORE_NAMES[i % STORE_NAMES.length];
    keyArns.push(story.createKeys(storeIds[i], size.keysPerStore, (k) => `${name} key ${k + 1}`, 0));
    story.advance(3 * HOUR);
  }
  story.createKeys(undefined, size.defaultKeys, (k) => `default-store key ${k + 1}`, 0);
  // The partner's proxy answers at the store's endpoint and holds the external keys the KMS keys name.
  const partnerKeys = Array.from({ length: 5 }, (_, k) => `partner-key-${k}`);
  const partnerSecret = proxySecret(story.world, "partner");
  addProxy(story.world, {
    uriEndpoint: "https://xks.partner.example.com",
    accessKeyId: "ABCDEFGHIJKLMNOPQRST",
    secretAccessKey: partnerSecret,
    keyIds: partnerKeys,
  });
  const xks = story.kms("CreateCustomKeyStore", {
    CustomKeyStoreName: "partner-xks",
    CustomKeyStoreType: "EXTERNAL_KEY_STORE",
    XksProxyUriEndpoint: "https://xks.partner.example.com",
    XksProxyUriPath: "/kms/xks/v1",
    XksProxyConnectivity: "PUBLIC_ENDPOINT",
    XksProxyAuthenticationCredential: {
      AccessKeyId: "ABCDEFGHIJKLMNOPQRST",
      RawSecretAccessKey: partnerSecret,
    },
  }).CustomKeyStoreId as string;
  story.connect(xks);
  for (let k = 0; k < 5; k++) {
    story.kms("CreateKey", {
      CustomKeyStoreId: xks,
      Origin: "EXTERNAL_KEY_STORE",
      XksKeyId: partnerKeys[k],
      Description: `partner key ${k}`,
    });
  }

  // Routine clean deletions over the last 90 days, spread over the healthy stores and the default store.
  story.until(endAt, 85 * DAY);
  const healthy = storeIds.filter((_, i) => i === 0 || i >= 5);
  const step = Math.max(MINUTE, Math.floor((70 * DAY) / Math.max(1, size.deletedKeys)));
  for (let d = 0; d < size.deletedKeys; d++) {
    const storeId = d % 5 === 4 ? undefined : healthy[d % healthy.length];
    const [arn] = story.createKeys(storeId, 1, () => `short-lived ${d + 1}`, 0);
    story.kms("ScheduleKeyDeletion", { KeyId: arn, PendingWindowInDays: 7 });
    story.advance(step);
  }

  // Store 3: two keys reached the end of their waiting period while it was down for maintenance.
  if (size.stores > 3) {
    story.until(endAt, 12 * DAY);
    story.kms("ScheduleKeyDeletion", { KeyId: keyArns[3]![0], PendingWindowInDays: 7 });
    story.kms("ScheduleKeyDeletion", { KeyId: keyArns[3]![1], PendingWindowInDays: 7 });
    story.advance(6 * DAY).disconnect(storeIds[3]!);
    story.advance(2 * DAY).connect(storeIds[3]!);
  }
  // Store 4: one HSM removed.
  if (size.stores > 4) {
    story.until(endAt, 3 * DAY);
    story.call("cloudhsmv2", "DeleteHsm", {
      ClusterId: clusters[4]!.ClusterId,
      HsmId: clusters[4]!.Hsms[0]!.HsmId,
    });
  }
  // Store 2: its cluster deleted in a clean-up, then a reconnect attempt.
  if (size.stores > 2) {
    story.until(endAt, 10 * HOUR);
    for (const hsm of [...clusters[2]!.Hsms]) {
      story.call("cloudhsmv2", "DeleteHsm", { ClusterId: clusters[2]!.ClusterId, HsmId: hsm.HsmId });
      story.advance(10 * MINUTE);
    }
    story.call("cloudhsmv2", "DeleteCluster", { ClusterId: clusters[2]!.ClusterId });
    story.advance(10 * MINUTE);
    story.until(endAt, 5 * HOUR).disconnect(storeIds[2]!);
    story.connect(storeIds[2]!);
  }
  // Store 1: kmsuser's password changed by hand while disconnected.
  if (size.stores > 1) {
    story.until(endAt, 1 * DAY).disconnect(storeIds[1]!);
    story.operatorChangesPassword(clusters[1]!, storyPassword(story, "fleet-manual"));
    story.until(endAt, 2 * HOUR).connect(storeIds[1]!);
  }
  // A busy account: applications on every healthy store, monitoring, a developer refused.
  addEverydayTraffic(story.world, {
    days: 30,
    end: endAt,
    keyArns: keyArns.flatMap((arns, i) => (i === 0 || i >= 5 ? arns.slice(0, 10) : [])),
    storeIds,
    clusterIds: clusters.map((c) => c.ClusterId),
    cryptoPerDay: 8,
  });
  return story.finish(endAt, Date.now());
}
