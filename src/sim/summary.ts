import { visibleClusters } from "./cloudhsm/clusters.js";
import { activeHsms, findUser, KMSUSER } from "./cloudhsm/hsm-data.js";
import { visibleKeyState } from "./lookup.js";
import type { World } from "./world.js";

/** What `kcs sim status` shows: the world as an operator would want to see it at a glance. */
export function summarise(world: World, now: number) {
  const keysByStore = new Map<string, Record<string, number>>();
  let defaultKeys = 0;
  for (const k of world.keys) {
    if (!k.CustomKeyStoreId) {
      defaultKeys++;
      continue;
    }
    const m = keysByStore.get(k.CustomKeyStoreId) ?? {};
    const st = visibleKeyState(world, k);
    m[st] = (m[st] ?? 0) + 1;
    keysByStore.set(k.CustomKeyStoreId, m);
  }
  return {
    scenario: world.scenario,
    accountId: world.accountId,
    region: world.region,
    now: new Date(now).toISOString(),
    timeScale: world.clock.scale,
    stores: world.stores.map((s) => ({
      customKeyStoreId: s.CustomKeyStoreId,
      customKeyStoreName: s.CustomKeyStoreName,
      customKeyStoreType: s.CustomKeyStoreType,
      connectionState: s.ConnectionState,
      ...(s.ConnectionState === "FAILED" ? { connectionErrorCode: s.ConnectionErrorCode ?? null } : {}),
      cloudHsmClusterId: s.CloudHsmClusterId ?? null,
      keys: keysByStore.get(s.CustomKeyStoreId) ?? {},
      ...(s.pending ? { completesAt: new Date(s.pending.dueAt).toISOString() } : {}),
    })),
    clusters: visibleClusters(world, now).map((c) => {
      const user = findUser(c.hsm, KMSUSER);
      return {
        clusterId: c.ClusterId,
        state: c.State,
        hsmType: c.HsmType,
        sourceBackupId: c.SourceBackupId ?? null,
        hsms: c.Hsms.map((h) => ({ hsmId: h.HsmId, availabilityZone: h.AvailabilityZone, state: h.State })),
        activeHsms: activeHsms(c).length,
        kmsuser: user
          ? {
              exists: true,
              locked: user.locked,
              failedLogins: user.failedLogins,
              loggedIn: user.loggedInBy ?? null,
            }
          : { exists: false },
        keyMaterial: c.hsm.keys.length,
        backups: world.backups.filter((b) => b.ClusterId === c.ClusterId && b.BackupState === "READY").length,
        networkBlocked: c.networkBlocked === true,
      };
    }),
    subnets: world.subnets
      .filter((sn) => !sn.deleted)
      .map((sn) => ({
        subnetId: sn.SubnetId,
        availabilityZone: sn.AvailabilityZone,
        vpcId: sn.VpcId,
        freeAddresses: sn.freeAddresses,
        usedBy: world.clusters
          .filter((c) => c.State !== "DELETED" && Object.values(c.SubnetMapping).includes(sn.SubnetId))
          .map((c) => c.ClusterId),
      })),
    backups: world.backups.length,
    defaultStoreKeys: defaultKeys,
    /** Events of calls that changed something (or were refused); reads are counted apart. */
    cloudTrailEvents: world.events.filter((e) => e.ReadOnly === "false").length,
    cloudTrailReads: world.events.filter((e) => e.ReadOnly === "true").length,
    faults: world.faults,
  };
}

export type WorldSummary = ReturnType<typeof summarise>;
