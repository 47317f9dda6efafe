import type { doctor as en } from "../en/doctor.js";
import type { Translation } from "../translation.js";

export const doctor: Translation<typeof en> = {
  n: {
    account_other: "アカウント {{count}} 個",
    region_other: "リージョン {{count}} 個",
    kmsKey_other: "KMS キー {{count}} 個",
    store_other: "キーストア {{count}} 個",
    customKeyStore_other: "カスタムキーストア {{count}} 個",
    read_other: "読み取り {{count}} 件",
    key_other: "キー {{count}} 個",
    error_other: "エラー {{count}} 件",
    warning_other: "警告 {{count}} 件",
    info: "情報 {{n}} 件",
  },
  evidence: {
    connectionState: "接続状態",
    connectionErrorCode: "接続エラーコード",
    cloudHsmClusterId: "クラスター ID",
    clusterState: "クラスターの状態",
    activeHsms: "アクティブな HSM",
    hsms: "HSM の一覧",
    availabilityZones: "アベイラビリティーゾーン",
    probe: "プローブ",
    keys: "キー",
    foundBy: "検出方法",
    keyArn: "KMS キー ARN",
    backingKeyId: "バッキングキー ID",
    keyHandle: "キーハンドル",
    eventId: "イベント ID",
    eventTime: "イベント時刻",
    cloudtrailDir: "CloudTrail ディレクトリ",
    missingSubnets: "存在しないサブネット",
    fullSubnets: "空きのないサブネット",
    securityGroup: "セキュリティグループ",
    securityGroupState: "セキュリティグループの状態",
    missingRules: "欠けているルール",
    xksProxyConnectivity: "XKS プロキシの接続方式",
    xksProxyUriEndpoint: "XKS プロキシの URI エンドポイント",
    xksProxyUriPath: "XKS プロキシの URI パス",
    xksProxyVpcEndpointServiceName: "XKS プロキシの VPC エンドポイントサービス名",
    probeHealth: "プローブのヘルス",
    keyManagers: "外部キーマネージャー",
    slowest: "最も遅い呼び出し",
    diagnoser: "チェック",
    error: "エラー",
  },
  severity: { error: "エラー", warning: "警告", info: "情報" },
  status: {
    healthy: "正常",
    connecting: "接続中",
    disconnecting: "切断中",
    unknown: "不明: 読み取りが失敗しました",
    needsAttention: "要対応",
  },
  text: {
    none: "なし",
    noStores: "このアカウントとリージョンにカスタムキーストアはありません。",
    noStoresFleet: "これらのアカウントとリージョンにカスタムキーストアはありません。",
    unusableKeys: " · {{keys}}が現在使用不可 ({{worst}})",
    noUnusableKey: " · 使用不可の KMS キーなし",
    unknownStores: " · {{stores}}が不明: {{reads}}が失敗",
    allHealthy: "{{stores}}すべてが正常",
    needAttention_other: "{{stores}}のうち {{count}} 個に対応が必要",
    fromSnapshot:
      "{{generatedBy}} が {{readAt}} に読み取ったスナップショットから: 現在ではなく当時の状態です (AWS は呼び出していません)。",
    noCluster: "(クラスターなし)",
    noEndpoint: "(エンドポイントなし)",
    unknownConnectivity: "接続方式不明",
    via: "、{{service}} 経由",
    externalStore: "外部キーストア · XKS プロキシ {{where}} ({{connectivity}}{{via}})",
    since: " {{when}} から",
    unusable: "、{{n}} 個が使用不可",
    probe: "プローブ {{detail}}",
    probeSkipped: "プローブ スキップ: {{detail}}",
    keysLabel: "キー: {{keys}}",
    sinceLabel: "開始 {{when}}",
    docsLabel: "AWS ドキュメント: {{docs}}",
    runbook: "(ランブック {{runbook}})",
    readFailed: "! {{where}}{{what}} を読み取れませんでした: {{code}}: {{message}}",
    readFailedWhere: "{{place}} の ",
    scope: "{{accounts}} × {{regions}}: 読み取り {{read}} 件",
    scopeFailed: "{{accounts}} × {{regions}}: 読み取り {{read}} 件、失敗 {{failed}} 件",
    summary: "{{stores}}を確認 ({{backend}}, {{scope}}): {{attention}} · {{errors}}、{{warnings}}、{{info}}",
    attention_other: "{{count}} 個に対応が必要",
    readsFailed: " · {{reads}}が失敗",
    ago: "{{at}} ({{ago}}前)",
    minutes: "{{m}}分",
    hoursMinutes: "{{h}}時間{{m}}分",
    daysHours: "{{d}}日{{h}}時間",
  },
  markdown: {
    allHealthy: "## kcs doctor: すべてのカスタムキーストアが正常",
    needAttention: "## kcs doctor: カスタムキーストア {{total}} 個のうち {{count}} 個に対応が必要",
    noUnusableKey: "使用不可の KMS キーはありません。",
    unusableKeys_other: "KMS キー {{count}} 個が現在使用不可です。",
    unknown_other: " キーストア {{count}} 個の状態が不明です: 読み取りが失敗しました。",
    fleetLine: "バックエンド {{backend}}、アカウントとリージョン {{n}} 個 ({{targets}})、{{at}}。",
    targetFailed: " 失敗",
    line: "バックエンド {{backend}}、リージョン {{region}}、{{at}}。",
    fromSnapshot:
      "{{generatedBy}} が {{readAt}} に読み取ったスナップショットから: 現在ではなく当時の状態です。",
    column: {
      account: "アカウント",
      region: "リージョン",
      store: "キーストア",
      id: "キーストア ID",
      state: "接続状態",
      backing: "クラスターまたはプロキシ",
      keys: "キー",
      unusable: "使用不可",
      status: "ステータス",
      service: "サービス",
      operation: "オペレーション",
      code: "コード",
      message: "メッセージ",
    },
    status: {
      healthy: "正常",
      connecting: "接続中",
      disconnecting: "切断中",
      unknown: "不明",
      needsAttention: "要対応",
    },
    probes: "### XKS プロキシのプローブ",
    findings: "### 検出結果",
    finding: "**{{title}}。** {{detail}}",
    findingOn: "{{store}} の {{code}}",
    since: "{{since}} から。",
    docs: "AWS ドキュメント: {{docs}}",
    evidence: "根拠",
    next: "次: {{command}} (ランブック {{runbook}})",
    readsFailed: "### 失敗した読み取り",
    via: " ({{service}} 経由)",
  },
  help: {
    store: "このキーストアだけ (ID または名前)。繰り返し指定できます",
    probe:
      "describe API ではわからない暗号化チェックも実行します: キーストアごとに GenerateRandom、接続中のキーストアの Enabled の各キーで 1 バイトの Encrypt (kms:Encrypt が必要)。外部キーストアでは、認証情報が与えられれば各 XKS プロキシを直接呼び出します (GetHealthStatus、各キーの GetKeyMetadata)",
    xksCredentialStdin:
      "--probe と併用: XKS プロキシの認証情報を標準入力から 1 行に 1 つ ACCESS_KEY_ID:SECRET (または ACCESS_KEY_ID SECRET) の形で読み取ります。それぞれ、そのアクセスキー ID を示すプロキシのキーストアをプローブします。指定しない場合: KCS_XKS_ACCESS_KEY_ID と KCS_XKS_SECRET_ACCESS_KEY、またはターミナルでの非表示の入力。引数では決して受け取りません",
    since: "CloudTrail の DeleteKey イベントをどこまでさかのぼって読むか (最大 90d、既定 90d)",
    cache:
      "各キーがどのキーストアにあるかと、カスタムキーストアの DeleteKey イベントを記憶します (状態フォルダー、アカウントとリージョンごと): 次回は新しいキーとカスタムキーストアのキーだけを describe し、CloudTrail は記憶した以降だけを読みます。--no-cache はすべてを読み、キャッシュには触れません",
    maxTime: "診断全体にかけてよい最長時間 (遅い応答やスロットリングされた応答の再試行を含む)",
    roleArn:
      "この IAM ロールのアカウントも読みます。ロールは SDK の認証情報プロバイダーで引き受けます (最初の --profile、またはデフォルトの認証情報から)。繰り返し指定でき、メンバーアカウントごとに 1 つです",
    externalId: "--role-arn と併用: ロールの信頼ポリシーが求める外部 ID",
    roleSessionName: "--role-arn と併用: メンバーアカウントの CloudTrail に表示されるセッション名 (既定 kcs)",
    allRegions:
      "各アカウントで有効なすべてのリージョン (EC2 DescribeRegions) を並行して読み、1 つのレポートにします",
    fromSnapshotDoctor:
      "AWS を読む代わりに kcs-snapshot ファイルを診断します (AWS の呼び出しも認証情報も不要): サポート用の資料、インシデントの振り返りに",
    fromSnapshotFix:
      "--dry-run と併用: AWS を読む代わりに kcs-snapshot ファイルから計画します (--out で保存し、--plan がライブの状態を確認してから適用します)",
    saveSnapshot:
      "doctor が読んだすべてをこのファイルにも書き出します (kcs-snapshot JSON ドキュメント、0600、シークレットなし)。kcs doctor --from-snapshot で使います",
    cloudtrailDir:
      "証跡が S3 に配信する形 (AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz) の CloudTrail ログファイルもこのフォルダーから読みます: 孤立したキーマテリアルの DeleteKey など、LookupEvents の 90 日より古いイベントのために。繰り返し指定できます",
    example: {
      all: "すべてのカスタムキーストアを診断する",
      twoRegions: "2 つのリージョンを 1 つのレポートに",
      allRegions: "アカウントで有効なすべてのリージョン",
      json: "1 つのキーストアを JSON の契約形式で",
      probe: "暗号化チェックを追加し、CloudTrail は 1 週間分",
      xks: "XKS プロキシもプローブする (ID:SECRET の行)",
      save: "診断し、読んだ内容を後のために保存する",
      fromSnapshot: "保存したスナップショットを診断する (AWS へのアクセスなし)",
      trail: "証跡のログファイルも読む (90 日より前)",
    },
    epilogue:
      "終了ステータス: 0 重大度がエラーまたは警告の検出結果なし、2 そのような検出結果が 1 つ以上、1 doctor を実行できなかった。",
  },
  error: {
    cannotWriteSnapshot: "スナップショットを {{path}} に書き込めません: {{reason}}。",
    cannotReadSnapshot:
      "スナップショット {{path}} を読み取れません: {{reason}}。作成するには: kcs doctor --save-snapshot FILE",
    notJson:
      "{{path}} は kcs スナップショットではありません (JSON ではありません)。作成するには: kcs doctor --save-snapshot FILE",
    notSnapshot:
      "{{path}} は kcs スナップショットではありません (kind が kcs-snapshot ではありません)。作成するには: kcs doctor --save-snapshot FILE",
    schemaVersion:
      "{{path}} は schemaVersion {{found}} の kcs スナップショットです。この kcs が読めるのは schemaVersion {{reads}} です。",
    schemaVersionNewer:
      "{{path}} は schemaVersion {{found}} の kcs スナップショットです。この kcs が読めるのは schemaVersion {{reads}} です: 書き出した新しい kcs で読んでください。",
    invalidSnapshot:
      "{{path}} は有効な kcs スナップショットではありません ({{field}}: {{message}})。作成するには: kcs doctor --save-snapshot FILE",
    noStoreInSnapshot:
      "--store {{stores}}: {{path}} にその ID または名前のキーストアはありません。kcs doctor --from-snapshot {{path}} で一覧を表示できます。",
    outOfTime:
      "kcs は {{call}} の前に時間切れになりました ({{budget}}): AWS の応答が遅すぎて完了できません。より長い --max-time で再実行するか、ネットワークを確認してください。",
    noStore:
      "このアカウントとリージョンに ID または名前が '{{store}}' のカスタムキーストアはありません (kcs doctor ですべて一覧表示できます)。",
    noStoreInFleet:
      "読み取った {{n}} 個のアカウントとリージョンに ID または名前が '{{store}}' のカスタムキーストアはありません (同じ --region と --role-arn で kcs doctor を実行すると一覧表示できます)。",
    storeInSeveralPlaces:
      "'{{store}}' は複数のアカウントとリージョンのキーストアを指しています ({{places}}): キーストアの ID を指定するか、--region と --role-arn を 1 つに絞ってください。",
    notAFolder:
      "--cloudtrail-dir {{dir}} はフォルダーではありません: 証跡の S3 バケットをコピーしたフォルダー (AWSLogs/ を含む) を指定してください。",
    xksSecretArgument:
      "kcs はプロキシのシークレットをコマンドラインで受け取りません (シェルの履歴と ps に残るため): ACCESS_KEY_ID:SECRET を --xks-credential-stdin にパイプで渡すか、KCS_XKS_ACCESS_KEY_ID と KCS_XKS_SECRET_ACCESS_KEY を設定してください。",
    credentialStdinNeedsProbe:
      "--xks-credential-stdin は --probe と併用したときだけ意味があります: --probe を追加してください。",
    saveAndFrom:
      "--save-snapshot は doctor が AWS から読んだものを書き出し、--from-snapshot は AWS から何も読みません: どちらか一方を使ってください (残すにはファイルをコピーしてください)。",
    probeFromSnapshot:
      "--probe は AWS を呼び出し、--from-snapshot は AWS を呼び出しません: --probe を外してください (doctor --probe で保存したスナップショットにはプローブ結果が含まれます)。",
    sinceFromSnapshot:
      "--since は CloudTrail をどこまでさかのぼって読むかを選びますが、スナップショットは読み直せません: --since を外してください (スナップショットにいつから CloudTrail を読んだかが記録されています)。",
    planFromSnapshot:
      "--plan は保存した計画をライブの状態に適用し、--from-snapshot は計画します: どちらか一方を使ってください。",
    fixFromSnapshotDryRun:
      "kcs fix --from-snapshot は計画するだけです: --dry-run を追加してください (計画を保存するには --out PLAN.json、kcs fix --plan PLAN.json がライブの状態を確認してから適用します)。何も変更していません。",
  },
  impact: {
    notStated: "影響: 記載なし (古い kcs の計画です)。",
    line: "影響: {{parts}}。",
    noneOffline: "オフラインになるキーストアはありません",
    takesOffline:
      "{{stores}} をオフラインにします: 実行中、現在使用可能なキー {{keys}} 個が使用不可 (Unavailable) になります",
    disconnects: "{{stores}} を切断します (そのキーはすでに使用できません)",
    creates: "{{items}} を作成します (課金対象)",
    leavesBehind: "{{items}} が残ります",
    partsJoin: "。",
    and: " と ",
    item: {
      clusterFromBackup: "{{backup}} から復元する CloudHSM クラスター",
      hsms_other: "{{cluster}} の HSM {{count}} 台",
      oldCluster_other:
        "{{cluster}} とその HSM {{count}} 台 (キーストアはもう使いませんが、削除するまで課金されます)",
    },
  },
  securityGroup: {
    inbound: "自身からのインバウンド {{ports}}",
    outbound: "自身へのアウトバウンド {{ports}}",
  },
  trailFile: {
    unreadable: "{{path}}: 読み取れません。そのイベントは数えていません",
    noRecords:
      '{{path}}: CloudTrail のログファイルではありません ("Records" のリストがありません)。そのイベントは数えていません',
    notRegular:
      "{{path}}: CloudTrail のログファイルではありません (通常のファイルではありません)。そのイベントは数えていません",
    tooLarge:
      "{{path}}: CloudTrail のログファイルではありません ({{size}} MB を超えています)。そのイベントは数えていません",
    malformed: "{{path}}: CloudTrail のログファイルではありません ({{why}})。そのイベントは数えていません",
  },
  probe: {
    health: "GetHealthStatus の結果 {{summary}}",
    keyManagers: "外部キーマネージャー: {{managers}}",
    noKeys: "確認する外部キーなし",
    keys_other: "外部キー {{count}} 個の GetKeyMetadata: {{answered}} 個が応答 (最も遅い応答 {{ms}} ms)",
    join: "、",
    status: { probed: "プローブ済み", skipped: "スキップ" },
    skippedEvidence: "スキップ: {{reason}}",
    skipped: {
      noEndpoint: "KMS がプロキシの URI エンドポイントを示していません",
      noCredential:
        "アクセスキー ID {{id}} のプロキシ認証情報が指定されていません (--xks-credential-stdin、または {{envId}} と {{envSecret}} で指定してください)",
    },
    message: {
      noFleetDetails: "GetHealthStatus の応答に ekmFleetDetails がありません",
      notAUrl: "プロキシ URI が URL ではありません",
      notJson: "応答が JSON オブジェクトではありません",
      httpsOnly: "kcs は XKS プロキシと https でのみ通信します ({{protocol}} は使用できません)",
      tooLarge: "応答が大きすぎます",
      noAnswer: "{{ms}} ms 以内に応答がありません",
      noProxy: "{{origin}} で待ち受けているプロキシがありません",
      refused: "接続が拒否されました",
      tlsFailed: "TLS ハンドシェイクに失敗しました: {{reason}}",
    },
    failure: {
      rejected:
        "{{where}} のプロキシが、アクセスキー ID {{id}} について kcs に渡された認証情報を拒否しました (401 {{name}})。指定した認証情報を確認してください。これは KMS が使う認証情報については何も示しません",
      refused:
        "{{where}} のプロキシがアクセスキー ID {{id}} を拒否しました (403 {{name}})。プロキシの認可ルールがこの認証情報を拒否しています",
      notXks: "{{where}} のプロキシが XKS の応答ではないものを返しました{{message}}",
      answered: "{{where}} のプロキシの応答: {{answer}}",
    },
  },
};
