import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { mutations } from "../helpers/call-log.js";
import { awsEnv, runKcs, type ServedWorld, serveWorld, tempDir } from "../helpers/cli.js";
import { initWorld } from "../helpers/world-file.js";

/** On the aws backend a person does the manual steps: without a terminal or a hook, none is taken on faith. */
describe("kcs fix --backend aws with manual steps and no terminal", () => {
  const dir = tempDir();
  const env = awsEnv();
  let served: ServedWorld | undefined;
  afterEach(async () => {
    await served?.stop();
    served = undefined;
  });

  async function serve(name: string) {
    const state = initWorld(
      join(dir, `${name}-${Math.random().toString(36).slice(2, 8)}.json`),
      "invalid-credentials",
      1200,
    );
    const log = `${state}.calls.jsonl`;
    served = await serveWorld(state, { KCS_SIM_CALL_LOG: log });
    return { url: served.url, log };
  }

  it("--yes does not confirm a manual step: the run changes nothing and names the ways on", async () => {
    const { url, log } = await serve("refused");
    const res = await runKcs(
      ["--backend", "aws", "--endpoint-url", url, "fix", "--yes", "--password-stdin"],
      {
        input: "N3wPassw0rd\n",
        env,
      },
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/manual step\(s\) only a person can do \(on the HSM or the XKS proxy/);
    expect(res.stderr).toMatch(/--hsm-hook PROGRAM.*--stop-before-manual/);
    expect(res.stderr).toMatch(/Nothing was changed/);
    expect(mutations(log)).toEqual([]);
  });

  it("--stop-before-manual runs up to the first manual step and exits 3, naming the commands to run", async () => {
    const { url, log } = await serve("in-parts");
    const res = await runKcs(
      [
        "--backend",
        "aws",
        "--endpoint-url",
        url,
        "fix",
        "--yes",
        "--stop-before-manual",
        "--password-stdin",
        "--poll-interval",
        "50ms",
      ],
      { input: "N3wPassw0rd\n", env },
    );
    expect(res.code, res.stderr).toBe(3);
    expect(res.stderr).toMatch(/stopped before manual step set-kmsuser-password/);
    expect(res.stderr).toMatch(/user change-password --username kmsuser --role crypto-user/);
    expect(mutations(log).map((c) => c.operation)).toEqual(["DisconnectCustomKeyStore"]);
  });
});
