import type { errors as en } from "../en/errors.js";
import type { Translation } from "../translation.js";

export const errors: Translation<typeof en> = {
  lang: {
    flag: "--lang {{value}}: kcs が話せるのは en と ja です。--lang en または --lang ja を指定してください。",
    env: "KCS_LANG={{value}}: kcs が話せるのは en と ja です。KCS_LANG を en か ja にするか、設定を外してください。",
  },
  usage: {
    showsUsage: "{{said}} (使い方は {{help}} で確認できます)",
    sentenceEnd: "。",
    missingRequired_other: "必須の引数がありません: {{names}}",
    invalidChoice: "{{flag}} に指定できるのは {{choices}} です。指定値: {{given}}",
    unknownArgument_other: "不明な引数です: {{names}}",
    didYouMeanFlag: "{{head}}。{{idea}} のことですか?",
    ideaFor: "{{idea}} ({{shown}} の代わりに)",
    secretWord: "({{length}} 文字の語。秘密情報かもしれないため表示しません)",
    unknownCommand: "不明なコマンドです: {{typed}}。{{full}} のことですか?",
    didYouMeanCommand: "{{full}} のことですか?",
  },
  internal: "内部エラー: {{message}} (詳細は --debug を付けて実行してください)",
  internalDebug: "内部エラー: {{message}}",
  output: {
    notThisFormat: "{{command}} が出力できるのは {{supported}} です ({{why}})。-o {{mode}} は使えません。",
    or: " または ",
    ssmNeedsDryRun:
      "kcs fix が -o ssm-automation を出力するのは --dry-run のときだけです (計画を AWS が適用する SSM Automation ドキュメントとして出力)。kcs が適用する実行では -o text、-o json、-o markdown を使ってください。",
    ssmPlanOnly:
      "{{command}} が出力できるのは {{supported}} です。-o ssm-automation は使えません (計画を SSM Automation ドキュメントとして出力するのは kcs fix --dry-run だけです)。",
  },
  files: {
    outIsFolder:
      "{{flag}} {{out}} はフォルダーです: {{what}}のファイル名を {{example}} のように指定してください。",
    outUnwritable:
      "{{flag}} {{out}}: kcs は {{dir}} に{{what}}を書き込めません ({{problem}})。存在していて書き込めるフォルダーを選んでください。何も読み取らず、何も変更していません。",
    plan: "計画",
    snapshot: "スナップショット",
    stateFolder:
      "kcs fix は台帳とロックを {{dir}} に置きますが、そこに書き込めません ({{problem}})。書き込めるようにするか、書き込めるフォルダーから kcs を実行してください。何も変更していません。",
  },
};
