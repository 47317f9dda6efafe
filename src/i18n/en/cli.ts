/** The parser's words: global flags, command descriptions, examples, the exit statuses. */
export const cli = {
  flag: {
    backend: "Where the AWS APIs are answered: the bundled simulator or AWS (env KCS_BACKEND)",
    simState: "The simulator's world file (env KCS_SIM_STATE; default .kcs/sim-world.json)",
    region: "AWS Region (aws backend; default: the SDK's chain)",
    profile: "Named AWS profile (aws backend)",
    endpointUrl: "Send KMS, CloudHSM v2 and CloudTrail requests to this URL (e.g. kcs sim serve)",
    requestTimeout:
      "aws backend: how long one AWS request may take before it is retried or fails (default 30s)",
    output: "Output format (ssm-automation: kcs fix --dry-run's plan as an SSM Automation document)",
    color: "Colour on a TTY (--no-color turns it off; NO_COLOR is honoured)",
    debug: "Show stack traces and SDK details on errors",
    lang: "Language of what kcs prints: en or ja (env KCS_LANG, else LC_ALL/LC_MESSAGES/LANG); JSON keeps its English codes",
  },
  command: {
    doctor: "Diagnose every custom key store (never changes anything)",
    fix: "Plan and carry out the runbooks for what doctor finds (--dry-run: plan only)",
    runbooks: "List or show the runbooks kcs fix can run",
    sim: "The bundled simulator: scenarios, world status, HTTP server, HSM operator",
    completion: "Print the shell completion script (bash or zsh)",
  },
  tagline: "Diagnose and repair AWS KMS custom key stores backed by AWS CloudHSM clusters.",
  demandCommand: "Name a command: doctor, fix, runbooks, sim or completion.",
  globalGroup: "Global options:",
  example: {
    practise: "Practise on a simulated broken store",
    doctor: "Diagnose every custom key store",
    dryRun: "The repair plan, for a change review",
    aws: "Diagnose a real account (AWS credentials)",
  },
  exitStatus: {
    heading: "Exit status:",
    ok: "success; doctor found nothing that needs attention",
    failed: "kcs could not do what was asked: a usage error, bad input, an AWS error, a failed step",
    attention:
      "the command worked and found something that needs attention (doctor findings, a non-empty dry-run plan)",
    stopped:
      "kcs fix stopped, on purpose, before a manual step a person must do (the message says what to do and how to resume)",
    interrupted: "interrupted",
  },
  moreHelp:
    "kcs <command> --help shows a command's flags and examples; kcs completion --help sets up tab completion.",
  interrupted: "interrupted",
  completion: {
    shell: "The shell to complete in",
    shellDefault: "zsh when $SHELL is zsh, else bash",
    bash: "Tab completion in every new bash",
    zsh: "The same in zsh (after compinit)",
    here: "Tab completion in this shell only",
  },
} as const;
