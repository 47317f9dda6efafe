import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openWorldFile } from "../../src/backend/sim-world.js";
import { type RunOptions, type RunResult, runKcs, tempDir } from "../helpers/cli.js";
import { parseDocument } from "../helpers/kcs-json.js";
import { initWorld } from "../helpers/world-file.js";

/**
 * `kcs sim act`: the console user's calls on the persisted world, spawned as a person types them, and
 * the drill they exist for (someone disconnects a store; doctor sees it; fix repairs it).
 */
const SANDBOX = tempDir("kcs-act-");
const kcs = (args: string[], opts: RunOptions = {}) => runKcs(args, { cwd: SANDBOX, ...opts });
const PASSWORD = "Dri11Passw0rd";

let seq = 0;
/** A scenario in a fresh world file, at 1200x so a connect takes a tenth of a second. */
const world = (scenario: string) =>
  initWorld(join(tempDir("kcs-act-world-"), `w${++seq}.json`), scenario, 1200);

/** What act can change, and what CloudTrail holds: equal before and after means nothing changed. */
function worldState(path: string) {
  return openWorldFile(path).read((w) => ({
    stores: w.stores.map((s) => [s.CustomKeyStoreId, s.ConnectionState, s.keyStorePasswordHash]),
    clusters: w.clusters.map((c) => [c.ClusterId, c.State, c.Hsms.map((h) => [h.HsmId, h.State])]),
    // Calls people made; AWS's own events (a daily backup falling due meanwhile) are not act's doing.
    calls: w.events.filter((e) => e.Username !== undefined).length,
  }));
}

const eventsBy = (path: string, name: string) =>
  openWorldFile(path).read((w) => w.events.filter((e) => e.EventName === name).map((e) => e.Username));

function expectOneLineError(res: RunResult, mention: RegExp): void {
  expect(res.code, res.stderr).toBe(1);
  expect(res.stderr, "exactly one line on stderr").toMatch(/^[^\n]+\n$/);
  expect(res.stderr).toMatch(mention);
  expect(res.stdout).toBe("");
}

const doctorCodes = (res: RunResult) =>
  parseDocument<{ findings: { code: string }[] }>(res.stdout, "kcs-doctor-report").findings.map(
    (f) => f.code,
  );

describe("kcs sim act, end to end", () => {
  it("disconnect and connect by name, printing who called what and where the store stands", async () => {
    const state = world("healthy");
    const off = await kcs(["sim", "act", "disconnect", "payments-cks", "--wait", "--sim-state", state]);
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).toMatch(
      /^alice \(console\) called kms:DisconnectCustomKeyStore on payments-cks \(cks-[0-9a-f]{17}\): it is DISCONNECTED\./,
    );
    const on = await kcs(["sim", "act", "connect", "payments-cks", "-o", "json", "--sim-state", state]);
    expect(on.code, on.stderr).toBe(0);
    const data = JSON.parse(on.stdout) as Record<string, unknown>;
    expect(data).toMatchObject({
      action: "connect",
      principal: "alice",
      call: "kms:ConnectCustomKeyStore",
      target: { kind: "store", customKeyStoreName: "payments-cks" },
      state: "CONNECTING",
    });
    expect(typeof data.settlesAt).toBe("string");
    // CloudTrail names alice for both; kcs never called.
    expect(eventsBy(state, "DisconnectCustomKeyStore")).toEqual(["alice"]);
    expect(eventsBy(state, "ConnectCustomKeyStore").at(-1)).toBe("alice");
  });

  it("set-kmsuser-password takes the password from stdin only, and AWS's preconditions apply", async () => {
    const state = world("healthy");
    // CONNECTED: KMS refuses, as it would in the console.
    const early = await kcs(
      ["sim", "act", "set-kmsuser-password", "payments-cks", "--password-stdin", "--sim-state", state],
      { input: `${PASSWORD}\n` },
    );
    expectOneLineError(
      early,
      /^kcs: AWS refused kms:UpdateCustomKeyStore: CustomKeyStoreInvalidStateException: .* is CONNECTED/,
    );
    // A password as an argument is refused before anything is read.
    const argv = await kcs([
      "sim",
      "act",
      "set-kmsuser-password",
      "payments-cks",
      PASSWORD,
      "--sim-state",
      state,
    ]);
    expectOneLineError(argv, /takes no password on the command line .* Nothing was changed\./);
    const flag = await kcs([
      "sim",
      "act",
      "set-kmsuser-password",
      "payments-cks",
      `--password=${PASSWORD}`,
      "--sim-state",
      state,
    ]);
    expectOneLineError(flag, /takes no password on the command line/);
    const none = await kcs(["sim", "act", "set-kmsuser-password", "payments-cks", "--sim-state", state]);
    expectOneLineError(
      none,
      /A password is needed: add --password-stdin and pipe it in, or set KCS_KMSUSER_PASSWORD/,
    );
    // By id this time: the console names stores either way.
    const id = openWorldFile(state).read((w) => w.stores[0]!.CustomKeyStoreId);
    await kcs(["sim", "act", "disconnect", id, "--wait", "--sim-state", state]);
    const set = await kcs(
      ["sim", "act", "set-kmsuser-password", "payments-cks", "--password-stdin", "--sim-state", state],
      { input: `${PASSWORD}\n` },
    );
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/called kms:UpdateCustomKeyStore on payments-cks .*: it is DISCONNECTED\./);
    for (const text of [
      early.stderr,
      argv.stderr,
      flag.stderr,
      set.stdout,
      set.stderr,
      readFileSync(state, "utf8"),
    ])
      expect(text).not.toContain(PASSWORD);
  });

  it("bad input is one line on stderr, exit 1, and changes nothing", async () => {
    const state = world("healthy");
    const before = worldState(state);
    const cases: [string[], RegExp][] = [
      [
        ["disconnect", "no-such-store"],
        /No custom key store has the id or name 'no-such-store'; the world has payments-cks/,
      ],
      [
        ["connect", "cks-00000000000000000"],
        /No custom key store has the id or name 'cks-00000000000000000'/,
      ],
      [["delete-hsm", "hsm-nosuchhsm00"], /No cluster has an HSM 'hsm-nosuchhsm00'; the world has hsm-/],
      [["delete-cluster", "cluster-nosuchclust"], /There is no cluster 'cluster-nosuchclust'/],
      [["set-kmsuser-password", "nope", "--password-stdin"], /No custom key store has the id or name 'nope'/],
      [["disconnect"], /Not enough non-option arguments/],
      [["reboot", "payments-cks"], /Unknown argument|Name an act command/],
    ];
    for (const [args, mention] of cases) {
      const res = await kcs(["sim", "act", ...args, "--sim-state", state], { input: `${PASSWORD}\n` });
      expectOneLineError(res, mention);
    }
    expect(worldState(state)).toEqual(before);
    // A short password is refused before any call.
    await kcs(["sim", "act", "disconnect", "payments-cks", "--wait", "--sim-state", state]);
    const mid = worldState(state);
    const short = await kcs(
      ["sim", "act", "set-kmsuser-password", "payments-cks", "--password-stdin", "--sim-state", state],
      { input: "short\n" },
    );
    expectOneLineError(short, /must be 7 to 32 ASCII letters and digits\. Nothing was changed\./);
    expect(worldState(state)).toEqual(mid);
    expect(before.stores[0]![1]).toBe("CONNECTED");
  });

  it("delete-hsm and delete-cluster go through CloudHSM's rules: the cluster only once its HSMs are gone", async () => {
    const state = world("healthy");
    const hsms = openWorldFile(state).read((w) => ({
      clusterId: w.clusters[0]!.ClusterId,
      ids: w.clusters[0]!.Hsms.map((h) => h.HsmId),
    }));
    const early = await kcs(["sim", "act", "delete-cluster", hsms.clusterId, "--sim-state", state]);
    expectOneLineError(
      early,
      /^kcs: AWS refused cloudhsm:DeleteCluster: CloudHsmInvalidRequestException: .*still has HSMs/,
    );
    for (const id of hsms.ids) {
      const res = await kcs(["sim", "act", "delete-hsm", id, "--wait", "--sim-state", state]);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toContain(`called cloudhsm:DeleteHsm on ${id} of ${hsms.clusterId}: it is DELETED.`);
    }
    const gone = await kcs(["sim", "act", "delete-cluster", hsms.clusterId, "--wait", "--sim-state", state]);
    expect(gone.code, gone.stderr).toBe(0);
    expect(gone.stdout).toContain(`called cloudhsm:DeleteCluster on ${hsms.clusterId}: it is DELETED.`);
    const doctor = await kcs(["doctor", "-o", "json", "--sim-state", state]);
    expect(doctor.code).toBe(2);
    expect(doctorCodes(doctor)).toContain("CLUSTER_NOT_FOUND");
    expect(eventsBy(state, "DeleteCluster").at(-1)).toBe("alice");
  });

  it("the drill: a healthy store disconnected by a person, found by doctor (exit 2), reconnected by kcs fix --yes", async () => {
    const state = world("healthy");
    expect((await kcs(["doctor", "--sim-state", state])).code).toBe(0);
    const off = await kcs(["sim", "act", "disconnect", "payments-cks", "--wait", "--sim-state", state]);
    expect(off.code, off.stderr).toBe(0);
    const found = await kcs(["doctor", "-o", "json", "--sim-state", state]);
    expect(found.code, found.stdout).toBe(2);
    expect(doctorCodes(found)).toEqual(["STORE_DISCONNECTED"]);
    const fix = await kcs(["fix", "--yes", "--poll-interval", "50ms", "--sim-state", state]);
    expect(fix.code, fix.stderr).toBe(0);
    expect(fix.stdout).toMatch(/Fixed: STORE_DISCONNECTED on payments-cks\. kcs doctor agrees\./);
    const after = await kcs(["doctor", "-o", "json", "--sim-state", state]);
    expect(after.code, after.stdout).toBe(0);
    expect(doctorCodes(after)).toEqual([]);
    // kcs's reconnect is kcs's in CloudTrail; the disconnect stays alice's.
    expect(eventsBy(state, "DisconnectCustomKeyStore")).toEqual(["alice"]);
    expect(eventsBy(state, "ConnectCustomKeyStore").at(-1)).toBe("kcs-operator");
  });

  it("a proxy's operators rotate its credential: a proxy secret is accepted, a kmsuser-like password is refused unechoed, and KMS's next connect fails INVALID_CREDENTIALS", async () => {
    const state = world("xks-healthy");
    const secret = "DemoProxySecretDemoProxySecretDemoProxySecret0";
    const weak = await kcs(
      [
        "sim",
        "act",
        "set-proxy-credential",
        "partner-xks",
        "--access-key-id",
        "DEMOXKSACCESSKEY2345",
        "--secret-stdin",
        "--sim-state",
        state,
      ],
      { input: "Short1pass\n" },
    );
    expectOneLineError(weak, /proxy secret access key .* 43 to 64 characters/);
    expect(weak.stderr).not.toContain("Short1pass");
    const set = await kcs(
      [
        "sim",
        "act",
        "set-proxy-credential",
        "partner-xks",
        "--access-key-id",
        "DEMOXKSACCESSKEY2345",
        "--secret-stdin",
        "--sim-state",
        state,
      ],
      { input: `${secret}\n` },
    );
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout + set.stderr).not.toContain(secret);
    await kcs(["sim", "act", "disconnect", "partner-xks", "--wait", "--sim-state", state]);
    await kcs(["sim", "act", "connect", "partner-xks", "--wait", "--sim-state", state]);
    const doctor = await kcs(["doctor", "-o", "json", "--sim-state", state]);
    expect(doctor.code).toBe(2);
    expect(doctorCodes(doctor)).toEqual(["INVALID_CREDENTIALS"]);
  });
});
