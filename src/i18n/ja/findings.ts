import type { findings as en } from "../en/findings.js";
import type { Translation } from "../translation.js";

export const findings: Translation<typeof en> = {
  title: {
    STORE_DISCONNECTED:
      "カスタムキーストアが切断されています: その中のすべての KMS キーが使用不可 (Unavailable) です",
    CONNECTION_IN_PROGRESS: "カスタムキーストアが接続中または切断中です",
    INVALID_CREDENTIALS:
      "KMS が kmsuser としてログインできません: キーストアの kmsuser パスワードが誤っています",
    USER_LOCKED_OUT: "ログインの失敗が多すぎたため、kmsuser がクラスターからロックアウトされています",
    USER_NOT_FOUND: "クラスターに kmsuser 暗号ユーザー (CU) がありません",
    USER_LOGGED_IN: "kmsuser がクラスターにログインしているため、KMS が接続できません",
    CLUSTER_NOT_FOUND: "キーストアの CloudHSM クラスターが削除されたか、見つかりません",
    NO_ACTIVE_HSMS: "キーストアのクラスターにアクティブな HSM がありません",
    INSUFFICIENT_HSMS:
      "異なるアベイラビリティーゾーンのアクティブな HSM が 2 つ未満です: KMS キーの作成が失敗します",
    NETWORK_ERRORS: "KMS がネットワーク経由でクラスターに到達できません",
    SUBNET_NOT_FOUND: "クラスターのサブネットが存在しなくなっています",
    INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET: "クラスターのサブネットに KMS 用の空き IP アドレスがありません",
    INTERNAL_ERROR: "KMS の内部エラーで接続が失敗しました",
    CONNECTION_FAILED: "KMS が理由を示さずに接続が失敗しました",
    XKS_PROXY_ACCESS_DENIED: "XKS プロキシの認可ルールが KMS を拒否しています",
    XKS_PROXY_INVALID_CONFIGURATION: "外部キーストアのプロキシ設定が誤っています (多くは URI パス)",
    XKS_PROXY_INVALID_RESPONSE: "XKS プロキシが KMS の使えない応答を返しました",
    XKS_PROXY_INVALID_TLS_CONFIGURATION:
      "KMS が XKS プロキシと TLS を確立できません (バージョン、証明書の有効期限、名前、発行元 CA)",
    XKS_PROXY_NOT_REACHABLE:
      "KMS が XKS プロキシに到達できないか、すべての外部キーマネージャーが使用できません",
    XKS_PROXY_TIMED_OUT: "XKS プロキシの応答が KMS の上限 250 ms より遅くなっています",
    XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION:
      "XKS プロキシの VPC エンドポイントサービスが KMS の要件を満たしていません",
    XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND: "KMS が XKS プロキシの VPC エンドポイントサービスを見つけられません",
    XKS_PROXY_DEGRADED: "XKS プロキシの背後の一部の外部キーマネージャーが劣化しているか、使用できません",
    XKS_KEY_UNUSABLE:
      "KMS キーの背後の外部キーが、見つからないか、無効か、AES-256 の暗号化/復号キーではありません",
    KEY_MATERIAL_MISSING: "接続中のキーストアの KMS キーが、クラスター上のバッキングキーを失っています",
    ORPHANED_KEY_MATERIAL: "削除された KMS キーのキーマテリアルがクラスターに残っています",
    PENDING_DELETION_KEYS: "接続されていないキーストアに削除保留中の KMS キーがあります",
    DIAGNOSER_FAILED: "チェックがクラッシュしました: 診断のその部分が欠けています",
  },
  proxyCredentialTitle: "XKS プロキシが KMS のプロキシ認証情報を拒否しました",
  detail: {
    nextSentence: "",
    diagnoserFailed: "{{name}} チェックがクラッシュしました ({{message}})。診断の残りは有効です。",
    disconnected:
      "{{name}} は DISCONNECTED です: 再び接続されるまで、KMS キー {{total}} 個のうち {{unavailable}} 個が使用不可 (Unavailable) です。",
    inProgress:
      "{{name}} は {{state}} です。接続には最大 20 分かかることがあります。対処する前にもう一度確認してください。",
    failedWithCode:
      "{{name}} の前回の接続は ConnectionErrorCode {{code}} で失敗 (FAILED) しました。KMS キー {{total}} 個のうち {{unavailable}} 個が使用不可 (Unavailable) です。FAILED のキーストアは、再び接続する前に切断する必要があります。",
    failedWithoutCode:
      "{{name}} の前回の接続は ConnectionErrorCode なしで失敗 (FAILED) しました。KMS キー {{total}} 個のうち {{unavailable}} 個が使用不可 (Unavailable) です。FAILED のキーストアは、再び接続する前に切断する必要があります。",
    unknownState: "{{name}} は kcs の知らない ConnectionState を返しています: {{state}}。",
    clusterGone:
      "クラスター {{clusterId}} は {{state}} です。このクラスターのバックアップから復元したクラスターに関連付けるまで、キーストアは接続できません。",
    clusterAbsent:
      "クラスター {{clusterId}} は DescribeClusters に返されません。このクラスターのバックアップから復元したクラスターに関連付けるまで、キーストアは接続できません。",
    noHsms:
      "クラスター {{clusterId}} に HSM がありません: KMS が接続し、キーを使うには少なくとも 1 つ必要です。",
    noActiveHsm:
      "クラスター {{clusterId}} に ACTIVE な HSM がありません: KMS が接続し、キーを使うには少なくとも 1 つ必要です。",
    insufficientHsms_other:
      "クラスター {{clusterId}} のアクティブな HSM は {{count}} 個で、すべて {{az}} にあります: KMS がキーを作成するには異なるアベイラビリティーゾーンに 2 つ必要で、AZ が 1 つ停止するとすべてのキーが使えなくなります。",
    probeFailed:
      "キーストアは CONNECTED ですが、{{operation}} が失敗しました ({{code}}: {{message}})。クラスターのセキュリティグループ (自身への TCP 2223-2225) とネットワーク ACL を確認してください。",
    missingMaterial_other:
      "キーストアは CONNECTED ですが、KMS キー {{count}} 個のバッキングキーがクラスターにありません。{{probed}}キーマテリアルをバックアップから復元するまで、これらのキーで暗号化したデータは復号できません。",
    stillEnabled_other:
      "そのうち {{count}} 個は Enabled のままですが、Encrypt が失敗します (KMS が失われたバッキングキーを Unavailable と表示するのは、しばらく後です)。",
    pendingDeletion_other:
      "KMS キー {{count}} 個が削除保留中です。キーストアが接続されていない間に待機期間が終わると、KMS はバッキングキーを削除できず、孤立したキーマテリアルになります。CancelKeyDeletion は再接続せずに使えます。",
    orphan:
      "KMS は {{eventTime}} に {{keyArn}} を削除しましたが、そのバッキングキー {{backingKeyId}}{{handle}} をクラスターから削除できませんでした。キーマテリアルは孤立しています: kmsuser として削除するまで、クラスターのキーのクォータに数えられます。",
    orphanHandle: " (キーハンドル {{keyHandle}})",
    subnetsAllExist:
      "クラスターのサブネットは現在すべて存在します (DescribeSubnets): 削除後に作り直されたか、失敗の情報が古い可能性があります。",
    subnetsMissing_other:
      "EC2 にクラスター {{clusterId}} のサブネット {{subnets}} がありません。クラスターのサブネットは変更できません: キーストアには、存在するサブネットにバックアップから復元したクラスターが必要です。",
    subnetsHaveRoom:
      "クラスターのサブネットには現在すべて空き IP アドレスがあります (DescribeSubnets): ほかに使われなければ、再接続は成功する可能性があります。",
    subnetFull: "サブネット {{subnetId}} ({{where}}) の空き IP アドレスは {{free}} 個です",
    subnetsFull:
      "{{subnets}}。KMS はクラスターの各サブネットにネットワークインターフェイスを作成するため、各サブネットに空きアドレスが 1 つ必要です。そこでアドレスを空けるか、余裕のあるサブネットにクラスターを復元してください。",
    securityGroupAbsent:
      "クラスターのセキュリティグループ {{groupId}} が存在しません (DescribeSecurityGroups): これがないと KMS は HSM に到達できません。",
    securityGroupFine:
      "セキュリティグループ {{group}} は、KMS に必要な自身との TCP 2223-2225 のインバウンドとアウトバウンドを許可しています: 失敗は一時的なものか、グループの外 (ネットワーク ACL、ファイアウォール) にあります。",
    securityGroupLacks_other:
      "セキュリティグループ {{group}} に {{rules}} がありません: ルールが戻るまで KMS は HSM に到達できず、再接続も失敗します。",
    and: " と ",
    xksDisconnected:
      "{{name}} は DISCONNECTED です: 再び接続されるまで、KMS キー {{total}} 個のうち {{unavailable}} 個が使用不可 (Unavailable) です。切断中、KMS は XKS プロキシを呼び出しません。",
    xksInProgress:
      "{{name}} は {{state}} です。KMS が XKS プロキシを確認しています。対処する前にもう一度確認してください。",
    xksFailedWithCode:
      "{{name}} の前回の接続は ConnectionErrorCode {{code}} で失敗 (FAILED) しました。KMS キー {{total}} 個のうち {{unavailable}} 個が使用不可 (Unavailable) です。{{cause}}FAILED のキーストアは、再び接続する前に切断する必要があります。",
    xksFailedWithoutCode:
      "{{name}} の前回の接続は ConnectionErrorCode なしで失敗 (FAILED) しました。KMS キー {{total}} 個のうち {{unavailable}} 個が使用不可 (Unavailable) です。{{cause}}FAILED のキーストアは、再び接続する前に切断する必要があります。",
    xksUnknownCause:
      "切断し、プロキシのエンドポイント、パス、認証情報、ヘルスを確認してから、再び接続してください。",
    xksNotReachable:
      "kcs は {{where}} の XKS プロキシに到達できませんでした ({{operation}}: {{message}})。{{cause}}{{vpc}}",
    xksNoAnswer: "応答なし",
    xksNoEndpoint: "(エンドポイントなし)",
    xksVpcOnly:
      "このキーストアは VPC エンドポイントサービス接続を使っています: エンドポイントは VPC 内でのみ応答するため、外部からのプローブはいずれにせよ到達できません。",
    xksTimedOut:
      "{{where}} の XKS プロキシは {{operation}} に{{how}}。KMS は {{limit}} ms で打ち切ります。{{cause}}",
    xksNoAnswerWithin: " {{ms}} ms 以内に応答しませんでした",
    xksTook: " {{ms}} ms かかりました",
    xksAllManagersUnavailable:
      "{{where}} の XKS プロキシは応答しますが、すべての外部キーマネージャーが UNAVAILABLE です ({{total}} 個中 {{total}} 個): KMS はこれを到達できないプロキシとして扱います。プロキシの背後の外部キーマネージャーを確認してください。",
    xksDegraded:
      "{{where}} の XKS プロキシの背後の外部キーマネージャー {{total}} 個のうち {{count}} 個が {{statuses}} です: {{ids}}。KMS はほかのキーマネージャーで動作しますが、容量と冗長性が下がります。これらのキーマネージャーを確認してください。",
    or: " または ",
    xksKeyUnusable_other:
      "KMS キー {{count}} 個の外部キーが使用できません: {{keys}}。KMS はこれらのキーで暗号化も復号もできません: 外部キーマネージャーで外部キーを有効にするか、ENCRYPT と DECRYPT を許可された AES-256 キーであることを確認してください。",
  },
  keyProblem: {
    notFound: "プロキシに見つかりません",
    status: "{{status}} で、ENABLED ではありません",
    unknownStatus: "ステータスが不明で、ENABLED ではありません",
    spec: "{{spec}} で、AES_256 ではありません",
    unknownSpec: "キー仕様が不明で、AES_256 ではありません",
    cannot: "{{uses}} ができません",
  },
  xksCause: {
    INVALID_CREDENTIALS:
      "プロキシが、KMS が署名に使うプロキシ認証情報 (アクセスキー ID とシークレットアクセスキー) を拒否しました。キーストアの XksProxyAuthenticationCredential をプロキシが期待する値に合わせてください (切断中に UpdateCustomKeyStore)。ヘッダーを書き換えるリバースプロキシも SigV4 署名を壊します。",
    XKS_PROXY_ACCESS_DENIED:
      "プロキシ自身の認可ルールが KMS を拒否しています。プロキシの認可設定で KMS (とこのキーストア) を許可してください。",
    XKS_PROXY_INVALID_CONFIGURATION:
      "プロキシ設定が誤っています。多くは XksProxyUriPath で、プロキシが /kms/xks/v1 を提供するプレフィックスでなければなりません。パスをプロキシのドキュメントと照らし合わせてください。",
    XKS_PROXY_INVALID_RESPONSE:
      "プロキシが KMS の使えない応答を返しました。繰り返す場合はプロキシの問題です: プロキシのベンダーに報告してください。",
    XKS_PROXY_INVALID_TLS_CONFIGURATION:
      "KMS はプロキシと TLS を確立できませんでした。TLS 1.2 または 1.3 を使っていること、証明書の有効期限が切れていないこと、証明書の名前が XksProxyUriEndpoint (VPC 接続ではエンドポイントサービスのプライベート DNS 名) と一致すること、KMS の信頼リストにある CA が発行したことを確認してください。",
    XKS_PROXY_NOT_REACHABLE:
      "KMS がプロキシに到達できないか、プロキシがすべての外部キーマネージャーを UNAVAILABLE と報告しています。URI エンドポイントとパス、プロキシがポート 443 で待ち受けて動作していること、往復時間、外部キーマネージャーのヘルスを確認してください。",
    XKS_PROXY_TIMED_OUT:
      "プロキシには到達できますが、応答が KMS の上限 250 ms より遅くなりました。繰り返す場合は、プロキシとキーマネージャーの負荷とネットワーク経路を確認し、プロキシのベンダーに伝えてください。",
    XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION:
      "VPC エンドポイントサービスが KMS の要件を満たしていません: このアカウントのインターフェイスエンドポイントサービスで、少なくとも 2 つのアベイラビリティーゾーンのサブネットに Network Load Balancer があり、プリンシパル cks.kms.<region>.amazonaws.com を許可し、承諾を必要とせず、プロキシの TLS 証明書に一致する、一意で検証済みのプライベート DNS 名を持つ必要があります。",
    XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND:
      "KMS が VPC エンドポイントサービスを見つけられません: XksProxyVpcEndpointServiceName とリージョン、サービスがプリンシパル cks.kms.<region>.amazonaws.com を許可していることを確認してください。",
    NETWORK_ERRORS:
      "多くは KMS とプロキシ間の一時的なネットワークの問題です: 切断し、数分待ってから再び接続してください。",
    INTERNAL_ERROR: "KMS の内部エラーです: キーストアを切断してから、再び接続してください。",
  },
};
