import { appendFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

type Load = (url: string, context: unknown) => Promise<unknown>;

export async function load(url: string, context: unknown, next: Load): Promise<unknown> {
  const out = process.env.KCS_BENCH_LOADS;
  if (out && url.startsWith("file:")) appendFileSync(out, `${fileURLToPath(url)}\n`);
  return next(url, context);
}
