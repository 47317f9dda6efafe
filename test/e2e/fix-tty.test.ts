import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mutations } from "../helpers/call-log.js";
import { runKcs, tempDir } from "../helpers/cli.js";
import { HAS_SCRIPT, runKcsInteractive } from "../helpers/tty.js";
import { initWorld } from "../helpers/world-file.js";

describe.skipIf(!HAS_SCRIPT)("kcs fix at a terminal (util-linux script provides the pseudo-terminal)", () => {
  const dir = tempDir();

  it("asks for the new password without echoing it, asks to confirm, then repairs", async () => {
    const state = join(dir, "tty-yes.json");
    initWorld(state, "invalid-credentials", 1200);
    const secret = "Typ3dAtTheTerminal";
    const res = await runKcsInteractive(
      ["fix", "--poll-interval", "50ms", "--sim-state", state],
      [
        { when: /New kmsuser password:/, type: `${secret}\r` },
        { when: /\[y\/N\]/, type: "y\r" },
      ],
    );
    expect(res.code, res.output).toBe(0);
    expect(res.output).toMatch(/Fixed: INVALID_CREDENTIALS/);
    expect(res.output).not.toContain(secret);
    expect((await runKcs(["doctor", "--sim-state", state])).code).toBe(0);
  });

  it("changes nothing when the person answers no", async () => {
    const state = join(dir, "tty-no.json");
    const log = `${state}.calls.jsonl`;
    initWorld(state, "store-disconnected", 1200);
    const res = await runKcsInteractive(["fix", "--sim-state", state], [{ when: /\[y\/N\]/, type: "n\r" }], {
      env: { KCS_SIM_CALL_LOG: log },
    });
    expect(res.code).toBe(1);
    expect(res.output).toMatch(/Nothing was changed/);
    expect(mutations(log)).toEqual([]);
  });
});
