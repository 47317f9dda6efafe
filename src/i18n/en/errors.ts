/** Error lines: one line on stderr, saying what to do. */
export const errors = {
  lang: {
    flag: "--lang {{value}}: kcs speaks en and ja; give --lang en or --lang ja.",
    env: "KCS_LANG={{value}}: kcs speaks en and ja; set KCS_LANG to en or ja, or unset it.",
  },
  usage: {
    showsUsage: "{{said}} ({{help}} shows usage)",
    sentenceEnd: ".",
    missingRequired_one: "Missing required argument {{names}}",
    missingRequired_other: "Missing required arguments {{names}}",
    invalidChoice: "{{flag}} takes {{choices}}; got {{given}}",
    unknownArgument_one: "Unknown argument {{names}}",
    unknownArgument_other: "Unknown arguments {{names}}",
    didYouMeanFlag: "{{head}}. Did you mean {{idea}}?",
    ideaFor: "{{idea}} (for {{shown}})",
    secretWord: "(a word of {{length}} characters, not shown: it may be a secret)",
    unknownCommand: "Unknown command {{typed}}. Did you mean {{full}}?",
    didYouMeanCommand: "Did you mean {{full}}?",
  },
  internal: "internal error: {{message}} (run with --debug for details)",
  internalDebug: "internal error: {{message}}",
  output: {
    notThisFormat: "{{command}} writes {{supported}} ({{why}}), not -o {{mode}}.",
    or: " or ",
    ssmNeedsDryRun:
      "kcs fix writes -o ssm-automation only with --dry-run (the plan as an SSM Automation document, applied by AWS); a run kcs applies writes -o text, -o json or -o markdown.",
    ssmPlanOnly:
      "{{command}} writes {{supported}}, not -o ssm-automation (only kcs fix --dry-run writes a plan as an SSM Automation document).",
  },
  files: {
    outIsFolder: "{{flag}} {{out}} is a folder: give a file name for the {{what}}, like {{example}}.",
    outUnwritable:
      "{{flag}} {{out}}: kcs cannot write the {{what}} in {{dir}} ({{problem}}): choose a folder that exists and you can write in. Nothing was read or changed.",
    plan: "plan",
    snapshot: "snapshot",
    stateFolder:
      "kcs fix keeps its ledger and lock in {{dir}}, and cannot write there ({{problem}}): make it writable, or run kcs from a folder where it can. Nothing was changed.",
  },
  world: {
    notAFile:
      "The simulator world {{path}} is not a file: give --sim-state the path of a world file, like {{example}}.",
    noFolder:
      "The folder of the simulator world {{path}} ({{named}}) does not exist: make the world with kcs sim init --scenario NAME --sim-state {{pasteable}}, or correct the path. Nothing was created.",
    unwritable:
      "kcs cannot write the simulator world in {{dir}} ({{problem}}): make that folder writable, or give another --sim-state PATH. Nothing was changed.",
    endpointUrl:
      "--endpoint-url is for --backend aws (against kcs sim serve, say); the sim backend answers in this process from its world file, in the world's Region (kcs sim status): drop --endpoint-url, or add --backend aws.",
    profile:
      "--profile is for --backend aws; the simulator needs no AWS profile or credentials: drop --profile, or add --backend aws.",
    region:
      "--region {{region}} is for --backend aws; the simulated world's Region is {{regions}} (kcs sim status): drop --region, or add --backend aws.",
  },
  duration: {
    notADuration: "{{flag}} takes a duration like 250ms, 15s, 20m or 1h; got '{{text}}'.",
    tooShort: "{{flag}} must be at least {{min}}; got {{text}}.",
    tooLong: "{{flag}} must be at most {{max}}; got {{text}}.",
    tooLongBecause: "{{flag}} must be at most {{max}} ({{reason}}); got {{text}}.",
    cloudTrailKeeps: "CloudTrail keeps 90 days of events",
  },
  file: {
    notRegular: "{{path}} is not a regular file: kcs reads a {{what}} only from one.",
    tooLarge: "{{path}} is larger than a {{what}} can be ({{limit}}).",
    file: "file",
    /** What each file is to its reader, named in the refusals above. */
    kinds: {
      snapshot: "kcs snapshot",
      plan: "kcs plan",
      ledger: "kcs ledger",
    },
  },
  proxyCredential: {
    notAPair: "it is not ACCESS_KEY_ID:SECRET_ACCESS_KEY",
    accessKeyId: "its access key id is not 20 to 30 characters of A-Z and 2-7",
    secret: "its secret access key is not 43 to 64 characters of a-z, A-Z, 0-9, /, + and =",
  },
  writable: {
    readOnly: "it is on a read-only file system",
    denied: "permission denied",
    missing: "it does not exist",
    pathHasFile: "a part of its path is a file, not a folder",
    notAFolder: "it is not a folder",
    cannotMake: "it does not exist and cannot be made in {{at}}: {{problem}}",
  },
  aws: {
    noCredentials:
      "No AWS credentials found: set AWS_PROFILE or --profile, export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run `aws configure` (or use --backend sim).",
    noRegion: "No AWS Region: pass --region, set AWS_REGION, or set a region in your AWS profile.",
    noProfile:
      "The AWS profile '{{profile}}' ({{from}}) does not exist: neither {{config}} nor {{credentials}} defines it. Check the name (aws configure list-profiles lists them), or create it with aws configure --profile NAME.",
    theEndpoint: "The {{service}} endpoint",
    theEndpointLower: "the {{service}} endpoint",
    timeout:
      "{{endpoint}} did not answer {{service}}:{{operation}} in time (--request-timeout), even after retries: check the network and proxies, or allow more with --request-timeout.",
    unreachable: "Cannot reach {{endpoint}} ({{code}}): check --endpoint-url, the network and proxies.",
    accessDenied: "Access denied: your IAM identity may not call {{action}}. Allow {{action}} and run again.",
    rejected: "AWS rejected the credentials ({{name}}): refresh them (e.g. aws sso login) and run again.",
    simState:
      "--sim-state is for the sim backend (the default); --backend aws reads AWS: drop --sim-state, or drop --backend aws.",
    endpointUrl:
      "--endpoint-url takes an http:// or https:// URL, like http://127.0.0.1:4566 (kcs sim serve) or https://kms.eu-west-1.amazonaws.com; got '{{text}}'.",
    region: "{{from}} takes a Region name like eu-west-1; got '{{region}}'.",
  },
  fleet: {
    roleArn:
      "--role-arn takes an IAM role's ARN, like arn:aws:iam::444455556666:role/kcs-audit; got '{{value}}'.",
    needsRole: "{{flag}} is for the roles kcs assumes: add --role-arn ARN.",
    externalId:
      "--external-id takes 2 to 1224 letters, digits or +=,.@:/- (as the role's trust policy names it).",
    sessionName: "--role-session-name takes 2 to 64 letters, digits or +=,.@- ; got '{{value}}'.",
    allRegions:
      "--all-regions reads every Region the account has enabled; --region names them: give one or the other.",
    thisCommand: "This command",
    oneRegion: "{{command}} reads one Region: give --region once.",
    oneProfile: "{{command}} reads one profile: give --profile once.",
    simProfile:
      "--profile is for --backend aws; the simulator's other accounts are reached with --role-arn ({{roles}}): drop --profile, or add --backend aws.",
    simRoles: "this world's roles: {{roles}}",
    simNoRoles: "this world has no roles",
    simRegion:
      "--region {{region}} is for --backend aws; the simulated world's Regions are {{regions}} (kcs sim status): drop it, or add --backend aws.",
    noRegion: "No AWS Region: pass --region (repeatable) or --all-regions with AWS_REGION set.",
  },
} as const;
