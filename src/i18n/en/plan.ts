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
  /**
   * The notes a plan holds. The plan's JSON keeps them in English (src/remediate/plan-words.ts fills
   * these templates for the planner and reads them back for a view): a sentence's variants are
   * separate templates, and an earlier template wins where two could match.
   */
  note: {
    keyLoss:
      "{{store}}: restoring {{backup}} loses the key material of {{count}} key(s) created after it ({{names}}), as --param AcceptKeyLoss=yes accepts",
    resetsPasswordUnknownTime:
      "{{store}}: {{runbook}} resets kmsuser's password: {{backup}} was taken at an unknown time, before the store's last connect ({{lastConnect}}), so it holds a password KMS no longer has",
    resetsPasswordUnknownTimeOld:
      "{{store}}: {{runbook}} resets kmsuser's password: {{backup}} was taken at an unknown time, before the 90 days CloudTrail keeps, so it holds a password KMS no longer has",
    resetsPassword:
      "{{store}}: {{runbook}} resets kmsuser's password: {{backup}} was taken {{taken}}, before the store's last connect ({{lastConnect}}), so it holds a password KMS no longer has",
    resetsPasswordOld:
      "{{store}}: {{runbook}} resets kmsuser's password: {{backup}} was taken {{taken}}, before the 90 days CloudTrail keeps, so it holds a password KMS no longer has",
    subnetTaken:
      "{{store}}: {{runbook}} restores into {{subnets}} in place of the cluster's own subnet there, which is gone or full; --param SubnetIds chooses others",
    subnetsTaken:
      "{{store}}: {{runbook}} restores into {{subnets}} in place of the cluster's own subnets there, which are gone or full; --param SubnetIds chooses others",
    leftForLater:
      "{{store}}: {{codes}} left for a run after the restore (the store is moving to another cluster)",
    foreignOrphans:
      "{{store}}: {{count}} orphaned backing key(s) on {{clusters}}, a cluster the store no longer uses and did not come from: delete them there by hand (kcs runbooks show {{runbook}})",
    vpcEndpointUriUnnamed:
      "{{store}}: a store with VPC_ENDPOINT_SERVICE connectivity must use https://<the private DNS name of its VPC endpoint service> as its endpoint",
    vpcEndpointUri:
      "{{store}}: a store with VPC_ENDPOINT_SERVICE connectivity must use https://<the private DNS name of {{service}}> as its endpoint",
  },
  /** Parts of the notes above. */
  noteParts: {
    andMore: "{{names}} and {{count}} more",
    subnet: "{{subnet}} ({{az}}, {{count}} free addresses)",
    itemSeparator: ", ",
  },
  /**
   * The `#` comments of manual steps' commands (src/remediate/actions/hsm-*.ts, xks-*.ts), which the
   * plan's JSON keeps in English; a view reads them back with these templates (an earlier one wins).
   */
  /**
   * What a manual step's command line holds where a secret goes (never the secret): the plan's JSON
   * keeps the English, src/remediate/actions/manual.ts writes it from here, a view says it in the run's language.
   */
  placeholder: {
    adminPassword: "<admin password>",
    newKmsuserPassword: "<the new kmsuser password>",
  },
  comment: {
    onClientOfCluster: "on a client instance of cluster {{cluster}}",
    onClientOfRestoredCluster: "on a client instance of the restored cluster {{cluster}}",
    newPasswordWhenAsked: "enter the new kmsuser password when asked",
    passwordWhenAskedNoMfa: "enter the kmsuser password when asked; no MFA",
    theNewPassword: "the new kmsuser password",
    exactlyOneKey: "exactly one key; check its backing key",
    mustMatchOneKey: "must match one key",
    everyCliSession: "in every cloudhsm-cli session logged in as kmsuser on cluster {{cluster}}",
    everyLegacySession: "in every key_mgmt_util or cloudhsm_mgmt_util session logged in as kmsuser",
    credential:
      "export KCS_XKS_ACCESS_KEY_ID and KCS_XKS_SECRET_ACCESS_KEY (the proxy credential) first; read the secret with: read -rs KCS_XKS_SECRET_ACCESS_KEY",
    runInUnnamedVpc:
      "run from an instance in the VPC of the VPC endpoint service: {{host}} is its private DNS name",
    runInVpc: "run from an instance in the VPC of {{service}}: {{host}} is its private DNS name",
    runAnywhere: "run from anywhere on the internet: KMS reaches {{host}} over its public endpoint",
    tlsNeeds:
      "KMS needs TLS 1.2 or later and a certificate that has not expired, names {{host}} in its subject or subjectAltName, and chains to a public CA KMS trusts (not self-signed)",
    tlsInstall:
      "install a certificate that passes (Verify return code: 0 (ok), notAfter in the future, the host name in subjectAltName) on the proxy or its load balancer",
    authorizationRefuses:
      "the proxy's secondary authorization (its own rules on the caller, kmsOperation and key) refuses KMS: allow it in the proxy's configuration",
    authorizationAnswers:
      "HTTP 403 (AccessDeniedException) means the rules still refuse; HTTP 200 means KMS can connect",
    healthNeeded:
      "needed: HTTP 200 in under 0.25s, JSON with xksProxyFleetSize and ekmFleetDetails, every ekmFleetDetails[].healthStatus ACTIVE",
    healthAnswers:
      "a connection error or timeout: the proxy or the network to it is down; an unparsable answer: the proxy's software; DEGRADED or UNAVAILABLE: the external key managers behind it",
    vpceNeeds:
      "KMS needs, in this account and {{region}}: ServiceState Available, AcceptanceRequired false, principal cks.kms.{{region}}.amazonaws.com allowed, a network load balancer in two or more Availability Zones, and PrivateDnsName {{host}} verified (PrivateDnsNameConfiguration.State verified)",
    vpceChange:
      "to change: aws ec2 modify-vpc-endpoint-service-configuration --service-id {{id}} --no-acceptance-required; aws ec2 modify-vpc-endpoint-service-permissions --service-id {{id}} --add-allowed-principals cks.kms.{{region}}.amazonaws.com; aws ec2 start-vpc-endpoint-service-private-dns-verification --service-id {{id}}",
    keyAnswers:
      'each answer must say "keySpec":"AES_256", "keyStatus":"ENABLED" and keyUsage with ENCRYPT and DECRYPT; enable or restore the key at the external key manager (a KMS key cannot move to another external key)',
  },
  /** The planner's refusals: a usage error (`kcs: ...`), never in a plan. */
  refuse: {
    line: "Cannot plan {{runbook}} for {{name}} ({{id}}): {{why}}",
    backupNotInLineage:
      "--param BackupId={{backup}} is not a READY backup of {{cluster}} or of the backup it came from (DescribeBackups shows {{count}} that are)",
    backupPredatesKey:
      "{{backup}} predates the store's newest key (created {{created}}), which it cannot hold",
    noBackupHoldsEveryKey:
      "no READY backup of {{cluster}} was taken after the store's newest key was created, so none holds every key; recover by hand",
    noBackupFits: "no READY backup of {{cluster}} fits; name one with --param BackupId=backup-...",
    keyLoss:
      "{{backup}} was taken {{taken}}, before {{count}} of the store's keys were created ({{names}}): restoring it loses their key material for good. Name an older-than-none backup with --param BackupId, or accept the loss with --param AcceptKeyLoss=yes",
    cannotChooseSubnets:
      "kcs cannot choose subnets: {{why}}. Name subnets in the cluster's VPC that exist and have {{needed}} or more free addresses, one per Availability Zone, with --param SubnetIds=subnet-a,subnet-b",
    namedSubnets:
      "kcs reads no EC2 state: name subnets that exist and have free addresses, one per Availability Zone, with --param SubnetIds=subnet-a,subnet-b",
    subnetsUnknown:
      "DescribeClusters no longer shows {{cluster}}, so its subnets are unknown: add --param SubnetIds=subnet-a,subnet-b",
    twoAzs: "the new cluster needs subnets in at least two Availability Zones",
    malformedSubnets: "--param SubnetIds has {{count}} value(s) that are not subnet ids (subnet-0123abcd…)",
    hsmType: "--param HsmType={{hsmType}} is not an HSM type CloudHSM offers ({{types}})",
    clusterNotVisible: "cluster {{cluster}} is not visible",
    fewerThanTwoAzs:
      "the cluster has subnets in fewer than two Availability Zones; restore it into two AZs instead",
    wrongStoreType: "step {{step}} ({{action}}) is for {{types}} stores, and this one is {{type}}",
    or: " or ",
    badInput: "step {{step}} would have {{path}}: {{message}}",
    noInput: "no input",
  },
} as const;
