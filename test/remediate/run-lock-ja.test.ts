import { mkdtempSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireRunLock } from "../../src/remediate/run-lock.js";
import { inLang } from "../helpers/lang.js";

describe("the run lock's refusal in Japanese", () => {
  it("names the run that holds the lock, in the run's language", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "kcs-lock-")), "ledger.json.lock");
    const release = acquireRunLock(path, "kcs fix");
    try {
      await inLang("ja", () =>
        expect(() => acquireRunLock(path, "kcs fix")).toThrow(
          new RegExp(
            `^別の kcs \\(kcs fix、${hostname()} の pid ${process.pid}、\\S+ から\\) がこのアカウントとリージョンを変更中です。終わるまで待ってください。何も変更していません。$`,
          ),
        ),
      );
    } finally {
      release();
    }
  });
});
