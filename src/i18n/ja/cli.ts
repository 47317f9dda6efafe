import type { cli as en } from "../en/cli.js";
import type { Translation } from "../translation.js";

export const cli: Translation<typeof en> = {
  flag: {
    backend: "AWS API に答える相手: 同梱のシミュレーターまたは AWS (環境変数 KCS_BACKEND)",
    simState: "シミュレーターのワールドファイル (環境変数 KCS_SIM_STATE、デフォルトは .kcs/sim-world.json)",
    region: "AWS リージョン (aws バックエンド、デフォルトは SDK の設定チェーン)",
    profile: "AWS の名前付きプロファイル (aws バックエンド)",
    endpointUrl: "KMS、CloudHSM v2、CloudTrail へのリクエストをこの URL に送る (例: kcs sim serve)",
    requestTimeout:
      "aws バックエンド: AWS へのリクエスト 1 回が、再試行または失敗になるまでに待つ時間 (デフォルト 30s)",
    output: "出力形式 (ssm-automation: kcs fix --dry-run の計画を SSM Automation ドキュメントとして出力)",
    color: "TTY ではカラー表示 (--no-color で無効、NO_COLOR にも従います)",
    debug: "エラー時にスタックトレースと SDK の詳細を表示",
    lang: "kcs が表示する言語: en または ja (環境変数 KCS_LANG、なければ LC_ALL/LC_MESSAGES/LANG)。JSON のコードは英語のまま",
  },
  command: {
    doctor: "すべてのカスタムキーストアを診断する (何も変更しません)",
    fix: "doctor が見つけた問題のランブックを計画して実行する (--dry-run: 計画のみ)",
    runbooks: "kcs fix が実行できるランブックの一覧と内容を表示する",
    sim: "同梱のシミュレーター: シナリオ、ワールドの状態、HTTP サーバー、HSM オペレーター",
    completion: "シェル補完スクリプトを表示する (bash または zsh)",
  },
  tagline: "AWS CloudHSM クラスターを使う AWS KMS カスタムキーストアを診断し、修復します。",
  demandCommand: "コマンドを指定してください: doctor、fix、runbooks、sim、completion のいずれかです。",
  globalGroup: "グローバルオプション:",
  example: {
    practise: "シミュレーターの壊れたキーストアで練習する",
    doctor: "すべてのカスタムキーストアを診断する",
    dryRun: "変更レビュー用の修復計画",
    aws: "実際のアカウントを診断する (AWS の認証情報を使用)",
  },
  exitStatus: {
    heading: "終了ステータス:",
    ok: "成功。doctor は対応が必要なものを見つけませんでした",
    failed:
      "kcs は指示されたことを実行できませんでした: 使い方の誤り、不正な入力、AWS のエラー、失敗した手順",
    attention:
      "コマンドは動作し、対応が必要なものが見つかりました (doctor の検出結果、空でない dry-run の計画)",
    stopped:
      "kcs fix は、人が行う手動の手順の前で意図的に停止しました (何をしてどう再開するかはメッセージに書かれています)",
    interrupted: "中断されました",
  },
  moreHelp:
    "kcs <command> --help でコマンドのフラグと例を表示します。タブ補完の設定は kcs completion --help を参照してください。",
  interrupted: "中断されました",
  completion: {
    shell: "補完を使うシェル",
    shellDefault: "$SHELL が zsh なら zsh、それ以外は bash",
    bash: "新しく開く bash すべてでタブ補完",
    zsh: "zsh で同じことをする (compinit の後)",
    here: "このシェルだけでタブ補完",
  },
};
