import { describe, expect, it } from "vitest";
import { checkProxyCredential, parseProxyCredential } from "../../src/core/proxy-credential.js";
import { MASK } from "../../src/core/secret.js";

const ID = "ABCDEFGHIJKLMNOPQRST234567";
const SECRET = "K7MDENG/bPxRfiCYEXAMPLEKEY+wJalrXUtnFEMI/K7M=";

describe("the XKS proxy credential kcs fix is given", () => {
  it.each([`${ID}:${SECRET}`, `${ID} ${SECRET}`, `  ${ID}:${SECRET}  `])("reads %j", (line) => {
    const c = parseProxyCredential(line);
    expect("refused" in c).toBe(false);
    if ("refused" in c) return;
    expect(c.accessKeyId.reveal()).toBe(ID);
    expect(c.secretAccessKey.reveal()).toBe(SECRET);
    // Both parts print as the mask wherever they end up by accident.
    expect(JSON.stringify(c)).toBe(`{"accessKeyId":"${MASK}","secretAccessKey":"${MASK}"}`);
    expect(`${c.accessKeyId} ${c.secretAccessKey}`).toBe(`${MASK} ${MASK}`);
  });

  it.each([
    ["no separator", `${ID}${SECRET}`, /not ACCESS_KEY_ID:SECRET_ACCESS_KEY/],
    ["a lowercase access key id", `abcdefghijklmnopqrst:${SECRET}`, /access key id is not 20 to 30/],
    ["a short access key id", `ABCDEFG:${SECRET}`, /access key id is not 20 to 30/],
    ["a short secret", `${ID}:tooShort`, /secret access key is not 43 to 64/],
    [
      "a secret with a space-free but foreign character",
      `${ID}:${SECRET.slice(0, 44)}!`,
      /secret access key/,
    ],
  ])("refuses %s without repeating either part", (_why, line, reason) => {
    const c = parseProxyCredential(line);
    expect(c).toHaveProperty("refused");
    const { refused } = c as { refused: string };
    expect(refused).toMatch(reason);
    expect(refused).not.toContain(SECRET.slice(0, 10));
    expect(refused).not.toContain(ID.slice(0, 10));
  });

  it("checks the two parts from the environment by the same rules", () => {
    expect(checkProxyCredential(ID, SECRET)).not.toHaveProperty("refused");
    expect(checkProxyCredential(ID, "")).toHaveProperty("refused");
  });
});
