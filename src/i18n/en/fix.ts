/** kcs fix: its help, prompts, refusals, the live task list and the result. */
export const fix = {
  help: {
    store: "Only this store (id or name); repeatable",
    finding: "Only this finding code; repeatable",
    includeWarnings: "Without --finding, repair warnings and info too (default: errors only)",
    dryRun: "Print the plan and change nothing (exit 2 when it has steps)",
    probe:
      "Diagnose as kcs doctor --probe does (what only a cryptographic call shows, like a key that reads Enabled but lost its backing key)",
    cache:
      "Remember which store each key is in and custom key stores' DeleteKey events (state folder, per account and Region): next time describe only new keys and custom key stores' keys, and read CloudTrail only past what is remembered; --no-cache reads everything and leaves the cache alone",
    out: "Also write the plan as JSON to this file (a kcs-plan for --plan, whatever -o prints)",
    plan: "Apply a saved plan (refused if the live state changed since)",
    yes: "Confirm the plan without asking (each manual HSM step is still confirmed when done)",
    stopBeforeManual:
      "Run the plan up to its first manual HSM step, then stop with exit 3 (a change window in parts)",
    samePassword: "Allow one new kmsuser password for several stores' clusters (default: one store per run)",
    passwordStdin: "Read the new kmsuser password from standard input",
    xksCredentialStdin:
      "Read the XKS proxy's credential KMS is to be told from standard input, one line ACCESS_KEY_ID:SECRET_ACCESS_KEY (else KCS_XKS_ACCESS_KEY_ID and KCS_XKS_SECRET_ACCESS_KEY, else a hidden prompt)",
    param:
      "Runbook parameter NAME=VALUE (BackupId, SubnetIds, HsmType, AcceptKeyLoss=yes, XksProxyUriPath, XksProxyUriEndpoint); repeatable",
    pollInterval: "How often waits poll (default 15s on aws, 200ms on sim)",
    timeout: "Longest any wait may take (default: each step's own)",
    maxTime:
      "Longest the whole run may take, reads, retries and waits included (time a person spends on a manual step is not counted); the run stops between steps and a later kcs fix continues",
    hsmHook:
      "aws backend: run this program for each manual HSM step instead of asking (action as argument, input in KCS_STEP_INPUT, password on stdin)",
    roleArn:
      "Also repair the account of this IAM role, assumed with the SDK's credential providers; repeatable (each action runs with its own account's credentials)",
    externalId: "With --role-arn: the external id the roles' trust policies ask for",
    roleSessionName: "With --role-arn: the session name (default kcs)",
    allRegions: "Plan over every Region each account has enabled",
    exampleMarkdown: "The plan for a change review",
    exampleAllRegions: "One plan for every enabled Region",
    exampleYes: "Repair every error doctor finds",
    exampleOut: "Save the plan for review",
    exampleSsm: "The plan as an SSM Automation document (YAML)",
    examplePlan: "Apply a reviewed plan",
    exampleSnapshot: "Plan from a saved snapshot (no AWS call)",
    epilogue:
      "Exit status: 0 the targeted findings are gone (or nothing to do); 2 --dry-run made a plan with steps; 3 stopped before a manual HSM step (--stop-before-manual); 1 anything else (the message says how to resume).",
  },
  confirmNeeded:
    "kcs fix changes your key store: add --yes to apply it without a terminal (or --dry-run to only see the plan).",
  noAutomation: "kcs: nothing to repair: no Automation document written.\n",
  passwordPrompt: "New kmsuser password: ",
  stdinOneSecret:
    "Standard input carries one secret: give the kmsuser password or the XKS proxy credential through the environment instead. Nothing was changed.",
  nothingChanged: "Nothing was changed.",
  done: "Done? [y/N] ",
  notConfirmed: "The operator did not confirm the manual step; stopping here.",
  notFindingCode: "--finding {{code}} is not a finding code; kcs doctor -o json lists them.",
  samePasswordNeeded:
    "This plan would set one new kmsuser password on {{count}} stores' clusters ({{stores}}): run kcs fix --store NAME for each with its own password, or add --same-password. Nothing was changed.",
  oneProxyCredential:
    "This plan would tell {{count}} external key stores ({{stores}}) one proxy credential: run kcs fix --store NAME for each with its proxy's credential. Nothing was changed.",
  apply_one: "Apply this plan to {{count}} store action(s)? [y/N] ",
  apply_other: "Apply this plan to {{count}} store action(s)? [y/N] ",
  manualStep: "Manual step: {{what}}",
  legacy: "  legacy: {{commands}}",
  manualNoTerminal:
    "This plan has {{count}} manual step(s) only a person can do (on the HSM or the XKS proxy; first: {{first}}), and no terminal to confirm them: run kcs fix at a terminal, give --hsm-hook PROGRAM, or add --stop-before-manual to run up to the first of them (exit 3). Nothing was changed.",
  task: {
    action: "{{runbook}} on {{name}} ({{id}})",
    left: " (at most {{duration}} left)",
  },
  result: {
    nothing: "Nothing to fix{{person}}.",
    needsPerson: "; these need a person: {{codes}}",
    notInPlan: "Not in this plan: {{note}}.",
    fixedOn: "{{codes}} on {{name}}",
    fixed: "Fixed: {{fixed}}. kcs doctor agrees.",
    created: "Created: {{resources}}.",
    md: {
      fixed: "## kcs fix: fixed",
      nothing: "## kcs fix: nothing to fix",
      notFixed: "## kcs fix: not fixed",
      where: "Backend {{backend}}, region {{region}}.",
      store: "store",
      runbook: "runbook",
      step: "step",
      status: "status",
      detail: "detail",
      newFindings: "New since the run began: {{codes}}.",
      keysNoLongerEnabled: "Keys that were Enabled and are not now: {{keys}}.",
      stillFound: "Still found: {{codes}}.",
      notInPlan: "> **Not in this plan:** {{note}}.",
      needsPerson: "Needs a person: {{codes}}.",
    },
  },
  saved: {
    otherBackend:
      "{{path}} was made for {{savedBackend}} in {{savedRegion}}, not {{backend}} in {{region}}. Nothing was changed.",
    noBasis:
      "{{path}} acts on {{id}} without a basis fingerprint for it: not a plan kcs made. Nothing was changed.",
    stale:
      "{{path}} is stale: {{ids}} changed since the plan was made. Nothing was changed; make a new plan with kcs fix --dry-run.",
    differs:
      "{{path}} is not the plan kcs makes now for the same findings (they differ at {{differs}}): it was edited, or made by another kcs. Nothing was changed; make a new plan with kcs fix --dry-run.",
  },
  incompleteRead:
    "kcs fix needs a complete diagnosis, but {{call}} failed ({{code}}: {{message}}). Nothing was changed; kcs doctor shows every read that failed.",
  findingAbsent:
    "--finding {{codes}}: no selected store has it now; doctor finds {{instead}}. Nothing was changed (a finding doctor --probe found needs kcs fix --probe).",
  instead: {
    nothing: "nothing on the selected stores",
    onStore: "{{codes}} on {{name}}",
    more: " and findings on {{count}} more store(s) (kcs doctor)",
  },
  flags: {
    planAndDryRun: "--plan applies a saved plan; --dry-run makes one. Use one of them.",
    shapes:
      "{{flag}} shapes a new plan, and --plan applies a saved one as it was made: drop {{flag}}, or make a new plan with kcs fix --dry-run ... --out PLAN.json.",
    hookOnSim:
      "--hsm-hook is for --backend aws; on the simulator its simulated HSM operator does the manual steps: drop --hsm-hook, or add --backend aws.",
  },
  problem: {
    stoppedBeforeManual:
      "stopped before manual step {{step}} of {{runbook}} on {{name}} ({{message}}), as --stop-before-manual asked; the store is {{state}}. Do it {{where}}: {{commands}}. Then run kcs fix again at a terminal to confirm it (or with --hsm-hook): it continues from the live state.",
    onProxy: "on the XKS proxy's side",
    onHsm: "on the HSM",
    gone: "gone",
    nowState: " The store is now {{state}}{{code}}.",
    resume: " Running kcs fix again continues from the live state.",
    /** How a hint says to run kcs fix again (the resume sentence is then not added): in every language's hints. */
    resumeSaid: "kcs fix again",
    hint: " {{hint}}",
    cannotConfirmRead: "cannot confirm: {{call}} failed ({{code}})",
    cannotConfirmReadHint: "Run kcs doctor once the read works.",
    cannotConfirmBlind: "cannot confirm: {{blind}}",
    cannotConfirmBlindHint: "Run kcs fix again with the credential.",
    stepFailed: "step {{step}} of {{runbook}} on {{name}} failed: {{message}}.{{where}}{{hint}}{{resume}}",
    blind: "the steps ran, but {{blind}}.",
    unconfirmed:
      "the steps ran, but {{call}} failed ({{code}}), so kcs cannot confirm the repair; run kcs doctor once the read works.",
    newCodes: "{{codes}} that was not there before",
    lostKeys: "{{count}} key(s) that were Enabled before are not now ({{keys}})",
    and: "; and ",
    left: "the steps ran, but they left {{what}}: not fixed. Run kcs doctor for the evidence before anything else.",
    stillFinds: "the steps ran but kcs doctor still finds {{codes}}; run kcs doctor for the evidence.",
  },
  input: {
    needed: "A {{noun}} is needed: add {{flag}} and pipe it in, or set {{env}}.",
    password: "password",
    passwordRule: "7 to 32 ASCII letters and digits",
    invalid: "The {{noun}} from {{source}} is not valid: it must be {{says}}. Nothing was changed.",
    proxyKeyIdPrompt: "XKS proxy access key id: ",
    proxySecretPrompt: "XKS proxy secret access key: ",
    proxyNeeded:
      "The XKS proxy's credential is needed: add --xks-credential-stdin and pipe ACCESS_KEY_ID:SECRET_ACCESS_KEY in, or set {{idEnv}} and {{secretEnv}}.",
    proxyInvalid:
      "The XKS proxy credential from {{from}} is not valid: {{refused}} (not shown). Nothing was changed.",
  },
  param: {
    unknown: "--param takes NAME=VALUE with NAME one of {{names}}; got {{got}}.",
    somethingElse: "something else (not shown: it may be a secret)",
    invalid: "--param {{name}} takes {{takes}}; the value given is not one (not shown). Nothing was changed.",
    twice: "--param {{name}} is given twice: give it once.",
    takes: {
      BackupId: "a CloudHSM backup id (backup-…)",
      SubnetIds: "1 to 10 different subnet ids (subnet-…), separated by commas",
      AcceptKeyLoss: "yes",
      HsmType: "hsm1.medium or hsm2m.medium",
      XksProxyUriPath: "a path that starts with / and ends with /kms/xks/v1 (e.g. /example/kms/xks/v1)",
      XksProxyUriEndpoint: "https:// and a host name, with no path (e.g. https://xks.example.com)",
    },
  },
  store: {
    empty: "--store takes a store id or name; got an empty one.",
    tooLong: "--store takes a store id or name of at most 256 characters; got {{length}}.",
    control: "--store holds control characters: give the store's id or name.",
  },
  planFile: {
    cannotRead: "Cannot read the plan {{path}}: {{why}}.",
    notJson: "{{path}} is not a kcs plan (not JSON). Make one with: kcs fix --dry-run --out {{path}}",
    schemaVersion:
      "{{path}} is a kcs plan of schemaVersion {{found}}; this kcs applies schemaVersion {{applies}}. Make a new plan.",
    invalid:
      "{{path}} is not a valid kcs plan ({{field}}: {{message}}). Make one with: kcs fix --dry-run --out {{path}}",
    notOurs:
      "{{path}} is not a plan kcs would make ({{problem}}). Nothing was changed; make a new plan with kcs fix --dry-run.",
    cannotWrite: "Cannot write the plan to {{path}}: {{why}}.",
  },
  ledgerDamaged:
    "The kcs ledger {{path}} is damaged ({{field}}): restore it from a backup, or move it away if you accept that kcs forgets what it did (failed kmsuser logins, moves in flight).",
  ssm: {
    noSteps: "The plan has no steps: there is no Automation document to write.",
    severalPlaces:
      "An Automation document runs in one account and Region, and this plan spans {{count}}: make one per Region and account (kcs fix --dry-run --region REGION -o ssm-automation).",
    onlyPlans:
      "-o ssm-automation writes a plan as an SSM Automation document: use it with kcs fix --dry-run.",
  },
  fleet: {
    oneTarget:
      "{{flag}} is for one account and Region: run kcs fix with one --region (and at most one --profile, no --role-arn) for it.",
    noStore:
      "No custom key store has the id or name '{{selector}}' in the {{count}} accounts and Regions read (kcs doctor lists them all).",
    ambiguous:
      "'{{selector}}' names stores in several accounts and Regions ({{where}}): give the store's id, or narrow --region and --role-arn to one of them.",
    findingAbsent:
      "--finding {{code}}: no selected store has it in any account and Region read (kcs doctor shows what each has).",
    manualNoTerminal:
      "This plan has {{count}} manual step(s) only a person can do (first: {{first}}), and no terminal to confirm them: run kcs fix at a terminal, or add --stop-before-manual. Nothing was changed.",
    planForOne:
      "{{path}} is a plan for one account and Region: apply it with kcs fix --plan {{path}} and that one --region (no --role-arn, at most one --profile). Nothing was changed.",
    planLost:
      "{{path}} acts in {{places}}, which could not be read now ({{code}}): its state cannot be checked. Nothing was changed.",
    planUnread:
      "{{path}} acts in {{places}}, which this run does not read: give the --region, --profile and --role-arn flags the plan was made with. Nothing was changed.",
    isFleetPlan:
      "{{path}} is a fleet plan ({{places}}): apply it with the --region, --profile and --role-arn flags it was made with. Nothing was changed.",
  },
  what: {
    createKmsuser: "Create kmsuser on cluster {{cluster}}",
    logoutKmsuser: "Log kmsuser out on cluster {{cluster}}",
    setKmsuserPassword: "Set the new kmsuser password on cluster {{cluster}}",
    deleteKeyMaterial:
      "Delete the key labelled {{label}} (backing key {{backingKeyId}}) on cluster {{cluster}}",
    verifyKeyMaterial: "Confirm cluster {{cluster}} holds a key for each of {{count}} label(s)",
    proxyTls: "Fix the TLS configuration of the XKS proxy at {{host}}",
    proxyAuthorization: "Let KMS through the authorization rules of the XKS proxy at {{host}}",
    proxyHealth: "Make the XKS proxy at {{host}} reachable, fast and healthy",
    vpcEndpointService: "Fix the VPC endpoint service {{service}} of the XKS proxy",
    externalKeys_one: "Make the external key {{keys}} usable at the external key manager",
    externalKeys_other: "Make the external keys {{keys}} usable at the external key manager",
  },
  hook: {
    cannotRun: "cannot run --hsm-hook {{hook}}: {{message}}",
    timedOut: "--hsm-hook {{hook}} {{action}} did not finish within the run's --max-time; it was stopped",
    done: "done by --hsm-hook{{last}}",
    exited: "--hsm-hook {{hook}} {{action}} exited {{code}}{{last}}",
    confirmed: "confirmed by the operator",
  },
  lock: {
    held: "Another kcs ({{command}}, pid {{pid}} on {{host}}, since {{since}}) is changing this account and Region: wait for it to end. Nothing was changed.",
    heldUnknown:
      "Another kcs holds {{path}}: wait for it to end (or remove the file if no kcs is running). Nothing was changed.",
    contended: "Cannot take the lock {{path}}: another kcs keeps taking it. Nothing was changed.",
  },
  retry: {
    lostAnswer:
      "the answer was lost ({{code}}) and kcs could not look whether AWS made the resource ({{lookCode}}), so it does not send it again",
    lostAnswerHint: "Run kcs fix again: it finds what this run made before it creates anything.",
  },
  xks: {
    both: "Set both {{idEnv}} and {{secretEnv}} to probe an XKS proxy, or neither.",
    badId: "{{idEnv}} is not an XKS access key id (20 to 30 characters of A-Z and 2-7).",
    badLine:
      "Line {{line}} of standard input is not ACCESS_KEY_ID:SECRET (the access key id is 20 to 30 characters of A-Z and 2-7); the line is not shown because it may hold a secret.",
    emptyStdin: "--xks-credential-stdin was given, but standard input held no credential.",
    secretPrompt: "Secret access key of XKS proxy credential {{id}} (empty to skip probing that proxy): ",
  },
} as const;
