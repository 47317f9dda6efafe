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
  world: {
    notAFile:
      "シミュレーターのワールド {{path}} はファイルではありません: --sim-state にはワールドファイルのパスを {{example}} のように指定してください。",
    noFolder:
      "シミュレーターのワールド {{path}} ({{named}}) のフォルダーがありません: kcs sim init --scenario NAME --sim-state {{pasteable}} でワールドを作るか、パスを直してください。何も作成していません。",
    unwritable:
      "kcs は {{dir}} にシミュレーターのワールドを書き込めません ({{problem}}): フォルダーを書き込めるようにするか、別の --sim-state PATH を指定してください。何も変更していません。",
    endpointUrl:
      "--endpoint-url は --backend aws 用です (kcs sim serve に向けるときなど)。sim バックエンドはこのプロセスの中でワールドファイルから、ワールドのリージョン (kcs sim status) で答えます: --endpoint-url を外すか、--backend aws を付けてください。",
    profile:
      "--profile は --backend aws 用です。シミュレーターには AWS のプロファイルも認証情報も要りません: --profile を外すか、--backend aws を付けてください。",
    region:
      "--region {{region}} は --backend aws 用です。シミュレーターのワールドのリージョンは {{regions}} です (kcs sim status): --region を外すか、--backend aws を付けてください。",
  },
  duration: {
    notADuration: "{{flag}} には 250ms、15s、20m、1h のような期間を指定します。指定値: '{{text}}'。",
    tooShort: "{{flag}} は {{min}} 以上にしてください。指定値: {{text}}。",
    tooLong: "{{flag}} は {{max}} 以下にしてください。指定値: {{text}}。",
    tooLongBecause: "{{flag}} は {{max}} 以下にしてください ({{reason}})。指定値: {{text}}。",
    cloudTrailKeeps: "CloudTrail がイベントを保持するのは 90 日間です",
  },
  file: {
    notRegular: "{{path}} は通常のファイルではありません: kcs は{{what}}を通常のファイルからしか読みません。",
    tooLarge: "{{path}} は{{what}}の上限 ({{limit}}) より大きいです。",
    kinds: {
      snapshot: "スナップショット",
      plan: "実行計画",
      ledger: "台帳",
    },
    file: "ファイル",
  },
  proxyCredential: {
    notAPair: "ACCESS_KEY_ID:SECRET_ACCESS_KEY の形式ではありません",
    accessKeyId: "アクセスキー ID が A-Z と 2-7 の 20～30 文字ではありません",
    secret: "シークレットアクセスキーが a-z、A-Z、0-9、/、+、= の 43～64 文字ではありません",
  },
  writable: {
    readOnly: "読み取り専用のファイルシステム上にあります",
    denied: "アクセス許可がありません",
    missing: "存在しません",
    pathHasFile: "パスの途中がフォルダーではなくファイルです",
    notAFolder: "フォルダーではありません",
    cannotMake: "存在せず、{{at}} に作ることもできません: {{problem}}",
  },
  aws: {
    noCredentials:
      "AWS の認証情報が見つかりません: AWS_PROFILE か --profile を設定するか、AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY を export するか、`aws configure` を実行してください (または --backend sim を使ってください)。",
    noRegion:
      "AWS リージョンがありません: --region を指定するか、AWS_REGION を設定するか、AWS プロファイルにリージョンを設定してください。",
    noProfile:
      "AWS プロファイル '{{profile}}' ({{from}}) は存在しません: {{config}} にも {{credentials}} にも定義されていません。名前を確認するか (aws configure list-profiles で一覧できます)、aws configure --profile NAME で作成してください。",
    theEndpoint: "{{service}} のエンドポイント",
    theEndpointLower: "{{service}} のエンドポイント",
    timeout:
      "{{endpoint}} は、再試行しても {{service}}:{{operation}} に時間内 (--request-timeout) に応答しませんでした: ネットワークとプロキシを確認するか、--request-timeout で時間を延ばしてください。",
    unreachable:
      "{{endpoint}} に到達できません ({{code}}): --endpoint-url、ネットワーク、プロキシを確認してください。",
    accessDenied:
      "アクセスが拒否されました: あなたの IAM ID には {{action}} を呼び出す権限がないようです。{{action}} を許可してから、もう一度実行してください。",
    rejected:
      "AWS が認証情報を拒否しました ({{name}}): 認証情報を更新して (例: aws sso login)、もう一度実行してください。",
    simState:
      "--sim-state は sim バックエンド (デフォルト) 用です。--backend aws は AWS を読み取ります: --sim-state を外すか、--backend aws を外してください。",
    endpointUrl:
      "--endpoint-url には http://127.0.0.1:4566 (kcs sim serve) や https://kms.eu-west-1.amazonaws.com のような http:// または https:// の URL を指定します。指定値: '{{text}}'。",
    region: "{{from}} には eu-west-1 のようなリージョン名を指定します。指定値: '{{region}}'。",
  },
  fleet: {
    roleArn:
      "--role-arn には arn:aws:iam::444455556666:role/kcs-audit のような IAM ロールの ARN を指定します。指定値: '{{value}}'。",
    needsRole: "{{flag}} は kcs が引き受けるロール用です: --role-arn ARN を付けてください。",
    externalId:
      "--external-id には、ロールの信頼ポリシーにある通りの、英字、数字、+=,.@:/- からなる 2 から 1224 文字を指定します。",
    sessionName:
      "--role-session-name には英字、数字、+=,.@- からなる 2 から 64 文字を指定します。指定値: '{{value}}'。",
    allRegions:
      "--all-regions はアカウントで有効なすべてのリージョンを読み取り、--region はリージョンを指定します: どちらか一方にしてください。",
    thisCommand: "このコマンド",
    oneRegion: "{{command}}が読み取るリージョンは 1 つです: --region は 1 回だけ指定してください。",
    oneProfile: "{{command}}が読み取るプロファイルは 1 つです: --profile は 1 回だけ指定してください。",
    simProfile:
      "--profile は --backend aws 用です。シミュレーターの他のアカウントには --role-arn で到達します ({{roles}}): --profile を外すか、--backend aws を付けてください。",
    simRoles: "このワールドのロール: {{roles}}",
    simNoRoles: "このワールドにはロールがありません",
    simRegion:
      "--region {{region}} は --backend aws 用です。シミュレーターのワールドのリージョンは {{regions}} です (kcs sim status): 外すか、--backend aws を付けてください。",
    noRegion:
      "AWS リージョンがありません: --region (繰り返し可) を指定するか、AWS_REGION を設定して --all-regions を使ってください。",
  },
};
