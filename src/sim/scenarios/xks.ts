// Scenarios for external key stores: every XKS connection error code of the contract, a healthy
// external store, the two conditions only a probe shows (a degraded key manager, an external key
// disabled at the proxy) and a mixed fleet. Each builds the healthy CloudHSM backbone, adds a partner's
// proxy and an external store made through real API calls, then breaks the proxy side the way its
// operators do and reconnects, so the FAILED state and its code come from the simulated health check.
import { DAY, HOUR, MINUTE } from "../clock.js";
import type { SimXksProxy, VpcEndpointService } from "../world.js";
import type { Scenario } from "./catalog.js";
import { standardWorld, storyPassword } from "./standard.js";
import type { Story } from "./story.js";
import { addEndpointService, addProxy, CREDENTIAL_HINT, proxySecret } from "./xks-world.js";

export const PARTNER_STORE = "partner-xks";
const PUBLIC_HOST = "xks.partner.example.com";
const PRIVATE_HOST = "xks-private.partner.example.com";
const ACCESS_KEY_ID = "PARTNERXKSACCESSKEY2";

export interface ExternalStore {
  storeId: string;
  proxy: SimXksProxy;
  service?: VpcEndpointService;
  keyArns: string[];
}

/** The partner's proxy, its external keys, and a CONNECTED external store with a KMS key per external key. */
export function partnerStore(
  story: Story,
  opts: { vpc?: boolean; name?: string; host?: string } = {},
): ExternalStore {
  const world = story.world;
  const host = opts.host ?? (opts.vpc ? PRIVATE_HOST : PUBLIC_HOST);
  const name = opts.name ?? PARTNER_STORE;
  const secret = proxySecret(world, name);
  const keyIds = [0, 1, 2, 3].map((i) => `${name}-key-${i}`);
  const proxy = addProxy(world, {
    uriEndpoint: `https://${host}`,
    uriPath: "/acme",
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: secret,
    keyIds,
  });
  const service = opts.vpc ? addEndpointService(world, host) : undefined;
  const out = story.kms("CreateCustomKeyStore", {
    CustomKeyStoreName: name,
    CustomKeyStoreType: "EXTERNAL_KEY_STORE",
    XksProxyConnectivity: opts.vpc ? "VPC_ENDPOINT_SERVICE" : "PUBLIC_ENDPOINT",
    XksProxyUriEndpoint: `https://${host}`,
    XksProxyUriPath: "/acme/kms/xks/v1",
    ...(service ? { XksProxyVpcEndpointServiceName: service.ServiceName } : {}),
    XksProxyAuthenticationCredential: { AccessKeyId: ACCESS_KEY_ID, RawSecretAccessKey: secret },
  });
  const storeId = out.CustomKeyStoreId as string;
  story.connect(storeId);
  const keyArns = keyIds.map((xksKeyId) => {
    const key = story.kms("CreateKey", {
      CustomKeyStoreId: storeId,
      Origin: "EXTERNAL_KEY_STORE",
      XksKeyId: xksKeyId,
      Description: `${xksKeyId} (${name})`,
    });
    const arn = (key.KeyMetadata as { Arn: string }).Arn;
    story.kms("Encrypt", { KeyId: arn, Plaintext: Buffer.from("partner data").toString("base64") });
    story.advance(HOUR);
    return arn;
  });
  return { storeId, proxy, service, keyArns };
}

/** A disconnect and a reconnect after the proxy side changed: how a FAILED state arises. */
function reconnect(story: Story, storeId: string, endAt: number, breakIt: () => void): void {
  story.until(endAt, 3 * HOUR).disconnect(storeId);
  breakIt();
  story.until(endAt, 2 * HOUR).connect(storeId);
}

interface FailedSpec {
  name: string;
  what: string;
  code: string;
  vpc?: boolean;
  breakIt: (x: ExternalStore, story: Story) => void;
}

function failedXks(spec: FailedSpec): Scenario {
  return {
    name: spec.name,
    description: `${spec.what}: the external store's reconnect FAILED with ${spec.code} (${CREDENTIAL_HINT})`,
    findings: [spec.code],
    build(endAt) {
      const w = standardWorld({ scenario: spec.name, endAt });
      const x = partnerStore(w.story, { vpc: spec.vpc });
      reconnect(w.story, x.storeId, endAt, () => spec.breakIt(x, w.story));
      return w.story.finish(endAt, Date.now());
    },
  };
}

const FAILED: FailedSpec[] = [
  {
    name: "xks-invalid-credentials",
    what: "The partner rotated the proxy's credential without telling KMS",
    code: "INVALID_CREDENTIALS",
    breakIt: (x, story) => {
      x.proxy.credential.secretAccessKey = proxySecret(story.world, "partner-rotated");
    },
  },
  {
    name: "xks-access-denied",
    what: "A new authorization rule on the proxy refuses KMS",
    code: "XKS_PROXY_ACCESS_DENIED",
    breakIt: (x) => {
      x.proxy.faults.accessDenied = true;
    },
  },
  {
    name: "xks-invalid-configuration",
    what: "A proxy upgrade moved its API to another path prefix, so the store's XksProxyUriPath is wrong",
    code: "XKS_PROXY_INVALID_CONFIGURATION",
    breakIt: (x) => {
      x.proxy.uriPath = "/acme-v2";
    },
  },
  {
    name: "xks-invalid-response",
    what: "A faulty proxy release answers GetHealthStatus without the fields the spec requires",
    code: "XKS_PROXY_INVALID_RESPONSE",
    breakIt: (x) => {
      x.proxy.faults.invalidResponse = "missing-fields";
    },
  },
  {
    name: "xks-tls",
    what: "The proxy's TLS certificate expired",
    code: "XKS_PROXY_INVALID_TLS_CONFIGURATION",
    breakIt: (x) => {
      x.proxy.faults.tls = { failed: true, reason: "certificate expired" };
    },
  },
  {
    name: "xks-not-reachable",
    what: "The proxy is down",
    code: "XKS_PROXY_NOT_REACHABLE",
    breakIt: (x) => {
      x.proxy.faults.unreachable = true;
    },
  },
  {
    name: "xks-ekm-unavailable",
    what: "Every external key manager behind the proxy is UNAVAILABLE",
    code: "XKS_PROXY_NOT_REACHABLE",
    breakIt: (x) => {
      for (const m of x.proxy.keyManagers) m.healthStatus = "UNAVAILABLE";
    },
  },
  {
    name: "xks-timed-out",
    what: "The proxy now answers in 400 ms, over KMS's 250 ms limit",
    code: "XKS_PROXY_TIMED_OUT",
    breakIt: (x) => {
      x.proxy.faults.latencyMs = 400;
    },
  },
  {
    name: "xks-vpce-invalid",
    what: "Someone made the proxy's VPC endpoint service require acceptance",
    code: "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION",
    vpc: true,
    breakIt: (x) => {
      x.service!.AcceptanceRequired = true;
    },
  },
  {
    name: "xks-vpce-not-found",
    what: "KMS's principal was removed from the VPC endpoint service's allowed principals",
    code: "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND",
    vpc: true,
    breakIt: (x) => {
      x.service!.AllowedPrincipals = [];
    },
  },
];

export const XKS_SCENARIOS: Scenario[] = [
  {
    name: "xks-healthy",
    description: `The CloudHSM backbone plus a CONNECTED external key store whose proxy and keys are healthy (${CREDENTIAL_HINT})`,
    findings: [],
    build(endAt) {
      const w = standardWorld({ scenario: "xks-healthy", endAt });
      partnerStore(w.story);
      return w.story.finish(endAt, Date.now());
    },
  },
  ...FAILED.map(failedXks),
  {
    name: "xks-degraded",
    needsProbe: true,
    description: `The external store is CONNECTED but one of its two key managers is DEGRADED: only a health probe shows it (${CREDENTIAL_HINT})`,
    findings: ["XKS_PROXY_DEGRADED"],
    build(endAt) {
      const w = standardWorld({ scenario: "xks-degraded", endAt });
      const x = partnerStore(w.story);
      w.story.until(endAt, 1 * HOUR);
      x.proxy.keyManagers[1]!.healthStatus = "DEGRADED";
      return w.story.finish(endAt, Date.now());
    },
  },
  {
    name: "xks-key-unusable",
    needsProbe: true,
    description: `The external store is CONNECTED but one external key was disabled at the proxy: its KMS key reads Enabled and fails every operation (${CREDENTIAL_HINT})`,
    findings: ["XKS_KEY_UNUSABLE"],
    build(endAt) {
      const w = standardWorld({ scenario: "xks-key-unusable", endAt });
      const x = partnerStore(w.story);
      w.story.until(endAt, 1 * DAY);
      x.proxy.keys[1]!.keyStatus = "DISABLED";
      return w.story.finish(endAt, Date.now());
    },
  },
  {
    name: "mixed-fleet",
    description: `CloudHSM and external stores failing at once: kmsuser's password changed by hand (INVALID_CREDENTIALS), one proxy down, another (behind a VPC endpoint service) too slow (${CREDENTIAL_HINT})`,
    findings: ["INVALID_CREDENTIALS", "XKS_PROXY_NOT_REACHABLE", "XKS_PROXY_TIMED_OUT"],
    build(endAt) {
      const w = standardWorld({ scenario: "mixed-fleet", endAt });
      const s = w.story;
      const partner = partnerStore(s);
      const vault = partnerStore(s, { name: "vault-xks", host: "xks.vault.example.net", vpc: true });
      s.until(endAt, 6 * HOUR).disconnect(w.storeId);
      s.operatorChangesPassword(w.cluster, storyPassword(s, "mixed-manual"));
      s.until(endAt, 5 * HOUR).connect(w.storeId);
      reconnect(s, partner.storeId, endAt, () => {
        partner.proxy.faults.unreachable = true;
      });
      s.advance(10 * MINUTE);
      s.disconnect(vault.storeId);
      vault.proxy.faults.latencyMs = 600;
      s.connect(vault.storeId);
      return s.finish(endAt, Date.now());
    },
  },
];
