import type { runbooks as en } from "../en/runbooks.js";
import type { Translation } from "../translation.js";

export const runbooks: Translation<typeof en> = {
  onTheHsm: "HSM 上で",
  list: {
    header: { runbook: "ランブック", fixes: "修正する検出結果", steps: "ステップ数" },
    hint: "kcs runbooks show ID ですべてのステップを表示します。",
    md: { runbook: "ランブック", fixes: "修正する検出結果", what: "内容" },
  },
  show: {
    fixes: "修正する検出結果: {{codes}}",
    parameter: "  パラメータ {{name}}{{secret}}: {{description}}",
    secret: " (秘密)",
    mutating: " (変更あり)",
    when: "        条件: {{text}}",
    timeout: "        タイムアウト: {{text}}",
    undo: "        元に戻す: {{text}}",
    onFailure: "        失敗したら: {{text}}",
    md: {
      heading: "## ランブック {{id}}",
      lead: "**{{title}}。** 修正する検出結果: {{codes}}。",
      reference: "参考: {{url}}",
      parameter: "パラメータ",
      meaning: "意味",
      step: "ステップ",
      kind: "種類",
      call: "呼び出し",
      mutating: "変更",
      when: "条件",
      yes: "あり",
      no: "なし",
    },
  },
  notFound: "ランブック '{{id}}' はありません。kcs runbooks list で一覧を表示できます。",
  help: {
    list: "ランブックと、それぞれが修正する検出結果を一覧表示",
    listExample: "すべてのランブックと、それぞれが修正する検出結果",
    listMarkdownExample: "同じ内容を変更レビュー用に",
    show: "1 つのランブックのすべてのステップを表示",
    id: "ランブック ID (kcs runbooks list)",
    showFail: "ランブックを指定してください: kcs runbooks show ID (kcs runbooks list で一覧を表示できます)。",
    showExample: "kcs fix がそのランブックで実行しうるすべてのステップ",
    showJsonExample: "同じ内容を JSON で",
    demand: "runbooks のコマンドを指定してください: list または show ID。",
    showShortExample: "1 つのランブックのすべてのステップ",
  },
};
