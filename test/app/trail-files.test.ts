import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { observe } from "../../src/app/observe.js";
import {
  observeSnapshot,
  readSnapshotFile,
  snapshotFile,
  writeSnapshotFile,
} from "../../src/app/snapshot-file.js";
import { nextCommand } from "../../src/cli/views/next-command.js";
import { readTrailFiles, withTrailFiles } from "../../src/gather/trail-files.js";
import { DAY } from "../../src/sim/clock.js";
import { exportTrail } from "../../src/sim/cloudtrail/export.js";
import { type App, app, codesOf } from "../helpers/app.js";
import { tempDir } from "../helpers/cli.js";
import { scenarioWorld } from "../helpers/sim.js";

const see = (kcs: App, cloudtrailDirs?: string[]) =>
  observe(kcs.backend, kcs.ledger, {
    now: new Date(kcs.clock.now()),
    timer: kcs.clock,
    ...(cloudtrailDirs ? { cloudtrailDirs } : {}),
  });

const exported = (kcs: App) => {
  const dir = tempDir("kcs-trail-");
  const written = kcs.h.store.read((w) => exportTrail(w, dir, kcs.clock.now()));
  return { dir, ...written };
};

describe("an orphan deleted more than 90 days ago is found only in the trail's log files", () => {
  it("LookupEvents shows nothing; --cloudtrail-dir finds ORPHANED_KEY_MATERIAL, and a snapshot keeps it", async () => {
    const kcs = await app(scenarioWorld("old-orphaned-key-material"));
    try {
      expect(codesOf(await see(kcs))).toEqual([]);
      const { dir } = exported(kcs);
      const withFiles = await see(kcs, [dir]);
      expect(withFiles.snapshot.errors).toEqual([]);
      expect(codesOf(withFiles)).toEqual(["ORPHANED_KEY_MATERIAL"]);
      const orphan = withFiles.findings[0]!;
      expect(kcs.clock.now() - Date.parse(String(orphan.evidence.eventTime))).toBeGreaterThan(90 * DAY);
      // Doctor's next command reads the same folder: without it fix would not see the orphan.
      expect(orphan.evidence.cloudtrailDir).toBe(dir);
      expect(nextCommand(orphan)).toBe(
        `kcs fix --store ${orphan.customKeyStoreId} --finding ORPHANED_KEY_MATERIAL --cloudtrail-dir ${dir} --dry-run`,
      );
      // Works with --save-snapshot: the events read from files are part of the snapshot.
      const path = join(tempDir("kcs-trail-snap-"), "snap.json");
      writeSnapshotFile(path, snapshotFile([withFiles.snapshot], "kcs test", new Date()));
      const back = observeSnapshot(readSnapshotFile(path).targets[0]!.snapshot);
      expect(back.findings).toEqual(withFiles.findings);
    } finally {
      await kcs.close();
    }
  });

  it("an event seen both in LookupEvents and in a file counts once", async () => {
    const kcs = await app(scenarioWorld("orphaned-key-material"));
    try {
      const live = await see(kcs);
      const { dir } = exported(kcs);
      const both = await see(kcs, [dir]);
      const ids = both.snapshot.deleteKeyEvents.map((e) => e.eventId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(both.snapshot.deleteKeyEvents).toEqual(live.snapshot.deleteKeyEvents);
      expect(both.findings).toEqual(live.findings);
      // The same folder twice, too.
      expect((await see(kcs, [dir, dir])).findings).toEqual(live.findings);
    } finally {
      await kcs.close();
    }
  });
});

describe("kcs sim export-trail writes the world's CloudTrail as a trail delivers it to S3", () => {
  it("one gzipped {Records} file per 5-minute window in the S3 layout, old events included, the same names again", async () => {
    const kcs = await app(scenarioWorld("old-orphaned-key-material"));
    try {
      const { dir, files, events } = exported(kcs);
      expect(files.length).toBeGreaterThan(10);
      const world = kcs.h.world();
      for (const f of files)
        expect(f).toMatch(
          new RegExp(
            `^AWSLogs/${world.accountId}/CloudTrail/${world.region}/\\d{4}/\\d{2}/\\d{2}/${world.accountId}_CloudTrail_${world.region}_\\d{8}T\\d{4}Z_[0-9A-F]{16}\\.json\\.gz$`,
          ),
        );
      const records = files.flatMap(
        (f) =>
          (
            JSON.parse(gunzipSync(readFileSync(join(dir, f))).toString()) as {
              Records: { eventTime: string; eventName: string }[];
            }
          ).Records,
      );
      expect(records).toHaveLength(events);
      const oldest = Math.min(...records.map((r) => Date.parse(r.eventTime)));
      expect(kcs.clock.now() - oldest).toBeGreaterThan(90 * DAY);
      expect(records.some((r) => r.eventName === "DeleteKey")).toBe(true);
      // Exporting again writes the same files (an id derived from their events), not copies.
      const again = kcs.h.store.read((w) => exportTrail(w, dir, kcs.clock.now()));
      expect(again.files).toEqual(files);
    } finally {
      await kcs.close();
    }
  });
});

describe("reading log files: only the account's and Region's, never out of DIR, a bad file is one error", () => {
  const ACCOUNT = "111122223333";
  const REGION = "eu-west-1";
  const deleteKey = (id: string, store = "cks-1") => ({
    eventVersion: "1.08",
    eventTime: "2025-06-01T10:00:00Z",
    eventSource: "kms.amazonaws.com",
    eventName: "DeleteKey",
    eventID: id,
    responseElements: { keyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}` },
    additionalEventData: {
      customKeyStoreId: store,
      clusterId: "cluster-1",
      backingKeysDeletionStatus: JSON.stringify([{ backingKeyId: `bk-${id}`, deletionStatus: "FAILURE" }]),
    },
  });
  const write = (root: string, rel: string, body: Buffer | string) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), body);
  };
  const day = (account = ACCOUNT, region = REGION) => `AWSLogs/${account}/CloudTrail/${region}/2025/06/01`;
  const gz = (records: unknown[]) => gzipSync(JSON.stringify({ Records: records }));

  it("reads .json.gz and .json (org trails too), skips other accounts and Regions unopened, names each bad file", async () => {
    const root = tempDir("kcs-trail-read-");
    write(
      root,
      `${day()}/a.json.gz`,
      gz([deleteKey("e1"), { eventSource: "s3.amazonaws.com", eventName: "DeleteKey" }]),
    );
    write(root, `${day()}/b.json`, JSON.stringify({ Records: [deleteKey("e2")] }));
    write(
      root,
      `AWSLogs/o-abcdef1234/${ACCOUNT}/CloudTrail/${REGION}/2025/06/02/c.json.gz`,
      gz([deleteKey("e3")]),
    );
    // Not ours: never opened, so their garbage is no error.
    write(root, `${day("444455556666")}/x.json.gz`, "garbage");
    write(root, `${day(ACCOUNT, "us-east-1")}/x.json.gz`, "garbage");
    write(root, `${day()}/notes.txt`, "not a log file");
    // Ours, and bad: each is one error naming it; the rest still counts.
    write(root, `${day()}/bad-gzip.json.gz`, "not gzip at all");
    write(root, `${day()}/bad-json.json.gz`, gzipSync("{"));
    write(root, `${day()}/no-records.json`, JSON.stringify({ records: [] }));
    const read = await readTrailFiles([root], { account: ACCOUNT, region: REGION });
    expect(read.deleteKeyEvents.map((e) => e.eventId).sort()).toEqual(["e1", "e2", "e3"]);
    expect(read.files).toBe(3);
    expect(read.errors.map((e) => [e.service, e.code, e.message.split(": ")[0]!.split("/").at(-1)])).toEqual([
      ["cloudtrail-files", "MalformedLogFile", "bad-gzip.json.gz"],
      ["cloudtrail-files", "MalformedLogFile", "bad-json.json.gz"],
      ["cloudtrail-files", "MalformedLogFile", "no-records.json"],
    ]);
    // Without a known account every account's files of the Region are read.
    const any = await readTrailFiles([root], { region: "us-east-1" });
    expect(any.errors).toHaveLength(1);
  });

  it("follows no symlink: neither a linked file nor a linked folder outside DIR is read", async () => {
    const outside = tempDir("kcs-trail-outside-");
    write(outside, "evil.json.gz", gz([deleteKey("outside")]));
    write(outside, "folder/evil.json.gz", gz([deleteKey("outside2")]));
    const root = tempDir("kcs-trail-links-");
    mkdirSync(join(root, day()), { recursive: true });
    symlinkSync(join(outside, "evil.json.gz"), join(root, day(), "link.json.gz"));
    symlinkSync(join(outside, "folder"), join(root, `AWSLogs/${ACCOUNT}/CloudTrail/${REGION}/2025/06/02`));
    const read = await readTrailFiles([root], { account: ACCOUNT, region: REGION });
    expect(read.deleteKeyEvents).toEqual([]);
    expect(read.errors).toEqual([]);
  });

  it("a file larger than the bound (a gzip bomb) is an error, not a process out of memory", async () => {
    const root = tempDir("kcs-trail-big-");
    write(root, `${day()}/big.json.gz`, gzipSync(JSON.stringify({ Records: [], pad: "x".repeat(100_000) })));
    const read = await readTrailFiles([root], { account: ACCOUNT, region: REGION }, 10_000);
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0]!.message).toMatch(/big\.json\.gz: not a CloudTrail log file \(larger than/);
  });

  it("keeps only the snapshot's stores' events, and adds the files' errors to the snapshot's", async () => {
    const root = tempDir("kcs-trail-merge-");
    write(root, `${day()}/a.json.gz`, gz([deleteKey("mine", "cks-mine"), deleteKey("other", "cks-other")]));
    write(root, `${day()}/bad.json`, "{");
    const files = await readTrailFiles([root], { account: ACCOUNT, region: REGION });
    const merged = withTrailFiles(
      {
        backend: "sim",
        region: REGION,
        generatedAt: "2026-01-01T00:00:00.000Z",
        since: "2025-10-03T00:00:00.000Z",
        stores: [
          {
            customKeyStoreId: "cks-mine",
            customKeyStoreName: "mine",
            customKeyStoreType: "AWS_CLOUDHSM",
            connectionState: "CONNECTED",
          },
        ],
        clusters: {},
        backups: [],
        keys: [],
        deleteKeyEvents: [],
        probes: [],
        errors: [],
      },
      files,
    );
    expect(merged.deleteKeyEvents.map((e) => e.eventId)).toEqual(["mine"]);
    expect(merged.errors.map((e) => e.service)).toEqual(["cloudtrail-files"]);
    expect(readdirSync(root)).toEqual(["AWSLogs"]);
  });
});
