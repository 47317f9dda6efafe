import type { steps as en } from "../en/steps.js";
import type { Translation } from "../translation.js";

// Results are terse noun phrases (the task list reads "<step> — <result>"); failures are the clause
// fix.problem.stepFailed quotes (no final 。: it adds its own); hints are sentences to the operator.
export const steps: Translation<typeof en> = {
  skipped: "スキップ: {{reason}}",
  stoppedBeforeManual: "この手動の手順の手前で停止 (--stop-before-manual)",
  skip: {
    storeConnected: "キーストアは CONNECTED",
    credentialRunbook: "キーストアは {{code}} で FAILED。再接続は {{fixer}} が行う",
    itsOwnRunbook: "専用のランブック",
    already: "すでに {{state}}",
    alreadyOn: "すでに {{target}} を使用中",
    sameUri: "キーストアはすでにこのエンドポイントとパスを使用中",
    hsmExists: "{{az}} の {{hsm}} はすでに {{state}}",
  },
  result: {
    reached: "{{state}} になるまで {{duration}}",
    was: "切断前は {{state}}{{code}}",
    connecting: "CONNECTING に移行",
    gone: "{{codes}} は解消",
    keyGone: "NotFoundException: KMS キーは削除済み",
    moved: "{{from}} → {{to}}{{kept}}",
    passwordKept: " (kmsuser のパスワードは変更なし)",
    passwordUpdated: "すでに {{target}} を使用中。パスワードを更新",
    clusterFromBackup: "{{backup}} から {{cluster}} を作成{{tagged}}{{note}}",
    tagged: "、タグ {{tag}}",
    clusterLanded: " (CreateCluster の応答が失われたため、作成されたクラスターを見つけて使用)",
    hsmIn: "{{az}} に {{hsm}} を作成{{note}}",
    anHsm: "ID 不明の HSM",
    hsmLanded: " (CreateHsm の応答が失われたため、作成された HSM を見つけて使用)",
  },
  wait: {
    progress: "{{state}} · 試行 {{attempt}} 回目 · {{elapsed}}",
    hsms_other: "アクティブな HSM のある AZ {{count}} 個、作成中 {{creating}} 個",
    stillAfter: "{{duration}} 経過しても {{state}} のまま ({{limit}})",
    budgetSpent: "実行の {{budget}} を使い切った",
    runAgainLater: "後で kcs fix を再実行してください。現在の状態から続行します。",
    connectFailed: "接続が {{code}} で FAILED になった",
    noErrorCode: "接続エラーコードなし",
    ownRunbook: "kcs doctor を実行してください。{{code}} には専用のランブックがあり、kcs fix が実行します。",
    thisFailure: "この障害",
    disconnected: "キーストアが DISCONNECTED に戻った (他の誰かが切断した)",
    clusterIs: "クラスター {{id}} は {{state}}",
    tooFewHsms_other: "アクティブな HSM のある AZ は {{count}} 個だけで、作成中の HSM もない",
  },
  failure: {
    budgetSpent: "実行の {{budget}} を使い切ったため、このステップは開始しなかった",
    budgetHint:
      "kcs fix を再実行してください (待機に時間が必要なら、より長い --max-time を指定)。現在の状態から続行します。",
    kmsuserBusy: "キーストアは {{state}}。kmsuser を変更できるのは DISCONNECTED のときだけ",
    badInput:
      "ステップ {{step}} の入力は {{action}} が受け付けない ({{path}}: {{message}})。このステップでは何もしていない",
    notKnownYet: "{{name}} はまだわからない: それを作成するステップが実行されていない",
    storeGone: "カスタムキーストア {{id}} はもう存在しない",
    needsPassword:
      "このステップには kmsuser の新しいパスワードが必要 (--password-stdin または KCS_KMSUSER_PASSWORD)",
    stillFound: "まだ見つかる: {{codes}}",
    newSince: "実行開始後に新たに見つかった: {{codes}}",
    separator: "。",
    doctorHint: "kcs doctor で証拠を確認してください。",
    keyStillThere:
      "DescribeKey がまだ {{key}} ({{state}}) を返す: そのキーマテリアルは孤立しておらず、kcs は KMS キーが必要とする可能性のあるキーマテリアルを削除しない",
    keyAnswered:
      "DescribeKey {{key}} の応答が NotFoundException ではなく {{code}}: そのキーマテリアルの削除を拒否",
    mustBeDisconnected: "キーストアは {{state}}。接続するには DISCONNECTED である必要がある",
    passwordUnknown:
      "接続を拒否: KMS がこのクラスターの kmsuser のパスワードを知らない可能性がある (以前の kcs fix がパスワードを置き換えている途中だった)",
    passwordUnknownHint:
      "--password-stdin を付けて kcs fix を実行してください。接続の前に新しいパスワードを設定します。",
    proxyRejected: "接続を拒否: KMS が保持する認証情報を XKS プロキシが拒否した (INVALID_CREDENTIALS)",
    proxyBurned: "INVALID_CREDENTIALS ですでに失敗したプロキシの認証情報での再接続を拒否",
    proxyHint:
      "プロキシの現在の認証情報を KMS に伝えてください: kcs fix --finding INVALID_CREDENTIALS --xks-credential-stdin。",
    passwordRejected:
      "接続を拒否: キーストアの kmsuser のパスワードが失敗しており (INVALID_CREDENTIALS または USER_LOCKED_OUT)、試行のたびにロックアウトに近づく",
    passwordBurned: "INVALID_CREDENTIALS ですでに失敗した kmsuser のパスワードでの再接続を拒否",
    passwordRejectedHint:
      "先にパスワードを修復してください: kcs fix --finding INVALID_CREDENTIALS (または USER_LOCKED_OUT)。",
    lockout_other:
      "接続を拒否: キーストアが最後に接続してから、kcs が開始した接続は {{cluster}} での kmsuser としてのログインにすでに {{count}} 回失敗しており、kmsuser は 5 回でロックされる",
    lockoutHint:
      "kmsuser のパスワードを HSM で確認し (CloudHSM CLI のユーザー一覧にログインの失敗が表示されます)、わかっているパスワードを設定してから、そのパスワードで kcs fix を実行してください。",
    someoneConnecting:
      "キーストアは CONNECTING: 計画の作成後に他の誰かが接続を開始した。kcs は自分が開始していない接続を切断しない",
    someoneConnectingHint:
      "その接続が終わってから kcs doctor を実行し、まだ必要なら kcs fix を再実行してください。",
    needsProxyCredential:
      "このステップには XKS プロキシの新しい認証情報が必要 (--xks-credential-stdin、または KCS_XKS_ACCESS_KEY_ID と KCS_XKS_SECRET_ACCESS_KEY)",
    proxyCredentialState:
      "キーストアは {{state}}。KMS が新しいプロキシの認証情報を受け付けるのは CONNECTED または DISCONNECTED のときだけ",
    proxyCredentialRefused: "KMS が新しいプロキシの認証情報を拒否した: {{error}}: {{message}}",
    proxyCredentialHint:
      "XKS プロキシにこの認証情報 (アクセスキー ID とシークレット) があることを確認してから、その認証情報で kcs fix を再実行してください。",
    uriEndpointState:
      "キーストアは {{state}}。KMS がプロキシ URI エンドポイントを変更するのは DISCONNECTED のときだけ",
    uriPathState:
      "キーストアは {{state}}。KMS がプロキシ URI パスを変更するのは CONNECTED または DISCONNECTED のときだけ",
    backupNotReady: "バックアップ {{backup}} は READY ではなく {{state}}",
    gone: "存在しない",
    clustersSeen_other:
      "CreateCluster の応答が失われ、{{backup}} から作成された新しいクラスターが {{count}} 個ある",
    clustersSeenHint:
      "kcs doctor を実行し、不要なクラスターを削除してから kcs fix を再実行してください。新しく作成する前に、このバックアップから復元されたクラスターを再利用します。",
    noClusterId: "CreateCluster がクラスター ID を返さなかった",
    clusterNotVisible: "クラスター {{id}} が見えない",
    noUriChange: "新しい XksProxyUriPath も新しい XksProxyUriEndpoint も指定していない",
  },
  moved: {
    message:
      "{{name}} ({{id}}) がこの実行の外で変更された: kcs の想定は {{was}} だったが、現在は {{now}}。{{why}}",
    connecting: "他の誰かが接続を開始した。kcs は自分が開始していない接続を切断しない",
    other:
      "他の誰か (別の kcs、コンソール、自動化) が変更した。kcs は状態を把握できなくなったキーストアには作用しない",
    hint: "kcs doctor でキーストアの現在の状態を確認し、まだ修復が必要なら kcs fix を再実行してください。",
    or: " または ",
    onClusters: "{{states}} (クラスター {{clusters}})",
    gone: "存在しない",
  },
  verify: {
    unprobed:
      "{{name}} の XKS プロキシを調べていない ({{why}}) ため、kcs は {{codes, list}} の解消を確認できない。プロキシの認証情報を KCS_XKS_ACCESS_KEY_ID と KCS_XKS_SECRET_ACCESS_KEY で kcs fix に渡すか、kcs doctor --probe を実行してください",
    noProbe: "プローブは実行されていない",
  },
  subnets: {
    noCluster: "DescribeClusters にクラスターが表示されなくなったため、その VPC がわからない",
    noVpc: "DescribeClusters がクラスターの VPC を示していない",
    unread: "kcs が EC2 から VPC のサブネットを読み取れなかった (レポートのエラーを参照)",
    tooFew:
      "VPC {{vpc}} で空きアドレスが {{needed}} 個以上あるサブネットは{{where}}。復元するクラスターには 2 つのアベイラビリティーゾーンが必要",
    noAz: "どのアベイラビリティーゾーンにもない",
    oneAz: "ひとつのアベイラビリティーゾーン ({{az}}) にしかない",
  },
  xksUri: {
    unknown:
      "kcs はプロキシの待ち受け先を知ることができない: --param XksProxyUriPath=/…/kms/xks/v1 と --param XksProxyUriEndpoint=https://host の一方または両方で正しい値を指定してください (プロキシのドキュメントに記載されています)",
    same: "キーストアはすでにそのプロキシ URI を使用している: KMS は同じ場所に再び接続するだけ。プロキシのエンドポイントとパスを確認してください",
  },
  operator: {
    unknownTask: "シミュレートされたオペレーターは {{action}} の方法を知らない",
    passwordSet: "user change-password --username kmsuser --role crypto-user: 完了",
    userCreated: "user create --username kmsuser --role crypto-user: 完了",
    loggedOut: "logout: kmsuser のセッションを終了",
    noSession: "logout: kmsuser のセッションはなかった",
    noKey: "key list: このラベルのキーはもうない (削除済み)",
    ambiguousLabel_other: "ラベル {{label}} のキーが {{count}} 個ある: どれを削除するか推測しない",
    otherBackingKey:
      "ラベル {{label}} のキーのバッキングキーは {{found}} で、CloudTrail が示す {{expected}} ではない: 削除を拒否",
    deleted: "key delete --filter attr.label={{label}}: {{key}} を削除",
    missingLabels: "復元したクラスターにラベル {{labels}} のキーがない",
    allPresent_other: "key list: バッキングキー {{count}} 個すべてあり",
  },
  proxy: {
    noProxy: "{{endpoint}} で待ち受ける XKS プロキシはない: そこで修復するものはない",
    certificateInstalled: "有効な証明書をインストール (以前: {{was}})",
    certificateValid: "証明書はすでに有効",
    kmsAllowed: "プロキシの認可ルールで KMS を許可",
    alreadyAllowed: "ルールはすでに KMS を許可",
    online: "プロキシをオンラインに復帰",
    latency: "余分な遅延を解消",
    responses: "応答を修正",
    keyManagers: "キーマネージャーを復旧",
    separator: "、",
    healthy: "プロキシはすでに正常",
    serviceCreated: "{{host}} 用のエンドポイントサービス {{name}} を作成",
    serviceConforms: "{{name}} を要件に適合 (承諾不要、{{principal}} を許可、2 つの AZ、{{host}} を検証済み)",
    noExternalKey: "外部キーマネージャーに復元できるキー {{key}} がない",
    keysEnabled: "{{keys}} を AES_256 の ENCRYPT/DECRYPT キーとして有効化",
  },
};
