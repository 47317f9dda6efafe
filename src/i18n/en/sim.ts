/** kcs sim: its help texts, and what its commands print to a person (AWS's own messages stay English). */
export const sim = {
  command: {
    scenarios: "List the bundled scenarios",
    init: "Replace the simulated world with a fresh copy of a scenario",
    status: "Summarise the simulated world: stores, clusters, HSMs, keys, the clock",
    serve: "Serve the simulator over HTTP (AWS JSON 1.1) for --endpoint-url clients and the aws CLI",
    exportTrail:
      "Write the world's CloudTrail as its trail delivers it to S3 (gzipped log files, events older than 90 days included)",
    hsm: "Act on the HSMs as an operator would with the CloudHSM CLI",
    act: "Act as a person in the AWS console would: disconnect or connect a store, set its kmsuser password, delete an HSM or a cluster",
    faults:
      "Show or change the world's faults: latency, transient errors, quotas, connect failures, access denied",
    advance: "Move simulated time forward (e.g. 20m), completing whatever falls due",
  },
  demandCommand:
    "Name a sim command: scenarios, init, status, serve, export-trail, hsm, act, faults or advance.",
  example: {
    scenarios: "Every scenario, one line each",
    scenariosJson: "With the findings each one shows",
    initInvalidCredentials: "A store whose kmsuser password is wrong",
    initFleet: "Several broken stores; the summary as JSON",
    status: "What the world holds now",
    statusJson: "The same, as JSON",
    serve: "Serve the world on port 4566 until Ctrl-C",
    servePort0: "On a free port (the URL is printed)",
    exportTrail: "Then: kcs doctor --cloudtrail-dir trail",
    advance: "Let a 20-minute wait (a cluster restore) finish",
    start: "Start from a scenario",
    simStatus: "What the simulated world holds now",
    faults: "Show the faults in force",
    faultsSlow: "Slow, sometimes failing answers",
    faultsDeny: "Doctor without CloudTrail access",
    faultsClear: "Back to a well-behaved world",
  },
  flag: {
    scenario: "The scenario to start from (kcs sim scenarios lists them)",
    scenarioMissing: "Name the scenario: --scenario NAME (kcs sim scenarios lists them)",
    force: "Replace the file even if it is not a kcs world",
    port: "TCP port (0 picks a free one)",
    host: "Address to bind (loopback unless told otherwise)",
    xksPort: "TCP port of the world's simulated XKS proxies (default: --port + 1; 0 when --port is 0)",
    dir: "The folder to write AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/ into (made if needed)",
    dirMissing: "Name the folder: --dir DIR",
    duration: "How far: 250ms, 15s, 20m, 1h, 7d",
    durationMissing: "Say how far: kcs sim advance DURATION, like 20m or 2h.",
    latency: "Added latency per call (e.g. 50ms)",
    errorRate: "Fraction of calls answered with a transient 5xx (0-1)",
    quotas: "Enforce AWS request quotas (ThrottlingException)",
    connectFailure: "Connects end FAILED with this code (none to stop)",
    deny: "Refuse service:Operation with AccessDenied",
    lostAnswerRate: "Fraction of changes whose answer is lost after AWS acted (0-1)",
    resetRate: "Fraction of calls whose connection is reset after AWS answered (0-1)",
    hangRate: "Fraction of calls whose answer is held for --hang (0-1)",
    hang: "How long a held answer waits (default 5s)",
    materialLossNotice:
      "How long a key whose backing key is gone still reads Enabled (default 30m; only a cryptographic call fails meanwhile)",
    clear: "Remove every fault first",
  },
  serveEpilogue:
    "Meanwhile, in another terminal:\n  kcs --backend aws --endpoint-url http://127.0.0.1:4566 --region eu-west-1 doctor\n\nThe world's XKS proxies answer the XKS proxy API (SigV4, service kms-xks-proxy) over plain HTTP on\n--xks-port; the Host header names the proxy (the host of the store's XksProxyUriEndpoint), e.g.\n  POST http://127.0.0.1:4567/<prefix>/kms/xks/v1/health  with  Host: xks.partner.example.com",
  error: {
    noScenario: "There is no scenario '{{name}}'. Choose one of: {{names}}.",
    notAWorld: "{{path}} exists and is not a usable kcs world; add --force to replace it.",
    dirIsFile: "--dir {{dir}} is a file: name a folder for the log files (it is made if needed).",
    port: "{{flag}} takes 0-65535; got {{value}}.",
    listen: "Cannot listen on {{host}}:{{port}}: {{reason}}. Choose another --port.",
    listenXks:
      "Cannot listen on {{host}}:{{port}} for the XKS proxies: {{reason}}. Choose another --xks-port.",
    fraction: "{{flag}} takes a fraction from 0 to 1; got {{value}}.",
    connectFailure: "--connect-failure takes a ConnectionErrorCode or none; got {{code}}.",
    deny: "--deny takes service:Operation, e.g. cloudtrail:LookupEvents; got {{value}}.",
  },
  done: {
    init: "Initialised scenario {{name}} in {{path}}: {{stores}} custom key store(s), {{clusters}} cluster(s), {{keys}} KMS key(s).",
    next: "Next: kcs doctor",
    exportTrail:
      "Wrote {{files}} CloudTrail log file(s) with {{events}} event(s) under {{dir}}/AWSLogs (read them with kcs doctor --cloudtrail-dir {{flagDir}}).",
    serving: "Serving the simulated world {{path}} at {{url}} (KMS, CloudHSM v2, CloudTrail; AWS JSON 1.1)",
    xks: "XKS proxies at {{url}}: pick one with the Host header ({{hosts}}); its credential is in the world file under xksProxies[].credential.",
    xksNone: "XKS proxies at {{url}} (this world has none yet).",
    try: "Try: aws --endpoint-url {{url}} --region eu-west-1 kms describe-custom-key-stores",
    stop: "Stop with Ctrl-C.",
    faults: "Faults: {{faults}}",
    advanced: "Simulated time is now {{now}}.",
  },
  status: {
    world: "Simulated world",
    where: "account {{account}}, {{region}}, {{now}} (time runs {{scale}}x)",
    stores: "Custom key stores",
    storeColumns: { name: "NAME", type: "TYPE", state: "STATE", cluster: "CLUSTER", keys: "KEYS" },
    external: "external",
    noCode: "(no code)",
    until: " until {{time}}",
    none: "none",
    clusters: "CloudHSM clusters",
    clusterColumns: {
      state: "STATE",
      keyMaterial: "KEY MATERIAL",
      backups: "BACKUPS",
    },
    hsmOk: "ok",
    missing: "missing",
    locked: "locked",
    loggedIn: "logged in ({{session}})",
    ok: "ok",
    failedLogins: "ok ({{count}} failed logins)",
    subnets: "Subnets",
    subnetsWhy: "  (what --param SubnetIds can name when a cluster must move)",
    subnetColumns: { free: "FREE IPS", usedBy: "USED BY" },
    totals:
      "{{defaultKeys}} keys in the default key store · {{backups}} backups · {{events}} CloudTrail events (and {{reads}} reads)",
    faults: " · faults: {{faults}}",
  },
  fault: {
    quotasOn: "quotas on",
    quotasOff: "quotas off",
    latency: "latency {{ms}}ms",
    transient: "transient errors {{percent}}%",
    connectFailure: "connects fail with {{code}}",
    accessDenied: "access denied: {{operations}}",
    lostAnswers: "answers lost after acting {{percent}}%",
    resets: "connections reset {{percent}}%",
    held: "answers held {{ms}}ms {{percent}}%",
    materialLoss: "lost key material shown Unavailable after {{duration}}",
  },
  scenarios: {
    scenario: "SCENARIO",
    description: "DESCRIPTION",
    start: "Start one with: kcs sim init --scenario NAME",
    mdScenario: "scenario",
    mdShows: "what it shows",
    mdFinds: "doctor finds",
    mdNothing: "nothing",
  },
  statusMd: {
    heading: "Simulated world {{scenario}}",
    where: "Account {{account}}, region {{region}}, {{now}} (time runs {{scale}}x).",
    storeColumns: { store: "store", name: "name", state: "state", cluster: "cluster", keys: "keys" },
    noCode: "no code",
    clusterColumns: { cluster: "cluster", state: "state" },
    loggedIn: "logged in",
  },
  act: {
    none: "none",
    noStore: "No custom key store has the id or name '{{name}}'; the world has {{known}}.",
    noHsm: "No cluster has an HSM '{{hsm}}'; the world has {{known}}.",
    noCluster: "There is no cluster '{{cluster}}'; the world has {{known}}.",
    noProxy: "No simulated XKS proxy answers to '{{name}}'; the world has {{known}}.",
    noEndpointService: "There is no VPC endpoint service '{{name}}'; the world has {{known}}.",
    latency: "The latency fault takes --latency-ms, 0 to 600000.",
    accessKeyId: "The access key id takes 20 to 30 characters of A-Z and 2-7.",
    secret: "The secret takes 43 to 64 characters of A-Z, a-z, 0-9, /, + and =. Nothing was changed.",
    noKeyManager: "Proxy {{proxy}} has no key manager '{{ekm}}'; it has {{known}}.",
    refused: "AWS refused {{call}}: {{code}}: {{message}}",
    pending: ", for about {{duration}} of simulated time (--wait waits for it)",
    called: "{{principal}} (console) called {{call}} on {{target}}: it is {{state}}{{pending}}.",
    hsmOf: "{{hsm}} of {{cluster}}",
    next: "Next: kcs sim status, or kcs doctor",
    passwordInArgv:
      "set-kmsuser-password takes no password on the command line (it would stay in shell history and in ps): pipe it to --password-stdin or set KCS_KMSUSER_PASSWORD. Nothing was changed.",
    onProxy: "proxy {{host}}",
    onService: "VPC endpoint service {{service}}",
    proxyDid: "The {{principal}} did {{action}} on {{on}}: {{state}}.",
    proxyNext: "Next: kcs sim act connect <store>, or kcs doctor",
    secretPrompt: "proxy secret access key for {{what}}: ",
    secretNoun: "proxy secret access key",
    secretSays: "43 to 64 characters of a-z, A-Z, 0-9, /, + and =",
    passwordPrompt: "kmsuser password for {{store}}: ",
    flag: {
      proxy: "The XKS proxy, by the host of its endpoint (xks.example.com) or by its store's name",
      secretStdin:
        "Read the proxy secret access key from standard input (first line); else KCS_XKS_SECRET or a prompt",
      accessKeyId: "The proxy access key id (20-30 characters of A-Z and 2-7)",
      store: "The custom key store, by id (cks-...) or by name",
      wait: "Wait until what the call started has completed (simulated time, at the world's pace)",
      passwordStdin: "Read the password KMS is to use for kmsuser from standard input (first line)",
      password: "Refused: a password on the command line stays in shell history and in ps",
      hsmId: "The HSM to delete (hsm-...; kcs sim status lists them)",
      clusterId: "The cluster to delete (cluster-...)",
      fault: "What goes wrong",
      latencyMs: "For the latency fault: how long each answer takes",
      ekm: "The key manager's id (ekm-1...)",
      health: "What GetHealthStatus reports for it",
      key: "The external key's id",
      service: "Its service name, id or private DNS name",
    },
    command: {
      disconnect:
        "DisconnectCustomKeyStore, as the console user: KMS ends its kmsuser session and the keys read Unavailable",
      connect: "ConnectCustomKeyStore, as the console user: KMS logs in as kmsuser with the store's password",
      setKmsuserPassword:
        "UpdateCustomKeyStore --key-store-password, as the console user (store DISCONNECTED; the password comes from stdin, KCS_KMSUSER_PASSWORD or a prompt)",
      deleteHsm: "DeleteHsm, as the console user (the HSM's cluster is found from its id)",
      deleteCluster: "DeleteCluster, as the console user (AWS refuses while the cluster has HSMs)",
      setXksCredential:
        "UpdateCustomKeyStore --xks-proxy-authentication-credential, as the console user: tells KMS the proxy's credential (the secret from stdin, KCS_XKS_SECRET or a prompt)",
      proxyFault:
        "The proxy's operators break it: unreachable, tls, latency (with --latency-ms), reject-credentials, access-denied or invalid-response",
      proxyClear: "The proxy's operators clear every fault they set",
      setProxyCredential:
        "The proxy's operators set the credential it accepts (the secret from stdin, KCS_XKS_SECRET or a prompt)",
      setEkmHealth: "An external key manager behind the proxy becomes ACTIVE, DEGRADED or UNAVAILABLE",
      enableXksKey: "Enable an external key in the external key manager",
      disableXksKey: "Disable an external key in the external key manager",
      fixVpce:
        "Make a VPC endpoint service meet KMS's requirements (no acceptance, two AZs, KMS allowed, verified DNS)",
    },
    example: {
      offline: "Take a store offline, as a person would",
      disconnect: "Take the store offline, as a person would",
      connect: "Connect, and wait for CONNECTED or FAILED",
      deleteHsm: "Remove one HSM from its cluster",
      deleteCluster: "Delete a cluster with no HSMs left",
    },
    demandCommand:
      "Name an act command: disconnect, connect, set-kmsuser-password, set-xks-credential, delete-hsm, delete-cluster, proxy-fault, proxy-clear, set-proxy-credential, set-ekm-health, enable-xks-key, disable-xks-key or fix-vpce.",
  },
  hsm: {
    whichCluster: "The world has {{count}} clusters; name one with --cluster-id ({{clusters}}).",
    none: "none",
    badFilter: "--filter takes attr.label=<KMS key ARN> or key-reference=<0x...>; got {{text}}.",
    refused: "CloudHSM CLI: {{message}}",
    passwordPrompt: "Password for {{user}}: ",
    newPasswordPrompt: "New password for {{user}}: ",
    outputWhy: "the CloudHSM CLI's own JSON answer",
    flag: {
      role: "The user's role on the HSMs",
      clusterId: "The cluster whose HSMs to act on (default: the only one)",
      loginUser: "The user to log in as",
      passwordStdin: "Read the password from standard input",
      logoutUser: "The user whose session to end",
      changeUser: "The user whose password to change",
      newPasswordStdin: "Read the new password from standard input",
      createUser: "The user to create",
      deleteUser: "The user to delete",
      filter: "Only the key with this label (a KMS key ARN) or key reference",
      verbose: "Every attribute of each key, not just its label",
      deleteFilter: "The key to delete: attr.label=<KMS key ARN> or key-reference=<0x...>",
      deleteFilterMissing: "Name the key: --filter attr.label=<ARN> or key-reference=<0x...>",
    },
    command: {
      user: "CloudHSM CLI user commands",
      login:
        "login --username NAME --role crypto-user (the password comes from stdin, KCS_HSM_PASSWORD or a prompt)",
      logout: "logout (ends the operator's kmsuser session)",
      key: "CloudHSM CLI key commands (log in as kmsuser first)",
      changePassword:
        "user change-password --username NAME --role crypto-user (as admin; the password comes from stdin, KCS_HSM_PASSWORD or a prompt)",
      create: "user create --username NAME --role crypto-user (as admin)",
      delete: "user delete --username NAME (as admin)",
      keyDelete: "key delete --filter attr.label=ARN | key-reference=0x... (must match exactly one key)",
    },
    example: {
      login: "Log in as kmsuser",
      loginAsk: "The same, asking for the password",
      logout: "End kmsuser's session",
      userList: "The HSM users, kmsuser among them",
      keyList: "kmsuser's keys with their labels (log in first)",
      users: "Every user, its role and whether it is locked",
      deleteUser: "Delete kmsuser (refused while it owns keys)",
      keys: "Every key of kmsuser's (log in first)",
    },
    demandCommand: "Name an hsm command: user, login, logout or key.",
    demandUser: "Name a user command: list, change-password, create or delete.",
    demandKey: "Name a key command: list or delete.",
  },
  /** Each scenario's description, as src/sim/scenarios/catalog.ts says it (a test holds them equal). */
  scenario: {
    healthy:
      "A connected store on a two-AZ cluster with two HSMs, keys, backups and clean CloudTrail history",
    "store-disconnected": "Someone disconnected the store two hours ago: every key in it is Unavailable",
    "connection-in-progress":
      "A reconnect started a minute ago and is still CONNECTING (it completes on its own)",
    "invalid-credentials":
      "kmsuser's password was changed on the HSM while the store was disconnected: connect FAILED with INVALID_CREDENTIALS",
    "user-locked-out":
      "Automation retried a connect with a stale password until kmsuser locked: FAILED with USER_LOCKED_OUT",
    "user-not-found":
      "A new store on a cluster where nobody created the kmsuser crypto user: FAILED with USER_NOT_FOUND",
    "user-logged-in":
      "An operator logged in to the HSM as kmsuser for an audit and never logged out: FAILED with USER_LOGGED_IN",
    "cluster-not-found":
      "The store's cluster was deleted in a clean-up (its backups remain): reconnect FAILED with CLUSTER_NOT_FOUND",
    "no-active-hsms":
      "Both HSMs were deleted to save cost, the second while a reconnect ran: it FAILED with INSUFFICIENT_CLOUDHSM_HSMS",
    "insufficient-hsms":
      "One of the two HSMs was deleted: the store works, but creating KMS keys fails until a second AZ has an HSM",
    "network-errors":
      "A security-group change blocked KMS during a reconnect (since reverted): FAILED with NETWORK_ERRORS",
    "subnet-not-found":
      "A third-AZ subnet of the cluster was deleted after its HSM was removed: reconnect FAILED with SUBNET_NOT_FOUND",
    "insufficient-free-addresses-in-subnet":
      "Other workloads took every free IP address of one cluster subnet: reconnect FAILED with INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET",
    "internal-error":
      "A reconnect hit a KMS internal error: FAILED with INTERNAL_ERROR (a disconnect and a retry fix it)",
    "connection-failed": "A reconnect FAILED without any ConnectionErrorCode (KMS did not say why)",
    "key-material-missing":
      "During an audit someone deleted one key's backing key from the HSMs: that KMS key is Unavailable in a CONNECTED store",
    "orphaned-key-material":
      "A key's waiting period ended while the store was disconnected: DeleteKey reports FAILURE and its material is orphaned",
    "old-orphaned-key-material":
      "Key material orphaned 99 days ago: its DeleteKey (FAILURE) is past LookupEvents' 90 days, so only the trail's log files show it (kcs sim export-trail, doctor --cloudtrail-dir)",
    "pending-deletion-keys":
      "The store is disconnected and two of its keys are scheduled for deletion (cancellable without reconnecting)",
    fleet:
      "Six stores (one external) with hundreds of keys and several failures at once; more in 3 Regions of 2 accounts (--all-regions, --role-arn)",
    "xks-healthy":
      "The CloudHSM backbone plus a CONNECTED external key store whose proxy and keys are healthy (the proxy credential is in the world file under xksProxies[].credential)",
    "xks-invalid-credentials":
      "The partner rotated the proxy's credential without telling KMS: the external store's reconnect FAILED with INVALID_CREDENTIALS (the proxy credential is in the world file under xksProxies[].credential)",
    "xks-access-denied":
      "A new authorization rule on the proxy refuses KMS: the external store's reconnect FAILED with XKS_PROXY_ACCESS_DENIED (the proxy credential is in the world file under xksProxies[].credential)",
    "xks-invalid-configuration":
      "A proxy upgrade moved its API to another path prefix, so the store's XksProxyUriPath is wrong: the external store's reconnect FAILED with XKS_PROXY_INVALID_CONFIGURATION (the proxy credential is in the world file under xksProxies[].credential)",
    "xks-invalid-response":
      "A faulty proxy release answers GetHealthStatus without the fields the spec requires: the external store's reconnect FAILED with XKS_PROXY_INVALID_RESPONSE (the proxy credential is in the world file under xksProxies[].credential)",
    "xks-tls":
      "The proxy's TLS certificate expired: the external store's reconnect FAILED with XKS_PROXY_INVALID_TLS_CONFIGURATION (the proxy credential is in the world file under xksProxies[].credential)",
    "xks-not-reachable":
      "The proxy is down: the external store's reconnect FAILED with XKS_PROXY_NOT_REACHABLE (the proxy credential is in the world file under xksProxies[].credential)",
    "xks-ekm-unavailable":
      "Every external key manager behind the proxy is UNAVAILABLE: the external store's reconnect FAILED with XKS_PROXY_NOT_REACHABLE (the proxy credential is in the world file under xksProxies[].credential)",
    "xks-timed-out":
      "The proxy now answers in 400 ms, over KMS's 250 ms limit: the external store's reconnect FAILED with XKS_PROXY_TIMED_OUT (the proxy credential is in the world file under xksProxies[].credential)",
    "xks-vpce-invalid":
      "Someone made the proxy's VPC endpoint service require acceptance: the external store's reconnect FAILED with XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION (the proxy credential is in the world file under xksProxies[].credential)",
    "xks-vpce-not-found":
      "KMS's principal was removed from the VPC endpoint service's allowed principals: the external store's reconnect FAILED with XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND (the proxy credential is in the world file under xksProxies[].credential)",
    "xks-degraded":
      "The external store is CONNECTED but one of its two key managers is DEGRADED: only a health probe shows it (the proxy credential is in the world file under xksProxies[].credential)",
    "xks-key-unusable":
      "The external store is CONNECTED but one external key was disabled at the proxy: its KMS key reads Enabled and fails every operation (the proxy credential is in the world file under xksProxies[].credential)",
    "mixed-fleet":
      "CloudHSM and external stores failing at once: kmsuser's password changed by hand (INVALID_CREDENTIALS), one proxy down, another (behind a VPC endpoint service) too slow (the proxy credential is in the world file under xksProxies[].credential)",
  },
  worldFile: {
    reinit: "re-create it with: kcs sim init --scenario NAME --force --sim-state {{path}}",
    notJson: "The simulator world {{path}} is corrupt (not JSON); {{reinit}}",
    notAWorld: "{{path}} is not a kcs simulator world; {{reinit}}",
    version:
      "The simulator world {{path}} has version {{found}}, this kcs reads version {{wanted}}; {{reinit}}",
    incomplete: "The simulator world {{path}} is incomplete (no {{field}}); {{reinit}}",
    damaged: "The simulator world {{path}} is damaged at {{at}} ({{issue}}); {{reinit}}",
    root: "its root",
    what: "simulator world",
    unreadable: "Cannot read the simulator world {{path}}: {{reason}}",
    keyFileOther: "The simulator world's key file {{file}} belongs to another world; {{reinit}}",
    keyFileDamaged:
      "The simulator world's key file {{file}} is missing or damaged (it keys the world's password hashes); {{reinit}}",
    unwritable:
      "Cannot write beside the simulator world {{path}} ({{reason}}): give --sim-state a file in a folder kcs can write in.",
    locked:
      "The simulator world {{path}} is locked by another kcs process ({{lock}}); try again when it has finished.",
  },
} as const;
