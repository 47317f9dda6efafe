import { InterruptedError, UsageError } from "../core/errors.js";
import { PASSWORD_RULE, Secret } from "../core/secret.js";
import { t } from "../i18n/index.js";

export async function readStdin(stream: NodeJS.ReadStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Turns the terminal's echo off now, for a hidden prompt that comes later: what a person types while
 * kcs is still reading AWS (a password, early) is neither echoed nor kept, so it can neither show on
 * screen nor run into the answer of a later prompt. Ctrl-C still interrupts. Returns the release,
 * which leaves echo off when a hidden prompt follows at once.
 */
export function holdTypeAhead(stdin: NodeJS.ReadStream = process.stdin): (then?: "prompt") => void {
  if (!stdin.isTTY || !stdin.setRawMode) return () => undefined;
  stdin.setRawMode(true);
  let released = false;
  const onData = (chunk: Buffer | string) => {
    if (chunk.includes("\u0003")) {
      release();
      process.kill(process.pid, "SIGINT");
    }
  };
  const release = (then?: "prompt") => {
    if (released) return;
    released = true;
    stdin.off("data", onData);
    stdin.pause();
    if (then !== "prompt") stdin.setRawMode(false);
  };
  stdin.on("data", onData);
  stdin.resume();
  return release;
}

/** Asks on the terminal without echoing what is typed. */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  const stderr = process.stderr;
  return new Promise((resolve, reject) => {
    // Echo goes off before the question appears: a fast typist (or a script) must never be echoed.
    stdin.setRawMode?.(true);
    stderr.write(question);
    let value = "";
    stdin.resume();
    stdin.setEncoding("utf8");
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          done();
          resolve(value);
          return;
        }
        if (ch === "\u0003") {
          done();
          reject(new InterruptedError());
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    const done = () => {
      stdin.off("data", onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write("\n");
    };
    stdin.on("data", onData);
  });
}

export interface SecretSources {
  /** Read the secret from standard input (first line). */
  stdin: boolean;
  /** Environment variable holding it. */
  envVar: string;
  /** What the prompt asks. */
  prompt: string;
  /** The flag to name when none of the sources is available. */
  flag: string;
  /** What the value must be (default: a kmsuser password), and how to say it. */
  rule?: { pattern: RegExp; noun: string; says: string };
}

export type SecretSource = "stdin" | "env" | "prompt";

/**
 * Takes a password from --password-stdin, an environment variable, or a hidden prompt: never from
 * argv. The value is checked before anything changes, and a refused value is never echoed.
 */
export async function readPassword(src: SecretSources): Promise<{ secret: Secret; source: SecretSource }> {
  let value: string | undefined;
  let source: SecretSource;
  if (src.stdin) {
    value = (await readStdin()).split(/\r?\n/)[0] ?? "";
    source = "stdin";
  } else if (process.env[src.envVar] !== undefined) {
    value = process.env[src.envVar]!;
    source = "env";
  } else if (process.stdin.isTTY && process.stderr.isTTY) {
    value = await promptHidden(src.prompt);
    source = "prompt";
  } else {
    throw new UsageError(
      t("fix.input.needed", {
        noun: src.rule?.noun ?? t("fix.input.password"),
        flag: src.flag,
        env: src.envVar,
      }),
    );
  }
  const rule = src.rule ?? {
    pattern: PASSWORD_RULE,
    noun: t("fix.input.password"),
    says: t("fix.input.passwordRule"),
  };
  if (!rule.pattern.test(value)) {
    throw new UsageError(
      t("fix.input.invalid", {
        noun: rule.noun,
        source: source === "env" ? src.envVar : source,
        says: rule.says,
      }),
    );
  }
  return { secret: new Secret(value), source };
}
