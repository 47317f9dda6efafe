// Issue 11, goal 1: `kcs --help`, `--version` and completion run a script of their own, the help
// bundle (src/cli/light.ts), with its own code cache; no run starts Node's ES module loader.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runKcs, tempDir } from "../helpers/cli.js";
import { initWorld } from "../helpers/world-file.js";

const LIGHT = "dist/bundle-cjs/light.cjs";

/** The folders of code caches under `cache`, each named by its script's digest. */
function cacheFolders(cache: string): string[] {
  return existsSync(cache) ? readdirSync(cache).map((d) => join(cache, d)) : [];
}

describe("the help bundle", () => {
  it("prints help from a cache of its own, apart from the commands' caches, the same every run", async () => {
    const cache = join(tempDir("kcs-light-"), "cache");
    const env = { KCS_CODE_CACHE_DIR: cache };
    const first = await runKcs(["doctor", "--help"], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("kcs doctor");
    const [folder, ...others] = cacheFolders(cache);
    expect(others).toEqual([]);
    const digest = JSON.parse(readFileSync(`${LIGHT}.json`, "utf8")) as { sha256: string };
    expect(folder).toContain(digest.sha256.slice(0, 20));
    const made = statSync(join(folder!, "doctor.bin"));
    const second = await runKcs(["doctor", "--help"], { env });
    expect(second).toEqual(first);
    // Not rewritten: V8 took it.
    expect(statSync(join(folder!, "doctor.bin")).mtimeMs).toBe(made.mtimeMs);
  });

  it("holds none of the commands' work: no SDK client, no simulator, no runbook", () => {
    const text = readFileSync(LIGHT, "utf8");
    for (const name of ["class KMSClient", "class CloudHSMV2Client", "class Simulator", "function observe("])
      expect(text.includes(name), name).toBe(false);
    expect(statSync(LIGHT).size).toBeLessThan(statSync("dist/bundle-cjs/kcs.cjs").size / 3);
  });

  it("a line it was sent that runs a command after all runs in the whole of kcs, once, as without the flag", async () => {
    const dir = tempDir("kcs-light-");
    const state = initWorld(join(dir, "w.json"), "invalid-credentials");
    const plain = await runKcs(["doctor", "-o", "json", "--sim-state", state]);
    const odd = await runKcs(["doctor", "-o", "json", "--sim-state", state, "--help=false"]);
    expect(odd.stderr).toBe("");
    expect(odd.code).toBe(plain.code);
    const findings = (out: string) => (JSON.parse(out) as { findings: { code: string }[] }).findings;
    expect(findings(odd.stdout)).toEqual(findings(plain.stdout));
  });

  it("no run starts Node's ES module loader: help, the version, a doctor", async () => {
    const dir = tempDir("kcs-light-");
    const state = initWorld(join(dir, "w.json"), "healthy");
    const preload = join(dir, "modules.cjs");
    const list = join(dir, "modules.txt");
    writeFileSync(
      preload,
      `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join("\\n")));`,
    );
    for (const args of [["--help"], ["doctor", "--version"], ["doctor", "--sim-state", state]]) {
      const res = await runKcs(args, { env: { NODE_OPTIONS: `--require ${preload}` } });
      expect(res.stderr, args.join(" ")).toBe("");
      // The translators compile ES modules: loaded by the first one a run imports.
      expect(readFileSync(list, "utf8").split("\n"), args.join(" ")).not.toContain(
        "NativeModule internal/modules/esm/translators",
      );
    }
  });
});
