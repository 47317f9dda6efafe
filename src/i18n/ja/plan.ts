import type { plan as en } from "../en/plan.js";
import type { Translation } from "../translation.js";

export const plan: Translation<typeof en> = {
  header: "kcs 実行計画 · バックエンド {{backend}} · {{region}} · {{createdAt}}",
  legend:
    "凡例: ~ 変更を伴う呼び出し · = 読み取り専用の呼び出し · … 待機 · ✋ 手動の手順 (HSM または XKS プロキシ) · ✓ 検証",
  action: "{{runbook}} ({{name}} {{id}} に適用)  修正する検出結果: {{codes}}",
  parameter: "  パラメータ {{name}} = {{value}}   (取得元: {{source}})",
  source: {
    "live state": "現在の状態",
    "--param": "--param 指定",
    default: "デフォルト",
    stdin: "標準入力",
    env: "環境変数",
    prompt: "プロンプト",
  },
  input: "        入力:   {{text}}",
  when: "        条件:   {{text}}",
  expect: "        期待:   {{text}}",
  expectTimeout: "        期待:   {{text}} (タイムアウト {{timeout}})",
  undo: "        元に戻す: {{text}}",
  commands: "        コマンド:",
  cloudHsmCli: "        CloudHSM CLI のコマンド:",
  legacy: "        旧形式 (Client SDK 3): {{commands}}",
  notInPlan: "この計画に含まれないもの: {{note}}。",
  dryRun:
    "ドライラン: 何も変更していません。kcs fix --yes で実行するか、--out plan.json で保存して kcs fix --plan plan.json で実行してください。",
  summary: {
    nothing: "計画: 実行することはありません。",
    line: "計画: {{actions}}、{{mutating}}、{{waits}}{{longest}}、{{manual}}。",
    actions_other: "アクション {{count}} 件",
    mutating_other: "変更を伴う呼び出し {{count}} 件",
    waits_other: "待機 {{count}} 件",
    longest: " (最長 {{duration}})",
    manual_other: "手動の手順 {{count}} 件",
  },
  md: {
    heading: "## kcs fix 実行計画",
    created: "バックエンド {{backend}}、リージョン {{region}}、作成日時 {{createdAt}}。",
    notInPlan: "> **この計画に含まれないもの:** {{note}}。",
    action: "### {{runbook}} ({{name}} ({{id}}) に適用)",
    fixes: "修正する検出結果: {{codes}}",
    parameterHeader: "| パラメータ | 値 | 取得元 |",
    stepHeader: "| # | ステップ | 種類 | 呼び出し | 変更 | 期待される結果 |",
    yes: "**あり**",
    no: "なし",
    manual: "<details><summary>手動の手順: {{title}}</summary>",
    legacy: "旧形式 (Client SDK 3):",
  },
  expectOf: {
    kms: {
      disconnect: "ConnectionState が DISCONNECTING、次に DISCONNECTED。キーは Unavailable (使用不可) になる",
      connect: "ConnectionState が CONNECTING",
      "update-password": "KMS が kmsuser の新しいパスワードを知っている。キーストアは DISCONNECTED のまま",
      "update-cluster": "キーストアが復元したクラスターを指す。DISCONNECTED のまま",
      "check-key-deleted": "NotFoundException。それ以外なら何も変更する前に実行を停止",
      "update-xks-credential": "KMS が新しい認証情報で XKS プロキシへのリクエストに署名する",
      "update-xks-uri": "KMS が修正後のエンドポイントとパスでプロキシを呼び出す",
    },
    cloudhsm: {
      "create-cluster-from-backup":
        "クラスターが CREATE_IN_PROGRESS、次に UNINITIALIZED (復元したクラスターは HSM を追加すると ACTIVE)",
      "create-hsm": "HSM が CREATE_IN_PROGRESS、次に ACTIVE",
    },
    wait: {
      "store-disconnected": "ConnectionState が DISCONNECTED",
      "store-connected": "ConnectionState が CONNECTED。FAILED なら接続エラーコードを示して実行を停止",
      "store-settled": "ConnectionState が CONNECTED または DISCONNECTED。FAILED なら実行を停止",
      "cluster-active": "クラスターの State が ACTIVE",
      "hsms-active": "2 つのアベイラビリティーゾーンにアクティブな HSM",
    },
    hsm: {
      "set-kmsuser-password": "kmsuser が新しいパスワードを持ち、ロックが解除されている",
      "create-kmsuser": "暗号ユーザー (CU) kmsuser が MFA なしで存在する",
      "logout-kmsuser": "kmsuser としてログインしているセッションがない",
      "delete-key-material": "削除された KMS キーの ARN のラベルを持つキーが残っていない",
      "verify-key-material": "失われた各 KMS キーの ARN のラベルを持つキーが 1 つずつある",
    },
    xks: {
      "check-proxy-tls": "プロキシが TLS 1.2 以降で、ホスト名に対する有効期限内の有効な証明書を提示する",
      "check-proxy-authorization": "プロキシの認可ルールが、このキーストアについて KMS の呼び出しを許可する",
      "check-proxy-health":
        "プロキシがヘルスチェックに 250 ms 以内に有効な応答を返し、すべての外部キーマネージャーが ACTIVE",
      "check-vpc-endpoint-service":
        "VPC エンドポイントサービスが存在し、KMS の要件 (承認不要、KMS を許可、2 つの AZ、検証済みのプライベート DNS 名) を満たす",
      "check-key": "各外部キーが存在し、ENABLED、AES_256 で、ENCRYPT と DECRYPT に使用できる",
    },
    verify: { doctor: "対象の検出結果がなくなっている" },
  },
  note: {
    keyLoss:
      "{{store}}: {{backup}} から復元すると、その後に作成された {{count}} 個のキー ({{names}}) のキーマテリアルが完全に失われます (--param AcceptKeyLoss=yes で了承済み)",
    resetsPasswordUnknownTime:
      "{{store}}: {{runbook}} は kmsuser のパスワードをリセットします。{{backup}} の作成日時は不明で、キーストアの最後の接続 ({{lastConnect}}) より前のものとして扱うため、KMS が今は使っていないパスワードを保持しています",
    resetsPasswordUnknownTimeOld:
      "{{store}}: {{runbook}} は kmsuser のパスワードをリセットします。{{backup}} の作成日時は不明で、CloudTrail が保持する 90 日間より前のものとして扱うため、KMS が今は使っていないパスワードを保持しています",
    resetsPassword:
      "{{store}}: {{runbook}} は kmsuser のパスワードをリセットします。{{backup}} は {{taken}} に作成され、キーストアの最後の接続 ({{lastConnect}}) より前のため、KMS が今は使っていないパスワードを保持しています",
    resetsPasswordOld:
      "{{store}}: {{runbook}} は kmsuser のパスワードをリセットします。{{backup}} は {{taken}} に作成され、CloudTrail が保持する 90 日間より前のため、KMS が今は使っていないパスワードを保持しています",
    subnetTaken:
      "{{store}}: {{runbook}} は、削除済みまたは空きのないクラスター自身のサブネットの代わりに {{subnets}} に復元します。別のサブネットは --param SubnetIds で選べます",
    subnetsTaken:
      "{{store}}: {{runbook}} は、削除済みまたは空きのないクラスター自身のサブネットの代わりに {{subnets}} に復元します。別のサブネットは --param SubnetIds で選べます",
    leftForLater:
      "{{store}}: {{codes}} は復元後の次の実行に残します (キーストアは別のクラスターに移行中です)",
    foreignOrphans:
      "{{store}}: キーストアが使用しておらず復元元でもないクラスター {{clusters}} に、孤立したキーマテリアル (バッキングキー) が {{count}} 個あります。そのクラスターで手動で削除してください (kcs runbooks show {{runbook}})",
    vpcEndpointUriUnnamed:
      "{{store}}: 接続タイプ VPC_ENDPOINT_SERVICE のキーストアは、エンドポイントに https://<VPC エンドポイントサービスのプライベート DNS 名> を使用する必要があります",
    vpcEndpointUri:
      "{{store}}: 接続タイプ VPC_ENDPOINT_SERVICE のキーストアは、エンドポイントに https://<{{service}} のプライベート DNS 名> を使用する必要があります",
  },
  noteParts: {
    andMore: "{{names}} ほか {{count}} 個",
    subnet: "{{subnet}} ({{az}}、空きアドレス {{count}} 個)",
    itemSeparator: "、",
  },
  placeholder: {
    adminPassword: "<admin のパスワード>",
    newKmsuserPassword: "<kmsuser の新しいパスワード>",
  },
  comment: {
    onClientOfCluster: "クラスター {{cluster}} のクライアントインスタンスで実行",
    onClientOfRestoredCluster: "復元したクラスター {{cluster}} のクライアントインスタンスで実行",
    newPasswordWhenAsked: "求められたら kmsuser の新しいパスワードを入力",
    passwordWhenAskedNoMfa: "求められたら kmsuser のパスワードを入力 (MFA なし)",
    theNewPassword: "kmsuser の新しいパスワード",
    exactlyOneKey: "キーがちょうど 1 つであること。そのバッキングキーを確認",
    mustMatchOneKey: "1 つのキーに一致すること",
    everyCliSession:
      "クラスター {{cluster}} で kmsuser としてログインしているすべての cloudhsm-cli セッションで実行",
    everyLegacySession:
      "kmsuser としてログインしているすべての key_mgmt_util または cloudhsm_mgmt_util セッションで実行",
    credential:
      "先に KCS_XKS_ACCESS_KEY_ID と KCS_XKS_SECRET_ACCESS_KEY (プロキシの認証情報) を export してください。シークレットは read -rs KCS_XKS_SECRET_ACCESS_KEY で読み込めます",
    runInUnnamedVpc:
      "VPC エンドポイントサービスの VPC 内のインスタンスから実行 ({{host}} はそのプライベート DNS 名)",
    runInVpc: "{{service}} の VPC 内のインスタンスから実行 ({{host}} はそのプライベート DNS 名)",
    runAnywhere:
      "インターネット上のどこからでも実行可 (KMS は {{host}} にパブリックエンドポイントで接続します)",
    tlsNeeds:
      "KMS には TLS 1.2 以降と、有効期限内で、サブジェクトまたは subjectAltName に {{host}} を含み、KMS が信頼するパブリック CA につながる (自己署名でない) 証明書が必要です",
    tlsInstall:
      "条件を満たす証明書 (Verify return code: 0 (ok)、notAfter が未来、subjectAltName にホスト名) をプロキシまたはそのロードバランサーにインストールしてください",
    authorizationRefuses:
      "プロキシの二次認可 (呼び出し元、kmsOperation、キーに対する独自のルール) が KMS を拒否しています。プロキシの設定で許可してください",
    authorizationAnswers:
      "HTTP 403 (AccessDeniedException) ならルールはまだ拒否しています。HTTP 200 なら KMS は接続できます",
    healthNeeded:
      "必要な応答: 0.25 秒未満に HTTP 200、xksProxyFleetSize と ekmFleetDetails を含む JSON、すべての ekmFleetDetails[].healthStatus が ACTIVE",
    healthAnswers:
      "接続エラーまたはタイムアウト: プロキシかそこへのネットワークが停止しています。解析できない応答: プロキシのソフトウェアの問題です。DEGRADED または UNAVAILABLE: 背後の外部キーマネージャーの問題です",
    vpceNeeds:
      "KMS に必要な条件 (このアカウントとリージョン {{region}}): ServiceState が Available、AcceptanceRequired が false、プリンシパル cks.kms.{{region}}.amazonaws.com が許可されている、2 つ以上のアベイラビリティーゾーンにネットワークロードバランサーがある、PrivateDnsName {{host}} が検証済み (PrivateDnsNameConfiguration.State が verified)",
    vpceChange:
      "変更するには: aws ec2 modify-vpc-endpoint-service-configuration --service-id {{id}} --no-acceptance-required; aws ec2 modify-vpc-endpoint-service-permissions --service-id {{id}} --add-allowed-principals cks.kms.{{region}}.amazonaws.com; aws ec2 start-vpc-endpoint-service-private-dns-verification --service-id {{id}}",
    keyAnswers:
      '各応答が "keySpec":"AES_256"、"keyStatus":"ENABLED" で、keyUsage に ENCRYPT と DECRYPT を含むこと。外部キーマネージャーでキーを有効化または復元してください (KMS キーを別の外部キーに移すことはできません)',
  },
  refuse: {
    line: "{{runbook}} を {{name}} ({{id}}) に計画できません: {{why}}",
    backupNotInLineage:
      "--param BackupId={{backup}} は、{{cluster}} またはその復元元のバックアップの READY なバックアップではありません (DescribeBackups で該当するものは {{count}} 個)",
    backupPredatesKey:
      "{{backup}} はキーストアの最新のキー ({{created}} に作成) より前のため、そのキーを保持できません",
    noBackupHoldsEveryKey:
      "キーストアの最新のキーの作成後に取得された {{cluster}} の READY なバックアップがなく、すべてのキーを保持するバックアップはありません。手動で復旧してください",
    noBackupFits:
      "{{cluster}} の READY なバックアップで適合するものがありません。--param BackupId=backup-... で指定してください",
    keyLoss:
      "{{backup}} は {{taken}} に取得されたもので、キーストアのキーのうち {{count}} 個 ({{names}}) はその後に作成されました。復元するとそのキーマテリアルは完全に失われます。--param BackupId で別のバックアップを指定するか、--param AcceptKeyLoss=yes で損失を了承してください",
    cannotChooseSubnets:
      "kcs はサブネットを選べません: {{why}}。クラスターの VPC 内に存在し、空きアドレスが {{needed}} 個以上あるサブネットをアベイラビリティーゾーンごとに 1 つ、--param SubnetIds=subnet-a,subnet-b で指定してください",
    namedSubnets:
      "kcs は EC2 の状態を読み取りません。存在し空きアドレスのあるサブネットをアベイラビリティーゾーンごとに 1 つ、--param SubnetIds=subnet-a,subnet-b で指定してください",
    subnetsUnknown:
      "DescribeClusters に {{cluster}} が表示されなくなったため、そのサブネットは不明です。--param SubnetIds=subnet-a,subnet-b を追加してください",
    twoAzs: "新しいクラスターには 2 つ以上のアベイラビリティーゾーンのサブネットが必要です",
    malformedSubnets:
      "--param SubnetIds の値のうち {{count}} 個がサブネット ID (subnet-0123abcd…) ではありません",
    hsmType: "--param HsmType={{hsmType}} は CloudHSM が提供する HSM タイプ ({{types}}) ではありません",
    clusterNotVisible: "クラスター {{cluster}} が見えません",
    fewerThanTwoAzs:
      "クラスターのサブネットが 2 つ未満のアベイラビリティーゾーンにしかありません。代わりに 2 つの AZ に復元してください",
    wrongStoreType:
      "ステップ {{step}} ({{action}}) は {{types}} のキーストア用ですが、このキーストアは {{type}} です",
    or: " または ",
    badInput: "ステップ {{step}} の入力 {{path}} が不正になります: {{message}}",
    noInput: "(入力なし)",
  },
};
