import * as z from "zod";
import { t } from "../../i18n/index.js";
import {
  type Action,
  defineAction,
  EXTERNAL_ONLY,
  type ManualCommands,
  type PlanningContext,
} from "./action.js";
import { manualTask } from "./manual.js";
import {
  CREDENTIAL_NOTE,
  healthCheck,
  hostOf,
  shellLine,
  signedCurl,
  vpcEndpointServiceName,
  whereToRun,
  type XksStore,
  XksStoreInput,
  xksKeyId,
  xksStoreInput,
} from "./xks-commands.js";

/**
 * The manual steps of external key stores: what only the operator can change (the proxy's TLS
 * certificate, its authorization rules, its health, the VPC endpoint service, the external key), each
 * with the exact commands that show what is wrong. Done, as every manual step, only when a person
 * confirms it at a terminal, a --hsm-hook succeeds, or (sim backend) the simulated operator did it.
 */
function xksCheck<I extends XksStore>(spec: {
  expect: string;
  input: z.ZodType<I>;
  plan?: (p: PlanningContext) => Record<string, unknown>;
  what: (input: I) => string;
  commands: (input: I) => string[];
}): Action {
  const commands = (input: I): ManualCommands => ({ commands: spec.commands(input), legacyCommands: [] });
  return defineAction<I>({
    storeTypes: EXTERNAL_ONLY,
    kind: "manual",
    // The operator changes the proxy side (a certificate, a rule, a key): a change, though not kcs's.
    mutating: true,
    expect: spec.expect,
    plan: spec.plan ?? xksStoreInput,
    input: spec.input,
    commands,
    what: spec.what,
    run(input, step, _action, ctx, report) {
      return ctx.operator.perform(
        manualTask(step, input, spec.what(input), commands(input)),
        undefined,
        report,
      );
    },
  });
}

export const xksCheckProxyTls = xksCheck({
  expect: "the proxy presents a valid, unexpired certificate for its host name over TLS 1.2 or later",
  input: XksStoreInput,
  what: (s) => t("fix.what.proxyTls", { host: hostOf(s.UriEndpoint) }),
  commands: (s) => {
    const host = hostOf(s.UriEndpoint);
    return [
      `# KMS needs TLS 1.2 or later and a certificate that has not expired, names ${host} in its subject or subjectAltName, and chains to a public CA KMS trusts (not self-signed)`,
      whereToRun(s),
      `${shellLine(["openssl", "s_client", "-connect", `${host}:443`, "-servername", host, "-tls1_2"])} </dev/null`,
      `${shellLine(["openssl", "s_client", "-connect", `${host}:443`, "-servername", host, "-showcerts"])} </dev/null 2>/dev/null | ${shellLine(["openssl", "x509", "-noout", "-dates", "-subject", "-issuer", "-ext", "subjectAltName"])}`,
      "# install a certificate that passes (Verify return code: 0 (ok), notAfter in the future, the host name in subjectAltName) on the proxy or its load balancer",
    ];
  },
});

export const xksCheckProxyAuthorization = xksCheck({
  expect: "the proxy's authorization rules let KMS call it for this store",
  input: XksStoreInput,
  what: (s) => t("fix.what.proxyAuthorization", { host: hostOf(s.UriEndpoint) }),
  commands: (s) => [
    "# the proxy's secondary authorization (its own rules on the caller, kmsOperation and key) refuses KMS: allow it in the proxy's configuration",
    CREDENTIAL_NOTE,
    whereToRun(s),
    healthCheck(s),
    "# HTTP 403 (AccessDeniedException) means the rules still refuse; HTTP 200 means KMS can connect",
  ],
});

export const xksCheckProxyHealth = xksCheck({
  expect:
    "the proxy answers its health check within 250 ms, with a valid answer and every external key manager ACTIVE",
  input: XksStoreInput,
  what: (s) => t("fix.what.proxyHealth", { host: hostOf(s.UriEndpoint) }),
  commands: (s) => [
    CREDENTIAL_NOTE,
    whereToRun(s),
    shellLine(["getent", "hosts", hostOf(s.UriEndpoint)]),
    healthCheck(s),
    "# needed: HTTP 200 in under 0.25s, JSON with xksProxyFleetSize and ekmFleetDetails, every ekmFleetDetails[].healthStatus ACTIVE",
    "# a connection error or timeout: the proxy or the network to it is down; an unparsable answer: the proxy's software; DEGRADED or UNAVAILABLE: the external key managers behind it",
  ],
});

const VpcInput = XksStoreInput.extend({ VpcEndpointServiceName: vpcEndpointServiceName });

export const xksCheckVpcEndpointService = xksCheck({
  expect:
    "the VPC endpoint service exists and meets KMS's requirements (no acceptance, KMS allowed, two AZs, verified private DNS name)",
  input: VpcInput,
  what: (s) => t("fix.what.vpcEndpointService", { service: s.VpcEndpointServiceName }),
  commands: (s) => {
    const id = s.VpcEndpointServiceName.replace(/^.*\.(vpce-svc-[0-9a-z]+)$/, "$1");
    const config = [
      "aws",
      "ec2",
      "describe-vpc-endpoint-service-configurations",
      "--region",
      s.Region,
      "--filters",
      `Name=service-name,Values=${s.VpcEndpointServiceName}`,
    ];
    const nlb = shellLine([
      ...config,
      "--query",
      "ServiceConfigurations[0].NetworkLoadBalancerArns[0]",
      "--output",
      "text",
    ]);
    return [
      `# KMS needs, in this account and ${s.Region}: ServiceState Available, AcceptanceRequired false, principal cks.kms.${s.Region}.amazonaws.com allowed, a network load balancer in two or more Availability Zones, and PrivateDnsName ${hostOf(s.UriEndpoint)} verified (PrivateDnsNameConfiguration.State verified)`,
      shellLine(config),
      shellLine([
        "aws",
        "ec2",
        "describe-vpc-endpoint-service-permissions",
        "--region",
        s.Region,
        "--service-id",
        id,
      ]),
      `${shellLine(["aws", "elbv2", "describe-load-balancers", "--region", s.Region, "--load-balancer-arns"])} "$(${nlb})" ${shellLine(["--query", "LoadBalancers[0].AvailabilityZones[].ZoneName"])}`,
      `# to change: aws ec2 modify-vpc-endpoint-service-configuration --service-id ${id} --no-acceptance-required; aws ec2 modify-vpc-endpoint-service-permissions --service-id ${id} --add-allowed-principals cks.kms.${s.Region}.amazonaws.com; aws ec2 start-vpc-endpoint-service-private-dns-verification --service-id ${id}`,
    ];
  },
});

const KeyInput = XksStoreInput.extend({
  Keys: z
    .array(z.object({ KeyId: z.string().regex(/^[a-zA-Z0-9:/_-]{1,2048}$/), XksKeyId: xksKeyId }))
    .min(1),
});

export const xksCheckKey = xksCheck({
  expect: "each external key exists, is ENABLED, AES_256, and usable to ENCRYPT and DECRYPT",
  input: KeyInput,
  plan: (p) => {
    const ids = new Set(p.findings.flatMap((f) => f.keyIds));
    return {
      ...xksStoreInput(p),
      Keys: p.snapshot.keys
        .filter((k) => ids.has(k.keyId) && k.customKeyStoreId === p.store.customKeyStoreId)
        .map((k) => ({ KeyId: k.keyId, XksKeyId: k.xksKeyId })),
    };
  },
  what: (s) =>
    t("fix.what.externalKeys", { count: s.Keys.length, keys: s.Keys.map((k) => k.XksKeyId).join(", ") }),
  commands: (s) => [
    CREDENTIAL_NOTE,
    whereToRun(s),
    ...s.Keys.map((k) =>
      signedCurl(s, `/keys/${k.XksKeyId}/metadata`, {
        requestMetadata: { kmsOperation: "DescribeKey", kmsRequestId: "kcs-manual-check" },
      }),
    ),
    '# each answer must say "keySpec":"AES_256", "keyStatus":"ENABLED" and keyUsage with ENCRYPT and DECRYPT; enable or restore the key at the external key manager (a KMS key cannot move to another external key)',
  ],
});
