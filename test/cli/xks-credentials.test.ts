import { describe, expect, it } from "vitest";
import { parseCredentialLines, readXksCredentials } from "../../src/cli/xks-credentials.js";
import { UsageError } from "../../src/core/errors.js";

const ID = "ABCDEFGHIJKLMNOPQRST";
const ID2 = "ZYXWVUTSRQPONMLKJIHG234";

describe("XKS proxy credentials for doctor --probe", () => {
  it("stdin holds one credential a line, ID:SECRET or ID SECRET, blank lines ignored", () => {
    const creds = parseCredentialLines(`${ID}:s3cret:with:colons\n\n${ID2}   other secret \n`);
    expect(creds.map((c) => [c.accessKeyId, c.secretAccessKey.reveal()])).toEqual([
      [ID, "s3cret:with:colons"],
      [ID2, "other secret"],
    ]);
    // A Secret prints masked wherever it ends up.
    expect(JSON.stringify(creds)).not.toContain("s3cret");
  });

  it("a line that does not parse is refused by number, never echoed", () => {
    const bad = () => parseCredentialLines(`${ID}:ok\nnot-an-id-hunter2\n`);
    expect(bad).toThrow(UsageError);
    expect(bad).toThrow(/Line 2 of standard input/);
    try {
      bad();
    } catch (e) {
      expect((e as Error).message).not.toContain("hunter2");
    }
    expect(() => parseCredentialLines("\n\n")).toThrow(/held no credential/);
  });

  it("stdin wins; else both environment variables; one without the other is refused", async () => {
    const env = { KCS_XKS_ACCESS_KEY_ID: ID, KCS_XKS_SECRET_ACCESS_KEY: "env-secret" };
    const fromStdin = await readXksCredentials(true, env, async () => `${ID2}:stdin-secret\n`);
    expect(fromStdin.map((c) => c.accessKeyId)).toEqual([ID2]);
    const fromEnv = await readXksCredentials(false, env);
    expect(fromEnv.map((c) => [c.accessKeyId, c.secretAccessKey.reveal()])).toEqual([[ID, "env-secret"]]);
    expect(await readXksCredentials(false, {})).toEqual([]);
    await expect(readXksCredentials(false, { KCS_XKS_SECRET_ACCESS_KEY: "x" })).rejects.toThrow(
      /Set both KCS_XKS_ACCESS_KEY_ID and KCS_XKS_SECRET_ACCESS_KEY/,
    );
    await expect(
      readXksCredentials(false, { KCS_XKS_ACCESS_KEY_ID: "lower", KCS_XKS_SECRET_ACCESS_KEY: "x" }),
    ).rejects.toThrow(/not an XKS access key id/);
  });
});
