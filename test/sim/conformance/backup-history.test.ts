// CloudHSM's backups as they accumulate and expire by themselves (daily, retention, 7 days pending
// deletion), and the operations on them: DeleteBackup, RestoreBackup, ModifyBackupAttributes,
// CopyBackupToRegion.
import {
  type Backup as BackupView,
  CloudHsmInvalidRequestException,
  CloudHsmResourceNotFoundException,
  CopyBackupToRegionCommand,
  DeleteBackupCommand,
  DeleteHsmCommand,
  DescribeBackupsCommand,
  type DescribeBackupsCommandInput,
  ModifyBackupAttributesCommand,
  RestoreBackupCommand,
} from "@aws-sdk/client-cloudhsm-v2";
import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { ConnectCustomKeyStoreCommand, DisconnectCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { DAY, DURATIONS } from "../../../src/sim/clock.js";
import { KMSUSER } from "../../../src/sim/cloudhsm/hsm-data.js";
import type { Backup, Cluster } from "../../../src/sim/world.js";
import { caught, freshWorld } from "../../helpers/conformance.js";
import type { Harness } from "../../helpers/sim.js";
import { harnessPerTest } from "./kms-support.js";

describe.each(["in-process", "http"] as const)("CloudHSM backups over time, over %s", (transport) => {
  const start = harnessPerTest(transport);
  const open = (scenario = "healthy") => start(freshWorld(scenario));

  async function backups(hh: Harness, input: DescribeBackupsCommandInput = {}): Promise<BackupView[]> {
    const out: BackupView[] = [];
    let token: string | undefined;
    do {
      const page = await hh.clients.cloudhsm.send(
        new DescribeBackupsCommand({ ...input, ...(token ? { NextToken: token } : {}) }),
      );
      out.push(...(page.Backups ?? []));
      token = page.NextToken;
    } while (token);
    return out;
  }

  const cluster = (hh: Harness): Cluster => hh.world().clusters[0]!;
  const ofCluster = (hh: Harness) => backups(hh, { Filters: { clusterIds: [cluster(hh).ClusterId] } });
  const inWorld = (hh: Harness, id: string): Backup => hh.world().backups.find((b) => b.BackupId === id)!;
  const kmsuserHash = (hh: Harness, b: Backup) =>
    hh.world().hsmImages[b.hsmImage]!.users.find((u) => u.username === KMSUSER)!.passwordHash;

  it("backs an active cluster up every day, each backup READY a minute after it starts", async () => {
    const hh = await open();
    const before = await ofCluster(hh);
    hh.clock.advance(3 * DAY);
    const after = await ofCluster(hh);
    const fresh = after.filter((b) => !before.some((o) => o.BackupId === b.BackupId));
    expect(fresh.filter((b) => b.BackupState !== "PENDING_DELETION")).toHaveLength(3);
    const times = fresh.map((b) => b.CreateTimestamp!.getTime()).sort();
    expect(times[1]! - times[0]!).toBe(DAY);
    expect(fresh.every((b) => b.BackupState === "READY")).toBe(true);
  });

  it("keeps one copy of what unchanged daily backups hold, and kmsuser as it was when each was taken", async () => {
    const hh = await open();
    hh.clock.advance(2 * DAY);
    const [newest, previous] = (await ofCluster(hh)).map((b) => inWorld(hh, b.BackupId!));
    expect(newest!.hsmImage).toBe(previous!.hsmImage);
    // KMS rotates kmsuser's password at every connect: the next backup holds the new one.
    const storeId = hh.world().stores[0]!.CustomKeyStoreId;
    await hh.clients.kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
    hh.clock.advance(DURATIONS.disconnect);
    await hh.clients.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
    hh.clock.advance(DAY);
    const [afterConnect] = (await ofCluster(hh)).map((b) => inWorld(hh, b.BackupId!));
    expect(hh.world().stores[0]!.ConnectionState).toBe("CONNECTED");
    expect(kmsuserHash(hh, afterConnect!)).not.toBe(kmsuserHash(hh, newest!));
    expect(kmsuserHash(hh, newest!)).toBe(kmsuserHash(hh, previous!));
  });

  it("marks backups older than the retention policy PENDING_DELETION, says so in CloudTrail, and drops them 7 days later", async () => {
    const hh = await open();
    const now = hh.clock.now();
    const all = await ofCluster(hh);
    const ready = all.filter((b) => b.BackupState === "READY" && !b.NeverExpires);
    expect(ready.length).toBeGreaterThanOrEqual(89);
    expect(ready.every((b) => now - b.CreateTimestamp!.getTime() <= 90 * DAY)).toBe(true);
    const pending = all.filter((b) => b.BackupState === "PENDING_DELETION");
    expect(pending.length).toBeGreaterThan(0);
    for (const b of pending) {
      expect(now - b.CreateTimestamp!.getTime()).toBeGreaterThan(90 * DAY);
      // Marked when it turned 90 days old; gone 7 days after that.
      expect(b.DeleteTimestamp!.getTime()).toBe(b.CreateTimestamp!.getTime() + 97 * DAY);
    }
    const trail = await hh.clients.cloudtrail.send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "DeleteBackup" }],
      }),
    );
    const marked = (trail.Events ?? []).map(
      (e) => JSON.parse(e.CloudTrailEvent!) as { eventType: string; requestParameters: { backupId: string } },
    );
    expect(marked.every((r) => r.eventType === "AwsServiceEvent")).toBe(true);
    expect(marked.map((r) => r.requestParameters.backupId)).toEqual(
      expect.arrayContaining(pending.map((b) => b.BackupId)),
    );
    hh.clock.advance(7 * DAY);
    const later = await ofCluster(hh);
    expect(later.some((b) => pending.some((p) => p.BackupId === b.BackupId))).toBe(false);
  });

  it("spares backups that never expire and the cluster's last backup", async () => {
    const hh = await open();
    const c = cluster(hh);
    const forGood = (await ofCluster(hh)).filter((b) => b.NeverExpires);
    expect(forGood).toHaveLength(1);
    // No HSM, no new backups: after 120 days only the never-expiring and the last one are left.
    for (const hsm of [...c.Hsms])
      await hh.clients.cloudhsm.send(new DeleteHsmCommand({ ClusterId: c.ClusterId, HsmId: hsm.HsmId }));
    hh.clock.advance(DURATIONS.hsmDelete + DURATIONS.backup);
    const last = (await ofCluster(hh))[0]!;
    hh.clock.advance(120 * DAY);
    const left = await ofCluster(hh);
    expect(left.map((b) => b.BackupId).sort()).toEqual([forGood[0]!.BackupId, last.BackupId].sort());
    expect(left.every((b) => b.BackupState === "READY")).toBe(true);
  });

  it("follows the cluster's retention policy", async () => {
    const hh = await open();
    cluster(hh).BackupRetentionPolicy = { Type: "DAYS", Value: "7" };
    hh.clock.advance(1);
    const ready = (await ofCluster(hh)).filter((b) => b.BackupState === "READY" && !b.NeverExpires);
    expect(ready.length).toBe(7);
  });

  it("DeleteBackup holds a backup for 7 days and RestoreBackup brings it back", async () => {
    const hh = await open();
    const [, second] = await ofCluster(hh);
    const deleted = await hh.clients.cloudhsm.send(new DeleteBackupCommand({ BackupId: second!.BackupId }));
    expect(deleted.Backup).toMatchObject({ BackupId: second!.BackupId, BackupState: "PENDING_DELETION" });
    expect(deleted.Backup!.DeleteTimestamp!.getTime()).toBe(hh.clock.now() + 7 * DAY);
    const again = await caught(() =>
      hh.clients.cloudhsm.send(new DeleteBackupCommand({ BackupId: second!.BackupId })),
    );
    expect(again).toBeInstanceOf(CloudHsmInvalidRequestException);
    const restored = await hh.clients.cloudhsm.send(new RestoreBackupCommand({ BackupId: second!.BackupId }));
    expect(restored.Backup).toMatchObject({ BackupState: "READY" });
    expect(restored.Backup!.DeleteTimestamp).toBeUndefined();
    const notPending = await caught(() =>
      hh.clients.cloudhsm.send(new RestoreBackupCommand({ BackupId: second!.BackupId })),
    );
    expect(notPending).toBeInstanceOf(CloudHsmInvalidRequestException);
    const unknown = await caught(() =>
      hh.clients.cloudhsm.send(new RestoreBackupCommand({ BackupId: "backup-aaaaaaaaaaa" })),
    );
    expect(unknown).toBeInstanceOf(CloudHsmResourceNotFoundException);
  });

  it("takes a restored expired backup again at once unless it was exempted first (AWS's race)", async () => {
    const hh = await open();
    const expired = (await ofCluster(hh)).filter((b) => b.BackupState === "PENDING_DELETION");
    const [a, b] = expired;
    await hh.clients.cloudhsm.send(new RestoreBackupCommand({ BackupId: a!.BackupId }));
    await hh.clients.cloudhsm.send(
      new ModifyBackupAttributesCommand({ BackupId: b!.BackupId, NeverExpires: true }),
    );
    await hh.clients.cloudhsm.send(new RestoreBackupCommand({ BackupId: b!.BackupId }));
    hh.clock.advance(1);
    const states = new Map((await ofCluster(hh)).map((x) => [x.BackupId, x.BackupState]));
    expect(states.get(a!.BackupId)).toBe("PENDING_DELETION");
    expect(states.get(b!.BackupId)).toBe("READY");
  });

  it("CopyBackupToRegion answers with the destination backup's source, and refuses its own Region", async () => {
    const hh = await open();
    const [newest] = await ofCluster(hh);
    const out = await hh.clients.cloudhsm.send(
      new CopyBackupToRegionCommand({ BackupId: newest!.BackupId, DestinationRegion: "eu-central-1" }),
    );
    expect(out.DestinationBackup).toEqual({
      CreateTimestamp: newest!.CreateTimestamp,
      SourceRegion: hh.world().region,
      SourceBackup: newest!.BackupId,
      SourceCluster: cluster(hh).ClusterId,
    });
    const same = await caught(() =>
      hh.clients.cloudhsm.send(
        new CopyBackupToRegionCommand({ BackupId: newest!.BackupId, DestinationRegion: hh.world().region }),
      ),
    );
    expect(same).toBeInstanceOf(CloudHsmInvalidRequestException);
  });
});
