/** A plan as people read it (`kcs fix --dry-run` text and markdown): the words around its steps. */
export const plan = {
  header: "kcs plan · backend {{backend}} · {{region}} · {{createdAt}}",
  legend:
    "Legend: ~ mutating call · = read-only call · … wait · ✋ manual step (HSM or XKS proxy) · ✓ verify",
  action: "{{runbook}} on {{name}} {{id}}  fixes {{codes}}",
  parameter: "  parameter {{name}} = {{value}}   (from {{source}})",
  source: {
    "live state": "live state",
    "--param": "--param",
    default: "default",
    stdin: "stdin",
    env: "env",
    prompt: "prompt",
  },
  input: "        input:  {{text}}",
  when: "        when:   {{text}}",
  expect: "        expect: {{text}}",
  expectTimeout: "        expect: {{text}} (timeout {{timeout}})",
  undo: "        undo:   {{text}}",
  commands: "        commands:",
  cloudHsmCli: "        CloudHSM CLI:",
  legacy: "        legacy (Client SDK 3): {{commands}}",
  notInPlan: "Not in this plan: {{note}}.",
  dryRun:
    "Dry run: nothing was changed. Apply with kcs fix --yes, or save with --out plan.json and apply with kcs fix --plan plan.json.",
  summary: {
    nothing: "Plan: nothing to do.",
    line: "Plan: {{actions}}, {{mutating}}, {{waits}}{{longest}}, {{manual}}.",
    actions_one: "{{count}} action",
    actions_other: "{{count}} actions",
    mutating_one: "{{count}} mutating call",
    mutating_other: "{{count}} mutating calls",
    waits_one: "{{count}} wait",
    waits_other: "{{count}} waits",
    longest: " (longest {{duration}})",
    manual_one: "{{count}} manual step",
    manual_other: "{{count}} manual steps",
  },
  md: {
    heading: "## kcs fix plan",
    created: "Backend {{backend}}, region {{region}}, created {{createdAt}}.",
    notInPlan: "> **Not in this plan:** {{note}}.",
    action: "### {{runbook}} on {{name}} ({{id}})",
    fixes: "Fixes: {{codes}}",
    parameterHeader: "| parameter | value | from |",
    stepHeader: "| # | step | kind | call | mutating | expect |",
    yes: "**yes**",
    no: "no",
    manual: "<details><summary>Manual step: {{title}}</summary>",
    legacy: "Legacy (Client SDK 3):",
  },
  /** What each action's step expects, as its module says it (src/remediate/actions/). */
  expectOf: {
    kms: {
      disconnect: "ConnectionState DISCONNECTING, then DISCONNECTED; keys read Unavailable",
      connect: "ConnectionState CONNECTING",
      "update-password": "KMS knows the new kmsuser password; the store stays DISCONNECTED",
      "update-cluster": "the store names the restored cluster; it stays DISCONNECTED",
      "check-key-deleted": "NotFoundException; anything else stops the run before any change",
      "update-xks-credential": "KMS signs its requests to the XKS proxy with the new credential",
      "update-xks-uri": "KMS calls the proxy at the corrected endpoint and path",
    },
    cloudhsm: {
      "create-cluster-from-backup":
        "a cluster, CREATE_IN_PROGRESS then UNINITIALIZED (restored: ACTIVE once an HSM is added)",
      "create-hsm": "an HSM, CREATE_IN_PROGRESS then ACTIVE",
    },
    wait: {
      "store-disconnected": "ConnectionState DISCONNECTED",
      "store-connected": "ConnectionState CONNECTED; FAILED stops the run with its error code",
      "store-settled": "ConnectionState CONNECTED or DISCONNECTED; FAILED stops the run",
      "cluster-active": "cluster State ACTIVE",
      "hsms-active": "ACTIVE HSMs in two Availability Zones",
    },
    hsm: {
      "set-kmsuser-password": "kmsuser has the new password and is unlocked",
      "create-kmsuser": "a crypto user kmsuser exists, without MFA",
      "logout-kmsuser": "no session is logged in as kmsuser",
      "delete-key-material": "no key labelled with the deleted KMS key's ARN remains",
      "verify-key-material": "one key labelled with each missing KMS key's ARN",
    },
    xks: {
      "check-proxy-tls":
        "the proxy presents a valid, unexpired certificate for its host name over TLS 1.2 or later",
      "check-proxy-authorization": "the proxy's authorization rules let KMS call it for this store",
      "check-proxy-health":
        "the proxy answers its health check within 250 ms, with a valid answer and every external key manager ACTIVE",
      "check-vpc-endpoint-service":
        "the VPC endpoint service exists and meets KMS's requirements (no acceptance, KMS allowed, two AZs, verified private DNS name)",
      "check-key": "each external key exists, is ENABLED, AES_256, and usable to ENCRYPT and DECRYPT",
    },
    verify: { doctor: "the targeted findings are gone" },
  },
} as const;
