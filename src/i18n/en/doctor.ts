/** kcs doctor's words: its text and markdown views, the impact headline, its help page and error lines. */
export const doctor = {
  /** Counted nouns, each with its number ("3 KMS keys"); other messages take them whole. */
  n: {
    account_one: "{{count}} account",
    account_other: "{{count}} accounts",
    region_one: "{{count}} Region",
    region_other: "{{count}} Regions",
    kmsKey_one: "{{count}} KMS key",
    kmsKey_other: "{{count}} KMS keys",
    store_one: "{{count}} store",
    store_other: "{{count}} stores",
    customKeyStore_one: "{{count}} custom key store",
    customKeyStore_other: "{{count}} custom key stores",
    read_one: "{{count}} read",
    read_other: "{{count}} reads",
    key_one: "{{count}} key",
    key_other: "{{count}} keys",
    error_one: "{{count}} error",
    error_other: "{{count}} errors",
    warning_one: "{{count}} warning",
    warning_other: "{{count}} warnings",
    info: "{{n}} info",
  },
  /** Evidence fields as the text view labels them; JSON keeps the field names. */
  evidence: {
    connectionState: "connectionState",
    connectionErrorCode: "connectionErrorCode",
    cloudHsmClusterId: "cloudHsmClusterId",
    clusterState: "clusterState",
    activeHsms: "activeHsms",
    hsms: "hsms",
    availabilityZones: "availabilityZones",
    probe: "probe",
    keys: "keys",
    foundBy: "foundBy",
    keyArn: "keyArn",
    backingKeyId: "backingKeyId",
    keyHandle: "keyHandle",
    eventId: "eventId",
    eventTime: "eventTime",
    cloudtrailDir: "cloudtrailDir",
    missingSubnets: "missingSubnets",
    fullSubnets: "fullSubnets",
    securityGroup: "securityGroup",
    securityGroupState: "securityGroupState",
    missingRules: "missingRules",
    xksProxyConnectivity: "xksProxyConnectivity",
    xksProxyUriEndpoint: "xksProxyUriEndpoint",
    xksProxyUriPath: "xksProxyUriPath",
    xksProxyVpcEndpointServiceName: "xksProxyVpcEndpointServiceName",
    probeHealth: "probeHealth",
    keyManagers: "keyManagers",
    slowest: "slowest",
    diagnoser: "diagnoser",
    error: "error",
  },
  severity: { error: "error", warning: "warning", info: "info" },
  status: {
    healthy: "healthy",
    connecting: "connecting",
    disconnecting: "disconnecting",
    unknown: "unknown: a read failed",
    needsAttention: "needs attention",
  },
  text: {
    none: "none",
    noStores: "No custom key stores in this account and Region.",
    noStoresFleet: "No custom key stores in these accounts and Regions.",
    unusableKeys: " · {{keys}} unusable now ({{worst}})",
    noUnusableKey: " · no KMS key unusable",
    unknownStores: " · {{stores}} unknown: {{reads}} failed",
    allHealthy: "All {{stores}} healthy",
    needAttention_one: "{{count}} of {{stores}} needs attention",
    needAttention_other: "{{count}} of {{stores}} need attention",
    fromSnapshot:
      "From a snapshot read at {{readAt}} by {{generatedBy}}: the state then, not now (no AWS call was made).",
    noCluster: "(no cluster)",
    noEndpoint: "(no endpoint)",
    unknownConnectivity: "unknown connectivity",
    via: " via {{service}}",
    externalStore: "external key store · XKS proxy {{where}} ({{connectivity}}{{via}})",
    since: " since {{when}}",
    unusable: ", {{n}} unusable",
    probe: "probe {{detail}}",
    probeSkipped: "probe skipped: {{detail}}",
    keysLabel: "keys: {{keys}}",
    sinceLabel: "since {{when}}",
    docsLabel: "AWS docs: {{docs}}",
    runbook: "(runbook {{runbook}})",
    readFailed: "! could not read {{what}}{{where}}: {{code}}: {{message}}",
    readFailedWhere: " in {{place}}",
    scope: "{{accounts}} × {{regions}}: {{read}} read",
    scopeFailed: "{{accounts}} × {{regions}}: {{read}} read, {{failed}} failed",
    summary:
      "{{stores}} checked ({{backend}}, {{scope}}): {{attention}} · {{errors}}, {{warnings}}, {{info}}",
    attention_one: "{{count}} needs attention",
    attention_other: "{{count}} need attention",
    readsFailed: " · {{reads}} failed",
    /** "2026-11-30 09:12 UTC (3h 5m ago)" */
    ago: "{{at}} ({{ago}} ago)",
    minutes: "{{m}}m",
    hoursMinutes: "{{h}}h {{m}}m",
    daysHours: "{{d}}d {{h}}h",
  },
  markdown: {
    allHealthy: "## kcs doctor: all custom key stores healthy",
    needAttention: "## kcs doctor: {{count}} of {{total}} custom key stores need attention",
    noUnusableKey: "No KMS key is unusable.",
    unusableKeys_one: "{{count}} KMS key is unusable now.",
    unusableKeys_other: "{{count}} KMS keys are unusable now.",
    unknown_one: " {{count}} store's health is unknown: a read failed.",
    unknown_other: " {{count}} stores' health is unknown: a read failed.",
    fleetLine: "Backend {{backend}}, {{n}} accounts and Regions ({{targets}}), {{at}}.",
    targetFailed: " failed",
    line: "Backend {{backend}}, region {{region}}, {{at}}.",
    fromSnapshot: "From a snapshot read at {{readAt}} by {{generatedBy}}: the state then, not now.",
    column: {
      account: "account",
      region: "region",
      store: "store",
      id: "id",
      state: "state",
      backing: "cluster or proxy",
      keys: "keys",
      unusable: "unusable",
      status: "status",
      service: "service",
      operation: "operation",
      code: "code",
      message: "message",
    },
    status: {
      healthy: "healthy",
      connecting: "connecting",
      disconnecting: "disconnecting",
      unknown: "unknown",
      needsAttention: "needs attention",
    },
    probes: "### XKS proxy probes",
    findings: "### Findings",
    /** A finding's title, in bold, then its detail. */
    finding: "**{{title}}.** {{detail}}",
    findingOn: "{{code}} on {{store}}",
    since: "Since {{since}}.",
    docs: "AWS documentation: {{docs}}",
    evidence: "Evidence",
    next: "Next: {{command}} (runbook {{runbook}})",
    readsFailed: "### Reads that failed",
    via: " via {{service}}",
  },
  /** kcs doctor --help: its flags, examples and epilogue (read when the parser is built, after the language is chosen). */
  help: {
    store: "Only this store (id or name); repeatable",
    probe:
      "Also run cryptographic checks the describe APIs cannot show: GenerateRandom per store, and Encrypt of one byte with each Enabled key of a connected store (needs kms:Encrypt); for external key stores, call each XKS proxy directly (GetHealthStatus, GetKeyMetadata of each key) when its credential is given",
    xksCredentialStdin:
      "With --probe: read XKS proxy credentials from standard input, one ACCESS_KEY_ID:SECRET (or ACCESS_KEY_ID SECRET) a line; each probes the stores whose proxy shows that access key id. Without it: KCS_XKS_ACCESS_KEY_ID and KCS_XKS_SECRET_ACCESS_KEY, or a hidden prompt at a terminal. Never an argument",
    since: "How far back to read CloudTrail DeleteKey events (at most 90d; default 90d)",
    cache:
      "Remember which store each key is in and custom key stores' DeleteKey events (state folder, per account and Region): next time describe only new keys and custom key stores' keys, and read CloudTrail only past what is remembered; --no-cache reads everything and leaves the cache alone",
    maxTime: "Longest the whole diagnosis may take, retries of slow or throttled answers included",
    roleArn:
      "Also read the account of this IAM role, assumed with the SDK's credential providers (from the first --profile, or the default credentials); repeatable, one per member account",
    externalId: "With --role-arn: the external id the roles' trust policies ask for",
    roleSessionName: "With --role-arn: the session name member accounts' CloudTrail shows (default kcs)",
    allRegions:
      "Read every Region each account has enabled (EC2 DescribeRegions), concurrently, into one report",
    fromSnapshotDoctor:
      "Diagnose a kcs-snapshot file instead of reading AWS (no AWS call, no credentials): a support bundle, an incident review",
    fromSnapshotFix:
      "With --dry-run: plan from a kcs-snapshot file instead of reading AWS (save it with --out; --plan applies it after checking the live state)",
    saveSnapshot:
      "Also write everything doctor read to this file (a kcs-snapshot JSON document, 0600, no secrets), for kcs doctor --from-snapshot",
    cloudtrailDir:
      "Also read CloudTrail log files as a trail delivers them to S3 (AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz) from this folder: events older than LookupEvents' 90 days, like the DeleteKey of an orphan; repeatable",
    example: {
      all: "Diagnose every custom key store",
      twoRegions: "Two Regions, one report",
      allRegions: "Every Region the account has enabled",
      json: "One store, as the JSON contract",
      probe: "Add cryptographic checks; a week of CloudTrail",
      xks: "Probe XKS proxies too (ID:SECRET lines)",
      save: "Diagnose, and keep what was read for later",
      fromSnapshot: "Diagnose a saved snapshot, no AWS access",
      trail: "Also read a trail's log files (past 90 days)",
    },
    epilogue:
      "Exit status: 0 no finding of severity error or warning; 2 at least one such finding; 1 doctor could not run.",
  },
  /** Doctor's refusals: one line each, saying what to do. */
  error: {
    cannotWriteSnapshot: "Cannot write the snapshot to {{path}}: {{reason}}.",
    cannotReadSnapshot:
      "Cannot read the snapshot {{path}}: {{reason}}. Make one with: kcs doctor --save-snapshot FILE",
    notJson: "{{path}} is not a kcs snapshot (not JSON). Make one with: kcs doctor --save-snapshot FILE",
    notSnapshot:
      "{{path}} is not a kcs snapshot (its kind is not kcs-snapshot). Make one with: kcs doctor --save-snapshot FILE",
    schemaVersion:
      "{{path}} is a kcs snapshot of schemaVersion {{found}}; this kcs reads schemaVersion {{reads}}.",
    schemaVersionNewer:
      "{{path}} is a kcs snapshot of schemaVersion {{found}}; this kcs reads schemaVersion {{reads}}: read it with the newer kcs that wrote it.",
    invalidSnapshot:
      "{{path}} is not a valid kcs snapshot ({{field}}: {{message}}). Make one with: kcs doctor --save-snapshot FILE",
    noStoreInSnapshot:
      "--store {{stores}}: no store of {{path}} has that id or name; kcs doctor --from-snapshot {{path}} lists them.",
    outOfTime:
      "kcs ran out of time before {{call}} ({{budget}}): AWS answered too slowly to finish; run again with a longer --max-time, or check the network.",
    noStore:
      "No custom key store has the id or name '{{store}}' in this account and Region (kcs doctor lists them all).",
    noStoreInFleet:
      "No custom key store has the id or name '{{store}}' in the {{n}} accounts and Regions read (kcs doctor with the same --region and --role-arn lists them all).",
    storeInSeveralPlaces:
      "'{{store}}' names stores in several accounts and Regions ({{places}}): give the store's id, or narrow --region and --role-arn to one of them.",
    notAFolder:
      "--cloudtrail-dir {{dir}} is not a folder: give the folder the trail's S3 bucket was copied to (it holds AWSLogs/).",
    xksSecretArgument:
      "kcs takes no proxy secret on the command line (it would stay in shell history and in ps): pipe ACCESS_KEY_ID:SECRET to --xks-credential-stdin, or set KCS_XKS_ACCESS_KEY_ID and KCS_XKS_SECRET_ACCESS_KEY.",
    credentialStdinNeedsProbe: "--xks-credential-stdin only matters with --probe: add --probe.",
    saveAndFrom:
      "--save-snapshot writes what doctor reads from AWS, and --from-snapshot reads nothing from AWS: use one of them (copy the file to keep it).",
    probeFromSnapshot:
      "--probe calls AWS, and --from-snapshot makes no AWS call: drop --probe (a snapshot saved by doctor --probe holds its probes).",
    sinceFromSnapshot:
      "--since chooses how far back CloudTrail is read, and a snapshot cannot be read again: drop --since (the snapshot says since when it read CloudTrail).",
    planFromSnapshot:
      "--plan applies a saved plan to the live state; --from-snapshot plans: use one of them.",
    fixFromSnapshotDryRun:
      "kcs fix --from-snapshot only plans: add --dry-run (with --out PLAN.json to save the plan; kcs fix --plan PLAN.json applies it after checking the live state). Nothing was changed.",
  },
  impact: {
    notStated: "Impact: not stated (a plan from an older kcs).",
    line: "Impact: {{parts}}.",
    noneOffline: "no store is taken offline",
    takesOffline: "takes {{stores}} offline: {{keys}} key(s) usable now are Unavailable while it runs",
    disconnects: "disconnects {{stores}}, whose keys are already unusable",
    creates: "creates {{items}} (billed)",
    leavesBehind: "leaves behind {{items}}",
    /** Joins the parts of the impact line. */
    partsJoin: "; ",
    /** Joins what a plan creates. */
    and: " and ",
    /** A plan's billed resources: its JSON keeps the planner's English, which views read back into these. */
    item: {
      clusterFromBackup: "a CloudHSM cluster from {{backup}}",
      hsms_one: "{{count}} HSM in {{cluster}}",
      hsms_other: "{{count}} HSMs in {{cluster}}",
      oldCluster_one:
        "{{cluster}} and its {{count}} HSM(s): the store no longer uses it, and it is billed until you delete it",
      oldCluster_other:
        "{{cluster}} and its {{count}} HSM(s): the store no longer uses it, and it is billed until you delete it",
    },
  },
  /**
   * What doctor --probe did with a proxy. A snapshot keeps the probe's reasons and messages in English
   * (src/gather/xks-probe.ts, the transports); views read them back with these templates
   * (src/i18n/templates.ts) into the run's language. An earlier template wins where two could match.
   */
  /** A CloudHSM cluster's security-group rule that KMS needs and the group lacks. */
  securityGroup: {
    inbound: "inbound {{ports}} from itself",
    outbound: "outbound {{ports}} to itself",
  },
  /** A CloudTrail log file of --cloudtrail-dir that could not be counted (the report's JSON keeps the English). */
  trailFile: {
    unreadable: "{{path}}: cannot be read; its events are not counted",
    noRecords: '{{path}}: not a CloudTrail log file (no "Records" list); its events are not counted',
    notRegular: "{{path}}: not a CloudTrail log file (not a regular file); its events are not counted",
    tooLarge: "{{path}}: not a CloudTrail log file (larger than {{size}} MB); its events are not counted",
    malformed: "{{path}}: not a CloudTrail log file ({{why}}); its events are not counted",
  },
  probe: {
    health: "GetHealthStatus {{summary}}",
    keyManagers: "key managers: {{managers}}",
    noKeys: "no external key to describe",
    keys_one: "GetKeyMetadata of {{count}} external key: {{answered}} answered (slowest {{ms}} ms)",
    keys_other: "GetKeyMetadata of {{count}} external keys: {{answered}} answered (slowest {{ms}} ms)",
    join: "; ",
    /** The markdown report's word for what the probe did with a store (the JSON's status). */
    status: { probed: "probed", skipped: "skipped" },
    skippedEvidence: "skipped: {{reason}}",
    skipped: {
      noEndpoint: "KMS describes no proxy URI endpoint",
      noCredential:
        "no proxy credential was given for its access key id {{id}} (give it with --xks-credential-stdin, or {{envId}} and {{envSecret}})",
    },
    message: {
      noFleetDetails: "GetHealthStatus answered without ekmFleetDetails",
      notAUrl: "the proxy URI is not a URL",
      notJson: "the answer is not a JSON object",
      httpsOnly: "kcs speaks only https to an XKS proxy, not {{protocol}}",
      tooLarge: "the answer is too large",
      noAnswer: "no answer within {{ms}} ms",
      noProxy: "no proxy listens at {{origin}}",
      refused: "connection refused",
      tlsFailed: "TLS handshake failed: {{reason}}",
    },
    failure: {
      rejected:
        "the proxy at {{where}} rejected the credential given to kcs for access key id {{id}} (401 {{name}}): check the credential you gave; this says nothing about the credential KMS uses",
      refused:
        "the proxy at {{where}} refused access key id {{id}} (403 {{name}}): its authorization rules deny this credential",
      notXks: "the proxy at {{where}} answered something that is not an XKS answer{{message}}",
      answered: "the proxy at {{where}} answered {{answer}}",
    },
  },
} as const;
