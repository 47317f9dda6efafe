import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openWorldFile } from "../../src/backend/sim.js";
import { runKcs, tempDir } from "../helpers/cli.js";
import { parseDocument } from "../helpers/kcs-json.js";
import { initWorld } from "../helpers/world-file.js";

/**
 * kcs doctor --probe on an external key store, as a process: the proxy's secret given on stdin or in
 * the environment reaches the proxy (the probe works) and nowhere else; given as an argument, it is
 * refused without being repeated.
 */
const ACCESS_KEY_ID = "ABCDEFGHIJKLMNOPQRST2345";
const SECRET = "Yk3vW8xq0nD2mP5sR7tU9wZ1bC4eF6hJ8kL0nQ2sT4v=";
const XKS_ID = "cks-0123456789abcdef9";

interface Report {
  stores: { customKeyStoreId: string; xksProbe?: { status: string; detail: string } }[];
  findings: { code: string; customKeyStoreId: string }[];
  errors: { service: string; code: string; message: string }[];
}

/** A healthy world plus a CONNECTED external store whose proxy has one DEGRADED key manager. */
function xksWorld(path: string): string {
  initWorld(path, "healthy");
  openWorldFile(path).update((w) => {
    const template = w.keys[0]!;
    w.stores.push({
      CustomKeyStoreId: XKS_ID,
      CustomKeyStoreName: "partner-xks",
      CustomKeyStoreType: "EXTERNAL_KEY_STORE",
      ConnectionState: "CONNECTED",
      CreationDate: w.stores[0]!.CreationDate,
      XksProxyConfiguration: {
        Connectivity: "PUBLIC_ENDPOINT",
        AccessKeyId: ACCESS_KEY_ID,
        UriEndpoint: "https://xks.partner.example.com",
        UriPath: "/example/kms/xks/v1",
      },
      xksSecretAccessKey: SECRET,
    });
    const keyId = "1234abcd-12ab-34cd-56ef-0000000000e1";
    w.keys.push({
      ...template,
      KeyId: keyId,
      Arn: template.Arn.replace(/key\/.*$/, `key/${keyId}`),
      Origin: "EXTERNAL_KEY_STORE",
      CustomKeyStoreId: XKS_ID,
      baseState: "Enabled",
      xksKeyId: "ext-key-1",
      Description: "partner key",
    });
    for (const k of ["CloudHsmClusterId", "backingKeyId", "materialHex"] as const) delete w.keys.at(-1)![k];
    w.xksProxies = [
      {
        uriEndpoint: "https://xks.partner.example.com",
        uriPath: "/example",
        credential: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
        vendor: "Acme Corp",
        model: "Acme XKS Proxy 1.0",
        ekmVendor: "Example HSM Co",
        fleetSize: 2,
        keyManagers: [
          { id: "ekm-1", model: "M5", healthStatus: "ACTIVE" },
          { id: "ekm-2", model: "M5", healthStatus: "DEGRADED" },
        ],
        keys: [
          {
            keyId: "ext-key-1",
            keySpec: "AES_256",
            keyUsage: ["ENCRYPT", "DECRYPT"],
            keyStatus: "ENABLED",
            material: "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
          },
        ],
        faults: {},
      },
    ];
  });
  return path;
}

const expectNoSecret = (res: { stdout: string; stderr: string }) => {
  expect(res.stdout).not.toContain(SECRET);
  expect(res.stderr).not.toContain(SECRET);
};

describe.concurrent("kcs doctor --probe on an external key store", () => {
  const dir = tempDir("kcs-doctor-xks-");
  let state: string;
  beforeAll(() => {
    state = xksWorld(join(dir, "xks.json"));
  });

  it("a credential on stdin probes the proxy (a degraded key manager: exit 2) and its secret appears nowhere", async () => {
    const res = await runKcs(
      ["doctor", "--probe", "--xks-credential-stdin", "-o", "json", "--sim-state", state],
      { input: `${ACCESS_KEY_ID}:${SECRET}\n` },
    );
    expectNoSecret(res);
    expect(res.code, res.stderr).toBe(2);
    const report = parseDocument<Report>(res.stdout, "kcs-doctor-report");
    expect(report.findings.filter((f) => f.customKeyStoreId === XKS_ID).map((f) => f.code)).toEqual([
      "XKS_PROXY_DEGRADED",
    ]);
    const store = report.stores.find((s) => s.customKeyStoreId === XKS_ID)!;
    expect(store.xksProbe).toMatchObject({
      status: "probed",
      detail: expect.stringMatching(/ekm-2 DEGRADED/),
    });
  });

  it("a credential in the environment probes too, in text, and its secret appears nowhere", async () => {
    const res = await runKcs(["doctor", "--probe", "--sim-state", state], {
      env: { KCS_XKS_ACCESS_KEY_ID: ACCESS_KEY_ID, KCS_XKS_SECRET_ACCESS_KEY: SECRET },
    });
    expectNoSecret(res);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stdout).toContain("XKS_PROXY_DEGRADED");
    expect(res.stdout).toContain(
      "XKS proxy https://xks.partner.example.com/example/kms/xks/v1 (PUBLIC_ENDPOINT)",
    );
  });

  it("a wrong credential is reported as the operator's, not as the store's INVALID_CREDENTIALS, and is not echoed", async () => {
    const wrong = "WrongSecretWrongSecretWrongSecret000000000=";
    const res = await runKcs(
      ["doctor", "--probe", "--xks-credential-stdin", "-o", "json", "--sim-state", state],
      {
        input: `${ACCESS_KEY_ID} ${wrong}\n`,
      },
    );
    expect(res.stdout + res.stderr).not.toContain(wrong);
    expect(res.code, res.stderr).toBe(1);
    const report = parseDocument<Report>(res.stdout, "kcs-doctor-report");
    expect(report.findings.map((f) => f.code)).not.toContain("INVALID_CREDENTIALS");
    expect(report.errors).toEqual([
      expect.objectContaining({
        service: "xks-proxy",
        code: "AuthenticationFailedException",
        message: expect.stringMatching(/rejected the credential given to kcs/),
      }),
    ]);
  });

  it("without a credential (no terminal to ask at) the probe is skipped, saying why", async () => {
    const res = await runKcs(["doctor", "--probe", "--sim-state", state]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(
      /probe skipped: no proxy credential was given for its access key id ABCDEFGHIJKLMNOPQRST2345/,
    );
  });

  it("a secret given as an argument is refused and never repeated", async () => {
    for (const args of [
      ["--xks-secret-access-key", SECRET],
      [`--xks-secret-access-key=${SECRET}`],
      [SECRET],
    ]) {
      const res = await runKcs(["doctor", "--probe", ...args, "--sim-state", state]);
      expect(res.code, args.join(" ")).toBe(1);
      expectNoSecret(res);
      expect(res.stdout).toBe("");
    }
    const named = await runKcs([
      "doctor",
      "--probe",
      "--xks-secret-access-key",
      SECRET,
      "--sim-state",
      state,
    ]);
    expect(named.stderr).toMatch(/takes no proxy secret on the command line/);
  });
});
