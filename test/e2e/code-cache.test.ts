// Issue 11, goal 1: the built kcs keeps V8's compiled code per command, and never trusts a cache it
// should not: a damaged one is replaced, one in a folder others can write is never used.
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runKcs, tempDir } from "../helpers/cli.js";
import { parseDocument } from "../helpers/kcs-json.js";
import { initWorld } from "../helpers/world-file.js";

interface Report {
  findings: unknown[];
  stores: unknown[];
}

function setUp() {
  const dir = tempDir("kcs-cc-");
  const state = join(dir, "w.json");
  initWorld(state, "fleet");
  const cache = join(dir, "cache");
  const doctor = async (env: Record<string, string> = {}) => {
    const res = await runKcs(["doctor", "-o", "json", "--sim-state", state], {
      env: { KCS_CODE_CACHE_DIR: cache, ...env },
    });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(2);
    const report = parseDocument<Report>(res.stdout, "kcs-doctor-report");
    return { findings: report.findings, stores: report.stores };
  };
  /** The folder of kcs.cjs's caches (named by its digest, Node's version and arch; scripts apart have theirs). */
  const buildDir = () => {
    const { sha256 } = JSON.parse(readFileSync("dist/bundle-cjs/kcs.cjs.json", "utf8")) as { sha256: string };
    const dirs = (existsSync(cache) ? readdirSync(cache) : []).filter((d) =>
      d.startsWith(sha256.slice(0, 20)),
    );
    expect(dirs).toHaveLength(1);
    return join(cache, dirs[0]!);
  };
  return { dir, state, cache, doctor, buildDir };
}

describe("kcs's code cache, end to end", () => {
  it("is made by a command's first run, private, then used as it is; the report is the same", async () => {
    const { doctor, buildDir } = setUp();
    const first = await doctor();
    const file = join(buildDir(), "doctor.bin");
    expect(statSync(buildDir()).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const made = statSync(file);
    const second = await doctor();
    // Not rewritten: V8 took it.
    expect(statSync(file).mtimeMs).toBe(made.mtimeMs);
    expect(second).toEqual(first);
    expect(await doctor({ KCS_NO_COMPILE_CACHE: "1" })).toEqual(first);
  });

  it("a run that fails is never the one to make the cache: it compiled little of its command", async () => {
    const { state, cache, doctor, buildDir } = setUp();
    const bad = await runKcs(["doctor", "-o", "json", "--sim-state", state, "--no-such-flag"], {
      env: { KCS_CODE_CACHE_DIR: cache },
    });
    expect(bad.code).toBe(1);
    expect(existsSync(join(buildDir(), "doctor.bin"))).toBe(false);
    await doctor();
    expect(existsSync(join(buildDir(), "doctor.bin"))).toBe(true);
  });

  it("a damaged cache is refused by V8, the run is the same, and it is made again", async () => {
    const { doctor, buildDir } = setUp();
    const first = await doctor();
    const file = join(buildDir(), "doctor.bin");
    const garbage = Buffer.alloc(statSync(file).size, 0x41);
    writeFileSync(file, garbage);
    expect(await doctor()).toEqual(first);
    expect(readFileSync(file).equals(garbage)).toBe(false);
  });

  it.skipIf(process.getuid === undefined)(
    "a cache in a folder others can write is neither read nor written",
    async () => {
      const { doctor, buildDir } = setUp();
      const first = await doctor();
      const dir = buildDir();
      const file = join(dir, "doctor.bin");
      // Someone else's code, where kcs would look for its own.
      writeFileSync(file, Buffer.alloc(64, 0x42));
      chmodSync(dir, 0o777);
      expect(await doctor()).toEqual(first);
      expect(readFileSync(file)).toEqual(Buffer.alloc(64, 0x42));
    },
  );

  it("the scripts have no import(): run from V8's cache, Node 20 has no callback left for one", () => {
    const files = readdirSync("dist/bundle-cjs").filter((f) => f.endsWith(".cjs"));
    expect(files).toEqual(expect.arrayContaining(["kcs.cjs", "light.cjs", "launch.cjs", "sdk.cjs"]));
    for (const file of files) {
      const script = readFileSync(join("dist/bundle-cjs", file), "utf8");
      expect(script.match(/[^\w$.]import\(/g) ?? [], file).toEqual([]);
    }
  });

  it("each script kcs runs is already the function Node makes of a CommonJS module: wrapping it at load copied it whole", () => {
    const scripts = readdirSync("dist/bundle-cjs").filter((f) => f.endsWith(".cjs") && f !== "launch.cjs");
    expect(scripts.length).toBeGreaterThan(5);
    for (const file of scripts) {
      const text = readFileSync(join("dist/bundle-cjs", file), "latin1");
      expect(text.startsWith("(function (exports, require, module, __filename, __dirname) {"), file).toBe(
        true,
      );
      expect(text.trimEnd().endsWith("})"), file).toBe(true);
    }
  });

  it("CloudHSM v2's own STS client is started only by the lazy decorator, when a credential is asked for", () => {
    // In the SDK clients' script apart (scripts/bundle.mjs's APART), with CloudHSM v2.
    const script = readFileSync("dist/bundle-cjs/sdk.cjs", "utf8");
    const sts = "node_modules/@aws-sdk/client-cloudhsm-v2/node_modules/@aws-sdk/client-sts/dist-es/index.js";
    const init = new RegExp(`(init_[\\w$]+)=__esm\\(\\{"${sts.replaceAll(".", "\\.")}"`).exec(script)?.[1];
    expect(init, "the nested STS client is in the bundle as a module of its own").toBeDefined();
    const calls = [...script.matchAll(new RegExp(`${init!.replaceAll("$", "\\$")}\\(\\)`, "g"))].map(
      (m) => m.index,
    );
    // The shim (src/backend/lazy-sts-decorator.ts), wrapped as a module or inlined with the client.
    const decorator = /decorateDefaultCredentialProvider\d*=provider=>input=>\{/.exec(script)?.index ?? -1;
    expect(decorator, "the lazy decorator is in the script").toBeGreaterThan(0);
    expect(calls.length).toBeGreaterThan(0);
    // Every start of it is inside the decorator's provider, a few hundred characters into it.
    for (const at of calls)
      expect(at - decorator, "a start of STS outside the lazy decorator").toBeLessThan(400);
    for (const at of calls) expect(at).toBeGreaterThan(decorator);
  });

  it("yargs renders a command's help only when it is shown, not on every run", () => {
    for (const bundle of ["dist/bundle-cjs/kcs.cjs", "dist/bundle-cjs/light.cjs"]) {
      const text = readFileSync(bundle, "utf8");
      expect(text.includes("getUsageInstance().cacheHelpMessage()"), bundle).toBe(false);
    }
  });

  it("a simulated doctor loads neither Node's HTTP, TLS nor V8's API: the SDK's HTTP handler waits for a request", async () => {
    const { dir, state } = setUp();
    const preload = join(dir, "modules.cjs");
    const list = join(dir, "modules.txt");
    writeFileSync(
      preload,
      `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join("\\n")));`,
    );
    const res = await runKcs(["doctor", "-o", "json", "--sim-state", state], {
      env: { NODE_OPTIONS: `--require ${preload}` },
    });
    expect(res.code).toBe(2);
    const loaded = readFileSync(list, "utf8").split("\n");
    expect(loaded).toContain("NativeModule fs");
    // http: CloudHSM v2's old defaults-mode resolver loaded it through its instance metadata client.
    // zlib: the SDK's checksum index started a CRC32 on it; the clients need only its SHA-256. assert:
    // yargs' shim imported it for two checks; fs/promises: the SDK read ~/.aws/config for the simulator.
    // internal/fs/promises and readline: fs.promises, which the old generation's config loader took at
    // load, and whose user agent provider read ~/.aws/config as each CloudHSM v2 client was made.
    for (const m of [
      "tls",
      "https",
      "v8",
      "http",
      "zlib",
      "assert",
      "fs/promises",
      "internal/fs/promises",
      "internal/readline/interface",
    ])
      expect(loaded, m).not.toContain(`NativeModule ${m}`);
  });

  it("zod starts only when a world must be checked whole: a doctor of a world kcs wrote never needs it", async () => {
    const { dir, state } = setUp();
    const preload = join(dir, "zod.cjs");
    const seen = join(dir, "zod.txt");
    // zod's core sets this global as it starts.
    writeFileSync(
      preload,
      `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(seen)}, String(globalThis.__zod_globalConfig !== undefined)));`,
    );
    const doctor = async () => {
      const res = await runKcs(["doctor", "-o", "json", "--sim-state", state], {
        env: { NODE_OPTIONS: `--require ${preload}` },
      });
      expect(res.code, res.stderr).toBe(2);
      return readFileSync(seen, "utf8");
    };
    await doctor();
    expect(await doctor()).toBe("false");
    // Without the note of the digest kcs checked, the world is checked whole, with zod.
    rmSync(`${state}.checked`);
    expect(await doctor()).toBe("true");
  });

  it("the EC2 client is a script apart, with its own cache: a healthy doctor never runs it, one that reads the network does", async () => {
    const { dir, cache } = setUp();
    const ec2 = JSON.parse(readFileSync("dist/bundle-cjs/ec2.cjs.json", "utf8")) as { sha256: string };
    const ec2Cache = () =>
      (existsSync(cache) ? readdirSync(cache) : [])
        .filter((d) => d.startsWith(ec2.sha256.slice(0, 20)))
        .flatMap((d) => readdirSync(join(cache, d)).map((f) => join(cache, d, f)));
    const worlds = new Map<string, string>();
    const doctor = async (scenario: string) => {
      if (!worlds.has(scenario)) worlds.set(scenario, initWorld(join(dir, `${scenario}.json`), scenario));
      const state = worlds.get(scenario)!;
      const res = await runKcs(["doctor", "-o", "json", "--sim-state", state], {
        env: { KCS_CODE_CACHE_DIR: cache },
      });
      expect(res.stderr).toBe("");
      return parseDocument<{ findings: { code: string; evidence: Record<string, unknown> }[] }>(
        res.stdout,
        "kcs-doctor-report",
      );
    };
    await doctor("healthy");
    expect(ec2Cache()).toEqual([]);
    const first = await doctor("network-errors");
    const [made, ...more] = ec2Cache();
    expect(made).toMatch(/doctor\.bin$/);
    expect(more).toEqual([]);
    const mtime = statSync(made!).mtimeMs;
    // What only EC2's answer gives: the cluster's security group and the rules it lacks.
    const finding = first.findings.find((f) => f.code === "NETWORK_ERRORS");
    expect(finding?.evidence.securityGroup).toMatch(/^sg-/);
    expect((await doctor("network-errors")).findings).toEqual(first.findings);
    // Not rewritten: V8 took it.
    expect(statSync(made!).mtimeMs).toBe(mtime);
    expect(statSync("dist/bundle-cjs/kcs.cjs").size).toBeLessThan(
      statSync("dist/bundle-cjs/ec2.cjs").size * 2,
    );
  });

  it("each run runs only the scripts apart it needs: none for sim status, the SDK's for a doctor, listr2's too for a fix", async () => {
    const { dir, cache } = setUp();
    const apart = readdirSync("dist/bundle-cjs")
      .filter((f) => f.endsWith(".cjs.json") && !/^(kcs|light)\./.test(f))
      .map((f) => ({
        name: f.replace(/\.json$/, ""),
        folder: (
          JSON.parse(readFileSync(join("dist/bundle-cjs", f), "utf8")) as { sha256: string }
        ).sha256.slice(0, 20),
      }));
    // Each is required by kcs.cjs or by another script apart (the credential chain by the clients).
    const required = ["kcs", ...apart.map((a) => a.name.replace(/\.cjs$/, ""))]
      .map((n) => readFileSync(`dist/bundle-cjs/${n}.cjs`, "utf8"))
      .join("\n");
    for (const { name } of apart) expect(required, name).toContain(`require("./${name}")`);
    expect(apart.map((a) => a.name)).toEqual(
      expect.arrayContaining(["sdk.cjs", "ec2.cjs", "listr2.cjs", "credential-chain.cjs"]),
    );
    const ran = () => {
      const folders = existsSync(cache) ? readdirSync(cache) : [];
      return apart.filter((a) => folders.some((f) => f.startsWith(a.folder))).map((a) => a.name);
    };
    const state = initWorld(join(dir, "w.json"), "invalid-credentials");
    const env = { KCS_CODE_CACHE_DIR: cache };
    expect((await runKcs(["sim", "status", "--sim-state", state], { env })).code).toBe(0);
    expect(ran()).toEqual([]);
    expect((await runKcs(["doctor", "--sim-state", state], { env })).code).toBe(2);
    expect(ran()).toEqual(["sdk.cjs"]);
    const fix = await runKcs(["fix", "--yes", "--password-stdin", "--sim-state", state], {
      env,
      input: "NewPassw0rdx\n",
    });
    expect(fix.code, fix.stderr).toBe(0);
    expect(ran().sort()).toEqual(["listr2.cjs", "sdk.cjs"]);
  });

  it("--version alone reads only package.json; help runs keep their caches apart from the commands'", async () => {
    const { cache } = setUp();
    const version = await runKcs(["--version"], { env: { KCS_CODE_CACHE_DIR: cache } });
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(existsSync(cache)).toBe(false);
    // yargs reads -oh as -o -h: help too.
    for (const args of [["--help"], ["doctor", "--help"], ["doctor", "-oh"]]) {
      const res = await runKcs(args, { env: { KCS_CODE_CACHE_DIR: cache } });
      expect(res.code).toBe(0);
      expect(res.stdout).not.toBe("");
    }
    const light = JSON.parse(readFileSync("dist/bundle-cjs/light.cjs.json", "utf8")) as { sha256: string };
    expect(readdirSync(cache).map((d) => d.slice(0, 20))).toEqual([light.sha256.slice(0, 20)]);
  });
});
