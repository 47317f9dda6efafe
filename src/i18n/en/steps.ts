/**
 * kcs fix's steps as they run: the one-line result each step ends with, the wait's progress line,
 * why a step stopped the run (StepFailure) and what to do about it, and what the simulated person
 * did on the HSM or the XKS proxy. States, codes, API names and ids stay as AWS spells them.
 */
export const steps = {
  /** The executor words a skipped step from the reason its action gives (remediate/actions/action.ts). */
  skipped: "skipped: {{reason}}",
  stoppedBeforeManual: "stopped before this manual step (--stop-before-manual)",
  skip: {
    storeConnected: "the store is CONNECTED",
    credentialRunbook: "the store is FAILED with {{code}}; {{fixer}} reconnects it",
    itsOwnRunbook: "its own runbook",
    already: "already {{state}}",
    alreadyOn: "already on {{target}}",
    sameUri: "the store already uses this endpoint and path",
    hsmExists: "{{hsm}} is already {{state}} in {{az}}",
  },
  result: {
    reached: "{{state}} after {{duration}}",
    was: "was {{state}}{{code}}",
    connecting: "CONNECTING",
    gone: "{{codes}} gone",
    keyGone: "NotFoundException: the KMS key is gone",
    moved: "{{from}} → {{to}}{{kept}}",
    passwordKept: " (kmsuser's password kept)",
    passwordUpdated: "already on {{target}}; password updated",
    clusterFromBackup: "{{cluster}} from {{backup}}{{tagged}}{{note}}",
    tagged: ", tagged {{tag}}",
    clusterLanded: " (CreateCluster's answer was lost; found the cluster it made)",
    hsmIn: "{{hsm}} in {{az}}{{note}}",
    anHsm: "an HSM",
    hsmLanded: " (CreateHsm's answer was lost; found the HSM it made)",
  },
  wait: {
    progress: "{{state}} · attempt {{attempt}} · {{elapsed}}",
    hsms_one: "{{count}} AZ(s) with an ACTIVE HSM, {{creating}} creating",
    hsms_other: "{{count}} AZ(s) with an ACTIVE HSM, {{creating}} creating",
    stillAfter: "still {{state}} after {{duration}} ({{limit}})",
    budgetSpent: "the run's {{budget}} is spent",
    runAgainLater: "Run kcs fix again later: it continues from the live state.",
    connectFailed: "the connect ended FAILED with {{code}}",
    noErrorCode: "no error code",
    ownRunbook: "Run kcs doctor: {{code}} has a runbook of its own, and kcs fix runs it.",
    thisFailure: "this failure",
    disconnected: "the store went back to DISCONNECTED (someone disconnected it)",
    clusterIs: "cluster {{id}} is {{state}}",
    tooFewHsms_one: "only {{count}} AZ(s) have an ACTIVE HSM and none is being created",
    tooFewHsms_other: "only {{count}} AZ(s) have an ACTIVE HSM and none is being created",
  },
  failure: {
    budgetSpent: "the run's {{budget}} is spent, so this step was not started",
    budgetHint:
      "Run kcs fix again (with a longer --max-time if the waits need it): it continues from the live state.",
    kmsuserBusy: "the store is {{state}}; kmsuser can be changed only while it is DISCONNECTED",
    badInput:
      "step {{step}} has an input {{action}} does not take ({{path}}: {{message}}); nothing was done for it",
    notKnownYet: "{{name}} is not known yet: the step that creates it did not run",
    storeGone: "custom key store {{id}} no longer exists",
    needsPassword: "this step needs the new kmsuser password (--password-stdin or KCS_KMSUSER_PASSWORD)",
    stillFound: "still found: {{codes}}",
    newSince: "new since the run began: {{codes}}",
    separator: "; ",
    doctorHint: "Run kcs doctor for the evidence.",
    keyStillThere:
      "DescribeKey still finds {{key}} ({{state}}): its key material is not orphaned, and kcs will not delete material a KMS key may need",
    keyAnswered:
      "DescribeKey {{key}} answered {{code}}, not NotFoundException: refusing to delete its material",
    mustBeDisconnected: "the store is {{state}}; it must be DISCONNECTED to connect",
    passwordUnknown:
      "refusing to connect: KMS may not know kmsuser's password on this cluster (an earlier kcs fix was replacing it)",
    passwordUnknownHint: "Run kcs fix with --password-stdin: it sets a new password before connecting.",
    proxyRejected:
      "refusing to connect: the XKS proxy rejected the credential KMS holds (INVALID_CREDENTIALS)",
    proxyBurned:
      "refusing to connect again with a proxy credential that already failed with INVALID_CREDENTIALS",
    proxyHint:
      "Tell KMS the proxy's current credential: kcs fix --finding INVALID_CREDENTIALS --xks-credential-stdin.",
    passwordRejected:
      "refusing to connect: the store's kmsuser password failed (INVALID_CREDENTIALS or USER_LOCKED_OUT) and each try counts toward lockout",
    passwordBurned:
      "refusing to connect again with a kmsuser password that already failed with INVALID_CREDENTIALS",
    passwordRejectedHint:
      "Repair the password first: kcs fix --finding INVALID_CREDENTIALS (or USER_LOCKED_OUT).",
    lockout_one:
      "refusing to connect: connects kcs started have already failed {{count}} time to log in as kmsuser on {{cluster}} since the store last connected, and kmsuser locks after five",
    lockout_other:
      "refusing to connect: connects kcs started have already failed {{count}} times to log in as kmsuser on {{cluster}} since the store last connected, and kmsuser locks after five",
    lockoutHint:
      "Check on the HSMs which password kmsuser has (the CloudHSM CLI's user list shows failed logins), set one you know, then run kcs fix with it.",
    someoneConnecting:
      "the store is CONNECTING: someone else started a connect since the plan was made, and kcs never disconnects a connect it did not start",
    someoneConnectingHint:
      "Run kcs doctor once that connect has ended, then kcs fix again if it is still needed.",
    needsProxyCredential:
      "this step needs the new XKS proxy credential (--xks-credential-stdin, or KCS_XKS_ACCESS_KEY_ID and KCS_XKS_SECRET_ACCESS_KEY)",
    proxyCredentialState:
      "the store is {{state}}; KMS takes a new proxy credential only while it is CONNECTED or DISCONNECTED",
    proxyCredentialRefused: "KMS refused the new proxy credential: {{error}}: {{message}}",
    proxyCredentialHint:
      "Check that the XKS proxy has this credential (its access key id and secret), then run kcs fix again with it.",
    uriEndpointState:
      "the store is {{state}}; KMS changes the proxy URI endpoint only while it is DISCONNECTED",
    uriPathState:
      "the store is {{state}}; KMS changes the proxy URI path only while it is CONNECTED or DISCONNECTED",
    backupNotReady: "backup {{backup}} is {{state}}, not READY",
    gone: "gone",
    clustersSeen_one:
      "CreateCluster's answer was lost and {{count}} new clusters from {{backup}} can be seen",
    clustersSeen_other:
      "CreateCluster's answer was lost and {{count}} new clusters from {{backup}} can be seen",
    clustersSeenHint:
      "Run kcs doctor, delete the cluster(s) you do not want, then kcs fix again: it reuses a cluster restored from this backup before it creates another.",
    noClusterId: "CreateCluster returned no cluster id",
    clusterNotVisible: "cluster {{id}} is not visible",
    noUriChange: "names neither a new XksProxyUriPath nor a new XksProxyUriEndpoint",
  },
  moved: {
    message: "{{name}} ({{id}}) changed outside this run: kcs expected {{was}}, and it is {{now}}; {{why}}",
    connecting: "someone else started a connect, and kcs never disconnects a connect it did not start",
    other:
      "someone else (another kcs, the console, automation) changed it, and kcs does not act on a store it no longer knows",
    hint: "Run kcs doctor to see where the store is now, and kcs fix again if it still needs a repair.",
    or: " or ",
    onClusters: "{{states}} on {{clusters}}",
    gone: "gone",
  },
  verify: {
    unprobed:
      "{{name}}'s XKS proxy was not probed ({{why}}), so kcs cannot confirm {{codes, list}} is gone; give kcs fix the proxy's credential in KCS_XKS_ACCESS_KEY_ID and KCS_XKS_SECRET_ACCESS_KEY, or run kcs doctor --probe",
    noProbe: "no probe ran",
  },
  subnets: {
    noCluster: "DescribeClusters no longer shows the cluster, so its VPC is unknown",
    noVpc: "DescribeClusters does not say which VPC the cluster is in",
    unread: "kcs could not read the VPC's subnets from EC2 (see the report's errors)",
    tooFew:
      "VPC {{vpc}} has subnets with {{needed}} or more free addresses in {{where}}, and the restored cluster needs two",
    noAz: "no Availability Zone",
    oneAz: "only one Availability Zone ({{az}})",
  },
  xksUri: {
    unknown:
      "kcs cannot learn where the proxy listens: name the right one with --param XksProxyUriPath=/…/kms/xks/v1 and/or --param XksProxyUriEndpoint=https://host (the proxy's documentation has them)",
    same: "the store already uses that proxy URI: KMS would connect to the same place again; check the proxy's endpoint and path",
  },
  operator: {
    unknownTask: "the simulated operator does not know how to {{action}}",
    passwordSet: "user change-password --username kmsuser --role crypto-user: done",
    userCreated: "user create --username kmsuser --role crypto-user: done",
    loggedOut: "logout: kmsuser session ended",
    noSession: "logout: no kmsuser session was open",
    noKey: "key list: no key has this label any more (already deleted)",
    ambiguousLabel_one: "{{count}} keys carry the label {{label}}; refusing to guess which to delete",
    ambiguousLabel_other: "{{count}} keys carry the label {{label}}; refusing to guess which to delete",
    otherBackingKey:
      "the key labelled {{label}} is backing key {{found}}, not {{expected}} as CloudTrail says; refusing to delete it",
    deleted: "key delete --filter attr.label={{label}}: deleted {{key}}",
    missingLabels: "the restored cluster has no key labelled {{labels}}",
    allPresent_one: "key list: all {{count}} backing key(s) present",
    allPresent_other: "key list: all {{count}} backing key(s) present",
  },
  proxy: {
    noProxy: "no XKS proxy listens at {{endpoint}}; there is nothing to repair there",
    certificateInstalled: "installed a valid certificate (was: {{was}})",
    certificateValid: "the certificate was already valid",
    kmsAllowed: "allowed KMS in the proxy's authorization rules",
    alreadyAllowed: "the rules already allowed KMS",
    online: "brought the proxy back online",
    latency: "removed its extra latency",
    responses: "fixed its responses",
    keyManagers: "restored its key managers",
    separator: ", ",
    healthy: "the proxy was already healthy",
    serviceCreated: "created endpoint service {{name}} for {{host}}",
    serviceConforms:
      "made {{name}} conform (no acceptance, {{principal}} allowed, two AZs, {{host}} verified)",
    noExternalKey: "the external key manager has no key {{key}} to restore",
    keysEnabled: "enabled {{keys}} as AES_256 ENCRYPT/DECRYPT keys",
  },
} as const;
