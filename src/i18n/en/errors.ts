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
} as const;
