import type { Argv } from "yargs";
import type { GlobalArgs } from "../context.js";
import { makeIo } from "../io.js";
import { markdownTable, table } from "../views/table.js";

type Args = GlobalArgs & { id?: string };
const asArgs = (a: unknown) => a as Args;

async function list(args: Args) {
  const { loadRunbooks } = await import("../../remediate/runbooks.js");
  const runbooks = loadRunbooks();
  const io = makeIo(args);
  if (args.output === "json") {
    io.stdout.write(`${JSON.stringify(runbooks, null, 2)}\n`);
    return;
  }
  if (args.output === "markdown") {
    io.stdout.write(
      `${markdownTable(
        ["runbook", "fixes", "what it does"],
        runbooks.map((r) => [`\`${r.id}\``, r.findings.join(", "), r.title]),
      )}\n`,
    );
    return;
  }
  io.stdout.write(
    `${table([["RUNBOOK", "FIXES", "STEPS"].map(io.style.dim), ...runbooks.map((r) => [io.style.bold(r.id), r.findings.join(", "), String(r.steps.length)])])}\n\n${io.style.dim("kcs runbooks show ID prints every step.")}\n`,
  );
}

async function show(args: Args) {
  const { findRunbook } = await import("../../remediate/runbooks.js");
  const rb = findRunbook(String(args.id));
  const io = makeIo(args);
  if (args.output === "json") {
    io.stdout.write(`${JSON.stringify(rb, null, 2)}\n`);
    return;
  }
  const call = (s: (typeof rb.steps)[number]) =>
    s.operation ? `${s.service}:${s.operation}` : s.kind === "manual" ? "on the HSM" : "";
  if (args.output === "markdown") {
    const out = [
      `## Runbook \`${rb.id}\``,
      "",
      `**${rb.title}.** Fixes ${rb.findings.map((f) => `\`${f}\``).join(", ")}.`,
      "",
      rb.summary.trim(),
      "",
      `Reference: ${rb.reference}`,
      "",
    ];
    if (rb.parameters.length)
      out.push(
        markdownTable(
          ["parameter", "meaning"],
          rb.parameters.map((p) => [`${p.name}${p.secret ? " (secret)" : ""}`, p.description]),
        ),
        "",
      );
    out.push(
      markdownTable(
        ["#", "step", "kind", "call", "mutating", "when"],
        rb.steps.map((s, i) => [
          String(i + 1),
          s.title,
          s.kind,
          call(s),
          s.mutating ? "yes" : "no",
          s.when ?? "",
        ]),
      ),
    );
    io.stdout.write(`${out.join("\n")}\n`);
    return;
  }
  const out = [
    `${io.style.bold(rb.id)}: ${rb.title}`,
    `fixes ${rb.findings.join(", ")}`,
    "",
    rb.summary.trim(),
    "",
    io.style.dim(rb.reference),
    "",
  ];
  for (const p of rb.parameters)
    out.push(`  parameter ${io.style.bold(p.name)}${p.secret ? " (secret)" : ""}: ${p.description}`);
  if (rb.parameters.length) out.push("");
  rb.steps.forEach((s, i) => {
    out.push(
      `  ${String(i + 1).padStart(2)}. [${s.kind}] ${s.title}  ${io.style.cyan(call(s))}${s.mutating ? io.style.yellow(" (mutating)") : ""}`,
    );
    if (s.when) out.push(io.style.dim(`        when: ${s.when}`));
    if (s.timeout) out.push(io.style.dim(`        timeout: ${s.timeout}`));
    if (s.undo) out.push(io.style.dim(`        undo: ${s.undo}`));
    if (s.onFailure) out.push(io.style.dim(`        if it fails: ${s.onFailure}`));
  });
  io.stdout.write(`${out.join("\n")}\n`);
}

export function builder(y: Argv): Argv {
  return y
    .command("list", "List the runbooks and the findings each fixes", {}, async (a) => {
      await list(asArgs(a));
    })
    .command(
      "show <id>",
      "Show every step of one runbook",
      (b) => b.positional("id", { type: "string", describe: "Runbook id (kcs runbooks list)" }),
      async (a) => {
        await show(asArgs(a));
      },
    )
    .demandCommand(1, "Name a runbooks command: list or show ID.");
}
