import type { sim as en } from "../en/sim.js";
import type { Translation } from "../translation.js";

export const sim: Translation<typeof en> = {
  command: {
    scenarios: "同梱のシナリオの一覧を表示する",
    init: "シミュレーターのワールドをシナリオの新しいコピーで置き換える",
    status: "シミュレーターのワールドの概要: キーストア、クラスター、HSM、キー、時刻",
    serve:
      "シミュレーターを HTTP (AWS JSON 1.1) で提供する (--endpoint-url を使うクライアントと aws CLI 向け)",
    exportTrail:
      "ワールドの CloudTrail を、証跡が S3 に配信する形で書き出す (gzip 圧縮のログファイル、90 日より古いイベントも含む)",
    hsm: "オペレーターが CloudHSM CLI で行うように HSM を操作する",
    act: "AWS コンソールで人が行うように操作する: キーストアの切断と接続、kmsuser パスワードの設定、HSM やクラスターの削除",
    faults:
      "ワールドの障害を表示・変更する: レイテンシー、一時的なエラー、クォータ、接続の失敗、アクセス拒否",
    advance: "シミュレーターの時刻を進め (例: 20m)、その間に完了するものを完了させる",
  },
  demandCommand:
    "sim のコマンドを指定してください: scenarios、init、status、serve、export-trail、hsm、act、faults、advance のいずれかです。",
  example: {
    scenarios: "すべてのシナリオを 1 行ずつ",
    scenariosJson: "それぞれが示す検出結果も含めて",
    initInvalidCredentials: "kmsuser のパスワードが間違っているキーストア",
    initFleet: "壊れたキーストアが複数。概要を JSON で",
    status: "ワールドの現在の内容",
    statusJson: "同じ内容を JSON で",
    serve: "Ctrl-C まで、ワールドをポート 4566 で提供する",
    servePort0: "空いているポートで (URL が表示されます)",
    exportTrail: "続けて: kcs doctor --cloudtrail-dir trail",
    advance: "20 分の待ち (クラスターの復元) を完了させる",
    start: "シナリオから始める",
    simStatus: "シミュレーターのワールドの現在の内容",
    faults: "有効な障害を表示する",
    faultsSlow: "遅く、ときどき失敗する応答",
    faultsDeny: "CloudTrail へのアクセスなしで doctor を試す",
    faultsClear: "正常なワールドに戻す",
  },
  flag: {
    scenario: "開始するシナリオ (kcs sim scenarios で一覧を表示)",
    scenarioMissing: "シナリオを指定してください: --scenario NAME (kcs sim scenarios で一覧を表示)",
    force: "kcs のワールドでないファイルでも置き換える",
    port: "TCP ポート (0 で空いているポートを選ぶ)",
    host: "待ち受けるアドレス (指定しなければループバック)",
    xksPort:
      "ワールドのシミュレートされた XKS プロキシの TCP ポート (デフォルト: --port + 1、--port が 0 なら 0)",
    dir: "AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/ を書き込むフォルダー (なければ作成)",
    dirMissing: "フォルダーを指定してください: --dir DIR",
    duration: "進める時間: 250ms、15s、20m、1h、7d",
    durationMissing: "進める時間を指定してください: kcs sim advance DURATION (例: 20m、2h)。",
    latency: "呼び出しごとに加えるレイテンシー (例: 50ms)",
    errorRate: "一時的な 5xx で答える呼び出しの割合 (0-1)",
    quotas: "AWS のリクエストクォータを適用する (ThrottlingException)",
    connectFailure: "接続がこのコードで FAILED に終わる (none で解除)",
    deny: "service:Operation を AccessDenied で拒否する",
    lostAnswerRate: "AWS が処理した後に応答が失われる変更の割合 (0-1)",
    resetRate: "AWS が応答した後に接続がリセットされる呼び出しの割合 (0-1)",
    hangRate: "応答が --hang の間保留される呼び出しの割合 (0-1)",
    hang: "保留された応答が待つ時間 (デフォルト 5s)",
    materialLossNotice:
      "元のキーがなくなったキーが、まだ Enabled と読める時間 (デフォルト 30m。その間は暗号化オペレーションだけが失敗します)",
    clear: "最初にすべての障害を取り除く",
  },
  serveEpilogue:
    "その間に、別のターミナルで:\n  kcs --backend aws --endpoint-url http://127.0.0.1:4566 --region eu-west-1 doctor\n\nワールドの XKS プロキシは、--xks-port の平文 HTTP で XKS プロキシ API (SigV4、サービス kms-xks-proxy) に答えます。\nHost ヘッダーがプロキシ (キーストアの XksProxyUriEndpoint のホスト) を指定します。例:\n  POST http://127.0.0.1:4567/<prefix>/kms/xks/v1/health  Host: xks.partner.example.com を付けて",
  error: {
    noScenario: "シナリオ '{{name}}' はありません。次のいずれかを選んでください: {{names}}。",
    notAWorld:
      "{{path}} は存在しますが、使える kcs のワールドではありません。置き換えるには --force を付けてください。",
    dirIsFile:
      "--dir {{dir}} はファイルです: ログファイルを置くフォルダーを指定してください (なければ作成します)。",
    port: "{{flag}} には 0-65535 を指定します。指定値: {{value}}。",
    listen: "{{host}}:{{port}} で待ち受けできません: {{reason}}。別の --port を選んでください。",
    listenXks:
      "XKS プロキシ用に {{host}}:{{port}} で待ち受けできません: {{reason}}。別の --xks-port を選んでください。",
    fraction: "{{flag}} には 0 から 1 までの割合を指定します。指定値: {{value}}。",
    connectFailure: "--connect-failure には ConnectionErrorCode か none を指定します。指定値: {{code}}。",
    deny: "--deny には service:Operation (例: cloudtrail:LookupEvents) を指定します。指定値: {{value}}。",
  },
  done: {
    init: "シナリオ {{name}} を {{path}} に作成しました: カスタムキーストア {{stores}} 個、クラスター {{clusters}} 個、KMS キー {{keys}} 個。",
    next: "次: kcs doctor",
    exportTrail:
      "{{dir}}/AWSLogs の下に CloudTrail ログファイル {{files}} 個 (イベント {{events}} 件) を書き込みました (kcs doctor --cloudtrail-dir {{flagDir}} で読めます)。",
    serving:
      "シミュレーターのワールド {{path}} を {{url}} で提供しています (KMS、CloudHSM v2、CloudTrail、AWS JSON 1.1)",
    xks: "XKS プロキシは {{url}} です: Host ヘッダーで選んでください ({{hosts}})。認証情報はワールドファイルの xksProxies[].credential にあります。",
    xksNone: "XKS プロキシは {{url}} です (このワールドにはまだありません)。",
    try: "試す: aws --endpoint-url {{url}} --region eu-west-1 kms describe-custom-key-stores",
    stop: "Ctrl-C で停止します。",
    faults: "障害: {{faults}}",
    advanced: "シミュレーターの時刻は {{now}} になりました。",
  },
  status: {
    world: "シミュレーターのワールド",
    where: "アカウント {{account}}、{{region}}、{{now}} (時刻は {{scale}} 倍速)",
    stores: "カスタムキーストア",
    storeColumns: { name: "名前", type: "種類", state: "接続状態", cluster: "クラスター", keys: "キー" },
    external: "外部",
    noCode: "(コードなし)",
    until: " {{time}} まで",
    none: "なし",
    clusters: "CloudHSM クラスター",
    clusterColumns: {
      state: "状態",
      keyMaterial: "キーマテリアル",
      backups: "バックアップ",
    },
    hsmOk: "正常",
    missing: "なし",
    locked: "ロック中",
    loggedIn: "ログイン中 ({{session}})",
    ok: "正常",
    failedLogins: "正常 (ログイン失敗 {{count}} 回)",
    subnets: "サブネット",
    subnetsWhy: "  (クラスターを移すときに --param SubnetIds で指定できるもの)",
    subnetColumns: { free: "空き IP", usedBy: "使用元" },
    totals:
      "デフォルトのキーストアのキー {{defaultKeys}} 個 · バックアップ {{backups}} 個 · CloudTrail イベント {{events}} 件 (読み取り {{reads}} 件)",
    faults: " · 障害: {{faults}}",
  },
  fault: {
    quotasOn: "クォータ有効",
    quotasOff: "クォータ無効",
    latency: "レイテンシー {{ms}}ms",
    transient: "一時的なエラー {{percent}}%",
    connectFailure: "接続が {{code}} で失敗",
    accessDenied: "アクセス拒否: {{operations}}",
    lostAnswers: "処理後に応答が失われる {{percent}}%",
    resets: "接続のリセット {{percent}}%",
    held: "応答の保留 {{ms}}ms {{percent}}%",
    materialLoss: "失われたキーマテリアルは {{duration}} 後に使用不可 (Unavailable) と表示",
  },
  scenarios: {
    scenario: "シナリオ",
    description: "説明",
    start: "開始するには: kcs sim init --scenario NAME",
    mdScenario: "シナリオ",
    mdShows: "内容",
    mdFinds: "doctor の検出結果",
    mdNothing: "なし",
  },
  statusMd: {
    heading: "シミュレーターのワールド {{scenario}}",
    where: "アカウント {{account}}、リージョン {{region}}、{{now}} (時刻は {{scale}} 倍速)。",
    storeColumns: {
      store: "キーストア",
      name: "名前",
      state: "接続状態",
      cluster: "クラスター",
      keys: "キー",
    },
    noCode: "コードなし",
    clusterColumns: { cluster: "クラスター", state: "状態" },
    loggedIn: "ログイン中",
  },
  act: {
    none: "なし",
    noStore:
      "ID または名前が '{{name}}' のカスタムキーストアはありません。ワールドにあるのは {{known}} です。",
    noHsm: "HSM '{{hsm}}' を持つクラスターはありません。ワールドにあるのは {{known}} です。",
    noCluster: "クラスター '{{cluster}}' はありません。ワールドにあるのは {{known}} です。",
    noProxy:
      "'{{name}}' に応答するシミュレーターの XKS プロキシはありません。ワールドにあるのは {{known}} です。",
    noEndpointService:
      "VPC エンドポイントサービス '{{name}}' はありません。ワールドにあるのは {{known}} です。",
    latency: "遅延の障害には --latency-ms (0 から 600000) を指定します。",
    accessKeyId: "アクセスキー ID は A-Z と 2-7 の 20 から 30 文字です。",
    secret: "シークレットは A-Z、a-z、0-9、/、+、= の 43 から 64 文字です。何も変更していません。",
    noKeyManager: "プロキシ {{proxy}} にキーマネージャー '{{ekm}}' はありません。あるのは {{known}} です。",
    refused: "AWS が {{call}} を拒否しました: {{code}}: {{message}}",
    pending: "。シミュレーター時間でおよそ {{duration}} かかります (--wait で完了を待てます)",
    called:
      "{{principal}} (コンソール) が {{target}} に対して {{call}} を呼び出しました: 状態は {{state}} です{{pending}}。",
    hsmOf: "{{cluster}} の {{hsm}}",
    next: "次: kcs sim status または kcs doctor",
    passwordInArgv:
      "set-kmsuser-password はコマンドラインでパスワードを受け取りません (シェルの履歴や ps に残るため): --password-stdin にパイプで渡すか、KCS_KMSUSER_PASSWORD を設定してください。何も変更していません。",
    onProxy: "プロキシ {{host}}",
    onService: "VPC エンドポイントサービス {{service}}",
    proxyDid: "{{principal}} が {{on}} に対して {{action}} を行いました: {{state}}。",
    proxyNext: "次: kcs sim act connect <store> または kcs doctor",
    secretPrompt: "{{what}} のプロキシのシークレットアクセスキー: ",
    secretNoun: "プロキシのシークレットアクセスキー",
    secretSays: "a-z、A-Z、0-9、/、+、= からなる 43 から 64 文字",
    passwordPrompt: "{{store}} の kmsuser パスワード: ",
    flag: {
      proxy: "XKS プロキシ。エンドポイントのホスト (xks.example.com) またはキーストアの名前で指定",
      secretStdin:
        "プロキシのシークレットアクセスキーを標準入力 (1 行目) から読む。なければ KCS_XKS_SECRET かプロンプト",
      accessKeyId: "プロキシのアクセスキー ID (A-Z と 2-7 からなる 20-30 文字)",
      store: "カスタムキーストア。ID (cks-...) または名前で指定",
      wait: "呼び出しが始めた処理の完了まで待つ (シミュレーター時間、ワールドの速度で)",
      passwordStdin: "KMS が kmsuser に使うパスワードを標準入力 (1 行目) から読む",
      password: "使用不可: コマンドラインのパスワードはシェルの履歴や ps に残ります",
      hsmId: "削除する HSM (hsm-...、kcs sim status で一覧を表示)",
      clusterId: "削除するクラスター (cluster-...)",
      fault: "起きる障害",
      latencyMs: "latency 障害のとき: 各応答にかかる時間",
      ekm: "キーマネージャーの ID (ekm-1...)",
      health: "GetHealthStatus が報告する状態",
      key: "外部キーの ID",
      service: "サービス名、ID、またはプライベート DNS 名",
    },
    command: {
      disconnect:
        "コンソールユーザーとして DisconnectCustomKeyStore を呼ぶ: KMS は kmsuser のセッションを終了し、キーは Unavailable (使用不可) になります",
      connect:
        "コンソールユーザーとして ConnectCustomKeyStore を呼ぶ: KMS はキーストアのパスワードで kmsuser としてログインします",
      setKmsuserPassword:
        "コンソールユーザーとして UpdateCustomKeyStore --key-store-password を呼ぶ (キーストアは DISCONNECTED。パスワードは標準入力、KCS_KMSUSER_PASSWORD、またはプロンプトから)",
      deleteHsm: "コンソールユーザーとして DeleteHsm を呼ぶ (HSM のクラスターは ID から探します)",
      deleteCluster:
        "コンソールユーザーとして DeleteCluster を呼ぶ (クラスターに HSM がある間は AWS が拒否します)",
      setXksCredential:
        "コンソールユーザーとして UpdateCustomKeyStore --xks-proxy-authentication-credential を呼ぶ: プロキシの認証情報を KMS に伝えます (シークレットは標準入力、KCS_XKS_SECRET、またはプロンプトから)",
      proxyFault:
        "プロキシの運用者がプロキシを壊す: unreachable、tls、latency (--latency-ms と共に)、reject-credentials、access-denied、invalid-response",
      proxyClear: "プロキシの運用者が設定した障害をすべて取り除く",
      setProxyCredential:
        "プロキシの運用者が、プロキシが受け付ける認証情報を設定する (シークレットは標準入力、KCS_XKS_SECRET、またはプロンプトから)",
      setEkmHealth: "プロキシの背後の外部キーマネージャーが ACTIVE、DEGRADED、UNAVAILABLE のいずれかになる",
      enableXksKey: "外部キーマネージャーの外部キーを有効にする",
      disableXksKey: "外部キーマネージャーの外部キーを無効にする",
      fixVpce:
        "VPC エンドポイントサービスを KMS の要件に合わせる (承諾不要、2 つのアベイラビリティーゾーン、KMS を許可、検証済みの DNS)",
    },
    example: {
      offline: "人が行うようにキーストアをオフラインにする",
      disconnect: "人が行うようにキーストアをオフラインにする",
      connect: "接続して CONNECTED か FAILED になるまで待つ",
      deleteHsm: "クラスターから HSM を 1 つ取り除く",
      deleteCluster: "HSM が残っていないクラスターを削除する",
    },
    demandCommand:
      "act のコマンドを指定してください: disconnect、connect、set-kmsuser-password、set-xks-credential、delete-hsm、delete-cluster、proxy-fault、proxy-clear、set-proxy-credential、set-ekm-health、enable-xks-key、disable-xks-key、fix-vpce のいずれかです。",
  },
  hsm: {
    whichCluster:
      "ワールドにはクラスターが {{count}} 個あります。--cluster-id で 1 つ指定してください ({{clusters}})。",
    none: "なし",
    badFilter:
      "--filter には attr.label=<KMS キーの ARN> または key-reference=<0x...> を指定します。指定値: {{text}}。",
    refused: "CloudHSM CLI のエラー: {{message}}",
    passwordPrompt: "{{user}} のパスワード: ",
    newPasswordPrompt: "{{user}} の新しいパスワード: ",
    outputWhy: "CloudHSM CLI 自身の JSON 応答",
    flag: {
      role: "HSM 上のユーザーのロール",
      clusterId: "操作する HSM のクラスター (デフォルト: 唯一のクラスター)",
      loginUser: "ログインするユーザー",
      passwordStdin: "パスワードを標準入力から読む",
      logoutUser: "セッションを終了するユーザー",
      changeUser: "パスワードを変更するユーザー",
      newPasswordStdin: "新しいパスワードを標準入力から読む",
      createUser: "作成するユーザー",
      deleteUser: "削除するユーザー",
      filter: "このラベル (KMS キーの ARN) またはキー参照を持つキーだけ",
      verbose: "ラベルだけでなく、各キーのすべての属性",
      deleteFilter: "削除するキー: attr.label=<KMS キーの ARN> または key-reference=<0x...>",
      deleteFilterMissing: "キーを指定してください: --filter attr.label=<ARN> または key-reference=<0x...>",
    },
    command: {
      user: "CloudHSM CLI のユーザーコマンド",
      login:
        "login --username NAME --role crypto-user (パスワードは標準入力、KCS_HSM_PASSWORD、またはプロンプトから)",
      logout: "logout (オペレーターの kmsuser セッションを終了)",
      key: "CloudHSM CLI のキーコマンド (先に kmsuser としてログイン)",
      changePassword:
        "user change-password --username NAME --role crypto-user (admin として。パスワードは標準入力、KCS_HSM_PASSWORD、またはプロンプトから)",
      create: "user create --username NAME --role crypto-user (admin として)",
      delete: "user delete --username NAME (admin として)",
      keyDelete:
        "key delete --filter attr.label=ARN | key-reference=0x... (ちょうど 1 つのキーに一致すること)",
    },
    example: {
      login: "kmsuser としてログインする",
      loginAsk: "同じことをパスワードを尋ねて行う",
      logout: "kmsuser のセッションを終了する",
      userList: "HSM のユーザー (kmsuser を含む)",
      keyList: "kmsuser のキーとそのラベル (先にログイン)",
      users: "すべてのユーザー、そのロールとロックされているかどうか",
      deleteUser: "kmsuser を削除する (キーを所有している間は拒否されます)",
      keys: "kmsuser のすべてのキー (先にログイン)",
    },
    demandCommand: "hsm のコマンドを指定してください: user、login、logout、key のいずれかです。",
    demandUser: "user のコマンドを指定してください: list、change-password、create、delete のいずれかです。",
    demandKey: "key のコマンドを指定してください: list または delete です。",
  },
  scenario: {
    healthy:
      "2 つの AZ にまたがり HSM が 2 つあるクラスター上の、接続済みのキーストア。キー、バックアップ、問題のない CloudTrail の履歴あり",
    "store-disconnected": "2 時間前に誰かがキーストアを切断した: その中のキーはすべて Unavailable (使用不可)",
    "connection-in-progress": "1 分前に始めた再接続がまだ CONNECTING (自然に完了します)",
    "invalid-credentials":
      "キーストアが切断されている間に HSM 上で kmsuser のパスワードが変更された: 接続は INVALID_CREDENTIALS で FAILED",
    "user-locked-out":
      "自動化が古いパスワードで接続を再試行し続け、kmsuser がロックされた: USER_LOCKED_OUT で FAILED",
    "user-not-found":
      "誰も kmsuser 暗号ユーザー (CU) を作成していないクラスター上の新しいキーストア: USER_NOT_FOUND で FAILED",
    "user-logged-in":
      "オペレーターが監査のために kmsuser として HSM にログインし、ログアウトしなかった: USER_LOGGED_IN で FAILED",
    "cluster-not-found":
      "キーストアのクラスターが整理で削除された (バックアップは残っている): 再接続は CLUSTER_NOT_FOUND で FAILED",
    "no-active-hsms":
      "コスト削減のため HSM が 2 つとも削除され、2 つ目は再接続の最中だった: INSUFFICIENT_CLOUDHSM_HSMS で FAILED",
    "insufficient-hsms":
      "2 つの HSM のうち 1 つが削除された: キーストアは動作するが、2 つ目の AZ に HSM ができるまで KMS キーの作成は失敗する",
    "network-errors":
      "再接続の間、セキュリティグループの変更が KMS を遮断した (その後元に戻した): NETWORK_ERRORS で FAILED",
    "subnet-not-found":
      "HSM を取り除いた後、クラスターの 3 つ目の AZ のサブネットが削除された: 再接続は SUBNET_NOT_FOUND で FAILED",
    "insufficient-free-addresses-in-subnet":
      "他のワークロードがクラスターのサブネットの 1 つで空き IP アドレスをすべて使った: 再接続は INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET で FAILED",
    "internal-error":
      "再接続が KMS の内部エラーに当たった: INTERNAL_ERROR で FAILED (切断して再試行すれば直る)",
    "connection-failed": "再接続が ConnectionErrorCode なしで FAILED (KMS は理由を示さなかった)",
    "key-material-missing":
      "監査中に誰かが 1 つのキーの元のキーを HSM から削除した: その KMS キーは CONNECTED のキーストアで Unavailable (使用不可)",
    "orphaned-key-material":
      "キーストアが切断されている間にキーの待機期間が終わった: DeleteKey は FAILURE を報告し、キーマテリアルは孤立している",
    "old-orphaned-key-material":
      "99 日前に孤立したキーマテリアル: その DeleteKey (FAILURE) は LookupEvents の 90 日より前なので、証跡のログファイルにしか残っていない (kcs sim export-trail、doctor --cloudtrail-dir)",
    "pending-deletion-keys":
      "キーストアが切断されていて、キーのうち 2 つが削除予定 (再接続せずにキャンセルできる)",
    fleet:
      "キーストアが 6 つ (1 つは外部キーストア)、キーは数百、同時にいくつもの障害。さらに 2 つのアカウントの 3 つのリージョンにも (--all-regions、--role-arn)",
    "xks-healthy":
      "CloudHSM の基盤に加え、プロキシとキーが正常な CONNECTED の外部キーストア (プロキシの認証情報はワールドファイルの xksProxies[].credential にあります)",
    "xks-invalid-credentials":
      "パートナーが KMS に伝えずにプロキシの認証情報をローテーションした: 外部キーストアの再接続は INVALID_CREDENTIALS で FAILED (プロキシの認証情報はワールドファイルの xksProxies[].credential にあります)",
    "xks-access-denied":
      "プロキシの新しい認可ルールが KMS を拒否する: 外部キーストアの再接続は XKS_PROXY_ACCESS_DENIED で FAILED (プロキシの認証情報はワールドファイルの xksProxies[].credential にあります)",
    "xks-invalid-configuration":
      "プロキシのアップグレードで API が別のパスプレフィックスに移り、キーストアの XksProxyUriPath が誤っている: 外部キーストアの再接続は XKS_PROXY_INVALID_CONFIGURATION で FAILED (プロキシの認証情報はワールドファイルの xksProxies[].credential にあります)",
    "xks-invalid-response":
      "不具合のあるプロキシのリリースが、仕様で必須のフィールドなしで GetHealthStatus に答える: 外部キーストアの再接続は XKS_PROXY_INVALID_RESPONSE で FAILED (プロキシの認証情報はワールドファイルの xksProxies[].credential にあります)",
    "xks-tls":
      "プロキシの TLS 証明書の有効期限が切れた: 外部キーストアの再接続は XKS_PROXY_INVALID_TLS_CONFIGURATION で FAILED (プロキシの認証情報はワールドファイルの xksProxies[].credential にあります)",
    "xks-not-reachable":
      "プロキシが停止している: 外部キーストアの再接続は XKS_PROXY_NOT_REACHABLE で FAILED (プロキシの認証情報はワールドファイルの xksProxies[].credential にあります)",
    "xks-ekm-unavailable":
      "プロキシの背後の外部キーマネージャーがすべて UNAVAILABLE: 外部キーストアの再接続は XKS_PROXY_NOT_REACHABLE で FAILED (プロキシの認証情報はワールドファイルの xksProxies[].credential にあります)",
    "xks-timed-out":
      "プロキシの応答が 400 ms になり、KMS の上限 250 ms を超えた: 外部キーストアの再接続は XKS_PROXY_TIMED_OUT で FAILED (プロキシの認証情報はワールドファイルの xksProxies[].credential にあります)",
    "xks-vpce-invalid":
      "誰かがプロキシの VPC エンドポイントサービスを承諾必須にした: 外部キーストアの再接続は XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION で FAILED (プロキシの認証情報はワールドファイルの xksProxies[].credential にあります)",
    "xks-vpce-not-found":
      "VPC エンドポイントサービスの許可されたプリンシパルから KMS のプリンシパルが外された: 外部キーストアの再接続は XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND で FAILED (プロキシの認証情報はワールドファイルの xksProxies[].credential にあります)",
    "xks-degraded":
      "外部キーストアは CONNECTED だが、2 つのキーマネージャーの 1 つが DEGRADED: ヘルスプローブでしか分からない (プロキシの認証情報はワールドファイルの xksProxies[].credential にあります)",
    "xks-key-unusable":
      "外部キーストアは CONNECTED だが、外部キーの 1 つがプロキシで無効にされた: その KMS キーは Enabled と読めるが、どのオペレーションも失敗する (プロキシの認証情報はワールドファイルの xksProxies[].credential にあります)",
    "mixed-fleet":
      "CloudHSM と外部キーストアが同時に失敗: kmsuser のパスワードが手で変更され (INVALID_CREDENTIALS)、プロキシの 1 つが停止し、もう 1 つ (VPC エンドポイントサービスの背後) は遅すぎる (プロキシの認証情報はワールドファイルの xksProxies[].credential にあります)",
  },
  worldFile: {
    reinit: "kcs sim init --scenario NAME --force --sim-state {{path}} で作り直してください",
    notJson: "シミュレーターのワールド {{path}} は壊れています (JSON ではありません)。{{reinit}}",
    notAWorld: "{{path}} は kcs のシミュレーターのワールドではありません。{{reinit}}",
    version:
      "シミュレーターのワールド {{path}} のバージョンは {{found}} ですが、この kcs が読めるのはバージョン {{wanted}} です。{{reinit}}",
    incomplete: "シミュレーターのワールド {{path}} は不完全です ({{field}} がありません)。{{reinit}}",
    damaged: "シミュレーターのワールド {{path}} は {{at}} が壊れています ({{issue}})。{{reinit}}",
    root: "ルート",
    what: "シミュレーターのワールド",
    unreadable: "シミュレーターのワールド {{path}} を読み取れません: {{reason}}",
    keyFileOther: "シミュレーターのワールドのキーファイル {{file}} は別のワールドのものです。{{reinit}}",
    keyFileDamaged:
      "シミュレーターのワールドのキーファイル {{file}} がないか壊れています (ワールドのパスワードハッシュの鍵です)。{{reinit}}",
    unwritable:
      "シミュレーターのワールド {{path}} の隣に書き込めません ({{reason}}): --sim-state には kcs が書き込めるフォルダーのファイルを指定してください。",
    locked:
      "シミュレーターのワールド {{path}} は別の kcs プロセス ({{lock}}) がロックしています。終わってからもう一度実行してください。",
  },
};
