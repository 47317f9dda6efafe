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
};
