import type { fix as en } from "../en/fix.js";
import type { Translation } from "../translation.js";

export const fix: Translation<typeof en> = {
  help: {
    store: "このキーストアだけ (ID または名前)。複数指定可",
    finding: "この検出結果コードだけ。複数指定可",
    includeWarnings: "--finding がないとき、警告と情報も修復する (デフォルト: エラーだけ)",
    dryRun: "計画を表示し、何も変更しない (ステップがあれば終了ステータス 2)",
    probe:
      "kcs doctor --probe と同じく診断する (Enabled と表示されるがバッキングキーを失ったキーなど、暗号化呼び出しでしかわからないこと)",
    cache:
      "各キーがどのキーストアにあるかと、カスタムキーストアの DeleteKey イベントを記憶する (状態フォルダー、アカウントとリージョンごと)。次回は新しいキーとカスタムキーストアのキーだけを describe し、CloudTrail は記憶した以降だけを読む。--no-cache はすべてを読み、キャッシュには触れない",
    out: "計画を JSON としてこのファイルにも書き出す (--plan 用の kcs-plan。-o の表示とは無関係)",
    plan: "保存した計画を実行する (その後に現在の状態が変わっていれば拒否)",
    yes: "確認せずに計画を承認する (HSM の手動の手順は、それぞれ完了時に引き続き確認します)",
    stopBeforeManual:
      "計画を最初の HSM の手動の手順の手前まで実行し、終了ステータス 3 で停止する (変更作業を分割する場合)",
    samePassword:
      "複数のキーストアのクラスターに 1 つの新しい kmsuser のパスワードを使うことを許可する (デフォルト: 1 回の実行で 1 つのキーストア)",
    passwordStdin: "kmsuser の新しいパスワードを標準入力から読む",
    xksCredentialStdin:
      "KMS に伝える XKS プロキシの認証情報を標準入力から 1 行 ACCESS_KEY_ID:SECRET_ACCESS_KEY として読む (なければ KCS_XKS_ACCESS_KEY_ID と KCS_XKS_SECRET_ACCESS_KEY、それもなければ非表示のプロンプト)",
    param:
      "ランブックのパラメータ NAME=VALUE (BackupId、SubnetIds、HsmType、AcceptKeyLoss=yes、XksProxyUriPath、XksProxyUriEndpoint)。複数指定可",
    pollInterval: "待機中のポーリング間隔 (デフォルト: aws では 15s、sim では 200ms)",
    timeout: "各待機の最長時間 (デフォルト: 各ステップ自身の値)",
    maxTime:
      "実行全体の最長時間。読み取り、再試行、待機を含む (手動の手順に人がかけた時間は数えない)。実行はステップの間で停止し、後の kcs fix が続きから実行する",
    hsmHook:
      "aws バックエンド: HSM の手動の手順ごとに、確認する代わりにこのプログラムを実行する (アクションは引数、入力は KCS_STEP_INPUT、パスワードは標準入力)",
    roleArn:
      "この IAM ロールのアカウントも修復する (SDK の認証情報プロバイダーで引き受けます)。複数指定可 (各アクションはそれぞれのアカウントの認証情報で実行)",
    externalId: "--role-arn とともに: ロールの信頼ポリシーが求める外部 ID",
    roleSessionName: "--role-arn とともに: セッション名 (デフォルト kcs)",
    allRegions: "各アカウントで有効なすべてのリージョンについて計画する",
    exampleMarkdown: "変更レビュー用の計画",
    exampleAllRegions: "有効なすべてのリージョンを 1 つの計画に",
    exampleYes: "doctor が見つけたすべてのエラーを修復",
    exampleOut: "レビュー用に計画を保存",
    exampleSsm: "計画を SSM Automation ドキュメント (YAML) として",
    examplePlan: "レビュー済みの計画を実行",
    exampleSnapshot: "保存したスナップショットから計画 (AWS の呼び出しなし)",
    epilogue:
      "終了ステータス: 0 対象の検出結果がなくなった (または実行することがない)。2 --dry-run がステップのある計画を作成した。3 HSM の手動の手順の手前で停止した (--stop-before-manual)。1 それ以外 (メッセージに再開方法が示されます)。",
  },
  confirmNeeded:
    "kcs fix はキーストアを変更します。端末なしで実行するには --yes を付けてください (計画を見るだけなら --dry-run)。",
  noAutomation: "kcs: 修復するものがないため、Automation ドキュメントは書き出していません。\n",
  passwordPrompt: "kmsuser の新しいパスワード: ",
  stdinOneSecret:
    "標準入力で渡せる秘密は 1 つだけです。kmsuser のパスワードか XKS プロキシの認証情報のどちらかを環境変数で渡してください。何も変更していません。",
  nothingChanged: "何も変更していません。",
  done: "完了しましたか? [y/N] ",
  notConfirmed: "オペレーターが手動の手順の完了を確認しなかったため、ここで停止します。",
  notFindingCode:
    "--finding {{code}} は検出結果コードではありません。kcs doctor -o json で一覧を表示できます。",
  samePasswordNeeded:
    "この計画は {{count}} 個のキーストアのクラスター ({{stores}}) に 1 つの新しい kmsuser のパスワードを設定します。キーストアごとに別のパスワードで kcs fix --store NAME を実行するか、--same-password を付けてください。何も変更していません。",
  oneProxyCredential:
    "この計画は {{count}} 個の外部キーストア ({{stores}}) に 1 つのプロキシの認証情報を伝えます。キーストアごとに、そのプロキシの認証情報で kcs fix --store NAME を実行してください。何も変更していません。",
  apply_other: "この計画を {{count}} 件のキーストアのアクションに実行しますか? [y/N] ",
  manualStep: "手動の手順: {{what}}",
  legacy: "  旧形式: {{commands}}",
  manualNoTerminal:
    "この計画には人にしかできない手動の手順が {{count}} 件あります (HSM または XKS プロキシ上。最初: {{first}})。それを確認する端末がありません。端末で kcs fix を実行するか、--hsm-hook PROGRAM を指定するか、--stop-before-manual を付けて最初の手動の手順の手前まで実行してください (終了ステータス 3)。何も変更していません。",
  task: {
    action: "{{runbook}} ({{name}} ({{id}}) に適用)",
    left: " (残り最大 {{duration}})",
  },
  result: {
    nothing: "修正するものはありません{{person}}。",
    needsPerson: "。人の対応が必要なもの: {{codes}}",
    notInPlan: "この計画に含まれないもの: {{note}}。",
    fixedOn: "{{name}} の {{codes}}",
    fixed: "修正しました: {{fixed}}。kcs doctor でも確認済みです。",
    created: "作成したリソース: {{resources}}。",
    md: {
      fixed: "## kcs fix: 修正済み",
      nothing: "## kcs fix: 修正するものなし",
      notFixed: "## kcs fix: 未修正",
      where: "バックエンド {{backend}}、リージョン {{region}}。",
      store: "キーストア",
      runbook: "ランブック",
      step: "ステップ",
      status: "ステータス",
      detail: "詳細",
      newFindings: "実行開始後に新たに見つかったもの: {{codes}}。",
      keysNoLongerEnabled: "Enabled だったが現在はそうでないキー: {{keys}}。",
      stillFound: "まだ見つかるもの: {{codes}}。",
      notInPlan: "> **この計画に含まれないもの:** {{note}}。",
      needsPerson: "人の対応が必要: {{codes}}。",
    },
  },
  saved: {
    otherBackend:
      "{{path}} は {{savedRegion}} の {{savedBackend}} 用に作成されたもので、{{region}} の {{backend}} 用ではありません。何も変更していません。",
    noBasis:
      "{{path}} は基準のフィンガープリントなしで {{id}} に作用します。kcs が作成した計画ではありません。何も変更していません。",
    stale:
      "{{path}} は古くなっています: 計画の作成後に {{ids}} が変わりました。何も変更していません。kcs fix --dry-run で新しい計画を作成してください。",
    differs:
      "{{path}} は、同じ検出結果に対して kcs が現在作成する計画と一致しません ({{differs}} で異なります)。編集されたか、別の kcs が作成したものです。何も変更していません。kcs fix --dry-run で新しい計画を作成してください。",
  },
  incompleteRead:
    "kcs fix には完全な診断が必要ですが、{{call}} が失敗しました ({{code}}: {{message}})。何も変更していません。kcs doctor で失敗したすべての読み取りを確認できます。",
  findingAbsent:
    "--finding {{codes}}: 選択したキーストアには現在その検出結果がありません。doctor が見つけたのは {{instead}} です。何も変更していません (doctor --probe が見つけた検出結果には kcs fix --probe が必要です)。",
  instead: {
    nothing: "選択したキーストアでは何も見つかりません",
    onStore: "{{name}} の {{codes}}",
    more: "、ほか {{count}} 個のキーストアの検出結果 (kcs doctor)",
  },
  flags: {
    planAndDryRun:
      "--plan は保存した計画を実行し、--dry-run は計画を作成します。どちらか一方を使ってください。",
    shapes:
      "{{flag}} は新しい計画を形作るもので、--plan は保存した計画を作成時のまま実行します。{{flag}} を外すか、kcs fix --dry-run ... --out PLAN.json で新しい計画を作成してください。",
    hookOnSim:
      "--hsm-hook は --backend aws 用です。シミュレーターでは、シミュレートされた HSM オペレーターが手動の手順を行います。--hsm-hook を外すか、--backend aws を付けてください。",
  },
  problem: {
    stoppedBeforeManual:
      "--stop-before-manual の指定どおり、{{name}} の {{runbook}} の手動の手順 {{step}} の手前で停止しました ({{message}})。キーストアは {{state}} です。{{where}}で実行してください: {{commands}}。その後、端末で kcs fix を再実行して完了を確認してください (または --hsm-hook を指定)。現在の状態から続行します。",
    onProxy: "XKS プロキシ側",
    onHsm: "HSM 上",
    gone: "存在しません",
    // 和文は文の間を空けない。
    nowState: "キーストアは現在 {{state}}{{code}} です。",
    resume: "kcs fix を再実行すると現在の状態から続行します。",
    resumeSaid: "kcs fix を再実行",
    hint: "{{hint}}",
    cannotConfirmRead: "確認できません: {{call}} が失敗しました ({{code}})",
    cannotConfirmReadHint: "読み取りができるようになってから kcs doctor を実行してください。",
    cannotConfirmBlind: "確認できません: {{blind}}",
    cannotConfirmBlindHint: "その認証情報で kcs fix を再実行してください。",
    stepFailed:
      "{{name}} の {{runbook}} のステップ {{step}} が失敗しました: {{message}}。{{where}}{{hint}}{{resume}}",
    blind: "ステップは実行されましたが、{{blind}}。",
    unconfirmed:
      "ステップは実行されましたが、{{call}} が失敗したため ({{code}})、kcs は修復を確認できません。読み取りができるようになったら kcs doctor を実行してください。",
    newCodes: "以前はなかった {{codes}}",
    lostKeys: "以前は Enabled だったが現在はそうでないキー {{count}} 個 ({{keys}})",
    and: "、および ",
    left: "ステップは実行されましたが、{{what}} が残りました。修正されていません。何よりも先に kcs doctor で証拠を確認してください。",
    stillFinds:
      "ステップは実行されましたが、kcs doctor はまだ {{codes}} を見つけます。kcs doctor で証拠を確認してください。",
  },
  input: {
    needed: "{{noun}}が必要です。{{flag}} を付けてパイプで渡すか、{{env}} を設定してください。",
    password: "パスワード",
    passwordRule: "ASCII の英数字 7～32 文字",
    invalid:
      "{{source}} から渡された{{noun}}は無効です: {{says}}である必要があります。何も変更していません。",
    proxyKeyIdPrompt: "XKS プロキシのアクセスキー ID: ",
    proxySecretPrompt: "XKS プロキシのシークレットアクセスキー: ",
    proxyNeeded:
      "XKS プロキシの認証情報が必要です。--xks-credential-stdin を付けて ACCESS_KEY_ID:SECRET_ACCESS_KEY をパイプで渡すか、{{idEnv}} と {{secretEnv}} を設定してください。",
    proxyInvalid:
      "{{from}} から渡された XKS プロキシの認証情報は無効です: {{refused}} (値は表示しません)。何も変更していません。",
  },
  param: {
    unknown:
      "--param には NAME=VALUE を指定します (NAME は {{names}} のいずれか)。指定されたのは {{got}} です。",
    somethingElse: "それ以外のもの (秘密かもしれないため表示しません)",
    invalid:
      "--param {{name}} には{{takes}}を指定します。指定された値はそうではありません (値は表示しません)。何も変更していません。",
    twice: "--param {{name}} が 2 回指定されています。1 回だけ指定してください。",
    takes: {
      BackupId: "CloudHSM のバックアップ ID (backup-…)",
      SubnetIds: "カンマ区切りの異なるサブネット ID (subnet-…) 1～10 個",
      AcceptKeyLoss: "yes (キーマテリアルの喪失を受け入れる)",
      HsmType: "hsm1.medium または hsm2m.medium (HSM タイプ)",
      XksProxyUriPath: "/ で始まり /kms/xks/v1 で終わるパス (例: /example/kms/xks/v1)",
      XksProxyUriEndpoint: "https:// とホスト名 (パスなし。例: https://xks.example.com)",
    },
  },
  store: {
    empty: "--store にはキーストアの ID または名前を指定します。空の値が指定されました。",
    tooLong:
      "--store には 256 文字以内のキーストアの ID または名前を指定します。指定されたのは {{length}} 文字です。",
    control: "--store に制御文字が含まれています。キーストアの ID または名前を指定してください。",
  },
  planFile: {
    cannotRead: "計画 {{path}} を読み取れません: {{why}}。",
    notJson:
      "{{path}} は kcs の計画ではありません (JSON ではありません)。作成するには: kcs fix --dry-run --out {{path}}",
    schemaVersion:
      "{{path}} は schemaVersion {{found}} の kcs の計画です。この kcs が適用できるのは schemaVersion {{applies}} です。計画を作り直してください。",
    invalid:
      "{{path}} は有効な kcs の計画ではありません ({{field}}: {{message}})。作成するには: kcs fix --dry-run --out {{path}}",
    notOurs:
      "{{path}} は kcs が作る計画ではありません ({{problem}})。何も変更していません。kcs fix --dry-run で計画を作り直してください。",
    cannotWrite: "計画を {{path}} に書き込めません: {{why}}。",
  },
  ledgerDamaged:
    "kcs の台帳 {{path}} が壊れています ({{field}}): バックアップから戻すか、kcs がこれまでの操作 (kmsuser のログイン失敗、移行中のクラスター) を忘れてよければ別の場所へ移してください。",
  ssm: {
    noSteps: "計画に手順がありません: 書き出す Automation ドキュメントはありません。",
    severalPlaces:
      "Automation ドキュメントは 1 つのアカウントとリージョンで実行されますが、この計画は {{count}} か所にまたがります: リージョンとアカウントごとに作成してください (kcs fix --dry-run --region REGION -o ssm-automation)。",
    onlyPlans:
      "-o ssm-automation は計画を SSM Automation ドキュメントとして書き出します: kcs fix --dry-run と一緒に使ってください。",
  },
  fleet: {
    oneTarget:
      "{{flag}} は 1 つのアカウントとリージョン用です。--region を 1 つ (--profile は 1 つまで、--role-arn なし) にして kcs fix を実行してください。",
    noStore:
      "読み取った {{count}} 個のアカウントとリージョンに、ID または名前が '{{selector}}' のカスタムキーストアはありません (kcs doctor ですべて一覧表示できます)。",
    ambiguous:
      "'{{selector}}' は複数のアカウントとリージョンのキーストアに当てはまります ({{where}})。キーストアの ID を指定するか、--region と --role-arn をそのいずれかに絞ってください。",
    findingAbsent:
      "--finding {{code}}: 読み取ったどのアカウントとリージョンでも、選択したキーストアにその検出結果はありません (kcs doctor でそれぞれの検出結果を確認できます)。",
    manualNoTerminal:
      "この計画には人にしかできない手動の手順が {{count}} 件あります (最初: {{first}})。それを確認する端末がありません。端末で kcs fix を実行するか、--stop-before-manual を付けてください。何も変更していません。",
    planForOne:
      "{{path}} は 1 つのアカウントとリージョン用の計画です: kcs fix --plan {{path}} に、その --region を 1 つだけ (--role-arn なし、--profile は 1 つまで) 付けて実行してください。何も変更していません。",
    planLost:
      "{{path}} は {{places}} で実行する計画ですが、そこを今は読み取れません ({{code}}): 状態を確認できません。何も変更していません。",
    planUnread:
      "{{path}} は {{places}} で実行する計画ですが、この実行ではそこを読み取りません: 計画を作成したときと同じ --region、--profile、--role-arn を指定してください。何も変更していません。",
    isFleetPlan:
      "{{path}} はフリートの計画です ({{places}}): 作成したときと同じ --region、--profile、--role-arn を指定して実行してください。何も変更していません。",
  },
  what: {
    createKmsuser: "クラスター {{cluster}} で kmsuser を作成してください",
    logoutKmsuser: "クラスター {{cluster}} で kmsuser をログアウトさせてください",
    setKmsuserPassword: "クラスター {{cluster}} で kmsuser の新しいパスワードを設定してください",
    deleteKeyMaterial:
      "クラスター {{cluster}} で、ラベルが {{label}} のキー (バッキングキー {{backingKeyId}}) を削除してください",
    verifyKeyMaterial:
      "クラスター {{cluster}} に {{count}} 個のラベルそれぞれのキーがあることを確認してください",
    proxyTls: "{{host}} の XKS プロキシの TLS 設定を修正してください",
    proxyAuthorization: "{{host}} の XKS プロキシの認可ルールで KMS を許可してください",
    proxyHealth: "{{host}} の XKS プロキシを到達可能・高速・正常な状態にしてください",
    vpcEndpointService: "XKS プロキシの VPC エンドポイントサービス {{service}} を修正してください",
    externalKeys_other: "外部キーマネージャーで外部キー {{keys}} を使用可能にしてください",
  },
  hook: {
    cannotRun: "--hsm-hook {{hook}} を実行できません: {{message}}",
    timedOut: "--hsm-hook {{hook}} {{action}} が実行の --max-time 内に終わらなかったため、停止しました",
    done: "--hsm-hook が実行済み{{last}}",
    exited: "--hsm-hook {{hook}} {{action}} が終了コード {{code}} で終了しました{{last}}",
    confirmed: "オペレーターが確認済み",
  },
  lock: {
    held: "別の kcs ({{command}}、{{host}} の pid {{pid}}、{{since}} から) がこのアカウントとリージョンを変更中です。終わるまで待ってください。何も変更していません。",
    heldUnknown:
      "別の kcs が {{path}} を保持しています。終わるまで待ってください (kcs が実行されていなければファイルを削除してください)。何も変更していません。",
    contended: "ロック {{path}} を取得できません。別の kcs が取得し続けています。何も変更していません。",
  },
  retry: {
    lostAnswer:
      "応答が失われ ({{code}})、AWS がリソースを作成したかどうかを kcs が確認できなかったため ({{lookCode}})、再送しません",
    lostAnswerHint: "kcs fix を再実行してください。何かを作成する前に、この実行が作成したものを見つけます。",
  },
  xks: {
    both: "XKS プロキシを調べるには {{idEnv}} と {{secretEnv}} の両方を設定するか、どちらも設定しないでください。",
    badId: "{{idEnv}} は XKS のアクセスキー ID ではありません (A-Z と 2-7 の 20～30 文字)。",
    badLine:
      "標準入力の {{line}} 行目が ACCESS_KEY_ID:SECRET ではありません (アクセスキー ID は A-Z と 2-7 の 20～30 文字)。秘密を含むかもしれないため、その行は表示しません。",
    emptyStdin: "--xks-credential-stdin が指定されましたが、標準入力に認証情報がありませんでした。",
    secretPrompt:
      "XKS プロキシの認証情報 {{id}} のシークレットアクセスキー (空ならそのプロキシを調べません): ",
  },
};
