import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { viewFor } from "../../src/cli/views/index.js";
import { styleFor } from "../../src/cli/views/style.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import type { Snapshot, StoreFacts } from "../../src/gather/snapshot.js";
import { buildReport, doctorExitCode } from "../../src/report/doctor-report.js";
import { externalStore, key, snapshot } from "../diagnose/fixtures.js";
import { expectDocument } from "../helpers/kcs-json.js";

const XKS_ID = "cks-00000000000000xks";
const PLAIN = styleFor(false);

function xks(over: Partial<StoreFacts> = {}): StoreFacts {
  return externalStore({
    connectionState: "FAILED",
    connectionErrorCode: "XKS_PROXY_NOT_REACHABLE",
    xksProxy: {
      connectivity: "VPC_ENDPOINT_SERVICE",
      uriEndpoint: "https://xks.example.com",
      uriPath: "/example/kms/xks/v1",
      vpcEndpointServiceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0",
      accessKeyId: "ABCDEFGHIJKLMNOPQRST",
    },
    ...over,
  });
}

const world = (store: StoreFacts, over: Partial<Snapshot> = {}) =>
  snapshot({
    stores: [store],
    clusters: {},
    keys: [key("Unavailable", { customKeyStoreId: XKS_ID })],
    ...over,
  });

describe("doctor's report of an external key store", () => {
  it("a FAILED XKS store has its finding and makes doctor exit 2", () => {
    const s = world(xks());
    const report = buildReport(s, diagnose(s));
    expect(report.findings.map((f) => f.code)).toEqual(["XKS_PROXY_NOT_REACHABLE"]);
    expect(report.findings[0]).toMatchObject({
      cloudHsmClusterId: null,
      docs: "https://docs.aws.amazon.com/kms/latest/developerguide/xks-troubleshooting.html",
    });
    expect(doctorExitCode(report)).toBe(2);
    expect(report.stores[0]).toMatchObject({ healthy: false, status: "needs-attention" });
  });

  it("the store entry carries the proxy's connectivity, endpoint, path and endpoint service instead of a cluster", () => {
    const s = world(xks());
    const report = buildReport(s, diagnose(s));
    expect(report.stores[0]).toMatchObject({
      xksProxyConnectivity: "VPC_ENDPOINT_SERVICE",
      xksProxyUriEndpoint: "https://xks.example.com",
      xksProxyUriPath: "/example/kms/xks/v1",
      xksProxyVpcEndpointServiceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0",
    });
    expect(report.stores[0]).not.toHaveProperty("cloudHsmClusterId");
    // The access key id is not secret, but the contract does not print it.
    expect(JSON.stringify(report)).not.toContain("ABCDEFGHIJKLMNOPQRST");
    expect(() => expectDocument("kcs-doctor-report", JSON.parse(JSON.stringify(report)))).not.toThrow();
  });

  it("a public-endpoint store has no endpoint service field", () => {
    const s = world(
      xks({
        xksProxy: { connectivity: "PUBLIC_ENDPOINT", uriEndpoint: "https://x", uriPath: "/kms/xks/v1" },
      }),
    );
    expect(buildReport(s, diagnose(s)).stores[0]).not.toHaveProperty("xksProxyVpcEndpointServiceName");
  });

  it("under --probe the store says whether the proxy was probed, and what was seen or why not", () => {
    const skipped = world(xks(), {
      xksProbes: [{ customKeyStoreId: XKS_ID, skipped: "no credential for access key id ABCD…" }],
    });
    expect(buildReport(skipped, diagnose(skipped)).stores[0]?.xksProbe).toEqual({
      status: "skipped",
      detail: "no credential for access key id ABCD…",
    });
    const probed = world(xks({ connectionState: "CONNECTED", connectionErrorCode: undefined }), {
      xksProbes: [
        {
          customKeyStoreId: XKS_ID,
          health: {
            outcome: "ok",
            latencyMs: 41.6,
            httpStatus: 200,
            keyManagers: [{ id: "km-1", healthStatus: "ACTIVE" }],
          },
          keys: [],
        },
      ],
    });
    const report = buildReport(probed, diagnose(probed));
    expect(report.stores[0]?.xksProbe).toEqual({
      status: "probed",
      detail: "GetHealthStatus ok 200 42 ms; key managers: km-1 ACTIVE; no external key to describe",
    });
    expect(() => expectDocument("kcs-doctor-report", JSON.parse(JSON.stringify(report)))).not.toThrow();
    // Without --probe there is no such field at all.
    const plain = world(xks());
    expect(buildReport(plain, diagnose(plain)).stores[0]).not.toHaveProperty("xksProbe");
  });

  it("text shows the endpoint and path, the connectivity and the probe line on the store's lines", async () => {
    const s = world(xks(), { xksProbes: [{ customKeyStoreId: XKS_ID, skipped: "no credential given" }] });
    const out = (await viewFor("text")).doctor(buildReport(s, diagnose(s)), PLAIN);
    expect(out).toContain(
      "external key store · XKS proxy https://xks.example.com/example/kms/xks/v1 (VPC_ENDPOINT_SERVICE via com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0) · FAILED (XKS_PROXY_NOT_REACHABLE)",
    );
    expect(out).toContain("  probe skipped: no credential given");
    expect(out).toContain("XKS_PROXY_NOT_REACHABLE");
    const md = (await viewFor("markdown")).doctor(buildReport(s, diagnose(s)), PLAIN);
    expect(md).toContain("`https://xks.example.com/example/kms/xks/v1`");
    expect(md).toContain("probe");
  });

  it("hostile proxy strings (escapes, newlines) in the endpoint or path render safely", async () => {
    const HOSTILE =
      "https://x\u001b]0;pwned\u0007\u001b[2J\n✔ All 9 custom key stores healthy\r</details>```\n# H <img src=x>";
    const s = world(
      xks({
        xksProxy: {
          connectivity: "PUBLIC_ENDPOINT",
          uriEndpoint: HOSTILE,
          uriPath: `/p\n# forged${HOSTILE}`,
        },
      }),
      { xksProbes: [{ customKeyStoreId: XKS_ID, skipped: `because ${HOSTILE}` }] },
    );
    const report = buildReport(s, diagnose(s));
    const text = (await viewFor("text")).doctor(report, PLAIN);
    for (const c of ["\u001b", "\u0007", "\r"]) expect(text).not.toContain(c);
    expect(text.split("\n").some((l) => l.startsWith("✔ All 9"))).toBe(false);
    const md = (await viewFor("markdown")).doctor(report, PLAIN);
    const html = new MarkdownIt({ html: true }).render(md);
    expect(html).not.toMatch(/<img|<h1>/);
    expect(html.match(/<details>/g)?.length ?? 0).toBe(html.match(/<\/details>/g)?.length ?? 0);
    const json = (await viewFor("json")).doctor(report, PLAIN);
    expect(JSON.parse(json).stores[0].xksProxyUriEndpoint).toBe(HOSTILE);
  });
});
