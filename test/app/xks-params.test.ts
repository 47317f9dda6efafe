import { describe, expect, it } from "vitest";
import { parseParams } from "../../src/app/params.js";
import { UsageError } from "../../src/core/errors.js";

describe("--param XksProxyUriPath and XksProxyUriEndpoint (botocore's patterns)", () => {
  it.each(["/kms/xks/v1", "/example/kms/xks/v1", "/a/b_c-d/kms/xks/v12"])("takes the path %s", (path) => {
    expect(parseParams([`XksProxyUriPath=${path}`])).toEqual({ XksProxyUriPath: path });
  });

  it.each([
    ["no /kms/xks/vN ending", "/mine/kms/xks"],
    ["no leading slash", "mine/kms/xks/v1"],
    ["a query", "/kms/xks/v1?x=1"],
    ["shell syntax", "/$(id)/kms/xks/v1"],
    ["a newline", "/a\n/kms/xks/v1"],
    ["over 128 characters", `/${"a".repeat(130)}/kms/xks/v1`],
  ])("refuses a path with %s, in one line that does not echo it", (_why, path) => {
    const go = () => parseParams([`XksProxyUriPath=${path}`]);
    expect(go).toThrow(UsageError);
    expect(go).toThrow(
      /^--param XksProxyUriPath takes a path that starts with \/ and ends with \/kms\/xks\/v1/,
    );
    try {
      go();
    } catch (err) {
      expect((err as Error).message).not.toContain(path);
      expect((err as Error).message).not.toContain("\n");
    }
  });

  it("takes an https endpoint with a host name and nothing else", () => {
    expect(parseParams(["XksProxyUriEndpoint=https://xks.example.com"])).toEqual({
      XksProxyUriEndpoint: "https://xks.example.com",
    });
  });

  it.each([
    "http://xks.example.com",
    "https://xks.example.com/kms/xks/v1",
    "https://xks.example.com:8443",
    "https://x",
    "https://xks.example.com\u001b[2J",
  ])("refuses the endpoint %j", (endpoint) => {
    expect(() => parseParams([`XksProxyUriEndpoint=${endpoint}`])).toThrow(
      /^--param XksProxyUriEndpoint takes https:\/\/ and a host name/,
    );
  });
});
